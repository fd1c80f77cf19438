"""The removal of a body part, not of a device, is a Resection.

ICD-10-PCS root operation Removal (P) is "taking out or off a device from a body part"; the PCS Index's
"Removal of device from" lines hold only devices. A query that says "removal of" a body part and names no
device ("removal of left inferior parathyroid, open", "removal of whole thyroid gland") asks for the body part
taken out: Resection (T, "cutting out or off, without replacement, all of a body part"), or Excision when only
a portion is said (bot.lookups.index.pcs_partial reads that next). So where the Index led to a Removal table of
Medical and Surgical and the query names no device, the Resection table of the same body system completes the
code for the same body part, as a coder turns from one table to the other. A device said by any name (a Device
Key word, a device noun, a common device word) keeps the Removal.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs, value_words
from bot.lookups.index.pcs_devices import device_words
from bot.lookups.index.pcs_partial import excision_for_portion
from bot.lookups.index.words import content_stems, stem

REMOVAL = "P"
RESECTION = "T"
EXCISION = "B"
# Words that name a device whatever Device Key line says it: a coder reads them as the thing taken out.
_DEVICE_WORDS = (
    "device",
    "catheter",
    "cath",
    "tube",
    "port",
    "portacath",
    "stent",
    "drain",
    "lead",
    "leads",
    "pacemaker",
    "pacer",
    "defibrillator",
    "generator",
    "implant",
    "hardware",
    "prosthesis",
    "screw",
    "plate",
    "pin",
    "rod",
    "wire",
    "mesh",
    "pump",
    "spacer",
    "packing",
    "graft",
    "fixator",
    "cast",
    "splint",
    "line",
    "shunt",
    "valve",
    "filter",
    "balloon",
    "clip",
    "band",
    "iud",
    "suture",
    "sutures",
    "staple",
    "staples",
    "expander",
    "electrode",
    "stimulator",
    "nail",
    "dressing",
    "sling",
    "pessary",
    "foley",
    "picc",
    "ring",
    "seed",
    "seeds",
    "reservoir",
    "hemovac",
    "jp",
    "substitute",  # the device values "Synthetic Substitute", "Autologous Tissue Substitute" said by name
)
DEVICE_WORDS = frozenset(stem(w) for w in _DEVICE_WORDS)
SIDES = frozenset(stem(w) for w in ("right", "left", "bilateral"))
# The words the device values are named by ("Drainage Device", "Synthetic Substitute", "Cardiac Lead").
DEVICE_VALUES = frozenset(stem(w) for w in ("device", "substitute", "lead", "electrode", "element"))


def names_device(conn: sqlite3.Connection, query_stems: frozenset[str], memo: dict[object, object]) -> bool:
    """Whether the query names a device: a common device word, a device noun or a Device Key name."""
    if query_stems & DEVICE_WORDS:
        return True
    if device_words(conn, query_stems, memo):
        return True
    # A Body Part Key line ("... - use Peritoneal Cavity") is no device; a Device Key line names one.
    return bool(value_words(conn, query_stems, memo) & (DEVICE_VALUES | DEVICE_WORDS))


def _part(conn: sqlite3.Connection, table: str, char: str) -> str:
    row = conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4 AND char = ?", [table, char]
    ).fetchone()
    return str(row[0]) if row else ""


def resection_for_body_part(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
) -> Completion | None:
    """The Resection code for the body part a Removal code names when the query names no device; None when it
    does not apply or the Resection table has no such body part."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != REMOVAL or names_device(conn, query_stems, memo):
        return None
    part = content_stems(_part(conn, code[:3], code[3])) - SIDES
    if not part or not part & query_stems:
        return None
    table = code[:2] + RESECTION
    found = complete_pcs(conn, table, query_stems | part, "", memo)
    if found is None:
        return None
    chosen = content_stems(_part(conn, table, found.code[3])) - SIDES
    if not (part & chosen):
        return None  # the Resection table names no such body part
    portion = excision_for_portion(conn, found, query_stems, "", memo)
    if portion is not None:
        found = portion  # "removal of endometrial polyp": a portion of it, Excision
    how = "a body part removed, no device: Resection"
    return Completion(found.code, found.title, found.billable, f"{how} -> {found.how}" if found.how else how)


REMOVAL_WORDS = frozenset(stem(w) for w in ("removal", "remove", "removed"))


def used_removal_words(code: str, said: frozenset[str], how: str) -> frozenset[str]:
    """The removal words a Resection read for a removal accounts for ("removal of ... thyroid" ->
    "Resection of Thyroid Gland"): they count as used, like its title's own words."""
    if len(code) != 7 or code[2] not in RESECTION + EXCISION or "no device: Resection" not in how:
        return frozenset()
    return said & REMOVAL_WORDS
