"""A device put in is an Insertion, never an Administration of a substance.

ICD-10-PCS defines Introduction (section 3, Administration, table 3E0) as "Putting in or on a therapeutic,
diagnostic, nutritional, physiological, or prophylactic substance except blood or blood products", and Insertion
(Medical and Surgical, root operation H) as "Putting in a nonbiological appliance that monitors, assists, performs,
or prevents a physiological function but does not physically take the place of a body part". What is put in
decides between them: a query that tells putting in by a word a coder reads as Insertion's verb
(bot.lookups.index.pcs_putting_in: "implantation", "implant", "placement", "inserted") and names a device (a
Device Key line's name - "Virtuoso", "single lead pacemaker", "Intellis neurostimulator" -, a device noun, or a
device value's words) puts in an appliance, and "into chest subcutaneous tissue and fascia" there is the body
part it goes into (the Medical and Surgical body part value), not a subcutaneous route of a drug.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection

from bot.lookups.index.completion import _use_lines, value_words
from bot.lookups.index.pcs_devices import device_words
from bot.lookups.index.pcs_putting_in import keys_device_value, names_device_value, puts_in
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import reader

_WORD = re.compile(r"[a-z][a-z-]*")


def puts_device_in(
    conn: sqlite3.Connection, memo: dict[object, object], text: str, giving: Callable[[str], object]
) -> bool:
    """Whether a query tells a device put in: a putting-in word that is no word of giving a substance
    (`giving`: "injection" is also a kind of inserting, but of a substance) and a device named."""
    words = _WORD.findall(text.lower())
    wordnet = reader(conn)
    if not any(len(w) > 3 and not giving(w) and puts_in(wordnet, w) for w in words):
        return False
    said = said_stems(text)  # ("cardioverter-defibrillator" and its halves)
    return bool(
        keys_device_value(value_words(conn, said, memo), conn, memo)
        or device_words(conn, said, memo)
        or names_device_value(conn, said, memo)
    )


def said_stems(text: str) -> frozenset[str]:
    """The stems of a query's words, a hyphened compound's halves too ("cardioverter-defibrillator")."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower())) | content_stems(text)


def names_device_by_key(conn: sqlite3.Connection, memo: dict[object, object], text: str, word: str) -> bool:
    """Whether a word of the query belongs to a Device Key name the query says whole: "paclitaxel" in
    "paclitaxel-eluting coronary stent" ("Paclitaxel-eluting coronary stent - use Intraluminal Device,
    Drug-eluting in Heart and Great Vessels") names the stent, no drug given; the Key line's value must be a
    device value, not a body part's."""
    said = said_stems(text)
    for part in content_stems(word) or {stem(word)}:
        for head, _acronyms, values in _use_lines(conn, part, memo):
            if head and part in head and head <= said and keys_device_value(values, conn, memo):
                return True
    return False


DEVICE_ECHO = "device"
PUT_IN = frozenset({"insertion"})
# The Index's device operation lines: "Insertion of device in", "Removal of device from", "Change device in".
_DEVICE_LINE = re.compile(r"(\w+)(?: of)? device (?:in|from)$")


def device_operations(tree: IndexTree) -> frozenset[str]:
    """The first words of the PCS Index's device operation main terms ("insertion", "removal", "revision",
    "change"), read once per tree."""
    key = ("device operation lines",)
    found = tree.memo.get(key)
    if not isinstance(found, frozenset):
        found = frozenset(
            line.group(1).lower()
            for node_id in tree.main_terms_holding(stem(DEVICE_ECHO))
            if (node := tree.node(node_id)) is not None
            and node.book == "pcs"
            and (line := _DEVICE_LINE.match(node.term.lower())) is not None
        )
        tree.memo[key] = found
    return found


def device_echo(device_told: bool, said: Collection[str], operations: frozenset[str]) -> list[str]:
    """The word "device", for an Index walk to read with a query naming a device by another name and asking for
    a device operation: the PCS Index holds them under "Insertion of device in", "Removal of device from",
    "Revision of device in" and "Change device in" (`operations`: their first words), and a device the Device
    Key or a device noun names ("bone screw - use Internal Fixation Device") is the device those lines mean.
    Nothing when the query says "device" itself, names no device, or asks for another operation (`said`: its
    words and the root operation nouns its words are read as): "reinforcement ... with nonautologous tissue" is
    a Supplement, no device line's. A device put in is left out (PUT_IN): its putting-in word is read as
    Insertion already (pcs_putting_in), and its Index walk goes through the device's own main term ("Endotracheal
    tube - see Intraluminal Device, Endotracheal Airway ..., Insertion of device in, Trachea"), which the echo
    would put below the bare "Insertion of device in" line ("endotracheal tube placed", "trach placement")."""
    lowered = {w.lower() for w in said}
    if not device_told or DEVICE_ECHO in lowered or not lowered & (operations - PUT_IN):
        return []
    return [DEVICE_ECHO]
