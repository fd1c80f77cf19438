"""A fracture is of a bone: its reduction or fixation is coded on the bone the query names.

ICD-10-PCS codes the reduction of a displaced fracture to Reposition (S) of the bone (guideline B3.15; the PCS
Index: "Reduction, Fracture - see Reposition"), and a fracture fixed with hardware through the Index's
"Fixation, bone, Internal / External, with fracture reduction - see Reposition" and "..., without fracture
reduction - see Insertion". Two readings follow:

- The Reposition lines hold some bones below the grouping line "Bone" ("Reposition, Bone, Nasal 0NSB", "Bone,
  Zygomatic"), which the query never says, and the word the chart names the site by also begins other body
  parts' lines there ("Turbinate, Nasal", "Aorta, Thoracic, Ascending/Arch"), which are no fracture's body part.
  So where the query says a fracture, the word is also read as "bone" in the PCS Index walk and the table
  completion (as a dislocation is read as its joint, bot.lookups.index.pcs_joints), and a Reposition of a body
  part that is no bone (nor a joint beside a dislocation) costs.
- The chart names the fixation by its hardware ("percutaneous pinning", "intramedullary nailing", "plating"):
  the head nouns of the Device Key's lines that "use" a Fixation Device ("Kirschner wire (K-wire)", "Kuntscher
  nail", "Neutralization plate", "Bone screw", "External fixator"), said beside a fracture, or their gerund, are
  read as the Index's "Fixation" of that kind ("Internal", "External"). Beside a fracture "nail" and "plate"
  are hardware, not the finger's nail plate.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups import data_version
from bot.lookups.index.pcs_devices import COMMON_NOUNS
from bot.lookups.index.pcs_joints import DISLOCATION_WORDS
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.words import stem

FRACTURE_WORDS = frozenset(stem(w) for w in ("fracture", "fractures", "fractured", "fx"))
BONE = ["bone"]
BONE_STEMS = frozenset(stem(w) for w in ("bone", "bones"))
#: The PCS body systems of bones: Head and Facial Bones (N), Upper Bones (P), Lower Bones (Q).
BONE_SYSTEMS = frozenset("NPQ")
#: The body systems of joints, a fracture-dislocation's other body part (pcs_joints).
JOINT_SYSTEMS = frozenset("RS")
REPOSITION = "S"
#: Head nouns that name no kind of hardware ("iFuse ... Implant System", "... Fixation Device").
_GENERIC = frozenset(stem(w) for w in ("system", "device", "implant", "design"))
_PARENTHESIZED = re.compile(r"\(([^)]*)\)")
_WORD = re.compile(r"[a-z][a-z-]*")
_KINDS = ("internal", "external")
FIXATION = stem("fixation")
TOLD_WORDS = frozenset(stem(w) for w in ("fixation", "reduction", "reduced", "reduce"))


def fractured_bone_words(words: Sequence[str]) -> dict[str, list[str]]:
    """The query's fracture words, each read as the bone it is of ("fracture" -> bone), unless the query
    says "bone" itself ("nasal bone fracture": the line "Bone, Nasal" is said already; a second reading
    of the word would let "Fixation, bone, ..., with fracture reduction" hold it twice)."""
    if any(stem(w) in BONE_STEMS for w in words):
        return {}
    return {w: BONE for w in words if stem(w) in FRACTURE_WORDS}


def not_the_bone(code: str, stems: frozenset[str]) -> bool:
    """A Medical and Surgical Reposition of no bone for a query that tells a fracture ("closed reduction of
    nasal fracture" -> Nasal Turbinate 09SL, "ORIF left zygomatic arch fracture" -> Thoracic Aorta, Arch):
    the fracture's reduction repositions the bone (guideline B3.15), a joint only beside a dislocation."""
    if len(code) < 3 or code[0] != "0" or code[2] != REPOSITION or not stems & FRACTURE_WORDS:
        return False
    if code[1] in BONE_SYSTEMS:
        return False
    return not (code[1] in JOINT_SYSTEMS and stems & DISLOCATION_WORDS)


_BUILT: dict[str, dict[str, str]] = {}  # the data stamp -> hardware noun stem -> "internal" / "external"


def hardware_nouns(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, str]:
    """The stems of the head nouns of the PCS Device Key's lines that "use" a Fixation Device, and of a
    one-word name in their parentheses ("Intramedullary (IM) rod (nail)"), each with the fixation's kind."""
    return data_version.kept(conn, memo, ("fixation hardware",), _BUILT, lambda: _build_hardware(conn))


def _build_hardware(conn: sqlite3.Connection) -> dict[str, str]:
    low = (BOOKS.index("pcs") + 1) * SPAN  # the PCS Index's node ids (store.global_id)
    kinds: dict[str, set[str]] = {}
    for term, reference in conn.execute(
        "SELECT n.term, r.reference FROM index_nodes n JOIN index_refs r ON r.node = n.id "
        "WHERE n.parent = 0 AND n.id > ? AND n.id < ? AND r.kind = 'use' AND r.reference LIKE '%Fixation Device%'",
        [low, low + SPAN],
    ):
        reference = str(reference).lower()
        kind = next((k for k in _KINDS if reference.startswith(k) or f" {k} " in reference), "")
        if not kind:
            continue
        name = str(term).split(",")[0].lower()
        heads = _WORD.findall(_PARENTHESIZED.sub(" ", name))[-1:]
        # "rod (nail)", "wire (K-wire)": the one other name after the head noun ("Bone screw (interlocking)
        # (lag)(pedicle)" lists kinds of screw, no other name)
        after = name.rsplit(heads[0], 1)[-1] if heads else ""
        named = _PARENTHESIZED.findall(after)
        if len(named) == 1 and len(_WORD.findall(named[0])) == 1:
            heads += _WORD.findall(named[0])
        for head in heads:
            for part in head.split("-"):
                if len(part) > 2 and stem(part) not in _GENERIC:
                    kinds.setdefault(stem(part), set()).add(kind)
    return {noun: next(iter(found)) for noun, found in kinds.items() if len(found) == 1}


def _noun_of_gerund(word: str) -> str:
    """The noun a hardware gerund is made from ("pinning" -> pin, "plating" -> plate, "nailing" -> nail)."""
    base = word[:-3]
    if len(base) > 2 and base[-1] == base[-2]:
        base = base[:-1]
    return base


def fixation_words(
    conn: sqlite3.Connection, words: Sequence[str], memo: dict[object, object]
) -> dict[str, list[str]]:
    """Beside a fracture, each hardware word read as the Index's fixation of its kind ("percutaneous pinning
    right distal radius fracture": pinning -> fixation, internal); nothing when no fracture is said, or when
    the fixation or a reduction is said in the Index's own words ("ORIF", "closed reduction ... pinning")."""
    said = {stem(w) for w in words}
    if not said & FRACTURE_WORDS or said & TOLD_WORDS:
        return {}  # no fracture, or its fixation or reduction said in the Index's own words ("ORIF")
    nouns = hardware_nouns(conn, memo)
    found: dict[str, list[str]] = {}
    for word in words:
        forms = [word]
        if word.endswith("ing") and len(word) > 5:
            base = _noun_of_gerund(word)
            forms += [base, base + "e"]
        kind = next((nouns[stem(f)] for f in forms if stem(f) in nouns), "")
        if not kind:
            # "pins", "hardware": the operating room's nouns for a fixation device (pcs_devices.COMMON_NOUNS)
            named = next(
                (value for f in forms if (value := COMMON_NOUNS.get(stem(f), frozenset()))), frozenset()
            )
            kind = next((k for k in _KINDS if FIXATION in named and stem(k) in named), "")
        if kind:
            found[word] = ["fixation", kind]
    return found
