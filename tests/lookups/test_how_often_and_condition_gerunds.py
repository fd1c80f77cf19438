"""How often a complaint comes is no word of it ("sleepwalks most nights" gave no confident match; "sleepwalks"
alone answered F51.3), and a gerund the vocabulary reads as a condition is no activity ("sleepwalking" gave
Y93.01 Activity, walking: WordNet's sleepwalking is a kind of walking). Issue #10; queries made up for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import without_circumstance
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("sleepwalking", "F51.3"),
        ("sleepwalks most nights", "F51.3"),
        ("my 8 year old sleepwalks most nights", "F51.3"),
        ("wets the bed every night", "N39.44"),  # (the Index's "nocturnal" line still reads "night")
        ("jogging injury", "Y93.02"),  # (a gerund the vocabulary reads as an activity stays one)
    ],
)
def test_the_condition_answers(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_how_often_opens_a_circumstance() -> None:
    core = without_circumstance("sleepwalks most nights")
    assert core is not None and core.text == "sleepwalks" and core.unused == ("most", "nights")
    assert without_circumstance("most nights") is None  # (nothing left before it)
