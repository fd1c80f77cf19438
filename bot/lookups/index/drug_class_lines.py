"""An Index line naming the class of the drug told as a condition's cause before the line "drug induced NEC".

"dystonia from haloperidol": the Index prints "Dystonia, neuroleptic induced (acute)" G24.02 beside "Dystonia,
drug induced NEC" G24.09. Haloperidol is a neuroleptic (its Drug Table line's T code, T43.4, "butyrophenone
and thiothixene neuroleptics"), so the neuroleptic line classifies the dystonia; the NEC line is for the drugs
no other line classifies (guideline I.A.9: NEC, "not elsewhere classified"). The nature of the adverse effect
is coded first (I.C.19.e.5.a), by the line that classifies it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from bot.lookups.index.matching import PathMatch
from bot.lookups.index.words import content_stems

_NEC = re.compile(r"\bNEC\b")


def _names_class(match: PathMatch, classes: Set[str]) -> bool:
    return any(classes & content_stems(n.term) for n in match.nodes[1:])


def nec_below_class(matches: Sequence[PathMatch], classes: Set[str]) -> frozenset[int]:
    """The ranks of Index paths through an NEC line of a main term another path of which names the class of
    the drug told as the cause (`classes`: the stems of its Drug Table classes, "neuroleptic" for
    haloperidol): they give way to it."""
    if not classes:
        return frozenset()
    classed = {m.nodes[0].id for m in matches if m.book == "cm" and _names_class(m, classes)}
    return frozenset(
        rank
        for rank, m in enumerate(matches)
        if m.book == "cm"
        and m.nodes[0].id in classed
        and not _names_class(m, classes)
        and any(_NEC.search(n.term) for n in m.nodes[1:])
    )
