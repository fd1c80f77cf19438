"""A device said by its common noun ("with clips", "knee prosthesis", "with screws", "mesh"), read from the PCS
Index as a coder reads its Device Key: the noun that ends most of the Index's "use" lines leading to one device
value names that value ("Bone screw (interlocking)(lag) - use Internal Fixation Device", "Fusion screw
(compression) - use Internal Fixation Device" -> screw: Internal Fixation Device), and a main term whose "see"
line says the device it is done with ("Clipping, aneurysm - see Occlusion using Extraluminal Device" -> clip:
Extraluminal Device). Only the device character (the sixth) of a Medical and Surgical table is read with these
words; a noun that also names a body part ("valve", "nail") or a root operation ("insert") is no device noun.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from bot.lookups import data_version, derived
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.words import content_stems, stem

MIN_LINES = 2  # a noun ends at least this many "use" lines ...
SHARE = 2 / 3  # ... and this share of them lead to one device value
MIN_NOUN = 3  # "dr", "ii": a brand's tag, no noun
MIN_ROOT = 4  # "clip" and "clipping": a query word this long that begins a main term's word is that word
_PARENTHESIZED = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[a-z][a-z-]*")
# The device nouns of the operating room no Device Key line ends with, read as the Device Key defines the
# value: a band put around a structure (a banded varix, a rubber-banded hemorrhoid, a gastric band) squeezes it
# from outside, an Extraluminal Device like a clip; a filter sits in a vessel's lumen, an Intraluminal Device; a chest
# port is a Totally Implantable Vascular Access Device; a cage an Interbody Fusion Device; an orthopedist's
# hardware and pins an Internal Fixation Device.
_COMMON_NOUNS = {
    "band": "Extraluminal Device",
    "bands": "Extraluminal Device",
    "banding": "Extraluminal Device",
    "filter": "Intraluminal Device",  # a vena cava filter sits in the vessel's lumen
    "port": "Totally Implantable Vascular Access Device",
    "portacath": "Totally Implantable Vascular Access Device",
    "mediport": "Totally Implantable Vascular Access Device",
    # An interbody cage holds the disc space open for the fusion ("Interbody fusion (spine) cage - use
    # Interbody Fusion Device", the only "use" line the noun ends); an allograft is another person's tissue
    # ("Bone bank bone graft - use Nonautologous Tissue Substitute"), an autograft the patient's own.
    "cage": "Interbody Fusion Device",
    "cages": "Interbody Fusion Device",
    "allograft": "Nonautologous Tissue Substitute",
    "allografts": "Nonautologous Tissue Substitute",
    # An orthopedist's "hardware" and "pins" are the plates, screws and wires of an internal fixation
    # ("Kirschner wire (K-wire) - use Internal Fixation Device"); brachytherapy "seeds" are its Radioactive
    # Element (a Device Key line of its own); a joint replacement's "component" is its Synthetic Substitute.
    "hardware": "Internal Fixation Device",
    "pin": "Internal Fixation Device",
    "pins": "Internal Fixation Device",
    "seed": "Radioactive Element",
    "seeds": "Radioactive Element",
    "component": "Synthetic Substitute",
    "components": "Synthetic Substitute",
}
COMMON_NOUNS = {stem(w): frozenset(content_stems(v)) for w, v in _COMMON_NOUNS.items()}


def device_words(
    conn: sqlite3.Connection, query_stems: frozenset[str], memo: dict[object, object] | None
) -> frozenset[str]:
    """The stems of the device values the query's nouns name ("clips" -> extraluminal, devic)."""
    nouns, using = _device_nouns(conn, {} if memo is None else memo)
    said: set[str] = set()
    for word in query_stems:
        said |= nouns.get(word, frozenset())
        said |= COMMON_NOUNS.get(word, frozenset())
        if len(word) >= MIN_ROOT:
            for head, value in using:
                if head.startswith(word) or word.startswith(head):
                    said |= value
    return frozenset(said)


DeviceNouns = tuple[dict[str, frozenset[str]], tuple[tuple[str, frozenset[str]], ...]]


_BUILT: dict[str, DeviceNouns] = {}  # the data stamp -> its device nouns (read once: about 0.1 s)


def _device_nouns(conn: sqlite3.Connection, memo: dict[object, object]) -> DeviceNouns:
    return data_version.kept(
        conn,
        memo,
        ("device nouns",),
        _BUILT,
        lambda: derived.stored_or_built(
            conn, DEVICE_NOUNS, decode_device_nouns, lambda: build_device_nouns(conn)
        ),
    )


DEVICE_NOUNS = "pcs_device_nouns"  # stored by the data build (bot.lookups.derived)


def encode_device_nouns(nouns: DeviceNouns) -> list[object]:
    by_noun, using = nouns
    return [{noun: sorted(values) for noun, values in by_noun.items()}, [[h, sorted(v)] for h, v in using]]


def decode_device_nouns(stored: list[Any]) -> DeviceNouns:
    by_noun, using = stored
    return {noun: frozenset(values) for noun, values in by_noun.items()}, tuple(
        (str(head), frozenset(values)) for head, values in using
    )


