"""Transport accidents told from the vehicle, and an injury's intent told in plain words (issue #10, round 25).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index path named in the comment leads to, 7th character A (initial encounter, none being said).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cause_intents import read_intent
from bot.lookups.index.external_causes import read_injury_story
from bot.lookups.index.transport_roles import other_parties, rode_vehicle
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        # the vehicle as the story's subject: its occupant, no role said
        (
            "minivan smashed into a telephone pole",
            "Accident, transport, van occupant, collision, stationary object",
        ),
        ("our bus got hit by a tram", "Accident, transport, bus occupant, collision, streetcar"),
        # the vehicle with the person's role: the cyclist named is the other party
        (
            "suv driver struck a bicyclist",
            "Accident, transport, car occupant, driver, collision, pedal cycle",
        ),
        # the same vehicle said again is no second party
        ("pickup passenger, the pickup overturned", "Accident, transport, pickup truck occupant, passenger"),
        # another of its kind is
        ("car driver hit another car", "Accident, transport, car occupant, driver, collision, car"),
        # riding on the outside: the hanger-on
        (
            "hanging onto the outside of a bus when it hit a truck",
            "Accident, transport, bus occupant, hanger-on, collision, truck",
        ),
        # an animal's rider
        (
            "horse rider collided with a pedal bike",
            "Accident, transport, animal-rider, collision, pedal cycle",
        ),
    ],
)
def test_transport_story_told_from_the_vehicle(text: str, anchor: str) -> None:
    story = read_injury_story(text)
    assert story is not None and story.anchor == anchor


def test_the_vehicle_ridden_and_the_other_party() -> None:
    text = "bus passenger bus rolled over"
    vehicles = [(0, "bus occupant", "bus"), (14, "bus occupant", "bus")]
    rode = rode_vehicle(text, vehicles)
    assert rode == (vehicles[0], False)
    assert other_parties(text, vehicles, vehicles[0]) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Accident, transport, van occupant, collision, car, nontraffic -> V53.3
        ("van ran into a car on the farm", "V53.3XXA"),
        # Accident, transport, bus occupant, noncollision accident, while boarding or alighting -> V78.4
        ("slipped getting off the bus", "V78.4XXA"),
        # Accident, transport, car occupant, passenger, collision, pedal cycle (traffic) -> V41.6
        ("passenger in a sedan that hit a cyclist", "V41.6XXA"),
        # Accident, transport, pickup truck occupant, collision, railway vehicle (traffic) -> V55.9
        ("pickup got hit by a train at the railroad crossing", "V55.9XXA"),
        # Accident, transport, military vehicle occupant, passenger (traffic) -> V86.14
        ("passenger in an army truck crash on the highway", "V86.14XA"),
    ],
)
def test_transport_codes(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "starts"),
    [
        ("fell down the stairs, unclear whether it was accidental", "undetermined intent"),
        ("tried to hang himself", "suicide"),
        ("cut her forearm to harm self", "suicide"),  # a chart leaves out the pronoun
        ("burned his arm with a lighter on purpose", "suicide"),
        ("she burned my arm with a lighter on purpose", "assault"),
        ("bystander hit by a police car chasing a suspect", "legal intervention"),
        # a poisoning is the Table of Drugs' own
        ("took 20 pills, unclear if intentional", ""),
        # an officer hurt with no suspect, arrest or police doer is no legal intervention
        ("officer hurt in a car crash", ""),
    ],
)
def test_intent_read(query: str, starts: str) -> None:
    read = read_intent(query)
    assert (read.text.split(" ", 1)[0] if read else "") == starts.split(" ", 1)[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Undetermined intent, drowning, in, bathtub -> Y21.0
        ("found in the bathtub drowning, not known whether it was intentional", "Y21.0XXA"),
        # Suicide, suicidal, drowning, in, swimming pool -> X71.1
        ("tried to drown himself in the swimming pool", "X71.1XXA"),
        # Suicide, suicidal, collision of motor vehicle with, train -> X82.1
        ("deliberately drove her car in front of a train", "X82.1XXA"),
        # Legal, intervention, firearm, handgun, injuring, suspect -> Y35.023
        ("suspect shot with a handgun by the police", "Y35.023A"),
        # Assault, drowning, swimming pool -> X92.1
        ("attacker held him under water in the swimming pool", "X92.1XXA"),
    ],
)
def test_intent_codes(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
