"""A life situation told in everyday words reads the Index's social-determinant main terms (Unemployment;
Illiteracy; Disruption, family, due to ...; Bereavement; Problem, care, sick person in family; Homelessness;
Insecurity, food), and a sentence naming a disorder beside it keeps the disorder. The queries are made up,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.situations import read_situation
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("laid off last month", "Z56.0"),
        ("she lost her job in march", "Z56.0"),
        ("afraid of losing her job", "Z56.2"),
        ("never learned to read", "Z55.0"),
        ("doesn't understand his discharge instructions, health literacy", "Z55.6"),
        ("mother of a drug addict needs counseling", "Z71.52"),
        ("daughter of an alcoholic wants support for herself", "Z71.42"),
        ("caring for wife with dementia at home", "Z63.6"),
        ("son deployed to afghanistan", "Z63.31"),
        ("going through a divorce, stressed", "Z63.5"),
        ("not enough food at home", "Z59.41"),
        ("living in a homeless shelter", "Z59.01"),
        ("widowed last year, coping", "Z63.4"),
        ("just got out of jail", "Z65.2"),
        ("respite stay for caregiver break", "Z75.5"),
        # who is told about ("older man") is a word of the story; money, housing, transport and exercise
        ("older man lives by himself", "Z60.2"),
        ("has no car, misses appointments", "Z59.82"),
        ("can't afford to pay her heating bill", "Z59.861"),
        ("late on mortgage payments", "Z59.811"),
        ("sedentary lifestyle", "Z72.3"),
    ],
)
def test_a_situation_told_in_everyday_words(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("prolonged grief after son's death", "F43.81"),
        ("unemployed, major depression", "F32.9"),
        ("grief", "F43.21"),
    ],
)
def test_a_disorder_beside_the_situation_is_coded(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_only_a_sentence_of_the_situation_is_read() -> None:
    assert read_situation("lost his job 3 months ago unemployed") == "unemployment"
    assert read_situation("lost his job and has chest pain") is None
    assert read_situation("caregiver for mother with dementia") is not None
    assert read_situation("chest pain") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("worked around benzene at the plant for 20 years", "Z77.021"),
        ("radon exposure in basement", "Z77.123"),
        ("lead exposure at home, no symptoms", "Z77.011"),
        ("exposed to cold, frostbite of right hand", "T33.521A"),  # the injury is coded, not the exposure
        ("contact with chainsaw", "W29.3XXA"),  # the External Cause Index's Contact (with), not an exposure
    ],
)
def test_an_exposure_told_as_a_story(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected
