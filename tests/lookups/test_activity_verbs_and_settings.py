"""An activity told by its verb or by the thing its line names, and a place or status asked in the words of its
Tabular title (bot.lookups.index.activity_kinds, bot.lookups.index.external_causes; issue #10, round 39).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index line named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Activity, piano playing (Y93.J1): a piano is itself the line's piano before it is a percussion
        # instrument (Activity, percussion instrument playing NEC, Y93.J2) - the nearest kind first
        ("hurt playing the piano", "Y93.J1"),
        # Activity, pass out game (Y93.85): a line whose name ends with a word of taking part
        ("kids doing the pass out game", "Y93.85"),
        # Activity, refereeing a sports activity (Y93.81): to umpire is to referee (WordNet's verb), a game
        # a sports activity
        ("umpiring a softball game", "Y93.81"),
        # Activity, grilling and smoking food (Y93.G2): to barbecue is a way of grilling, chicken a food
        ("barbecuing chicken", "Y93.G2"),
        # Activity, laundry (Y93.E2): the thing a gerund the query opens with is done to, named by a line
        ("hanging up the laundry", "Y93.E2"),
        # Activity, oven (microwave) (Y93.G3): what was done in, told last, when no other word reads a line
        ("warming a pie in the oven", "Y93.G3"),
    ],
)
def test_an_activity_told_by_its_verb_reads_its_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Place of occurrence, gas station (Y92.524), told in its title's form "... as the place of
        # occurrence of the external cause"
        ("gas station as the place of injury", "Y92.524"),
        # Place of occurrence, nursing home (Y92.129)
        ("nursing home as place of injury", "Y92.129"),
        # External cause status, military activity (Y99.1): the status asked by the main term's word
        ("military exercise activity status", "Y99.1"),
    ],
)
def test_a_setting_asked_in_its_title_words(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    "query",
    [
        "diabetic status",
        "smoking status",
        "smoking a cigarette",
        # a gerund naming a thing with the next word is no doing (WordNet's "swimming pool"): not Activity,
        # packing up and unpacking in moving to a new residence (Y93.E6) by swimming as a way of moving
        "swimming pool residence",
    ],
)
def test_no_status_or_activity_where_none_is_told(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits or not hits[0].code.startswith(("Y99", "Y93"))


def test_a_line_thing_by_its_last_word_only_near(codebook: CodeBook) -> None:
    # The strain is the answer (I.C.20: an external cause code never first beside the injury said): "visit" is
    # an event only far up WordNet's kinds, no thing of "running, track and field events" (a sprint is a
    # run); only a near kind reads a line's thing by its last word alone (HEAD_STEPS)
    assert find_codes(codebook, "pulled quad muscle right thigh sprinting, first visit", limit=5)[0].code == (
        "S76.111A"
    )
