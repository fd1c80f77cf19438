"""An abscess drained from a body region is a Drainage of the region's subcutaneous tissue and fascia (0J9),
not of the anatomical region (0X9 "Axilla", 0Y9 "Buttock") nor of skin (pcs_abscess); a cavity or an organ
the query names keeps its own Drainage code."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.pcs_abscess import region_words, subcutaneous_drainage
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes

TISSUE = " subcutaneous tissue and fascia"


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_a_region_named_otherwise_reads_as_its_segment() -> None:
    assert told("upper arm") <= region_words(told("left axilla"))
    assert told("upper leg") <= region_words(told("thigh"))


def test_every_region_drainage_of_an_abscess_is_the_subcutaneous_drainage(codebook: CodeBook) -> None:
    # Generated: for every body part of the region and skin Drainage tables whose words name a 0J9 body part,
    # an abscess drained there reads as that 0J9 body part; without "abscess" the region's code stays.
    conn = codebook.db.conn
    tissue = {
        str(m)[: -len(TISSUE)].lower(): str(c)
        for c, m in conn.execute("SELECT char, meaning FROM pcs_axes WHERE tbl = '0J9' AND position = 4")
    }
    rows = conn.execute(
        "SELECT tbl, meaning FROM pcs_axes WHERE tbl IN ('0X9', '0Y9', '0W9', '0H9') AND position = 4"
    ).fetchall()
    checked, wrong = 0, []
    for table, meaning in rows:
        words = str(meaning).lower().replace(" skin", "")
        if words not in tissue:
            continue
        done = complete_pcs(conn, str(table), told(words))
        assert done is not None
        found = subcutaneous_drainage(conn, done, told(f"abscess {words}"), done.title, {})
        checked += 1
        if found is None or found.code[:4] != "0J9" + tissue[words]:
            wrong.append((table, meaning, found.code if found else None))
        if subcutaneous_drainage(conn, done, told(words), done.title, {}) is not None:
            wrong.append((table, meaning, "changed without an abscess"))
    assert checked >= 15
    assert not wrong, wrong


def test_a_cavity_or_an_organ_keeps_its_drainage(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    cavity = Completion("0W9J0ZZ", "Drainage of Pelvic Cavity, Open Approach", True, "")
    assert subcutaneous_drainage(conn, cavity, told("pelvic abscess"), cavity.title, {}) is None
    liver = Completion("0F903ZZ", "Drainage of Liver, Percutaneous Approach", True, "")
    assert subcutaneous_drainage(conn, liver, told("liver abscess"), liver.title, {}) is None


def test_an_abscess_incised_and_drained_is_subcutaneous(codebook: CodeBook) -> None:
    assert _first(codebook, "I&D abscess right buttock") == "0J990ZZ"
    assert _first(codebook, "incision and drainage of an abscess, left armpit") == "0J9F0ZZ"
    assert _first(codebook, "I&D abscess right forearm") == "0J9G0ZZ"
    assert _first(codebook, "percutaneous drainage of liver abscess") == "0F903ZZ"
