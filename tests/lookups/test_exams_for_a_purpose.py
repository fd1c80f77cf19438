"""A health examination asked for a purpose reads the Index's Examination, medical (for) line of the
purpose (insurance, armed forces, driving license, sport, camp, employment, immigration, school), and a
routine adult check told with no age reads Examination, medical, general (Z00.00). The queries are made up,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.encounters import read_exam_purpose
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("physical exam for a term life insurance policy", "Z02.6"),
        ("enlistment physical for the navy", "Z02.3"),
        ("cdl physical renewal", "Z02.4"),
        ("physical to join the soccer team", "Z02.5"),
        ("new job physical", "Z02.1"),
        ("green card medical exam", "Z02.89"),
        ("college entrance physical form", "Z02.0"),
        ("yearly adult physical, nothing found", "Z00.00"),
    ],
)
def test_an_exam_for_a_purpose(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_a_payer_word_that_is_the_purpose_is_no_payer(codebook: CodeBook) -> None:
    assert _top(codebook, "life insurance physical") == "Z02.6"


def test_only_a_purpose_and_exam_words_are_read() -> None:
    assert read_exam_purpose("sports physical") == "examination medical participation sport"
    assert read_exam_purpose("ankle sprain playing soccer") is None
    assert read_exam_purpose("football physical, chest pain") is None
