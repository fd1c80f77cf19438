"""An activity the Activity lines do not list, read as the line of its kind by WordNet (bot.lookups.index.
activity_kinds), and a tool or machine told doing the harm (bot.lookups.index.thing_did; issue #10, round 24).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index's Activity line named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Activity, tennis / squash / racquetball / handball (Y93.73): platform tennis is a court game, and
        # most of the court games the lines name are racquet and hand sports
        ("platform tennis match", "Y93.73"),
        # Activity, playing musical instrument, string instrument: a banjo is a stringed instrument
        ("playing the banjo", "Y93.J3"),
        # Activity, wind instrument playing: an oboe is a wind instrument
        ("playing the oboe", "Y93.J4"),
        # Activity, sewing: to stitch is to sew (WordNet's verb)
        ("stitching a hem", "Y93.D2"),
        # Activity, walking, an animal: a beagle is an animal
        ("walking the neighbor's beagle", "Y93.K1"),
        # Activity, karate: the line the query names itself comes before another word's kind
        ("sparring at karate class", "Y93.75"),
        # Activity, obstacle course / challenge course / confidence course: a course of another name, the
        # lines of its last word sharing one code
        ("rope course injury", "Y93.A5"),
    ],
)
def test_an_activity_reads_the_line_of_its_kind(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    "query",
    [
        "pain while running",  # a symptom told with an activity: no activity asked
        "running nose",
        "injured while skydiving",  # a jump from a plane is no dive from a springboard
        "knee pain after running injury",  # words before an activity of one word are no part of it
        "holding the baby",  # a baby is first a person: no animal handled
    ],
)
def test_no_activity_line_where_none_is_told(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits or hits[0].code not in {"Y93.02", "Y93.12", "W64.XXXA"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Contact, with, chain, saw: the saw told doing the harm (bot.lookups.index.thing_did)
        ("the chainsaw kicked back into my leg", "W29.3XXA"),
        # Explosion, dynamite: a stick of it that went off
        ("the stick of dynamite went off early", "W40.0XXA"),
        # Contact, with, forklift (truck)
        ("the forklift swung into my hip", "W24.0XXA"),
        # Contact, with, amphibian: an animal handled, of its WordNet kind (a caecilian is an amphibian)
        ("holding a caecilian", "W62.9XXA"),
    ],
)
def test_a_thing_told_doing_the_harm_reads_its_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Activity, trampoline (Y93.44): the thing the person was on names an Activity line itself; the clause
        # "on the ..." is the activity, not a place the Place of occurrence lines do not list (Y92.9)
        ("got hurt on the trampoline", "Y93.44"),
        # Activity, trampoline: the doing on it ("bouncing") is less telling than the thing's own line
        ("was injured bouncing on a trampoline", "Y93.44"),
        # Activity, treadmill (Y93.A1), not Activity, walking
        ("hurt walking on a treadmill", "Y93.A1"),
        # Activity, elliptical machine (Y93.A1)
        ("injured on the elliptical machine", "Y93.A1"),
    ],
)
def test_a_thing_done_on_that_an_activity_line_names(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_line_of_other_activities_is_no_thing_done_on(codebook: CodeBook) -> None:
    # "Activity, ice NEC" (Y93.29) is the line of the other ice and snow activities, no thing a person is on:
    # "was hurt on the ice" is not read as it
    hits = find_codes(codebook, "was hurt on the ice", limit=5)
    assert not hits or hits[0].code != "Y93.29"
