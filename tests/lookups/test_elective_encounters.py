"""Encounters for a procedure with no medical indication and a well mother's lactation visit, told in office
words, read the Index's Admission, cosmetic surgery; Circumcision (routine); Encounter, fertility preservation
procedure; Examination, lactating mother; Aftercare, following surgery, neoplasm. A condition said beside them
is coded instead. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.encounters import read_elective
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rhinoplasty for cosmetic reasons", "Z41.1"),
        ("cosmetic consultation about a facelift", "Z41.1"),
        ("religious circumcision for newborn boy", "Z41.2"),
        ("sperm banking prior to radiation", "Z31.84"),
        ("freezing her eggs before ovary surgery", "Z31.84"),
        ("breastfeeding check, going well", "Z39.1"),
        ("aftercare following colectomy for colon cancer", "Z48.3"),
    ],
)
def test_an_elective_encounter(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_a_procedure_for_a_condition_is_no_elective_encounter(codebook: CodeBook) -> None:
    # The procedure asked for by name (pcs_asked: "Circumcision 0VTTXZZ"), its reason beside it - not the
    # routine encounter Z41.2 (which still comes second: left for the encounter readings).
    codes = [h.code for h in find_codes(codebook, "circumcision for phimosis", limit=5)]
    assert codes[0] == "0VTTXZZ" and "N47.1" in codes, codes


def test_a_condition_beside_it_is_not_read() -> None:
    assert read_elective("circumcision for phimosis") is None
    assert read_elective("lactation consult mastitis") is None
    assert read_elective("newborn circumcision") is None  # the procedure asked for
