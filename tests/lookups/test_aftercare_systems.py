"""Surgical aftercare told by the organ operated on reads the "Aftercare, following surgery" line of its body
system (bot.lookups.index.aftercare_systems), and a past condition no History line names reads the history
code of the class the Tabular's "Conditions classifiable to" note holds it in. The queries are made up, not
taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.aftercare_systems import read_aftercare
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "post op check after bladder surgery",
            "Z48.816",
        ),  # N32.9 stands in Diseases of the genitourinary system
        ("aftercare after heart surgery", "Z48.812"),  # no transplant said: not Z48.21
        ("aftercare following eye surgery", "Z48.810"),  # WordNet: the eye is a sense organ
        ("follow up care after liver and kidney transplant", "Z48.288"),  # two organs no one line holds
    ],
)
def test_aftercare_after_surgery_on_an_organ_reads_its_body_system(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_a_surgery_alone_is_no_aftercare_visit() -> None:
    assert read_aftercare("bladder surgery yesterday, now bleeding") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("history of lyme disease", "Z86.19"),  # not "History, personal, Hodgkin disease" by its "disease"
        ("had lyme disease years ago", "Z86.19"),  # a story of the past read by the note
        ("history of rheumatic fever", "Z86.79"),  # "without" in both titles names no class
    ],
)
def test_a_past_condition_no_history_line_names_reads_its_class(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected
