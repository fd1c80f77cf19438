"""A cause told as a hyphenated compound read in the Index's words (issue #10,
bot.lookups.index.drug_induced): "opioid-induced constipation" is Constipation, drug-induced. Queries are made
up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.drug_induced import read_induced
from bot.lookups.search import find_codes


def test_the_compound_is_read_as_two_words() -> None:
    assert read_induced("opioid-induced constipation") == "opioid induced constipation"
    assert read_induced("drug induced lupus") is None
    assert read_induced("cocaine dependence with cocaine-induced insomnia") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("opioid-induced constipation", "K59.03"),
        ("alcohol-induced pancreatitis", "K85.20"),
        ("steroid-induced diabetes", "E09.9"),
    ],
)
def test_the_cause_compound(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
