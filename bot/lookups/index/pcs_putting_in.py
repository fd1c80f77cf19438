"""A device "placed", "implanted" or given a "placement" is put in: the root operation Insertion.

ICD-10-PCS defines Insertion (the Medical and Surgical root operation H) as "Putting in a nonbiological appliance
that monitors, assists, performs, or prevents a physiological function but does not physically take the place
of a body part" (the root operations' official definitions). A coder reads the words people use for it -
"PICC placement", "loop recorder placed", "ICD implant", "implantation of a pump" - as that definition's verb:
to place is WordNet's first sense of "put, set, place, ..." (the definition's "putting"), and to implant is to
"embed", a kind of "insert" (the operation's own verb). The Index holds the operation under its noun
("Insertion of device in, <body part>"), so such a word is given that noun as its alternative in the Index walk -
but only when the query names a device (a Device Key "use" line's name, or a device noun), because "putting
in" tissue or a graft is Replacement or Supplement, whose definitions also begin "Putting in or on", and
"placed in foster care" is no procedure at all.

The only lists are grammar: the nominal suffixes that undo a noun to its verb ("placement" -> place,
"implantation" -> implant) and the irregular past ("put").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.lookups import data_version
from bot.lookups.index.words import content_stems
from bot.lookups.wordnet import WordNet, verb_forms

OPERATION = "insertion"
# The verbs of the definition ("Putting in ...") and of the operation's own name ("insert").
DEFINITION_VERBS = frozenset({"put", "insert"})
# A verb that is a kind of the operation's own verb ("implant" is to embed, a kind of insert); a kind of "put"
# is not enough ("position" is moving a thing to a place: Reposition's word as much).
OWN_VERB = "insert"
# "placement" -> place, "implantation" -> implant, "insertion" -> insert: a noun of action back to its verb.
NOMINAL_SUFFIXES = ("ment", "ation", "ion")
IRREGULAR_PAST = {"put": "put"}
SHORT = 3
GENERIC = frozenset(content_stems("device"))  # "Other Device": the word every device value shares


_VALUES: dict[str, tuple[frozenset[str], ...]] = {}  # the data stamp -> the device values' words
_ALL_VALUES: dict[str, tuple[frozenset[str], ...]] = {}  # the same, one-word values too


def device_values(conn: sqlite3.Connection, memo: dict[object, object]) -> tuple[frozenset[str], ...]:
    """The words of each Medical and Surgical device value (the sixth character's meanings: "Endotracheal
    Airway", "Defibrillator Generator"), "device" itself aside; a value of one word left is no name of a device alone
    ("Drainage Device" is also the operation Drainage, "Other Device" any)."""

    def build() -> tuple[frozenset[str], ...]:
        rows = conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 6 AND tbl LIKE '0%'")
        values = {frozenset(content_stems(str(m))) - GENERIC for (m,) in rows}
        return tuple(sorted((v for v in values if len(v) > 1), key=sorted))

    return data_version.kept(conn, memo, ("device values",), _VALUES, build)


def names_device_value(conn: sqlite3.Connection, said: frozenset[str], memo: dict[object, object]) -> bool:
    """Whether the query says every word of a device value ("endotracheal airway", "defibrillator generator")."""
    return any(value <= said for value in device_values(conn, memo) if value)


def keys_device_value(keyed: frozenset[str], conn: sqlite3.Connection, memo: dict[object, object]) -> bool:
    """Whether the words of the Key lines the query names (bot.lookups.index.completion.value_words) hold a
    device value whole, "device" aside ("Intrauterine device (IUD) - use Contraceptive Device"), not only a body
    part's ("Great saphenous vein - use Saphenous Vein")."""
    words = keyed - GENERIC
    return bool(words) and any(value <= words for value in _all_device_values(conn, memo) if value)


def _all_device_values(conn: sqlite3.Connection, memo: dict[object, object]) -> tuple[frozenset[str], ...]:
    """The words of each Medical and Surgical device value, "device" aside, one-word ones too ("Contraceptive")."""

    def build() -> tuple[frozenset[str], ...]:
        rows = conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 6 AND tbl LIKE '0%'")
        values = {frozenset(content_stems(str(m))) - GENERIC for (m,) in rows}
        return tuple(sorted((v for v in values if v), key=sorted))

    return data_version.kept(conn, memo, ("all device values",), _ALL_VALUES, build)


def _verbs_of(word: str) -> list[str]:
    """The verb lemmas a query word may be a form of: its verb forms, or its verb before a nominal suffix."""
    if word in IRREGULAR_PAST:
        return [IRREGULAR_PAST[word]]
    for suffix in NOMINAL_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + SHORT:
            base = word[: -len(suffix)]
            return [base, base + "e"]
    return verb_forms(word)


def puts_in(wordnet: WordNet, word: str) -> bool:
    """Whether a word tells putting in: its verb's first sense holds the definition's verb ("place": put,
    set, place ...) or is a kind of it ("implant": embed, a kind of insert)."""
    for lemma in _verbs_of(word.lower()):
        senses = wordnet.verbs(lemma)
        if not senses:
            continue
        first = senses[0]
        if DEFINITION_VERBS & set(first.lemmas):
            return True
        return any(OWN_VERB in wordnet.sense(h).lemmas for h in first.hypernyms)
    return False


def putting_in_readings(wordnet: WordNet, words: Sequence[str], device_named: bool) -> dict[str, str]:
    """Each query word telling that a device was put in, with the root operation noun it names
    ("placement" -> insertion), when the query names a device; nothing otherwise."""
    if not device_named:
        return {}
    out: dict[str, str] = {}
    for word in words:
        low = word.lower()
        if (
            (len(low) <= SHORT and low not in IRREGULAR_PAST)
            or not low.isalpha()
            or low.startswith(OPERATION[:6])
        ):
            continue  # ("insertion", "inserted": the operation's own word, read as it is)
        if puts_in(wordnet, low):
            out[word] = OPERATION
    return out
