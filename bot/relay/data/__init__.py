"""Word lists for the PHI guard, built by scripts/build_phi_words.py (see phi_words.json)."""
