"""Informal words of an external cause reaching the External Cause Index line a coder finds (issue #10, round
30): an activity written as another form of the compound the Activity line prints (bot.lookups.index.
compound_forms, activity_kinds), an activity told beside words that read nothing (its line alone), a thing told
as the doer that opens the sentence (bot.lookups.index.thing_kinds), and a cut told with the thing that did it,
read where "Cut, cutting - see also Contact, with, by object" sends it (bot.lookups.index.cut_contact).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
Index line named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.compound_forms import closed, compound_forms, head
from bot.lookups.search import find_codes


def test_the_written_forms_of_a_compound() -> None:
    assert compound_forms("ping pong") == ["ping pong", "ping-pong", "pingpong"]
    assert compound_forms("dodge-ball") == ["dodge-ball", "dodge ball", "dodgeball"]
    assert compound_forms("hockey") == ["hockey"]
    assert closed("kick ball") == "kickball"
    assert head("table tennis") == "tennis"
    assert head("tennis") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Activity, kickball: the line written closed up, the query open
        ("hurt playing kick ball at recess", "Y93.6A"),
        # Activity, jumping rope: double dutch is WordNet's jump rope (its activity sense), the line's verb and
        # object, which the line says with the gerund
        ("double dutch practice", "Y93.56"),
        # Activity, tennis: ping pong is WordNet's ping-pong, table tennis, a kind of tennis by the head of its
        # compound name
        ("ping pong tournament", "Y93.73"),
    ],
)
def test_an_activity_in_another_written_form_reads_its_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Activity, lacrosse: "got boarded" reads no line; the activity told after "during" is the answer
        ("got boarded during lacrosse", "Y93.65"),
        # Activity, judo: nothing but activities told
        ("judo grappling", "Y93.75"),
    ],
)
def test_an_activity_beside_words_that_read_nothing_is_its_line_alone(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "no other word of the query reads a line" in hits[0].why


def test_an_activity_after_in_does_not_displace_a_condition(codebook: CodeBook) -> None:
    # the knee pain is read: the activity after "in" answers only a query that reads nothing else
    assert find_codes(codebook, "knee pain in running", limit=5)[0].code.startswith("M25.56")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Bite, rodent: a hamster is a rodent, told as the doer opening the sentence (no "a" or "the")
        ("hamster bit my thumb", "W53.81XA"),
    ],
)
def test_a_thing_opening_the_sentence_is_read_by_its_kind(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Cut - see Contact, with, hoe (W27.1)
        ("gashed my shin on a hoe", "W27.1XXA"),
        # Cut - see Contact, with, blender (W29.0)
        ("cut my finger on the blender", "W29.0XXA"),
        # Cut - see Contact, with, chisel (W27.0)
        ("nicked my knuckle with a chisel", "W27.0XXA"),
        # Cut - see Contact, with, tool, powered, edger (W29.3)
        ("cut my thumb on the lawn edger", "W29.3XXA"),
    ],
)
def test_a_cut_told_with_its_thing_is_the_contact_line(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "Cut, see Contact, with" in hits[0].why


@pytest.mark.parametrize(
    "query",
    [
        "cut on left hand from a hoe",  # a side told: the injury's code is asked for
        "finger cut off by a snowblower",  # "cut off": an amputation
        "cut on the chin from a fall",  # a fall is no thing
    ],
)
def test_no_contact_line_where_the_injury_is_asked_for(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits or "Cut, see Contact, with" not in hits[0].why
