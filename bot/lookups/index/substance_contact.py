"""A substance that came in contact with the person, read as a toxic effect (T51-T65).

"Formaldehyde exposure in the anatomy lab", "farm worker exposed to malathion spray", "hydrogen sulfide gas
exposure at sewer job": the Tabular's block T51-T65 is "Toxic effects of substances chiefly nonmedicinal as to
source", and guideline I.C.19.e.5.b codes a harmful substance taken in or come in contact with as its toxic
effect, accidental when no intent is said. A coder finds the substance in the Table of Drugs and Chemicals and
takes its accidental column - unless the Index's own Exposure / Contact line names the substance ("asbestos
exposure": Exposure, asbestos, Z77.090), or the substance is a medicine or a germ (no toxic effect).

A "(medicinal)" Table line told as a farm, garden or household chemical ("Malathion (medicinal)") is read at
its subterm of the other use ("insecticide", "nonmedicinal"), the line the Table prints for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# A subterm's words that tell a "(medicinal)" line's other use.
_OTHER_USE = re.compile(
    r"\b(?:nonmedicinal|insecticides?|pesticides?|herbicides?|fungicides?|rodenticides?|industrial)\b"
)


def is_toxic_effect(code: str) -> bool:
    """Whether a code is a toxic effect of a substance chiefly nonmedicinal (T51-T65)."""
    head = code.replace(".", "")[:3]
    return head[:1] == "T" and head[1:3].isdigit() and 51 <= int(head[1:3]) <= 65


def nonmedicinal_use(execute: Callable[..., Any], term: str) -> tuple[str, ...]:
    """The words of a "(medicinal)" Drug Table line's subterm that says its other use ("Malathion
    (medicinal)": insecticide), or () when it has none."""
    return _nonmedicinal_use(execute, term)


@lru_cache(maxsize=256)
def _nonmedicinal_use(execute: Callable[..., Any], term: str) -> tuple[str, ...]:
    name, _, modifiers = term.partition(" (")
    modifiers = f"({modifiers}" if modifiers else ""
    rows = execute(
        "SELECT n.term, n.modifiers FROM index_nodes n JOIN index_nodes p ON n.parent = p.id "
        "WHERE p.book = 'drug' AND p.depth = 0 AND p.term = ? AND p.modifiers = ? ORDER BY n.id",
        [name, modifiers],
    ).fetchall()
    for sub, sub_modifiers in rows:
        if _OTHER_USE.search(f"{sub} {sub_modifiers}".lower()):
            return tuple(re.sub(r"\([^)]*\)", " ", str(sub)).lower().replace(",", " ").split())
    return ()
