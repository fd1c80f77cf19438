"""An Index line that only says "specified (type) NEC" is for a kind the record names and the Index does not list;
with nothing more said it is a guess, and the main term's default (its unspecified line) is the code.

Guideline I.A.9: "NEC" (not elsewhere classified) stands for "other specified" - it is used when the record
gives a detail for which no specific code exists; when the record gives no detail the code is the unspecified
one. So "osteoporosis with pathological fracture left femur" is not "Osteoporosis, specified type NEC, with
pathological fracture, femur" (M80.85-, "Other osteoporosis ...") merely because that line's words are fillers
that cost nothing: every word of the query is read elsewhere on the path, none is left for the NEC line to
classify. A line the path was sent to by a reference ("Slipped, epiphysis - see Osteochondropathy, specified
type NEC") is the Index's own choice and is not a guess.
"""

from __future__ import annotations

import re

from bot.lookups.index.matching import PathMatch
from bot.lookups.index.words import content_stems, stem

NEC_GUESS_COST = (
    20.0  # about three of a title's unsaid words (lookup._title_unsaid): a line below the default
)
_NEC = re.compile(r"\b(?:NEC|specified)\b", re.IGNORECASE)
_FILLER_STEMS = frozenset({stem("specified"), stem("unspecified")})


def _nec_only(term: str) -> bool:
    """Whether an Index line says only "specified NEC", "specified type NEC", "other specified" and the like."""
    return bool(_NEC.search(term)) and content_stems(term) <= _FILLER_STEMS


def guessed_nec(match: PathMatch, all_said: bool) -> bool:
    """Whether the path walks through an NEC-only line of its own choosing while the query, every word of
    which the path and the code's title already read (`all_said`), names no further kind for it."""
    if not all_said or match.book != "cm":
        return False
    targets = {start for start, _ in match.jumps}
    return any(_nec_only(node.term) for i, node in enumerate(match.nodes) if i > 0 and i not in targets)
