"""A place told by any word of where, not only "at" / "in" (issue #10, round 32).

Guideline I.C.20.b: the Place of occurrence code (Y92) says where the person was when hurt. "Happened inside a
bank", "got hurt on top of a mountain", "way out in the desert", "on the railroad tracks": the place, its clause
opened by another word of where. A vehicle the person is on is the transport lines' occupant, no place read
here. Every query here is made up for these tests (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.external_causes import read_injury_story
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Place of occurrence, bank
        ("it occurred inside the bank", "Y92.510"),
        # Place of occurrence, mountain
        ("was injured on top of the mountain", "Y92.828"),
        # Place of occurrence, desert
        ("hurt way out in a desert", "Y92.820"),
        # Place of occurrence, farm
        ("injured out on a farm", "Y92.79"),
    ],
)
def test_a_place_told_by_any_word_of_where(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, systems={"cm"})[0].code == expected


@pytest.mark.parametrize(
    "text",
    [
        "hurt on the streetcar",  # the occupant of a vehicle: the transport lines
        "on the left side",  # nothing but where, after "on": no place
        "in the past",
    ],
)
def test_no_place_read_from_a_vehicle_or_bare_on(text: str) -> None:
    story = read_injury_story(text)
    assert story is None or not story.text.startswith("place of occurrence")


@pytest.mark.parametrize(
    "query",
    [
        "injured at the coast",  # WordNet: coast = seashore, a geological formation
        "got hurt at the seacoast",
    ],
)
def test_a_land_form_is_a_place_of_its_kind(codebook: CodeBook, query: str) -> None:
    # Place of occurrence, recreation area, seashore (Y92.832): a land form is a place as a structure or an
    # area is (bot.lookups.index.thing_kinds)
    assert find_codes(codebook, query, systems={"cm"})[0].code == "Y92.832"
