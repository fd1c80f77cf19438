"""A repair that puts in a substitute to reinforce the body part is a Supplement.

ICD-10-PCS root operation Supplement (U): "putting in or on biological or synthetic material that physically
reinforces and/or augments the function of a portion of a body part" - a hernia repaired with mesh, a defect
closed with a patch or a graft. Repair (Q) is the root operation "used only when the method to accomplish the
repair is not one of the other root operations", and its tables offer no device. So where the Index led to a
Repair table of Medical and Surgical and the query names a substitute (mesh, a patch, a graft: a device whose
value is a Substitute), the Supplement table of the same body system completes the code for the same body
part with that substitute, as a coder turns from one table to the other.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs, value_words
from bot.lookups.index.pcs_devices import device_words
from bot.lookups.index.words import stem

REPAIR = "Q"
SUPPLEMENT = "U"
SUBSTITUTE = stem("substitute")
NEGATIONS = frozenset({"without", "no", "not", "non"})


def _part(conn: sqlite3.Connection, table: str, char: str) -> str:
    row = conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4 AND char = ?", [table, char]
    ).fetchone()
    return str(row[0]) if row else ""


def supplement_for_substitute(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
) -> Completion | None:
    """The Supplement code for the body part a Repair code names when the query names a substitute put in;
    None when it does not apply or the Supplement table has no such body part with a substitute."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != REPAIR:
        return None
    if query_stems & NEGATIONS:
        return None  # "without mesh", "no mesh": the Repair it says
    named = device_words(conn, query_stems, memo) | value_words(conn, query_stems, memo)
    if SUBSTITUTE not in named and SUBSTITUTE not in query_stems:
        return None
    how = "repaired with a substitute put in: Supplement"
    return with_substitute(conn, code, SUPPLEMENT, query_stems | named, how, memo)


def with_substitute(
    conn: sqlite3.Connection,
    code: str,
    operation: str,
    stems: frozenset[str],
    how: str,
    memo: dict[object, object],
) -> Completion | None:
    """The code of another root operation's table of the same body system (`operation`: Supplement,
    Replacement) for the body part `code` names, completed with the words said, when a Substitute is one of its
    values for that body part; None when that table has no such body part or no substitute for it."""
    meaning = _part(conn, code[:3], code[3])
    table = code[:2] + operation
    chars = [
        str(c)
        for (c,) in conn.execute(
            "SELECT char FROM pcs_axes WHERE tbl = ? AND position = 4 AND meaning = ?", [table, meaning]
        )
    ]
    if not chars:
        return None
    found = complete_pcs(conn, table + chars[0], stems, "", memo)
    if found is None or found.code[:4] != table + chars[0]:
        return None
    if SUBSTITUTE not in {stem(w) for w in found.title.lower().replace(",", " ").split()}:
        return None  # no substitute is a value of this body part in that table
    return Completion(found.code, found.title, found.billable, f"{how} -> {found.how}" if found.how else how)
