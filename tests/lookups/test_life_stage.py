"""A past maltreatment the Index files by the stage of life it happened in ("History, personal, abuse, adult"
/ "... childhood"; "Neglect, adult, history of" / "Neglect, child, history of") takes the line of the stage
the sentence tells (bot.lookups.index.life_stage). The queries are made up, not taken from the benchmark
sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.life_stage import stage_sibling, told_stage
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Neglect, child, history of -> Z62.812 (a time of life said: "as a child")
        ("was neglected as a child", "Z62.812"),
        # History, personal, abuse, adult, physical and sexual -> Z91.410 (the one who did it her husband)
        ("history of physical abuse by her ex-husband", "Z91.410"),
        # History, personal, abuse, adult, intimate partner -> Z91.414
        ("personal history of intimate partner abuse, by her husband", "Z91.414"),
    ],
)
def test_the_stage_of_life_told_picks_the_line(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=3)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("abused growing up", "child"),
        ("when she was little her uncle hit her", "child"),
        ("hit by her partner", "adult"),
        ("as a kid her boyfriend hit her", "child"),  # (the time of life said decides)
        ("history of abuse", None),
    ],
)
def test_the_stage_told(text: str, stage: str | None) -> None:
    assert told_stage(text) == stage


def test_a_title_of_the_told_stage_is_left_first() -> None:
    titles = ["Personal history of neglect in childhood", "Personal history of adult neglect"]
    assert stage_sibling("neglected growing up", titles) is None
    assert stage_sibling("neglected by her husband", titles) == 1
    # (a title of other words is no sibling of the stage)
    assert stage_sibling("neglected by her husband", [titles[0], "Personal history of adult abuse"]) is None
