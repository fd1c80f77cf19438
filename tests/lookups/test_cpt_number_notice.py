"""A CPT code number said inside a longer question (issue #10) gets the "that is CPT" notice, not a diagnosis or a
HCPCS item; a number that is an amount ("10000 units") is no code. Queries are made up here."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.services import cpt_number
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("can we bill 99214 for this?", "99214"),
        ("is 36415 bundled", "36415"),
        ("0042t add-on", "0042t"),
        ("heparin 10000 units", ""),
        ("walked 12000 steps", ""),
        ("J1100 10 mg", ""),
        ("S72.001A", ""),
    ],
)
def test_a_cpt_number_is_read_as_a_word_of_the_query(text: str, number: str) -> None:
    assert cpt_number(text) == number


@pytest.mark.parametrize(
    "query", ["can we bill 99214 for this?", "99232 progress note", "is 85025 ok with z00.00"]
)
def test_a_question_naming_a_cpt_number_gets_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    found = find_codes(codebook, query)
    assert "CPT" in found.notice
    assert list(found) == []
