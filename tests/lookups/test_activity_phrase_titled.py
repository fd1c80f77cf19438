"""An activity phrase a code's title prints itself is that code's words, not a kind of activity to read by the
External Cause Index's Activity lines (bot.lookups.index.activity_kinds.ActivityRead.printed_by): "dental
cleaning" is the Tabular's Encounter for dental examination and cleaning Z01.2-, not Activity, cleaning, floor
Y93.E5 (Activity codes tell what a person was doing when hurt, guideline I.C.20.c). The queries are made up,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.activity_kinds import ActivityRead
from bot.lookups.search import find_codes


def test_a_title_prints_the_phrase_by_its_head_and_another_word() -> None:
    read = ActivityRead("", "", "Y93.E5", phrase="yearly dental cleaning")
    assert read.printed_by("Encounter for dental examination and cleaning without abnormal findings")
    # the head alone, or the other words without the head, is no printing of the phrase
    assert not read.printed_by("Activity, floor mopping and cleaning")
    assert not read.printed_by("Dental caries, unspecified")
    assert not ActivityRead("", "", "Y93.E5", phrase="cleaning").printed_by("Activity, cleaning")


@pytest.mark.parametrize("query", ["annual dental cleaning", "yearly dental cleaning", "her dental cleaning"])
def test_a_visit_a_title_names_is_no_activity(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == "Z01.20", [(h.code, h.why) for h in hits]


def test_an_activity_no_title_prints_is_still_read(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "hurt playing basketball", limit=5)
    assert hits and hits[0].code == "Y93.67", [(h.code, h.why) for h in hits]
