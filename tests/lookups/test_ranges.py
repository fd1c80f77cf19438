"""A number the query states with a unit against the ranges an Index line or title states (bot.lookups.index.ranges)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.ranges import contradicted, stated_numbers, stated_ranges
from bot.lookups.search import find_codes


def test_stated_numbers_and_ranges() -> None:
    assert stated_numbers("newborn check 5 days old, 2 wks") == {"day": {5}}
    assert stated_ranges("Newborn, examination, 8 to 28 days old") == [("day", 8, 28)]
    assert stated_ranges("Health examination for newborn under 8 days old") == [("day", 0, 7)]
    assert stated_ranges("coma lasting 24 hours or more") == [("hour", 24, 10_000)]
    assert stated_ranges("greater than 20 minutes") == [("minute", 21, 10_000)]


@pytest.mark.parametrize(
    ("said", "texts", "expected"),
    [
        ("5 days old", ["Newborn", "examination", "8 to 28 days old"], True),
        ("10 days old", ["Newborn", "examination", "8 to 28 days old"], False),
        ("5 days old", ["Health examination for newborn under 8 days old"], False),
        ("2 weeks old", ["8 to 28 days old"], False),  # another unit: nothing to compare
        ("stage 3", ["8 to 28 days old"], False),  # no unit: no number to compare
        ("5 days old", ["Newborn, examination"], False),  # no range stated
    ],
)
def test_a_line_is_contradicted_only_by_a_range_in_the_same_unit(
    said: str, texts: list[str], expected: bool
) -> None:
    assert contradicted(stated_numbers(said), texts) is expected


def test_the_age_said_picks_the_line_whose_range_holds_it(codebook: CodeBook) -> None:
    # Both Index lines hold every word; only the number tells them apart.
    assert find_codes(codebook, "newborn check 5 days old", limit=1)[0].code == "Z00.110"
    assert find_codes(codebook, "newborn check 12 days old", limit=1)[0].code == "Z00.111"
