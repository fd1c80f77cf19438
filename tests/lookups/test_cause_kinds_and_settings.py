"""External causes told by their kind (fires, overexertion, the person's status) and settings told beside a
cause that names no line of its own (issue #10, round 17).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index path named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cause_kinds import fire_kind, overexertion, status_kind
from bot.lookups.index.setting_readings import read_bare_setting
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("lineman hurt in a brush fire", "exposure fire uncontrolled not in building or structure"),
        ("smoke inhalation escaping an apartment fire", None),  # the smoke is the injury (T59.81-)
        (
            "jumped out of a burning house",
            "exposure fire uncontrolled in building or structure with jump from building",
        ),
        (
            "burned roasting marshmallows over the bonfire",
            "exposure fire controlled not in building or structure",
        ),
        ("fire alarm test", None),  # no one hurt
        ("lifting heavy crates all day, hurt back", "overexertion from strenuous movement or load"),
        ("low back strain from lifting heavy boxes", None),  # the strain is the answer
        (
            "hunched over a laptop for hours, neck ache",
            "overexertion from prolonged static or awkward postures",
        ),
        ("repetitive motions on the packing line", "overexertion from repetitive movements"),
        ("unpaid volunteer coaching little league", "external cause status volunteer activity"),
        ("building a birdhouse as a hobby", "external cause status hobby not done for income"),
    ],
)
def test_a_cause_told_by_its_kind_reads_as_its_line(text: str, words: str | None) -> None:
    read = fire_kind(text) or overexertion(text) or status_kind(text)
    assert (read[0] if read else None) == words


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Exposure, fire, uncontrolled, not in building or structure
        ("forest ranger burned in a grass fire", "X01.0XXA"),
        # Exposure, fire, uncontrolled, in building or structure, with fall from building
        ("fell from the window of a burning apartment", "X00.3XXA"),
        # Exposure, fire, controlled, not in building or structure
        ("burned roasting marshmallows over the bonfire", "X03.0XXA"),
        # Overexertion, from, prolonged static or awkward postures
        ("hunched over a laptop for hours, neck ache", "X50.1XXA"),
        # Overexertion, from, repetitive movements
        ("repetitive motions on the packing line", "X50.3XXA"),
        # Overexertion, from, strenuous movement or load
        ("hurt shoulder pushing a stalled car, overexertion", "X50.0XXA"),
        # External cause status, volunteer activity
        ("hurt while volunteering at the animal shelter", "Y99.2"),
        # External cause status, hobby not done for income
        ("hobby pottery in the garage, not for pay", "Y99.8"),
    ],
)
def test_a_cause_told_by_its_kind_finds_the_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("stumbled in the museum lobby", ("place of occurrence museum lobby", "activity museum lobby")),
        (
            "hurt while harvesting corn in the field",
            ("activity harvesting corn", "place of occurrence field"),
        ),
        ("injured at the fencing tournament", ("activity fencing",)),  # the event names the doing
        ("bruised hip in zumba class", None),  # "bruised" names an injury with its own line
        ("sore shoulder from rowing class on the erg", ("activity rowing", "activity erg")),
        ("fell off the bleachers at the stadium", None),  # the fall's own line
        ("slipped on the ice in the parking lot", None),
        ("fell at home", None),  # the residence is coded beside the fall
    ],
)
def test_a_setting_beside_a_bare_cause_is_read_both_ways(text: str, readings: tuple[str, ...] | None) -> None:
    read = read_bare_setting(text)
    assert (read.alternatives if read else None) == readings


@pytest.mark.parametrize(
    ("query", "expected", "beside"),
    [
        # Place of occurrence, museum (the slip's W01.0 beside it)
        ("slipped in the museum", "Y92.251", "W01.0XXA"),
        # Place of occurrence, airport
        ("tripped at the airport", "Y92.520", "W01.0XXA"),
        # Activity, laundry (no place line for it; the activity is what is told)
        ("burned fingers while doing laundry", "Y93.E2", ""),
        # Activity, baseball: "in the game" is no place
        ("injured in a baseball game", "Y93.64", ""),
        # Place of occurrence, barn: no Activity line for stacking hay
        ("hurt while stacking hay in the barn", "Y92.71", ""),
        # Activity, judo (the class is the event)
        ("judo class injury", "Y93.75", ""),
        # Activity, ballet; Activity, rugby: the doing is all that is told
        ("hurt doing ballet class", "Y93.41", ""),
        ("injured at rugby practice", "Y93.63", ""),
        # Activity, vacuuming asked for after the story
        ("cut toe while vacuuming the rug, activity", "Y93.E3", ""),
        # Place of occurrence, beach asked for after the story
        ("stepped on a jellyfish at the beach, place", "Y92.832", ""),
        # A cause with its own line stays first: Fall, from, ladder
        ("fell off a ladder at the library", "W11.XXXA", "Y92.241"),
    ],
)
def test_a_setting_told_beside_a_bare_cause_is_the_answer(
    codebook: CodeBook, query: str, expected: str, beside: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[0] == expected
    if beside:
        assert beside in codes


@pytest.mark.parametrize(
    "text", ["sle nephritis class iv", "nyha class ii heart failure", "gustilo class 3 fracture"]
)
def test_a_class_or_grade_with_no_one_hurt_is_no_event(text: str) -> None:
    assert read_bare_setting(text) is None


@pytest.mark.parametrize(
    ("query", "cause", "place"),
    [
        # Contact, with, parrot, bite; Place of occurrence, store (the place after the story, beside it)
        ("bitten by a parrot at the pet store", "W61.01XA", "Y92.512"),
        # Gored by bull; Place of occurrence: a rodeo arena is a sports area (read as a place)
        ("gored by a bull at the fairgrounds", "W55.22XA", ""),
        # Accident, transport, go cart -> all-terrain vehicle occupant, driver (nontraffic)
        ("go-kart driver spun out and flipped at the track", "V86.55XA", ""),
        # Struck by, ball, softball: "at the game" names no place (no Activity line of "game" beside it)
        ("hit by a softball at the game", "W21.07XA", ""),
        # Place of occurrence, cinema (movie-house)
        ("tripped at the movie theater", "Y92.26", ""),
    ],
)
def test_the_cause_and_the_place_told_after_it(
    codebook: CodeBook, query: str, cause: str, place: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    if cause:
        assert codes[0] == cause
    if place:
        assert place in codes
    else:
        assert not [c for c in codes[1:] if c.startswith(("Y92", "Y93"))]


@pytest.mark.parametrize(
    "query", ["copier not working", "kidneys not working", "unpaid invoice from the lab"]
)
def test_not_working_or_unpaid_tells_no_status_when_nobody_is_hurt(codebook: CodeBook, query: str) -> None:
    """ "not working" / "unpaid" are a hurt person's status only: office talk and organ words tell none."""
    assert all(not h.code.startswith("Y99") for h in find_codes(codebook, query, limit=5))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "descending" names the part of the colon, not a doing: no setting cut the site off the injury
        ("blast injury descending colon", "S36.512A"),
        ("blast injury descending large intestine injury", "S36.512A"),
    ],
)
def test_a_participle_naming_a_part_is_no_activity(codebook: CodeBook, query: str, expected: str) -> None:
    assert read_bare_setting(query) is None
    assert find_codes(codebook, query, limit=1)[0].code == expected