def build_device_nouns(conn: sqlite3.Connection) -> DeviceNouns:
    devices = {
        frozenset(content_stems(str(m)))
        for (m,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 6 AND tbl LIKE '0%'")
    }
    # A root operation's own word ("insert" in Insertion, "replac" in Replacement) is no device's noun.
    operations = root_operation_words(conn)
    body_parts: set[str] = set()
    for (m,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
        body_parts |= content_stems(str(m))
    low = (BOOKS.index("pcs") + 1) * SPAN  # the PCS Index's node ids (store.global_id)
    ends: dict[str, Counter[str]] = defaultdict(Counter)
    using: list[tuple[str, frozenset[str]]] = []
    for term, kind, reference in conn.execute(
        "SELECT n.term, r.kind, r.reference FROM index_nodes n JOIN index_refs r ON r.node = n.id "
        "WHERE n.parent = 0 AND n.id > ? AND n.id < ? AND r.kind IN ('use', 'see')",
        [low, low + SPAN],
    ):
        name = _WORD.findall(_PARENTHESIZED.sub(" ", str(term).split(",")[0]).lower())
        if not name:
            continue
        if kind == "use":
            value = str(reference).split("=")[0]
            value = value.rsplit(" in ", 1)[0] if " in " in value else value
            ends[stem(name[-1])][value.split(",")[0].strip()] += 1
        elif " using " in str(reference):
            value = str(reference).split(" using ", 1)[1].split("=")[0].strip()
            if frozenset(content_stems(value)) in devices:
                using.append((stem(name[0]), frozenset(content_stems(value))))
    nouns: dict[str, frozenset[str]] = {}
    for noun, values in ends.items():
        total = sum(values.values())
        value, count = values.most_common(1)[0]
        stems = frozenset(content_stems(value))
        if (
            len(noun) >= MIN_NOUN
            and total >= MIN_LINES
            and count >= SHARE * total
            and stems in devices
            and noun not in body_parts
            and not any(op.startswith(noun) or noun.startswith(op) for op in operations)
        ):
            nouns[noun] = stems
    return (nouns, tuple(sorted(set(using))))


def root_operation_words(conn: sqlite3.Connection) -> set[str]:
    """The stem of each Medical and Surgical root operation's name ("insert", "replac"): one table per
    operation (its third character), and the first code of that table read by its key, whose title begins
    with the operation's name."""
    words: set[str] = set()
    # (the first table of each operation: its section-0 tables read by the key's range, not a scan of every
    # table's axes that a LIKE makes)
    first: dict[str, str] = {}
    for (name,) in conn.execute("SELECT DISTINCT tbl FROM pcs_axes WHERE tbl >= '0' AND tbl < '1'"):
        table, operation = str(name), str(name)[2:3]
        if operation not in first or table < first[operation]:
            first[operation] = table
    for table in first.values():
        row = conn.execute(
            "SELECT code, title FROM codes WHERE system = 'pcs' AND code > ? ORDER BY code LIMIT 1",
            [str(table)],
        ).fetchone()
        if row is not None and str(row[0]).startswith(str(table)) and str(row[1]).split():
            words.add(stem(str(row[1]).split(" of ")[0].split()[0]))
    return words


# In a Drainage table (root operation 9) the device is the Drainage Device or none, so any word for the tube a
# drainage leaves behind says the Drainage Device ("pigtail drain left in", "nephrostomy tube"): ICD-10-PCS
# codes the drainage catheter left in place as the Drainage's own device (value 0), not as an Insertion.
DRAINAGE = "9"
_TUBE = ("drain", "drains", "tube", "catheter", "pigtail", "placement", "placed", "indwelling", "nephrostomy")
TUBE_WORDS = frozenset(stem(w) for w in _TUBE)
DRAINAGE_DEVICE_STEMS = frozenset(content_stems("drainage device"))
# The root operations done on a device already in (Change 2, Removal P, Revision W): a drain said by its noun
# ("drain", "drains": the verb is read as Drainage, bot.lookups.index.pcs_drains) is the Drainage Device.
DEVICE_OPERATIONS = frozenset("2PW")
DRAIN_NOUNS = frozenset(stem(w) for w in ("drain", "drains"))


def drain_device_words(table: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The Drainage Device's words when the table is a Medical and Surgical Drainage and the query names the
    tube left in ("nephrostomy tube", "pigtail drain"); nothing otherwise."""
    if len(table) >= 3 and table[0] == "0" and table[2] in DEVICE_OPERATIONS and query_stems & DRAIN_NOUNS:
        # "changed the skin drain", "JP drain removal": the device changed or taken out is the Drainage Device
        return DRAINAGE_DEVICE_STEMS
    if len(table) < 3 or table[0] != "0" or table[2] != DRAINAGE or not query_stems & TUBE_WORDS:
        return frozenset()
    return DRAINAGE_DEVICE_STEMS


def used_drain_words(code: str, said: frozenset[str]) -> frozenset[str]:
    """The tube words ("nephrostomy tube", "drain") a Drainage with a Drainage Device accounts for: they count
    as used, like its title's own words."""
    if len(code) == 7 and code[0] == "0" and code[2] in DEVICE_OPERATIONS and code[5] == "0":
        return said & DRAIN_NOUNS
    if len(code) != 7 or code[0] != "0" or code[2] != DRAINAGE or code[5] != "0":
        return frozenset()
    return said & TUBE_WORDS


def used_device_nouns(
    conn: sqlite3.Connection, code: str, title: str, said: frozenset[str], memo: dict[object, object] | None
) -> frozenset[str]:
    """The query's device nouns ("dacron patch", "clips") a Medical and Surgical code's device value is
    ("Supplement ... with Synthetic Substitute"): they count as used, like its title's own words, so the
    reading of a main term that puts the said device in ("Angioplasty - see Supplement") is not below one
    that leaves it unused ("see Dilation")."""
    if len(code) != 7 or code[0] != "0" or code[5] == "Z":
        return frozenset()
    shown = content_stems(title)
    return frozenset(
        w for w in said if (named := device_words(conn, frozenset({w}), memo)) and named <= shown
    )
