"""A balloon widening a tubular body part is a Dilation, whatever the procedure's word led to.

ICD-10-PCS root operation Dilation (7): "expanding an orifice or the lumen of a tubular body part ...
accomplished by stretching a tubular body part using intraluminal pressure" (its example: percutaneous
transluminal angioplasty). A "-plasty" word the Index has no line for ("venoplasty", "sinuplasty",
"tuboplasty") is read as Repair, and Repair is "used only when the method to accomplish the repair is not
one of the other root operations": a balloon said beside it is that method, the balloon's inflation the
intraluminal pressure. So where the path led to a Repair or a Supplement of Medical and Surgical and the query
says "balloon", the Dilation table of the same body system completes the code for the same body part, as a
coder turns from one table to the other. A balloon that does something else is said with its own word (an
intra-aortic balloon pump: Assistance; a balloon tamponade: Control; a kyphoplasty's balloon: Supplement of a
vertebra, which has no Dilation table), and a stent is pcs_dilation's.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.pcs_dilation import BODY_PART, DILATION, axis_meanings
from bot.lookups.index.words import stem

BALLOON = stem("balloon")
# Roots a "-plasty" word or a reinforcing word reads as, which a balloon says is the widening instead.
WIDENED_FROM = frozenset({"Q", "U"})  # Repair, Supplement
# A balloon said with these does something other than widen the lumen.
OTHER_BALLOONS = frozenset(stem(w) for w in ("pump", "tamponade", "kyphoplasty", "vertebroplasty", "gastric"))


def dilation_for_balloon(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object] | None = None,
) -> Completion | None:
    """The Dilation code of the body part a Repair or Supplement code `done` names when the query says a
    balloon; None when it says none, the code is of another root, or no Dilation table holds the part."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] not in WIDENED_FROM or BALLOON not in query_stems:
        return None
    if query_stems & OTHER_BALLOONS:
        return None
    meaning = axis_meanings(conn, code[:3], BODY_PART).get(code[3], "")
    dilation = code[:2] + DILATION
    same = [c for c, m in axis_meanings(conn, dilation, BODY_PART).items() if m == meaning]
    if not meaning or not same:
        return None
    found = complete_pcs(conn, dilation + same[0], query_stems, "", memo)
    if found is None:
        return None
    how = f"a balloon widens it: Dilation -> {meaning}"
    return Completion(found.code, found.title, True, f"{how}, {found.how}" if found.how else how)
