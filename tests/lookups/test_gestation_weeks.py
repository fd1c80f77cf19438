"""A pregnancy's weeks said in a chart line choose the trimester of a chapter 15 code
(bot.lookups.index.gestation). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.gestation import trimester_said
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "trimester"),
    [
        ("eclampsia at 12 wks", "first trimester"),
        ("pregnant 13 weeks, bleeding", "first trimester"),
        ("preterm premature rupture membranes at 14 wks", "second trimester"),
        ("placenta previa at 27w", "second trimester"),
        ("hellp at 28 weeks", "third trimester"),
        ("ga 39 wks, preeclampsia", "third trimester"),
        ("cough x 3 wks", None),  # a duration, no pregnancy
        ("rash for 2 weeks", None),
        ("born at 32 wks", None),  # a newborn's weeks
        ("preeclampsia 6 wks postpartum", None),
        ("preeclampsia, third trimester, 30 wks", None),  # said already
        ("pregnant 2 weeks ago", None),
    ],
)
def test_the_weeks_of_a_pregnancy_say_the_trimester(text: str, trimester: str | None) -> None:
    assert trimester_said(text) == trimester


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HELLP syndrome at 20 wks", "O14.22"),
        ("pre-eclampsia at 31 weeks", "O14.93"),
        ("PPROM at 25 wks", "O42.912"),
        ("placenta previa 33 wks pregnant", "O44.03"),
    ],
)
def test_a_pregnancy_code_takes_the_trimester_of_the_weeks(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
