"""Poisoning stories (issue #10): a substance taken in a way no prescription asked for, told in a sentence
("a toddler bit into ...", "took a handful of ... to end it"), is coded as the substance's Table of Drugs and
Chemicals line in the column the intent words choose, first (guideline I.C.19.e.5.b); a brand or street name
reads as the Table's generic. Substances and phrasings are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.stories import read_drug_story
from bot.lookups.index.substance_stories import read_substance_story
from bot.lookups.search import find_codes

NAMES = {
    "benzonatate": "Benzonatate",
    "moth balls": "Moth balls",
    "mothballs": "Moth balls",
    "gas": "Gas NEC",
    "gasoline": "Gasoline",
    "beer": "Beer",
    "ibuprofen": "Ibuprofen",
    "naproxen": "Naproxen",
}


def plain(text: str) -> str:
    return text


@pytest.mark.parametrize(
    ("query", "substance", "column"),
    [
        (
            "little boy chewed a benzonatate pearl from the kitchen table",
            "Benzonatate",
            "poisoning accidental",
        ),
        ("toddler swallowed a mothball", "Moth balls", "poisoning accidental"),
        ("siphoning gas and swallowed some gasoline", "Gasoline", "poisoning accidental"),  # not "Gas NEC"
        ("took 30 ibuprofen to end it", "Ibuprofen", "poisoning intentional self-harm"),
        ("ingested benzonatate, unclear if intentional", "Benzonatate", "poisoning undetermined"),
    ],
)
def test_a_story_reads_as_the_substances_table_line_and_column(
    query: str, substance: str, column: str
) -> None:
    story = read_substance_story(query, NAMES, plain)
    assert story is not None and (story.substance, story.column) == (substance, column)


@pytest.mark.parametrize(
    "query",
    [
        "took 2 ibuprofen for a headache",  # a dose, not a poisoning
        "rash after taking ibuprofen",  # no taking no prescription explains
        "side effect of benzonatate, took too many",  # the adverse effect column's words
        "stopped taking naproxen",  # underdosing
        "drank a six pack of beer",  # a use
        "took ibuprofen and naproxen, too many",  # two substances: the words do not say which leads
    ],
)
def test_no_poisoning_story(query: str) -> None:
    assert read_substance_story(query, NAMES, plain) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("little boy chewed a benzonatate pearl from the kitchen table", "T48.3X1A"),
        ("preschooler found grandma's fentanyl patch and chewed it", "T40.411A"),
        ("toddler swallowed a mothball", "T60.2X1A"),  # the Table's "Moth balls", said as one word
        ("took a handful of ambien to end it", "T42.6X2A"),  # brand -> zolpidem, self-harm
        ("teen took a bottle of dxm to get high", "T48.3X1A"),  # street name -> dextromethorphan
        ("smoked some synthetic marijuana at a concert, now paranoid", "T40.721A"),
        ("sertraline overdose, intent unknown", "T43.224A"),  # undetermined only when said
        ("took 25 caffeine tablets before the exam, heart pounding", "T43.611A"),
    ],
)
def test_a_poisoning_story_codes_the_table_line_first(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [h.code for h in found]


def test_quitting_ones_own_drug_is_underdosing(codebook: CodeBook) -> None:
    """ "quit her X": the patient stopped the drug (underdosing, guideline I.C.19.e.5.c); quitting a job is no
    drug story."""
    assert read_drug_story("quit her warfarin") == "underdosing warfarin"
    assert read_drug_story("quit her job") == "quit her job"
    assert find_codes(codebook, "patient quit her levothyroxine", limit=1)[0].code == "T38.1X6A"


def test_a_farm_or_garden_story_is_no_medicinal_line() -> None:
    """ "Malathion (medicinal)" is the lotion: sprayed on a farm it is the insecticide, another line."""
    names = {"malathion": "Malathion (medicinal)", "diazinon": "Diazinon"}
    assert read_substance_story("orchard worker sprayed with malathion", names, plain) is None
    story = read_substance_story("orchard worker sprayed with diazinon", names, plain)
    assert story is not None and story.substance == "Diazinon"


def test_a_story_the_table_line_answers_already_is_kept(codebook: CodeBook) -> None:
    """ "exposed to paint fumes": the Table's "Paint NEC, fumes NEC" read already; "Fumes" (gases not named)
    is no substance of the story."""
    assert find_codes(codebook, "exposed to paint fumes", limit=1)[0].code == "T59.891A"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("huffed nitrous oxide from a whipped cream can", "T41.0X1A"),  # "Nitrous, oxide": a subterm's name
        ("sniffed poppers at a club, now headache", "T46.3X1A"),  # street name -> "Amyl, nitrite"
        ("toddler drank lamp oil from the garage", "T52.0X1A"),  # lamp oil -> Kerosene, not "Oil"
    ],
)
def test_a_substance_named_by_a_main_term_and_its_subterm(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cefuroxime poisoning undetermined", "T36.1X4A"),  # the column's own word
        ("teen swallowed horse paste from the barn", "T37.4X1A"),  # not the vocabulary's note on another line
    ],
)
def test_the_column_said_and_the_line_read(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
