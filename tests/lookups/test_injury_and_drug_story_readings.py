"""Injury and drug stories (issue #10): a burn's depth said in thickness, a wound's kind said by its object, a
fracture said to have healed crooked, a toxic substance said in plain words (vocabulary rows mapping words to
Index / Drug Table terms); an overdose's intent said after it; the reaction to a drug properly taken, or the
condition underdosing let relapse, coded before the T code (guideline I.C.19.e.5). Queries are made up here,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.stories import is_poisoning, read_drug_story
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> str:
    found = find_codes(book, query, limit=1)
    assert found, f"nothing for {query!r}: {found.notice}"
    return found[0].code


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deep partial thickness burn of left thigh", "T24.212A"),  # partial thickness: second degree
        ("full thickness burn right palm", "T23.351A"),  # full thickness: third degree
        ("fishhook stuck in left index finger", "S61.241A"),  # puncture wound with foreign body
        ("scraped right elbow", "S50.311A"),  # abrasion
        ("left radius shaft fracture healed crooked", "S52.302P"),  # malunion: 7th character P
        ("toddler ate mouse poison", "T60.4X1A"),  # rodenticide (Drug Table "Rat poison")
    ],
)
def test_an_injury_or_toxic_substance_said_in_plain_words_reaches_its_index_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


@pytest.mark.parametrize(
    ("story", "read"),
    [
        ("overdose of metoprolol, suicidal", "poisoning metoprolol, poisoning intentional self-harm"),
        ("suicidal ideation after overdose", "suicidal ideation after overdose"),
        ("overdose, suicidal ideation", "overdose, suicidal ideation"),
        ("rash from amoxicillin taken as prescribed", "rash from amoxicillin"),
    ],
)
def test_an_overdose_said_suicidal_is_self_harm_and_a_caused_reaction_keeps_its_link(
    story: str, read: str
) -> None:
    assert read_drug_story(story) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("overdose of metoprolol, suicidal", "T44.7X2A"),
        ("dizzy from amlodipine taken correctly", "R42"),
        ("stopped taking her insulin, hyperglycemia", "R73.9"),
    ],
)
def test_the_intent_and_the_condition_first_of_a_drug_story(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("it happened at the park", "Y92.830"),  # told by its happening: Place of occurrence, park
        ("this occurred while skiing", "Y93.23"),  # Activity, skiing
        ("hurt lifting weights", "Y93.B3"),  # the doing right after the injury word: Activity, free weights
        ("injured at the gym", "Y92.39"),  # "gym": Place of occurrence, gymnasium
    ],
)
def test_a_setting_told_alone_reaches_its_external_cause_index_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected


def test_a_doing_is_no_activity_without_the_injury_word_before_it(codebook: CodeBook) -> None:
    assert not first(codebook, "bleeding gums").startswith("Y93")


def test_a_poisoning_after_an_intent_word_is_no_activity(codebook: CodeBook) -> None:
    # "accidental overdose of ..." reads as "accidental poisoning ...": no injury word, so no "-ing" activity
    assert first(codebook, "accidental overdose of digoxin") == "T46.0X1A"


@pytest.mark.parametrize(
    ("code", "poisoning"),
    [("T39.1X1A", True), ("T44.7X2A", True), ("T62.0X1A", True), ("T38.3X5A", False), ("T46.4X6A", False)],
)
def test_a_poisoning_or_toxic_effect_is_told_from_an_adverse_effect_or_underdosing(
    code: str, poisoning: bool
) -> None:
    assert is_poisoning(code) is poisoning


def test_a_poisoning_clause_comes_before_its_manifestation(codebook: CodeBook) -> None:
    # guideline I.C.19.e.5.b: the poisoning first, the manifestation beside it
    codes = [h.code for h in find_codes(codebook, "ate poisonous mushrooms, diarrhea", limit=5)]
    assert codes[0] == "T62.0X1A"
    assert "R19.7" in codes
