"""A patient examined after an accident and found unhurt -> Encounter for examination and observation following
the accident's kind (bot.lookups.index.accident_checked, guideline I.C.21.c.6): the Index's Examination, following,
accident line of the accident's kind - transport when its external cause is a V code, work from the story,
else accident NEC. An injury told stays coded.
The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "evaluated after a motorcycle crash, no injuries found",
            "Z04.1",
        ),  # V-code block: transport accident
        ("slipped on ice, xray negative, no injury", "Z04.3"),  # W00 fall: another accident
        ("checked after a fall at work, no injury found", "Z04.2"),  # the story says the work
    ],
)
def test_an_examination_after_an_accident(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_an_injury_told_keeps_its_reading(codebook: CodeBook) -> None:
    assert not _top(codebook, "fell off a ladder and broke his wrist").startswith("Z04")


def test_an_injury_after_the_all_clear_keeps_its_reading(codebook: CodeBook) -> None:
    assert not _top(codebook, "fell, no fracture, but a bad sprain").startswith("Z04")
