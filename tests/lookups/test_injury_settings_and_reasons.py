"""More injury stories, a setting told alone, and encounter reasons, read in the Index's words.

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
(External Cause) Index path named in the comment leads to, with the 7th character A unless the query says the
encounter.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.external_causes import read_injury_story
from bot.lookups.index.reasons import observation_ruled_out, vaccine_encounter
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ("tripped over the cat", "tripping over animal", ""),
        ("bumped her knee against the wall", "striking against object wall", ""),
        ("banged his elbow on the garage door", "striking against object garage door", ""),
        ("smacked head on the coffee table", "striking against object furniture", ""),
        ("nicked finger with a razor blade", "contact with knife", ""),
        ("cut hand on broken glass", "contact with glass", ""),
        (
            "got shocked by a lamp cord",
            "exposure electric current appliance domestic",
            "Exposure, electric current",
        ),
        ("burned by hot water in the tub", "contact with hot tap-water in bathtub", ""),
        (
            "car driver lost control and crashed no other vehicle involved",
            "accident transport car occupant driver noncollision accident",
            "Accident, transport, car occupant, driver",
        ),
        # a setting told with no mechanism, or asked for by name
        ("hurt while playing basketball", "activity basketball", "Activity"),
        ("injured during swimming practice", "activity swimming", "Activity"),
        ("while walking his cat", "activity walking animal", "Activity"),
        ("got hurt at the restaurant", "place of occurrence restaurant", "Place of occurrence"),
        ("fall place playground", "place of occurrence playground", "Place of occurrence"),
        ("swimming activity", "activity swimming", "Activity"),
        (
            "work related injury",
            "external cause status civilian activity done for income or pay",
            "External cause status",
        ),
    ],
)
def test_a_story_reads_as_the_external_cause_index_line(text: str, words: str, line: str) -> None:
    story = read_injury_story(text)
    assert story is not None
    assert (story.text, story.anchor) == (words, line)


@pytest.mark.parametrize(
    "text",
    [
        "seizure activity",  # no activity of the person: nothing done
        "chest pain while running",  # a condition beside the activity: no setting alone
        "cut with intent to harm",  # an intent said sends elsewhere
        "stabbed with a knife",
        "struck by lightning",
        "pacemaker in place",
    ],
)
def test_no_story_where_none_is_told(text: str) -> None:
    assert read_injury_story(text) is None


def test_encounter_reasons_read_as_index_lines() -> None:
    vaccine = vaccine_encounter("encounter for shingles vaccine")
    assert vaccine is not None
    assert (vaccine.text, vaccine.echoes) == ("vaccination encounter", ("shingles",))
    for reaction in (
        "rash after shingles vaccine",
        "shingles vaccine not given",
        "shingles vaccine dose 1",
        "vaccines up to date",
    ):
        assert vaccine_encounter(reaction) is None
    observed = observation_ruled_out("observation for possible appendicitis ruled out")
    assert observed is not None
    assert (observed.text, observed.echoes) == (
        "observation suspected ruled out appendicitis",
        ("condition",),
    )
    assert observation_ruled_out("observation status") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tripped over the cat", "W01.0XXA"),  # Tripping, over, animal
        ("bumped head against the wall", "W22.01XA"),  # Striking against, object, wall
        ("banged knee on the garage door", "W22.8XXA"),  # Striking against, object
        ("nicked finger with a razor blade", "W26.0XXA"),  # Contact, with, knife
        ("cut foot on broken glass", "W25.XXXA"),  # Contact, with, glass
        ("got shocked by a lamp cord", "W86.0XXA"),  # Exposure, electric current, appliance, domestic
        ("burned by hot water in the tub", "X11.0XXA"),  # Contact, with, hot, tap-water, in bathtub
        (
            "car driver lost control and crashed no other vehicle involved",
            "V48.5XXA",
        ),  # ..., car occupant, driver, noncollision
        ("hurt while playing basketball", "Y93.67"),  # Activity, basketball
        ("got hurt at the restaurant", "Y92.511"),  # Place of occurrence, restaurant
        ("work related injury", "Y99.0"),  # External cause status, civilian activity done for income or pay
        ("fell out of bed", "W06.XXXA"),  # Fall, out of, bed
        ("rolled off the bed", "W06.XXXA"),  # Fall, from, bed
        (
            "observation for possible appendicitis, ruled out",
            "Z03.89",
        ),  # Observation, suspected, ruled out, condition NEC
        ("encounter for shingles vaccine", "Z23"),  # Vaccination, encounter for
        ("allergy injections", "Z51.6"),  # Encounter, desensitization to allergens
        ("preop lab work", "Z01.812"),  # Examination, pre-procedural, laboratory
        ("colostomy check and replacement", "Z43.3"),  # Attention, colostomy
        ("exposed to rabies", "Z20.3"),  # Exposure, rabies
        ("hit by a falling roof tile", "W20.8XXA"),  # Struck by, object, falling
        ("slipped in the bathtub", "W18.2XXA"),  # Fall, in, bathtub
        (
            "aftercare following left knee arthroplasty",
            "Z47.1",
        ),  # Aftercare, following surgery, joint replacement
        # Fracture, traumatic, fibula (shaft); the nonunion's 7th character K
        ("nonunion of left fibular shaft fracture", "S82.402K"),
        ("left boxers fracture", "S62.337A"),  # Fracture, traumatic, metacarpal, fifth, neck
        # an open fracture's initial encounter: B (type I or II when no type is said), C for Gustilo type III
        ("open fracture of left humerus shaft", "S42.302B"),
        ("open fracture right femur shaft gustilo type IIIA", "S72.301C"),
    ],
)
def test_stories_and_reasons_find_the_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_an_activity_beside_a_fall_is_read_in_the_index_words(codebook: CodeBook) -> None:
    # Activity, running (the vocabulary's "jogging") told beside a bare fall: the activity first, Fall -> W19
    # beside it (ext17: the setting told beside a bare cause is the answer)
    codes = [h.code for h in find_codes(codebook, "fell while out jogging", limit=3)]
    assert codes[0] == "Y93.02"
    assert "W19.XXXA" in codes[1:3]
