"""The condition an adverse effect caused is listed before the adverse effect's T code (issue #10, guideline
I.C.19.e.5.a), also when the T code's subcategory says its intent in the fifth character (T37.95XA).
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.stories import is_adverse_or_underdosing, is_poisoning
from bot.lookups.search import find_codes


def test_the_intent_of_a_four_character_subcategory() -> None:
    assert is_adverse_or_underdosing("T37.95XA") and is_adverse_or_underdosing("T37.96XA")
    assert is_poisoning("T37.91XA") and not is_poisoning("T37.95XA")
    assert not is_adverse_or_underdosing("T37.91XA")


@pytest.mark.parametrize(
    ("query", "condition"),
    [("fixed drug eruption from bactrim", "L27.1")],
)
def test_the_condition_first(codebook: CodeBook, query: str, condition: str) -> None:
    hits = find_codes(codebook, query, limit=2)
    assert hits[0].code == condition and is_adverse_or_underdosing(hits[1].code)
