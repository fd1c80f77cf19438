"""A side or an encounter said apart after a comma ("laceration of popliteal artery, right leg", "laceration of
axillary artery, left side", "open fracture of middle phalanx, healing well") is the side of the part or the
encounter of the injury before it, not a clause of its own.

The Tabular prints the side after a comma itself ("Laceration of popliteal artery, right leg"; "..., left
side"; "Nondisplaced fracture of body of scapula, right shoulder"), and charts copy it. A coder reads the side
with the injury it follows: "right leg" alone is no diagnosis to look up (Lengthening, leg; Restless legs),
so the search must not answer it as one of the query's clauses. The same for the visit's words after an
injury ("healing well" is no Wells' disease; "nonunion" after a fracture is the encounter's 7th character, not
a nonunion of its own).
"""

from __future__ import annotations

import re

_SIDE_ONLY = re.compile(
    r"^(?:on\s+(?:the\s+)?)?(?:right|left|rt|lt|r|l|bilateral|both)\.?"
    r"(?:\s+(?:side|leg|arm|limb|lower\s+leg|upper\s+arm|hand|foot|shoulder|knee|ankle|wrist|elbow|hip|"
    r"thigh|forearm|eye|ear))?$"
)


_ENCOUNTER_ONLY = re.compile(
    r"^(?:(?:initial|subsequent|first|new|ed|er|follow[- ]?up|f/u|recheck|routine)\s*(?:encounter|visit|injury|"
    r"healing)?|sequela|late\s+effects?|(?:with\s+)?(?:nonunion|malunion|delayed\s+healing)(?:\s+visit)?|"
    r"heal(?:ing|ed)\s+(?:well|fine|normally|ok|okay|slowly)|slow\s+to\s+heal|recheck|f/u)$"
)


def joined_sides(clauses: list[str]) -> list[str]:
    """The clauses with each one that says only a side (and the limb or "side" it is of) or an encounter joined
    to the clause before it."""
    out: list[str] = []
    for clause in clauses:
        if out and (_SIDE_ONLY.match(clause.lower()) or _ENCOUNTER_ONLY.match(clause.lower())):
            out[-1] = f"{out[-1]} {clause}"
        else:
            out.append(clause)
    return out
