"""A venomous animal's bite or sting read as its Drug Table line (bot.lookups.index.venom), and common
outpatient drugs the Table does not list read as their class line (terms.tsv block rx18): made-up queries of
other animals and drugs than the benchmark sets hold."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.venom import read_venom
from bot.lookups.search import find_codes

ANIMALS = {
    "scorpion": "venom scorpion",
    "sting ray": "venom sting ray",
    "stingray": "venom sting ray",
    "copperhead snake": "copperhead snake",
    "copperhead": "copperhead snake",
    "coral snake": "venom snake coral snake",
    "ant": "ant",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stung by a scorpion in the garage", "venom scorpion poisoning accidental"),
        ("fire ant bites on both ankles", "ant poisoning accidental"),
        ("stepped on a stingray", "venom sting ray poisoning accidental"),
        ("copperhead bite, subsequent encounter", "copperhead snake poisoning accidental subsequent"),
        ("allergic to scorpion stings", None),  # an allergy (Z91.03-), no toxic effect
        ("nonvenomous snake bite", None),
        ("dog bite to hand", None),  # no animal the Table sets apart
        ("scorpion and ant stings", None),  # two animals: the words do not say which leads
    ],
)
def test_a_bite_or_sting_reads_as_the_animals_table_line(query: str, expected: str | None) -> None:
    assert read_venom(query, ANIMALS) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("copperhead bite to right ankle while gardening", "T63.061A"),  # not the open bite of the ankle
        ("scorpion sting on the hand", "T63.2X1A"),  # not the bee line "sting" reads
        ("bitten by a coral snake", "T63.021A"),  # not the marine coral
        ("amlodipine overdose", "T46.1X1A"),  # a drug the Table lacks: its class line
        ("took a handful of lyrica to end it", "T42.6X2A"),  # brand -> anticonvulsant, specified NEC
        ("keppra overdose", "T42.6X1A"),  # a named anticonvulsant is a specified one, not T42.7-
        ("adverse effect of celebrex", "T39.395A"),
        # A drug the Table or the Index names itself keeps its own line, never its class's: oxcarbazepine is an
        # iminostilbene (T42.1), raloxifene has its Long-term drug therapy line (rows read them as the class).
        ("oxcarbazepine overdose", "T42.1X1A"),
        ("clobazam overdose", "T42.4X1A"),
        ("takes raloxifene every day", "Z79.810"),
    ],
)
def test_the_table_line_leads(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [h.code for h in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("inhaled hydrogen sulfide gas in a sewer", "T59.6X1A"),  # the Table's subterm "Hydrogen, sulfide"
        ("dizzy from a calcium channel blocker taken correctly", "R42"),  # the reaction first, no underdosing
    ],
)
def test_a_chemical_subterm_and_a_class_reaction(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [h.code for h in found]


@pytest.mark.parametrize(
    "query", ["serotonin syndrome from an SSRI", "SSRI started, worries constantly, GAD"]
)
def test_a_reaction_whose_own_search_finds_an_adverse_effect_again_does_not_recurse(
    codebook: CodeBook, query: str
) -> None:
    # The condition beside an adverse effect found by its title is searched on its own ("serotonin syndrome"),
    # and that search read the SSRI adverse effect by its title again: RecursionError before the guard.
    found = find_codes(codebook, query, limit=5)
    assert found and any(h.code.startswith("T43.2") for h in found)
