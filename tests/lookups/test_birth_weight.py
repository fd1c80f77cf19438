"""A newborn's weight at birth in grams or pounds and ounces read as the Index's birthweight band (issue #10,
lay23; bot.lookups.index.birth_weight), and what the mother took while pregnant, told by her, read as Newborn,
affected by, maternal (bot.lookups.index.lay_shapes). Queries are made up for these tests, not taken from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.birth_weight import grams_said, read_birth_weight
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("our twins were born weighing 650 grams", "P07.02"),
        ("newborn, birth weight 2 lbs 10 oz", "P07.14"),
        ("big baby, 4700 g at birth", "P08.0"),
        ("I used cocaine while I was pregnant and my baby is shaky", "P04.41"),
    ],
)
def test_a_birth_weight_or_the_mothers_use_reads_as_the_newborn_line(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_weight_without_a_birth_or_in_the_normal_range_is_left_as_said() -> None:
    assert grams_said("3 lbs 4 oz") == 1474
    assert read_birth_weight("lost 2 lbs this week") is None
    assert read_birth_weight("baby born at 7 lbs 2 oz") is None
