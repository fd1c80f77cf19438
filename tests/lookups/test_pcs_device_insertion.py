"""The PCS root operation Insertion read from its official definition, and the device from the Device Key.

Insertion is "Putting in a nonbiological appliance that monitors, assists, performs, or prevents a physiological
function but does not physically take the place of a body part": a device placed or implanted is put in
(pcs_putting_in), and a Device Key "use" line names its device value whole (completion).
"""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import used_key_words
from bot.lookups.index.pcs_putting_in import names_device_value, puts_in, putting_in_readings
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes
from bot.lookups.wordnet import reader


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_placing_and_implanting_are_putting_in(codebook: CodeBook) -> None:
    wordnet = reader(codebook.db.conn)
    # "place": WordNet's first sense "put, set, place ..." holds the definition's verb ("Putting in");
    # "implant": "implant, embed ...", a kind of "insert"
    for word in ("placement", "placed", "implant", "implanted", "implantation"):
        assert puts_in(wordnet, word), word
    # "position" is only a kind of "put"; taking out and draining are other operations
    for word in ("positioned", "removal", "drain", "tube", "catheter"):
        assert not puts_in(wordnet, word), word
    # only when the query names a device: "child placed in foster care" is no procedure
    assert putting_in_readings(wordnet, ["child", "placed", "in", "foster", "care"], False) == {}
    assert putting_in_readings(wordnet, ["loop", "recorder", "placement"], True) == {"placement": "insertion"}


def test_a_device_value_said_whole_names_a_device(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    said = frozenset(stem(w) for w in ("endotracheal", "airway", "placed"))
    assert names_device_value(conn, said, {})
    # "Drainage Device" is one word besides "device": the operation Drainage, no device alone
    assert not names_device_value(conn, frozenset({stem("drainage")}), {})


def test_an_implanted_lead_is_inserted_not_removed(codebook: CodeBook) -> None:
    # Insertion: "Putting in a nonbiological appliance"; "Neurostimulator Lead, Insertion of device in, Spinal
    # Canal 00HU", not the Removal table beside it
    assert _first(codebook, "implantation of neurostimulator lead in spinal canal percutaneous") == "00HU3MZ"
    # "Tracheostomy Device": a trach tube placed with the stoma is the Bypass's own device
    assert _first(codebook, "open trach placement, cuffed trach tube") == "0B110F4"


def test_the_device_key_names_its_value_whole(codebook: CodeBook) -> None:
    # "Implantable cardioverter-defibrillator (ICD) - use Defibrillator Generator in 0JH": the generator, not
    # the "Subcutaneous Defibrillator Lead" that shares the query's "subcutaneous"; the hyphened name is said by
    # its two words
    assert _first(codebook, "ICD implant subcutaneous chest") == "0JH608Z"


def test_the_device_keys_name_is_used_by_its_value(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    said = frozenset(stem(w) for w in ("loop", "recorder", "insertion", "chest"))
    # "Loop recorder, implantable - use Monitoring Device": 0JH602Z's device is Monitoring Device
    assert used_key_words(conn, "0JH602Z", said, {}) == {"loop", "recorder"}
    # a code of another device value does not use them
    assert used_key_words(conn, "0JH60FZ", said, {}) == frozenset()
