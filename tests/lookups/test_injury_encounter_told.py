"""An injury's encounter told in everyday words (guideline I.C.19.a): a wound check, a dressing change or
therapy for the injury is a subsequent encounter (D); a condition left by an old injury ("leftover effects",
"still bothering me years later") is its sequela (S) (bot.lookups.index.injury_words; issue #10). Queries are
made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("right forearm laceration, wound check", "S51.811D"),
        ("abrasion of left knee, dressing change", "S80.212D"),
        ("left ankle sprain, here for physical therapy", "S93.402D"),
        ("leftover effects of a broken left wrist", "S62.102S"),
        ("old left knee sprain still bothering me years later", "S83.92XS"),
    ],
)
def test_the_encounter_told_in_everyday_words(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
