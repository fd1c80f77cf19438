"""Solid matter taken out of a body part is an Extirpation, whatever word the query uses for the taking.

ICD-10-PCS root operation Extirpation (C): "taking or cutting out solid matter from a body part" - a stone or
calculus, a clot or thrombus, an embolus, a foreign body (the PCS Index: "Removal, foreign body - see
Extirpation", "Thrombectomy - see Extirpation"). The body part is the one the matter is in, not the matter:
"ERCP with extraction of common duct stone" is Extirpation of Matter from Common Bile Duct (0FC98ZZ), not
Extraction of the duct (0FD9, "pulling out ... all or a portion of a body part"), nor Removal of a device
(0TPB) nor the Inspection the scope word alone reaches (0TJ98ZZ "Ureteroscopy"). So where the Index led to a
table of the same body system that takes out or looks at the body part (Extraction, Removal, Excision,
Resection, Inspection, Drainage) and the query names matter and its taking out ("stone extraction", "clot
removed", "foreign body retrieval"), the Extirpation table of that body system completes the code for the same
body part, as a coder turns from one table to the other. Breaking the stone up in place ("lithotripsy") is
Fragmentation, which the Index reaches on its own and is left as it is.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs, said_approaches
from bot.lookups.index.pcs_solid_matter import memo_part, things_taken
from bot.lookups.index.words import NEGATIONS, content_stems, stem

EXTIRPATION = "C"
# Imaging (B) shares the Medical and Surgical body system characters (BF / 0F Hepatobiliary System).
IMAGING = "B"
# The root operations a query naming matter taken out reaches by its other words: Extraction (the taking
# word), Removal (of a device), Excision and Resection (the "-ectomy"), Inspection (the scope word alone),
# Drainage (the fluid around it).
TAKING_TABLES = frozenset("DPBTJ9")
_MATTER = (
    "stone",
    "stones",
    "calculus",
    "calculi",
    "clot",
    "clots",
    "thrombus",
    "thrombi",
    "embolus",
    "emboli",
    "foreign",
    "bezoar",
    "fecalith",
    "debris",
    # what gets stuck in a passage: a food bolus, a piece of meat, a swallowed coin (solid matter, not a device)
    "bolus",
    "food",
    "meat",
    "coin",
    "coins",
    # matter formed in the body and lodged there: a mucus plug in a bronchus, a calcific deposit in a tendon
    # (the mucus, not the plug: a punctal plug is a device, taken out by Removal)
    "mucus",
    "deposit",
    "deposits",
)
MATTER = frozenset(stem(w) for w in _MATTER)
_TAKING = (
    "removal",
    "remove",
    "removed",
    "extraction",
    "extract",
    "extracted",
    "retrieval",
    "retrieved",
    "sweep",
    "evacuation",
    "evacuated",
    "basket",
    "extirpation",
)
TAKING = frozenset(stem(w) for w in _TAKING)
# Breaking matter up where it lies is another root operation (Fragmentation).
BREAKING = frozenset(stem(w) for w in ("lithotripsy", "fragmentation", "eswl", "laser"))
SIDES = frozenset(stem(w) for w in ("right", "left", "bilateral"))


def says_matter_taken(query_stems: frozenset[str], things: frozenset[str] = frozenset()) -> bool:
    """Whether the query names solid matter and its taking out ("stone extraction"), not its breaking up.
    `things`: the stems of what the query says was taken out that read as solid matter by what they are
    (bot.lookups.index.pcs_solid_matter: "removed a bead from the ear canal")."""
    # ("cystoscopic removal of bladder stones without fragmentation": a breaking said negated is not done)
    breaking = bool(query_stems & BREAKING) and not query_stems & NEGATIONS
    return bool(query_stems & (MATTER | things)) and bool(query_stems & TAKING) and not breaking


def things_said(conn: sqlite3.Connection, words: list[str], memo: dict[object, object]) -> frozenset[str]:
    """The stems of the things a query's taking word takes out that are solid matter (pcs_solid_matter), for
    a query with a taking word only; remembered for the last queries (each path of a query asks again)."""
    if not any(stem(w) in TAKING for w in words):
        return frozenset()
    key = tuple(words)
    held = memo_part(memo, _THINGS_KEY, THINGS_HELD)
    found = held.get(key)
    if found is None:
        found = things_taken(conn, words, TAKING, memo)
        held[key] = found
    return frozenset(found)


_THINGS_KEY = "pcs things taken"
THINGS_HELD = 256


def _part(conn: sqlite3.Connection, table: str, char: str) -> str:
    row = conn.execute(
        "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4 AND char = ?", [table, char]
    ).fetchone()
    return str(row[0]) if row else ""


def extirpation_for_matter(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
    things: frozenset[str] = frozenset(),
) -> Completion | None:
    """The Extirpation code for the body part a taking-out or inspection code names, when the query names
    solid matter taken out of it; None when it does not apply or the Extirpation table has no such part.
    `things`: as says_matter_taken."""
    code = done.code
    if len(code) != 7 or not says_matter_taken(query_stems, things):
        return None
    imaging = code[0] == IMAGING  # "ERCP with stone removal": the scope's Fluoroscopy, same body system
    if not imaging and (code[0] != "0" or code[2] not in TAKING_TABLES):
        return None
    part = content_stems(_part(conn, code[:3], code[3])) - SIDES
    if not part & query_stems:
        return None  # a body part the query does not name (a path reading "left" alone) is no place of the matter
    table = "0" + code[1] + EXTIRPATION
    # An imaging study's body part is the region shown ("Bile Ducts", "Pancreatic Ducts"): the query's own
    # words must name the part the matter is taken from, all of them.
    found = complete_pcs(conn, table, query_stems if imaging else query_stems | part, "", memo)
    if found is None:
        return None
    chosen = content_stems(_part(conn, table, found.code[3])) - SIDES
    if imaging and not chosen <= query_stems:
        return None
    if not imaging and not (part <= chosen or chosen <= part):
        return None  # the Extirpation table names no such body part
    if not imaging and found.code[4] != code[4] and not said_approaches(query_stems):
        # The approach the first table's code was read with (a scope word's) is the taking's own.
        same = found.code[:4] + code[4] + found.code[5:]
        row = conn.execute(
            "SELECT title FROM codes WHERE system = 'pcs' AND current = 1 AND code = ?", [same]
        ).fetchone()
        if row is not None:
            found = Completion(
                same, str(row[0]), True, f"PCS table: {_part(conn, table, same[3])}, same approach"
            )
    how = "solid matter taken out: Extirpation"
    how = f"{how} -> {found.how}" if found.how else how
    return Completion(found.code, found.title, found.billable, how)


def used_matter_words(
    code: str, said: frozenset[str], things: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The matter and taking words ("stone", "extraction") an Extirpation code accounts for: they count as
    used, like its title's own words ("Extirpation of Matter from ...")."""
    if len(code) != 7 or code[0] != "0" or code[2] != EXTIRPATION:
        return frozenset()
    return said & (MATTER | TAKING | things)


EXTIRPATION_TERM = "extirpation"
SCOPE_APPROACHES = frozenset(
    "8"
)  # a scope through a natural opening (ERCP, cystoscopy): its own word leads the walk


def matter_taking_words(words: list[str], things: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The taking word of a query naming solid matter taken out ("removal of foreign body from right Achilles
    tendon"), read as the root operation it is (its alternative: Extirpation), so the PCS Index walks
    "Extirpation, <body part>" as a coder does, whatever body part the "Removal of device from" lines lack;
    nothing when the query names no matter or breaks it up."""
    stems = frozenset(stem(w) for w in words)
    if not says_matter_taken(stems, things):
        return {}
    return {w: [EXTIRPATION_TERM] for w in words if stem(w) in TAKING and stem(w) != stem(EXTIRPATION_TERM)}
