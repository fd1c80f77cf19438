"""A patient examined after an accident and found unhurt -> Encounter for examination and observation following
the accident's kind (bot.lookups.index.accident_exams, guideline I.C.21.c.6): transport from the Tabular titles
above the accident's external cause, work from the story, else another accident. An injury told stays coded.
The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.accident_exams import accident_kind, accident_story
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


def test_the_readings() -> None:
    assert accident_story("exam after bike accident, no injury found") == "bike accident"
    assert accident_story("fell down stairs, ct head neg") == "fell down stairs"
    assert accident_story("fell, no fracture, but a bad sprain") is None  # an injury after the all-clear
    assert accident_story("no injury") is None  # no accident told
    above = {
        "V299XXA": ("Motorcycle rider injured", "Motorcycle rider injured in transport accident (V20-V29)")
    }
    assert accident_kind("bike crash", "V299XXA", lambda c: above.get(c, ())) == "transport"
    assert accident_kind("fell at work", "W19XXXA", lambda c: ()) == "work"
    assert accident_kind("fell at home", "W19XXXA", lambda c: ()) == "other"
