"""The removal of a body part, with no device named, is a Resection (pcs_removal): the Index's "Removal of
device from" line reached by "removal of" is re-read in the Resection table of the same body system; a
device said by any name keeps the Removal, and a portion said is an Excision."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion
from bot.lookups.index.pcs_removal import names_device, resection_for_body_part
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_device_said_by_any_name_keeps_the_removal(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert names_device(conn, told("removal of chest port"), {})
    assert names_device(conn, told("removal of foley catheter"), {})
    assert not names_device(conn, told("removal of left kidney"), {})
    # A Body Part Key line ("... - use Peritoneal Cavity") names no device.
    assert not names_device(conn, told("laparoscopic removal of spleen peritoneal cavity"), {})
    port = Completion("0WP80YZ", "Removal of Other Device from Chest Wall, Open Approach", True, "")
    assert resection_for_body_part(conn, port, told("removal of chest wall port, open"), {}) is None


def test_a_body_part_removed_is_its_resection_or_excision(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    for code, query, want in (
        ("0GPR00Z", "removal of left inferior parathyroid gland open", "0GTP0ZZ"),
        ("0TP50YZ", "removal of left kidney open", "0TT10ZZ"),
        ("07PP4YZ", "laparoscopic removal of spleen", "07TP4ZZ"),
        ("0DP60YZ", "partial removal of stomach open", "0DB60ZZ"),
    ):
        done = Completion(code, "", True, "")
        found = resection_for_body_part(conn, done, told(query), {})
        assert found is not None and found.code == want, (query, found)


def test_removal_of_an_organ_is_its_resection(codebook: CodeBook) -> None:
    assert _first(codebook, "removal of left inferior parathyroid, open") == "0GTP0ZZ"
    assert _first(codebook, "removal of whole thyroid gland open") == "0GTK0ZZ"
    assert _first(codebook, "removal of right ovary laparoscopic") == "0UT04ZZ"
    assert _first(codebook, "removal of chest port, open")[2] == "P"  # a device: Removal
