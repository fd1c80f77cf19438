"""A stent where the Insertion table has none: Dilation with an Intraluminal Device.

A stent put in a tubular body part to hold it open is coded to the root operation Dilation, its device value
Intraluminal Device (ICD-10-PCS guidelines: "the objective of the procedure is to enlarge the diameter",
the stent is the device of the Dilation); the Insertion table of most tubular body parts (0TH Ureter, 0FH
Hepatobiliary Duct) offers no Intraluminal Device at all. So when the Index led to an Insertion table and the
device the query names (a Device Key "use" line: "Stent, intraluminal - use Intraluminal Device") is not a
value of that table for the body part, the Dilation table of the same body system holding that device for the
same body part completes the code, as a coder turns from one table to the other.

In a blood vessel the word "stent" itself says the objective, so it turns to Dilation even where the vessel's
Insertion table holds an Intraluminal Device ("open stent placement right external iliac artery" is 047H0DZ,
not 04HH0DZ): an arterial or venous stent is put in to hold the lumen open (the angioplasty's stent). A stent
graft (an endograft excluding an aneurysm) is no widening and keeps its table, and so does the Insertion
table of another tract that holds the device (the esophagus: 0DH5).
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs, value_words
from bot.lookups.index.words import content_stems, stem

INSERTION = "H"
DILATION = "7"
DEVICE = 6  # the device character's position (1-based, as pcs_axes stores it)
BODY_PART = 4
STENT = stem("stent")
VESSEL_SYSTEMS = frozenset({"02", "03", "04", "05", "06"})  # heart and great vessels, arteries, veins
GRAFT = stem("graft")


def axis_meanings(conn: sqlite3.Connection, table: str, position: int) -> dict[str, str]:
    """What each character of one axis of a PCS table means ("0D7", 4 -> {"5": "Esophagus", ...})."""
    return {
        str(c): str(m)
        for c, m in conn.execute(
            "SELECT char, meaning FROM pcs_axes WHERE tbl = ? AND position = ?", [table, position]
        )
    }


def _has(conn: sqlite3.Connection, prefix: str, device: str) -> bool:
    """Whether a current code of a table's body part (a 4-character prefix) carries the device."""
    row = conn.execute(
        "SELECT 1 FROM codes WHERE system = 'pcs' AND current = 1 AND code >= ? AND code < ? "
        "AND substr(code, 6, 1) = ? LIMIT 1",
        [prefix, prefix + "\uffff", device],
    ).fetchone()
    return row is not None


def _inserts(conn: sqlite3.Connection, prefix: str, device: str) -> bool:
    """Whether an Insertion table's body part (a 4-character prefix) has a code inserting the device, read
    from the titles ("Insertion of Intraluminal Device into Right Ventricle, ...")."""
    row = conn.execute(
        "SELECT 1 FROM codes WHERE system = 'pcs' AND current = 1 AND code >= ? AND code < ? "
        "AND title LIKE ? LIMIT 1",
        [prefix, prefix + "\uffff", f"Insertion of {device} into %"],
    ).fetchone()
    return row is not None


def named_device(devices: dict[str, str], named: frozenset[str]) -> str:
    """The device character whose whole meaning the query names ("Intraluminal Device"), the fullest
    such meaning ("Intraluminal Device, Drug-eluting" before "Intraluminal Device"), or ""."""
    fits = [(len(content_stems(m)), c) for c, m in sorted(devices.items()) if content_stems(m) <= named]
    return max(fits)[1] if fits and max(fits)[0] > 1 else ""


def dilation_for_device(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object] | None = None,
) -> Completion | None:
    """The Dilation code for a device the Insertion table `done` belongs to lacks for its body part, or None
    when the table is no Insertion, the query names no device, or the Insertion table holds it."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != INSERTION:
        return None
    named = value_words(conn, query_stems, memo)
    if not named:
        return None
    dilation = code[:2] + DILATION
    device = named_device(axis_meanings(conn, dilation, DEVICE), named)
    if not device:
        return None
    meaning = axis_meanings(conn, dilation, DEVICE)[device]
    widening = code[:2] in VESSEL_SYSTEMS and STENT in query_stems and GRAFT not in query_stems
    if not widening and _inserts(conn, code[:4], meaning):
        return None
    part = content_stems(axis_meanings(conn, code[:3], BODY_PART).get(code[3], ""))
    if not part:
        return None
    # The Dilation table's body parts that are this one ("Ureter" -> "Right Ureter", "Left Ureter",
    # "Ureters, Bilateral"), the query's words choosing between them, the first when they do not.
    parts = axis_meanings(conn, dilation, BODY_PART)
    same = [
        c for c, m in sorted(parts.items()) if part <= content_stems(m) and _has(conn, dilation + c, device)
    ]
    if not same:
        return None
    best = max(
        same,
        key=lambda c: (
            len(content_stems(parts[c]) & query_stems),
            -len(content_stems(parts[c]) - part),  # ("Esophagus" before "Upper Esophagus" when none is said)
            -same.index(c),
        ),
    )
    wanted = query_stems | content_stems(meaning)
    found = complete_pcs(conn, dilation + best, wanted, "", memo)
    if found is None or found.code[5] != device:
        return None
    lacking = f"no {meaning} for {axis_meanings(conn, code[:3], BODY_PART)[code[3]]} in Insertion"
    how = (
        f"PCS tables: {'a stent holds the lumen open' if widening else lacking}; a stent widening it is "
        f"Dilation -> {parts[best]}"
    )
    return Completion(found.code, found.title, True, f"{how}, {found.how}" if found.how else how)
