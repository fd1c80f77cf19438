"""An Index line marked NEC ("not elsewhere classified") gives way to the line of the same main term that
does classify what the query says.

"Nevus, specified site NEC - see Neoplasm, benign, by site" is read only for a site no subterm of Nevus names:
"Nevus, skin, face" (D22.3-, melanocytic) classifies a nevus of the face's skin, so "face skin nevus" is
D22.39, not the Neoplasm Table's D23.30 the NEC line's reference leads to. A coder never follows an NEC line's
"see" to a site another line under the same main term prints; the Tabular title the reference reaches may
share more of the query's words, but it is the wrong category.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookups.index.matching import PathMatch

NEC_YIELD_COST = 100.0  # the NEC line is no reading at all when another line classifies the words
_NEC = re.compile(r"\bNEC\b")


def _nec_reference(match: PathMatch) -> bool:
    """Whether the path follows a "see" reference of an NEC line of its main term's own subterms."""
    if not match.via:
        return False
    return any(n.see and _NEC.search(n.term) for n in match.nodes[1:])


def yielding(matches: Sequence[PathMatch]) -> frozenset[int]:
    """The ranks of the paths through an NEC line's reference whose every used word a path of the same main
    term, through its own lines and no reference, uses too (their answers give way to that path's)."""
    direct: dict[int, list[frozenset[int]]] = {}
    for match in matches:
        if not match.via and match.nodes:
            direct.setdefault(match.nodes[0].id, []).append(match.covered)
    if not direct:
        return frozenset()
    return frozenset(
        rank
        for rank, match in enumerate(matches)
        if match.nodes
        and _nec_reference(match)
        and any(match.covered <= covered for covered in direct.get(match.nodes[0].id, ()))
    )
