"""A drain or tube left in a Drainage is its Drainage Device; a drain placed is a Drainage, not an Insertion.

ICD-10-PCS codes a drainage catheter left in place as the device of the Drainage itself (device value 0,
Drainage Device: "pericardiocentesis, pigtail drain left in" is 0W9D30Z, "percutaneous right nephrostomy
tube" 0T9030Z); the Insertion tables of most body parts offer no Drainage Device at all (0FH Liver, 0TH
Kidney: "Other Device" only). In a Drainage table the device is one of two values (Drainage Device or No
Device), so any word for the tube left behind - drain, tube, catheter, pigtail, or its placement - says the
Drainage Device. And where the Index led to an Insertion table for a query naming a drain ("percutaneous liver
abscess drain placement", "left perc nephrostomy placement" reached through "Insertion of device in, Kidney"),
the Drainage table of the same body system completes the code with that device for the same body part, as a
coder turns from one table to the other (the way bot.lookups.index.pcs_dilation turns a stent to Dilation).
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.pcs_devices import DRAINAGE_DEVICE_STEMS as DEVICE_STEMS
from bot.lookups.index.words import content_stems, stem

DRAINAGE = "9"
INSERTION = "H"
DRAINAGE_DEVICE = "0"
# Words that name the drain itself (not any tube): read in an Insertion table too.
DRAIN_WORDS = frozenset(stem(w) for w in ("drain", "drains", "pigtail", "nephrostomy", "drainage"))
SIDES = frozenset(stem(w) for w in ("right", "left", "bilateral"))


def _part(conn: sqlite3.Connection, table: str, char: str) -> str:
    row = conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4 AND char = ?", [table, char]
    ).fetchone()
    return str(row[0]) if row else ""


def drainage_for_drain(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
) -> Completion | None:
    """The Drainage code with a Drainage Device for the body part an Insertion code names, when the query
    names a drain and the Insertion code put no Drainage Device; None when it does not apply."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != INSERTION or not query_stems & DRAIN_WORDS:
        return None
    if code[5] == DRAINAGE_DEVICE:
        return None
    part = content_stems(_part(conn, code[:3], code[3])) - SIDES
    if not part:
        return None
    table = code[:2] + DRAINAGE
    found = complete_pcs(conn, table, query_stems | part | DEVICE_STEMS, "", memo)
    if found is None or found.code[5] != DRAINAGE_DEVICE:
        return None
    chosen = content_stems(_part(conn, table, found.code[3])) - SIDES
    if not (part <= chosen or chosen <= part):
        return None
    how = "a drain placed: Drainage with its Drainage Device"
    return Completion(found.code, found.title, found.billable, f"{how} -> {found.how}" if found.how else how)


# The verb "drain" ("incision to drain the left breast", "abscess drained", "draining the sinus") says the root
# operation Drainage, "taking or letting out fluids and/or gases from a body part"; only the noun ("drain left
# in", "JP drain", "drains") names the tube a Drainage leaves behind, its Drainage Device. "Draining" is the verb
# only with its object ("draining the sinus", "draining a cyst") or alone; before a noun it is the adjective of a
# condition ("draining anal fistula", "draining wound", "draining ear"), which the diagnosis Index reads.
_DRAIN_VERB = re.compile(
    r"\b(?:to drain|drained|draining(?=\s+(?:the|a|an|his|her|their|its|of|it|them)\b|\s*(?:[,;.]|$)))\b"
)


def drain_verbs_as_drainage(text: str) -> str:
    """The text with the verb "drain" written as the root operation's noun ("to drain" -> drainage), so only a
    drain said as a noun reads as the Drainage Device."""
    return _DRAIN_VERB.sub("drainage", text) if "drain" in text else text
