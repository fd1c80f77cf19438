"""Round 31: PCS axes a coder reads from the approach definitions and the tables' values."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # an excisional / incisional biopsy cuts down to the site: Open, not the needle biopsy's Percutaneous
        ("excisional biopsy left axillary lymph node", "07B60ZX"),
        ("incisional biopsy of left breast", "0HBU0ZX"),
        ("excisional biopsy of right thigh subcutaneous mass", "0JBL0ZX"),
        # cut on the surface it is External, as any excision there is
        ("excisional biopsy of back skin lesion", "0HB6XZX"),
        ("excisional biopsy of vulvar lesion", "0UBMXZX"),
        # a biopsy told with no approach is still the needle's
        ("biopsy right inguinal lymph node", "07BH3ZX"),
        # "incisional hernia" is a kind of hernia, no cut said of a biopsy
        ("open incisional hernia repair, no mesh", "0WQF0ZZ"),
    ],
)
def test_excisional_biopsy_is_open(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the Biopsy line's Extraction send gives way to the Excision of the same body part (guideline B3.4a)
        ("biopsy of left femur", "0QB73ZX"),
        ("open biopsy of right upper femur", "0QB60ZX"),
        # bone marrow has no Excision table: its biopsy stays an Extraction
        ("bone marrow core biopsy posterior iliac crest", "07DR3ZX"),
    ],
)
def test_biopsy_is_excision_where_excision_holds_the_part(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code


def test_excision_for_biopsy_keeps_a_named_extraction(codebook: CodeBook) -> None:
    from bot.lookups.index.completion import Completion
    from bot.lookups.index.pcs_biopsy import excision_for_biopsy
    from bot.lookups.index.words import stem

    conn = codebook.db.conn
    done = Completion("0QD70ZZ", "Extraction of Left Upper Femur, Open Approach", True, "")
    sends = ("Extraction with qualifier Diagnostic",)
    found = excision_for_biopsy(conn, done, frozenset({"open"}), frozenset({"biopsy"}), sends, {})
    assert found is not None and found.code == "0QB70ZX"
    assert (
        excision_for_biopsy(conn, done, frozenset({"open"}), frozenset({stem("extraction")}), sends, {})
        is None
    )
    assert (
        excision_for_biopsy(conn, done, frozenset({"open"}), frozenset({"biopsy"}), ("Extraction",), {})
        is None
    )


def test_a_respelled_procedure_word_is_not_read_by_the_diagnosis(codebook: CodeBook) -> None:
    # "cauterizing" read as Cauterization for the whole query: the ulcer's path does not read it, so the
    # procedure the PCS Index's Cauterization line names comes first (pcs_asked)
    assert _first(codebook, "endoscopic cauterizing of a bleeding duodenal ulcer") == "0D598ZZ"
