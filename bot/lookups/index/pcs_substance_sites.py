"""A substance put into a body part the query names: the Administration site is the one of that body part's
body system.

ICD-10-PCS Administration, Introduction (3E0) names where a substance goes by a site of the body's systems
("Peripheral Nerves and Plexi", "Genitourinary Tract", "Joints", "Nose", "Upper GI"), not by the organ. A coder
reading "stellate ganglion block with bupivacaine", "botox injected into the bladder wall" or "steroid nasal
spray given" finds the organ's body part among the Medical and Surgical tables' body part values (directly, by
the Body Part Key: "Stellate ganglion - use Head and Neck Sympathetic Nerve", or by the noun an adjective
pertains to in WordNet: nasal -> nose), and the body system it is filed in (the second character of those
tables) says the Administration site: the Peripheral Nervous System's parts are the Peripheral Nerves and Plexi,
the Urinary System's the Genitourinary Tract, the joints' Joints. Routes said by their own words ("IV",
"epidural", "intrathecal") are read by bot.lookups.index.pcs_administration; this reads the organs only, and
only where the query says a substance is given into one (an injection, a block, an instillation, drops, a
spray).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from bot.lookups import derived
from bot.lookups.index.completion import said_approaches
from bot.lookups.index.pcs_body_part_key import body_part_key_words
from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import WordNet, reader

# The words that say a substance is put into a body part; a block is an anesthetic put around a nerve.
SITE_GIVING = re.compile(r"\b(?:inject\w*|instill\w*|blocks?|spray|drops|administer\w*)\b", re.IGNORECASE)
DEVICE = re.compile(r"\bdevices?\b", re.IGNORECASE)
BLOCK = re.compile(r"\bblocks?\b", re.IGNORECASE)
NEEDLE = re.compile(r"\b(?:inject\w*|blocks?|needle|shots?)\b", re.IGNORECASE)

# The Administration site (the 3E0 body part value) of each Medical and Surgical body system.
SYSTEM_SITES = {
    "1": "Peripheral Nerves and Plexi",
    "7": "Lymphatics",
    "8": "Eye",
    "B": "Respiratory Tract",
    "C": "Mouth and Pharynx",
    "F": "Biliary and Pancreatic Tract",
    "H": "Skin and Mucous Membranes",
    "J": "Subcutaneous Tissue",
    "K": "Muscle",
    "N": "Bones",
    "P": "Bones",
    "Q": "Bones",
    "R": "Joints",
    "S": "Joints",
    "T": "Genitourinary Tract",
    "U": "Female Reproductive",
    "V": "Male Reproductive",
}
# Body parts a system holds whose site is another: the cavities and the serous membranes lining them.
CAVITY_SITES = (
    ("pleura", "Pleural Cavity"),
    ("peritone", "Peritoneal Cavity"),
    ("omentum", "Peritoneal Cavity"),
    ("mesenteri", "Peritoneal Cavity"),
    ("pericardi", "Pericardial Cavity"),
    ("cranial cavity", "Cranial Cavity and Brain"),
)
# The Ear, Nose, Sinus system's parts of the ear; the rest are the nose's.
EAR_WORDS = ("ear", "tympanic", "ossicle", "mastoid", "eustachian")
# The Gastrointestinal System's parts down to the duodenum are the Upper GI; below, the Lower GI.
UPPER_GI_WORDS = ("esophag", "stomach", "duoden", "pylorus")
SIDES = frozenset({"right", "left", "bilateral"})
MAX_WORDS = 5  # a body part value of more words is a description no query says whole


def _site_of(system: str, value: str) -> str:
    low = value.lower()
    for word, site in CAVITY_SITES:
        if word in low:
            return site
    if system == "0":
        if "nerve" in low:
            return "Cranial Nerves"
        return "Spinal Canal" if "spinal" in low else "Cranial Cavity and Brain"
    if system == "9":
        return "Ear" if any(w in low for w in EAR_WORDS) else "Nose"
    if system == "D":
        return "Upper GI" if any(w in low for w in UPPER_GI_WORDS) else "Lower GI"
    return SYSTEM_SITES.get(system, "")


SubstanceSites = tuple[tuple[frozenset[str], str], ...]
# The derived table (bot.lookups.derived_tables) the data build stores the sites in: read from ~9,800 body part
# rows, they took a process ~15 ms CPU at its first query giving a substance into a body part.
SUBSTANCE_SITES = "pcs_substance_sites"


def _values(conn: sqlite3.Connection, memo: dict[object, object]) -> SubstanceSites:
    """Each Medical and Surgical body part value (its side words aside), as stems, with its Administration site
    (`build_substance_sites`), as the data build stored them; read once per connection."""
    found = memo.get("pcs substance sites")
    if isinstance(found, tuple):
        return found
    found = derived.stored_or_built(
        conn, SUBSTANCE_SITES, decode_substance_sites, lambda: build_substance_sites(conn)
    )
    memo["pcs substance sites"] = found
    return found


def encode_substance_sites(sites: SubstanceSites) -> list[list[object]]:
    return [[sorted(stems), site] for stems, site in sites]


def decode_substance_sites(stored: list[list[Any]]) -> SubstanceSites:
    return tuple((frozenset(str(s) for s in stems), str(site)) for stems, site in stored)


def build_substance_sites(conn: sqlite3.Connection) -> SubstanceSites:
    """Each Medical and Surgical body part value (its side words aside), as stems, with its Administration site
    - only values every table of which gives the one site (a value two systems hold alike, "Upper Arm", none)."""
    sites: dict[frozenset[str], set[str]] = {}
    seen: set[tuple[str, str]] = set()  # a value's site depends on its body system only: ~870 of ~9,800 rows
    for table, meaning in conn.execute(
        "SELECT DISTINCT tbl, meaning FROM pcs_axes WHERE position = 4 AND tbl LIKE '0%'"
    ):
        system_value = (str(table)[1], str(meaning))
        if system_value in seen:
            continue
        seen.add(system_value)
        words = [w for w in re.findall(r"[a-z]+", str(meaning).lower()) if w not in SIDES]
        stems = frozenset(content_stems(" ".join(words)))
        if not stems or len(stems) > MAX_WORDS:
            continue
        sites.setdefault(stems, set()).add(_site_of(str(table)[1], " ".join(words)))
    # The Administration sites by their own names ("Nose", "Joints", "Pleural Cavity"): "nasal spray" -> nose.
    for (meaning,) in conn.execute("SELECT meaning FROM pcs_axes WHERE tbl = '3E0' AND position = 4"):
        sites[frozenset(content_stems(str(meaning)))] = {str(meaning)}
    return tuple((stems, next(iter(s))) for stems, s in sites.items() if len(s) == 1 and "" not in s)


def _wordnet(conn: sqlite3.Connection, memo: dict[object, object]) -> WordNet:
    return reader(conn)  # (one reader a connection, shared with the other readings)


def substance_site(
    conn: sqlite3.Connection, memo: dict[object, object], text: str
) -> tuple[str, str, str] | None:
    """The Administration site a query's organ names, the approach and the words that named it ("femoral
    nerve block" -> Peripheral Nerves and Plexi, Percutaneous), or None when the query gives no substance into
    a body part it names."""
    if not SITE_GIVING.search(text) or DEVICE.search(text):
        return None  # ("put infusion device into ..."): a device put in is an Insertion
    words = re.findall(r"[a-z]+", text.lower())
    said = set(content_stems(" ".join(words)))
    for value in body_part_key_words(conn, words, memo).values():
        said.update(stem(w) for w in value)  # "stellate ganglion": Head and Neck Sympathetic Nerve
    wordnet = _wordnet(conn, memo)
    for word in words:
        for sense in wordnet.pertains(word):
            said.update(s for lemma in sense.lemmas for s in content_stems(lemma))  # "nasal": nose
    best: tuple[int, str, frozenset[str]] | None = None
    for stems, site in _values(conn, memo):
        if stems <= said and (best is None or len(stems) > best[0]):
            best = (len(stems), site, stems)
    if best is None:
        return None
    _, site, stems = best
    approaches = said_approaches(frozenset(said))
    approach = next(iter(sorted(approaches)), "") if len(approaches) == 1 else ""
    if not approach:
        approach = "3" if NEEDLE.search(text) else "7"
    return site, approach, " ".join(sorted(stems))
