"""Injury stories told as patients tell them: a doer named first, a slip, a dive, consciousness denied, ribs
counted, and the encounter a title's 7th character says.

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
Index or External Cause Index path named in the comment leads to, with the 7th character A unless the
query says the encounter (guideline I.C.19.a).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import other_encounter, unsaid_intent
from bot.lookups.index.external_causes import read_injury_story, turn_doer
from bot.lookups.index.injury_words import read_injury_words
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "turned"),
    [
        ("the horse kicked him in the chest", "kicked by horse in the chest"),
        ("our neighbor's dog bit his leg", "bitten by dog his leg"),
        ("a wasp stung her on the arm", "stung by wasp on the arm"),
        ("another kid bit him at daycare", "bitten by person at daycare"),
        ("got bit by a stray cat", "bitten by a stray cat"),
        ("dog bite left hand", "dog bite left hand"),  # nothing told first: as it is
    ],
)
def test_a_doer_told_first_is_turned_to_the_injured_persons_side(text: str, turned: str) -> None:
    assert turn_doer(text) == turned


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("slipped on the wet kitchen floor", "fall due to slipping"),  # Fall, due to, slipping W01.0
        ("slipped on black ice in the driveway", "slipping on ice"),  # Slipping, on, ice W00.0
        (
            "dove into the shallow end",
            "striking against bottom when diving or jumping into water swimming pool",
        ),
        (
            "dived into a quarry and hit the bottom",
            "striking against bottom when diving or jumping into water",
        ),
    ],
)
def test_a_slip_or_a_dive_reads_as_its_external_cause_index_line(text: str, words: str) -> None:
    story = read_injury_story(text)
    assert story is not None and story.text == words


def test_a_slip_down_stairs_is_not_a_same_level_slip() -> None:
    story = read_injury_story("slipped on the stairs")
    assert story is None or "slipping" not in story.text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("concussion, never blacked out", "concussion, without loss of consciousness"),
        ("head injury, did not lose consciousness", "head injury, without loss of consciousness"),
        ("fx of 4 ribs on the right", "fx of multiple ribs on the right"),
        ("two broken left ribs", "multiple broken left ribs"),
        ("left ribs 3-5 fractured", "left multiple ribs fractured"),
        ("broken rib, passed out", "broken rib, passed out"),  # one rib, consciousness lost: as it is
    ],
)
def test_consciousness_denied_and_ribs_counted_read_in_index_words(text: str, read: str) -> None:
    assert read_injury_words(text) == read


@pytest.mark.parametrize(
    ("title", "encounter", "other"),
    [
        ("Bitten by dog, sequela", "A", True),
        ("Bitten by dog, initial encounter", "A", False),
        ("Bitten by dog, subsequent encounter", "D", False),
        (
            "Fracture of shaft of left tibia, subsequent encounter for closed fracture with nonunion",
            "K",
            False,
        ),
        ("Fracture of shaft of left tibia, initial encounter for closed fracture", "K", True),
        ("Bitten by dog", "S", False),  # no encounter printed
    ],
)
def test_a_title_naming_another_encounter_is_told(title: str, encounter: str, other: bool) -> None:
    assert other_encounter(title, encounter) is other


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("bit by our neighbor's dog", "W54.0XXA"),  # Bitten by dog: initial, not the shorter sequela title
        ("the cow kicked her", "W55.22XA"),  # Struck by, cow (kicked by)
        ("another kid bit him at daycare", "W50.3XXA"),  # Bite, bitten by, person
        ("slipped on the wet kitchen floor", "W01.0XXA"),
        ("dove into the shallow end", "W16.522A"),
        ("concussion, did not lose consciousness", "S06.0X0A"),  # Concussion, without loss of consciousness
        ("two broken ribs on the right", "S22.41XA"),  # Fracture, rib, multiple, right
        ("left tibia fracture nonunion subsequent encounter", "S82.202K"),  # healing word over "subsequent"
        ("concussed, no loc", "S06.0X0A"),  # vocabulary: concussed -> concussion
    ],
)
def test_injury_stories_answer_first(codebook: CodeBook, query: str, first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("CO poisoning from a generator in the garage", "T58.91XA"),  # Carbon, monoxide (vocabulary: CO)
        ("CO exposure from a kerosene heater", "T58.2X1A"),  # Carbon, monoxide, kerosene
    ],
)
def test_co_said_for_carbon_monoxide_reaches_the_drug_table(
    codebook: CodeBook, query: str, first: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == first, [h.code for h in hits]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # Accident, transport, car occupant, driver / passenger, collision, motor vehicle: the crash's kind
        # says motor vehicles, the person's role says who
        (
            "got rear-ended while driving home",
            "accident transport car occupant driver collision motor vehicle",
        ),
        (
            "t-boned at an intersection, passenger",
            "accident transport car occupant passenger collision motor vehicle",
        ),
    ],
)
def test_a_motor_crash_with_no_vehicle_said_is_a_car_occupants(text: str, words: str) -> None:
    story = read_injury_story(text.replace(",", ""))
    assert story is not None and story.text == words


@pytest.mark.parametrize(
    ("title", "words", "unsaid"),
    [
        ("Poisoning by aspirin, assault, initial encounter", frozenset({"aspirin", "poisoning"}), True),
        ("Poisoning by aspirin, undetermined, initial encounter", frozenset({"aspirin"}), True),
        ("Poisoning by aspirin, assault, initial encounter", frozenset({"aspirin", "assault"}), False),
        ("Poisoning by aspirin, intentional self-harm", frozenset({"suicide", "aspirin"}), False),
        ("Poisoning by aspirin, accidental (unintentional)", frozenset({"aspirin"}), False),
    ],
)
def test_a_poisoning_title_naming_an_intent_not_said_is_told(
    title: str, words: frozenset[str], unsaid: bool
) -> None:
    assert unsaid_intent(title, words) is unsaid


def test_a_poisoning_with_no_intent_said_is_accidental_first(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "salicylate poisoning by aspirin", limit=5)  # guideline I.C.19.e.5.b
    assert hits and hits[0].code == "T39.011A", [h.code for h in hits]


def test_the_index_words_of_a_dive_are_read_as_they_are() -> None:
    # "Striking against, wall, diving or jumping into water": no lay dive story to turn
    story = read_injury_story("diving or jumping into water wall striking against")
    assert story is None or "bottom" not in story.text
