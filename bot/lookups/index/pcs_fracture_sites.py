"""A fracture named by its region or a lay name is of the bone the ICD-10-CM Index sends that name to.

A fracture's reduction or fixation is coded on the bone (ICD-10-PCS guideline B3.15), and the chart often names
the fracture by a region or a lay word: "hip fracture", "jaw fracture", "collar bone fracture". A coder finds the
bone where the ICD-10-CM Alphabetic Index sends that name: "Fracture, traumatic, hip - see Fracture, femur,
neck", "..., jaw - see Fracture, mandible", "..., collar bone - see Fracture, clavicle". The bone and part the
reference names are then read through the PCS Body Part Key like any other anatomical name ("Neck of femur -
use Upper Femur"), so "ORIF left hip fracture" is a Reposition of the Left Upper Femur.

Only a reference to a bone is read: one to a kind of fracture ("..., greenstick - see Fracture, by site",
"..., fatigue - see Fracture, stress", "..., nontraumatic - see Fracture, pathological") names no bone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups import data_version
from bot.lookups.index.pcs_fractures import FRACTURE_WORDS
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.words import stem

#: The CM Index main term whose subterms are the fracture sites.
MAIN_TERM = "Fracture, traumatic"
#: The words that begin a reference to a kind of fracture, not to a bone.
KIND_WORDS = frozenset(
    stem(w) for w in ("traumatic", "pathological", "by", "stress", "torus", "burst", "nontraumatic", "open")
)
_WORD = re.compile(r"[a-z]+")

#: A site's words (lower case, as printed) -> the words of the bone and part its reference names.
Sites = dict[tuple[str, ...], tuple[str, ...]]
_BUILT: dict[str, Sites] = {}  # the data stamp -> the sites (read once)


def _build_sites(conn: sqlite3.Connection) -> Sites:
    low = (BOOKS.index("cm") + 1) * SPAN  # the CM Index's node ids (store.global_id)
    sites: Sites = {}
    for term, reference in conn.execute(
        "SELECT n.term, r.reference FROM index_nodes p JOIN index_nodes n ON n.parent = p.id "
        "JOIN index_refs r ON r.node = n.id "
        "WHERE p.id > ? AND p.id < ? AND p.depth = 0 AND p.term = ? AND r.kind = 'see'",
        [low, low + SPAN, MAIN_TERM],
    ):
        site, text = str(term).lower(), str(reference)
        if "," in site or "(" in site or not text.startswith("Fracture, "):
            continue  # "semilunar bone, wrist": a qualified site, read no further
        bone = _WORD.findall(text[len("Fracture, ") :].lower())
        if not bone or stem(bone[0]) in KIND_WORDS:
            continue
        sites[tuple(_WORD.findall(site))] = tuple(bone)
    return sites


def fracture_sites(conn: sqlite3.Connection, memo: dict[object, object]) -> Sites:
    """The CM Index's fracture sites that send to a bone ("hip" -> femur, neck)."""
    return data_version.kept(conn, memo, ("fracture sites",), _BUILT, lambda: _build_sites(conn))


def fracture_site_words(
    conn: sqlite3.Connection, words: Sequence[str], memo: dict[object, object]
) -> dict[str, list[str]]:
    """Beside a fracture word, each query word of a site the CM Index sends to a bone, with that bone's words
    ("left hip fracture": hip -> femur, neck; "knee cap fracture": knee, cap -> patella); nothing when no
    fracture is said."""
    lowered = [w.lower() for w in words]
    if not any(stem(w) in FRACTURE_WORDS for w in lowered):
        return {}
    sites = fracture_sites(conn, memo)
    out: dict[str, list[str]] = {}
    for size in (2, 1):
        for at in range(len(lowered) - size + 1):
            said = tuple(lowered[at : at + size])
            if said in sites and not any(w in out for w in said):
                for word in said:
                    out[word] = list(sites[said])
    return out
