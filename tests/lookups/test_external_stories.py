"""External cause stories, the setting beside them, and a patient's "<part> hurts", read in the Index's words.

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index (or the Index) path named in the comment leads to, with the 7th character A unless the
query says the encounter.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.external_causes import read_injury_story, read_setting
from bot.lookups.index.lay_phrases import read_lay
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        (
            "passenger in a bus hit by a truck",
            "accident transport bus occupant passenger collision truck",
            "Accident, transport, bus occupant, passenger, collision, truck",
        ),
        (
            "motorcycle driver collided with a motorcycle",
            "accident transport motorcycle driver collision two wheeled motor vehicle",
            "Accident, transport, motorcycle, driver, collision, two wheeled motor vehicle",
        ),
        (
            "pedestrian hit by a pickup on the street",
            "accident transport pedestrian on foot collision pickup truck traffic",
            "Accident, transport, pedestrian, on foot, collision, pick-up truck or van",
        ),
        (
            "hit by a van while riding my bike",
            "accident transport pedal cyclist collision van",
            "Accident, transport, pedal cyclist, collision, van",
        ),
        ("fell off my bike", "accident transport pedal cyclist noncollision accident", ""),
        ("fell off the skateboard", "accident transport pedestrian conveyance skateboard fall", ""),
        ("scalded by hot tea", "burn hot drink", ""),
        ("spilled grease on hand", "burn hot fat", ""),
        ("got punched at a bar", "assault fight", ""),
        ("kicked by the neighbor's goat", "contact with goat strike", ""),
    ],
)
def test_a_story_reads_as_the_external_cause_index_line(text: str, words: str, line: str) -> None:
    story = read_injury_story(text)
    assert story is not None
    assert (story.text, story.anchor) == (words, line)


@pytest.mark.parametrize(
    "text",
    [
        "nontraffic truck collision bus occupant transport accident",  # already the Index's words
        "car accident",  # no role: the vocabulary's reading stands
        "hit by a ball",
        "burn of hand",
    ],
)
def test_no_story_is_read_where_none_is_told(text: str) -> None:
    assert read_injury_story(text) is None


def test_the_setting_beside_a_mechanism_is_kept_apart() -> None:
    setting = read_setting("slipped on the ice at work", None)
    assert setting is not None
    assert setting.text == "slipped on the ice"
    assert setting.words == "external cause status civilian activity done for income or pay"
    assert read_setting("injured at work", None) is None  # no mechanism: the status is the question
    skiing = read_injury_story("fell while snow skiing")
    assert read_setting("fell while playing hockey", None) is not None
    assert read_setting("fell while playing hockey", skiing) is None


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("thumb hurts", "pain thumb"),
        ("left knee is killing me", "pain left knee"),
        ("shoulder hurts so much", "pain shoulder"),
        ("hand is swollen", "swollen hand"),
        ("it hurts", None),
        ("fracture of knee", None),
    ],
)
def test_a_part_that_hurts_reads_as_pain_of_the_part(text: str, read: str | None) -> None:
    assert read_lay(text) == read


def test_the_vocabulary_phrase_comes_before_the_generic_reading() -> None:
    assert understand("my head hurts", Vocabulary.shipped()).words == ["headache"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Accident, transport, bus occupant, passenger, collision, truck
        ("passenger in a bus hit by a truck", "V74.6XXA"),
        # Accident, transport, car occupant, passenger, collision, car (the word said twice)
        ("passenger of a car in a crash with another car", "V43.62XA"),
        # Accident, transport, car occupant, passenger, collision, motor vehicle NOS
        ("passenger in a car crash", "V49.50XA"),
        # Accident, transport, van occupant, driver, collision, two wheeled motor vehicle (the party named last)
        ("van driver, van vs motorcycle", "V52.5XXA"),
        # Accident, transport, pickup truck occupant, driver, collision, truck: V54.5, the code "collision,
        # bus" leads to as well - the story's line, not a path through "bus"
        ("pickup truck driver t-boned by a semi truck", "V54.5XXA"),
        # Accident, transport, pedestrian, on foot, collision, car, traffic
        ("pedestrian hit by a pickup on the street", "V03.10XA"),
        # Accident, transport, pedal cyclist, noncollision accident
        ("fell off my bike", "V18.9XXA"),
        # Accident, transport, animal-rider, noncollision, specified as horse rider
        ("thrown from a horse", "V80.010A"),
        # Burn, hot, drink; the encounter said
        ("scalded by hot tea, subsequent encounter", "X10.0XXD"),
        # Assault, fight
        ("got punched at a bar", "Y04.0XXA"),
        # Contact, with, goat, strike
        ("kicked by a goat", "W55.32XA"),
    ],
)
def test_stories_find_the_external_cause_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "cause", "setting"),
    [
        ("slipped on the ice at work", "W00.0XXA", "Y99.0"),  # External cause status, civilian ... for pay
        ("bitten by a dog at home", "W54.0XXA", "Y92.009"),  # Place of occurrence, residence
        ("hit by a puck while playing hockey", "W21.220A", "Y93.22"),  # Activity, hockey (ice)
        # a bare fall while playing: the activity told first, the fall's default line beside it (ext17)
        ("fell while playing hockey", "Y93.22", "W19.XXXA"),
    ],
)
def test_the_setting_is_suggested_beside_the_cause(
    codebook: CodeBook, query: str, cause: str, setting: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=3)]
    assert codes[0] == cause
    assert setting in codes[1:3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("burns when i pee", "R30.0"),  # Dysuria
        ("always thirsty", "R63.1"),  # Polydipsia
        ("my jaw hurts", "R68.84"),  # Pain, jaw
        ("here for a tetanus booster", "Z23"),  # Vaccination, encounter for
        ("cdl physical", "Z02.4"),  # Examination, medical, driving license
        ("coumadin clinic", "Z51.81"),  # Monitoring, therapeutic drug level
        ("stitches out", "Z48.02"),  # Removal, suture
    ],
)
def test_lay_words_and_visit_reasons(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Accident, transport, pedestrian, conveyance, ice skates, fall (V00.211): the mechanism leads over the
        # activity line (Activity, ice skating Y93.21), which guideline I.C.20 lists after the cause
        ("slipped and fell while ice skating on the pond", "V00.211A"),
        # ..., conveyance, snow board, fall (V00.311): the rider said as the doer ("snowboarder")
        ("the snowboarder fell hard", "V00.311A"),
        # ..., conveyance, sled, fall (V00.221)
        ("fell off his toboggan", "V00.221A"),
        # ..., conveyance, baby stroller, fall (V00.821)
        ("toddler fell out of her stroller", "V00.821A"),
    ],
)
def test_a_fall_from_a_pedestrian_conveyance_the_index_names(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected
