"""A chiefly nonmedicinal substance that came in contact with the person is its toxic effect (issue #10, round
32).

The Tabular's block T51-T65 is "Toxic effects of substances chiefly nonmedicinal as to source"; guideline
I.C.19.e.5.b codes the accidental column when no intent is said. "Exposed to X" / "X exposure" with X a Table
substance reads as the Table line's accidental column, unless the Index's own Exposure / Contact line names the
substance (Z77) or the line read is no toxic effect (a medicine, a germ). A "(medicinal)" Table line told as a
farm chemical is read at its subterm of the other use ("Malathion (medicinal)", insecticide). Every query is
made up for these tests (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.substance_contact import is_toxic_effect
from bot.lookups.index.substance_stories import read_substance_story
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Table: Formaldehyde, gas or vapor - poisoning accidental (not "Kiln gas or vapor")
        ("lab tech with formaldehyde exposure", "T59.2X1A"),
        # Table: Hydrogen, sulfide - poisoning accidental
        ("exposed to hydrogen sulfide in a manure pit", "T59.6X1A"),
        # Table: Simazine - poisoning accidental (no "Contact, chemicals" Z line over the story)
        ("landscaper exposed to simazine", "T60.3X1A"),
        # Table: Malathion (medicinal), insecticide - poisoning accidental
        ("crop duster pilot exposed to malathion spray", "T60.0X1A"),
        # Index: Exposure, asbestos - the Index's own line of the substance
        ("shipyard asbestos exposure", "Z77.090"),
    ],
)
def test_a_substance_in_contact_is_its_toxic_effect(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, systems=("cm",), limit=1)[0].code == expected


def test_a_contact_story_is_marked_and_reads_the_other_use() -> None:
    names = {"malathion": "Malathion (medicinal)"}
    story = read_substance_story(
        "farmhand exposed to malathion", names, lambda t: t, None, lambda term: ("insecticide",)
    )
    assert story is not None and story.contact
    assert story.query == "Malathion insecticide poisoning accidental"
    assert read_substance_story("farmhand exposed to malathion", names, lambda t: t) is None


def test_only_t51_to_t65_is_a_toxic_effect() -> None:
    assert is_toxic_effect("T59.2X1A") and is_toxic_effect("T65.891A") and is_toxic_effect("T51.0X1A")
    assert not is_toxic_effect("T49.0X1A") and not is_toxic_effect("Z77.098")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Table: Dichlorvos - poisoning accidental: a chemical sprayed that made the person ill is its contact
        ("orchard worker got sick after spraying dichlorvos", "T60.0X1A"),
        # Table: Aflatoxin - poisoning accidental (T64.01), the harm told by "ill from"
        ("ill from aflatoxin in stored grain", "T64.01XA"),
        # Table: Paraquat: "weed killer" typed is the Table's "Weed killers NEC" (given way to the named
        # substance), not the vocabulary's lay "weed" (cannabis), which would name a second substance
        ("landscaper exposed to paraquat weed killer", "T60.3X1A"),
    ],
)
def test_a_substance_that_made_the_person_ill_is_its_toxic_effect(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, systems=("cm",), limit=1)[0].code == expected
