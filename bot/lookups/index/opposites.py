"""A line naming the level opposite to the one the query says ("below knee" for "above knee amputation").

"Above" and "below" a joint are different sites (Z89.61- leg above knee, Z89.51- leg below knee): a line
saying one of them when the query says only the other is contradicted, not a deeper match of "knee". The same
holds of the other pairs the Index divides a part by: the small and the large intestine ("Enteritis, regional,
large bowel" is no line for "Crohn's of the small bowel" however it holds "bowel"), upper and lower, anterior
and posterior, proximal and distal, internal and external, superior and inferior.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.lookups.index.words import stem

_PAIRS = (
    ("above", "below"),
    ("small", "large"),
    ("upper", "lower"),
    ("anterior", "posterior"),
    ("proximal", "distal"),
    ("internal", "external"),
    ("superior", "inferior"),
)
OPPOSITES: dict[str, str] = {
    **{stem(a): stem(b) for a, b in _PAIRS},
    **{stem(b): stem(a) for a, b in _PAIRS},
}


def says_opposite_level(term_stems: Collection[str], said: Collection[str]) -> bool:
    """Whether a term names a level ("below") whose opposite ("above") the query says while it does not
    say the term's own."""
    return any(
        s in OPPOSITES and s not in said and OPPOSITES[s] in said and OPPOSITES[s] not in term_stems
        for s in term_stems
    )
