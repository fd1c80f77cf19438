"""What an operation suffix means, as a coder reads it against the root operations' definitions.

The PCS Index often gives a procedure word two root operations ("Oophoropexy see Repair ... | see
Reposition ...", "Nephropexy", "Urethropexy"), and a word the Index does not hold is read by the operations
its suffix is given most ("-pexy": Repair, Reposition). The suffix itself says which one the procedure is:
"-pexy" fixes an organ in its place - Reposition, "moving to its normal location ... all or a portion of a
body part"; "-lithotomy" cuts out a stone - Extirpation, "taking or cutting out solid matter"; "-tripsy"
breaks it up - Fragmentation; "-desis" binds a joint - Fusion. Where the Index's lines lead to that root
operation, its code comes first; the others stay as the Index gives them.
"""

from __future__ import annotations

from collections.abc import Iterable

# A suffix and the root operation character (the third of a Medical and Surgical code) it names.
SUFFIX_OPERATIONS = (
    ("lithotomy", "C"),
    ("lithectomy", "C"),
    ("pexy", "S"),
    ("tripsy", "F"),
    ("desis", "G"),
)
SUFFIX_CREDIT = 3.0  # above a rank's half point between paths of the same line, below any word said


def suffix_operation(words: Iterable[str]) -> str:
    """The root operation character the query's procedure word's suffix names ("oophoropexy": S); "" when
    no word ends in such a suffix."""
    for word in words:
        for suffix, operation in SUFFIX_OPERATIONS:
            if word.endswith(suffix):
                return operation
    return ""


def names_operation(code: str, operation: str) -> bool:
    """Whether a Medical and Surgical code is of the root operation a suffix names."""
    return bool(operation) and len(code) == 7 and code[0] == "0" and code[2] == operation
