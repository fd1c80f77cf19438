"""Substance use, abuse or dependence told in users' words reads as the F10-F18 line of the drug's class, the
class found from the Index's own substance words, the Drug Table's T category or WordNet's broader words
(bot.lookups.index.substance_use; issue #10, guideline I.C.5.b.2). Drugs and phrasings are made up here, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hooked on lorazepam", "F13.20"),  # WordNet: lorazepam -> benzodiazepine -> anxiolytic
        ("dependent on fentanyl, withdrawing", "F11.23"),  # Drug Table: T40.41 ... opioids
        ("clonazepam dependent, in remission", "F13.21"),  # Drug Table: T42.4 benzodiazepines -> WordNet
        ("addicted to tramadol", "F11.20"),
        ("weed dependent with anxiety", "F12.280"),  # a street name read as its generic first
    ],
)
def test_a_drug_named_by_users_reads_as_its_class_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_dependence_of_no_substance_is_left_alone(codebook: CodeBook) -> None:
    assert not find_codes(codebook, "steroid dependent asthma", limit=1)[0].code.startswith("F1")
