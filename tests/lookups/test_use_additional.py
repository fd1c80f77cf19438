"""A code a Tabular "use additional code" note names follows the condition whose note it is
(bot.lookups.index.use_additional). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.use_additional import Note, named_by
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected", "after"),
    [
        ("overweight BMI 28", "E66.3", "Z68.28"),  # E66: use additional code to identify BMI (Z68.1-Z68.45)
        ("BMI 43, morbid obesity", "E66.01", "Z68.41"),
    ],
)
def test_the_condition_whose_note_names_the_bmi_comes_before_it(
    codebook: CodeBook, query: str, expected: str, after: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[:1] == [expected] and after in codes, codes


def test_a_note_names_a_range_and_only_the_adverse_effects_it_says() -> None:
    notes = (Note("E66", "Z681", "Z6845"), Note("D46", "T36", "T50", adverse=True))
    assert named_by("Z6827", notes) == ("E66",)
    assert named_by("Z6854", notes) == ()
    assert named_by("T401X5A", notes) == ("D46",)
    assert named_by("T401X1A", notes) == ()  # (a poisoning is coded first itself)


def test_what_the_query_denies_is_not_coded_first(codebook: CodeBook) -> None:
    # (R35.1 is named by N40's note; "no other LUTS" denies the prostate's symptoms)
    codes = [h.code for h in find_codes(codebook, "nocturia twice a night, no other LUTS", limit=5)]
    assert codes[:1] == ["R35.1"], codes
