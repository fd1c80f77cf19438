"""A drain or tube left in a Drainage is its Drainage Device (pcs_devices.drain_device_words), and a drain
placed where the Index led to an Insertion table is the Drainage of that body part with its device
(pcs_drains)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.pcs_devices import drain_device_words, used_drain_words
from bot.lookups.index.pcs_drains import drainage_for_drain
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_tube_left_in_a_drainage_is_its_device(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert drain_device_words("0T9", told("nephrostomy tube"))
    assert not drain_device_words("0DH", told("feeding tube"))  # an Insertion reads its own devices
    assert not drain_device_words("0S9", told("drainage of knee effusion"))  # no tube left in
    for table, query, want in (
        ("0W9D", "pericardial drainage percutaneous pigtail catheter", "0W9D30Z"),
        ("0T90", "percutaneous nephrostomy tube right kidney", "0T9030Z"),
        ("0W9G", "paracentesis with catheter left in place", "0W9G30Z"),
    ):
        done = complete_pcs(conn, table, told(query))
        assert done is not None and done.code == want, (query, done)
    assert used_drain_words("0T9030Z", told("nephrostomy tube")) == told("nephrostomy tube")
    assert not used_drain_words("0T903ZZ", told("nephrostomy tube"))


def test_a_drain_placed_is_a_drainage_not_an_insertion(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    liver = Completion("0FH03YZ", "Insertion of Other Device into Liver, Percutaneous Approach", True, "")
    found = drainage_for_drain(conn, liver, told("percutaneous liver abscess drain placement"), {})
    assert found is not None and found.code == "0F9030Z"
    # No drain named: the Insertion stays.
    assert drainage_for_drain(conn, liver, told("percutaneous liver infusion device"), {}) is None


def test_drains_placed_through_the_skin(codebook: CodeBook) -> None:
    assert _first(codebook, "percutaneous liver abscess drain placement") == "0F9030Z"
    assert _first(codebook, "left perc nephrostomy placement") == "0T9130Z"
    assert _first(codebook, "percutaneous right nephrostomy tube") == "0T9030Z"
    assert _first(codebook, "paracentesis")[:4] == "0W9G"
