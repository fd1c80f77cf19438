"""The Table of Drugs and Chemicals read as a table (issue #10): the substance's own row first, then the indented
row the story names under it, then the column the story's intent words choose (guideline I.C.19.e.5). Queries
are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.drug_rows import table_path
from bot.lookups.search import find_codes

LABELS = {"poisoning_accidental": "poisoning, accidental (unintentional)", "adverse_effect": "adverse effect"}


def test_the_row_an_answer_cites() -> None:
    """The row's path and column read from an answer's "why", through a "see" reference to the row it names."""
    assert table_path(
        "Drug Table: Carbon, monoxide, poisoning, accidental (unintentional) -> T58.91 -> Tabular: ...",
        LABELS,
    ) == ("Carbon, monoxide", "poisoning_accidental")
    assert table_path(
        "External Cause Index: Poisoning -> see Table of Drugs and Chemicals -> Fumes, carbon monoxide -> see "
        "Carbon, monoxide, poisoning, accidental (unintentional) -> T58.91",
        LABELS,
    ) == ("Carbon, monoxide", "poisoning_accidental")
    assert table_path("Index: Poisoning, nicotine -> T65.2-", LABELS) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Carbon, monoxide, exhaust gas not in transit, motor vehicle, not in transit (T58.01): a truck is a motor
        # vehicle (WordNet), so the row is said, not the source-unspecified row T58.91
        ("fumes from the truck idling in the shed, carbon monoxide poisoning", "T58.01XA"),
        # Nicotine NEC (insecticide) (spray) (sulfate) T60.2; its row "not insecticide" T65.29: a patch is no
        # insecticide
        ("nicotine patch chewed by a toddler", "T65.291A"),
        # Camphor has no code of its own: "insecticide" T60.2, "medicinal" T49.8; an ointment is a medicine's form
        ("toddler licked camphor ointment", "T49.8X1A"),
    ],
)
def test_the_indented_row_the_story_names(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [(h.code, h.why) for h in found]


def test_a_substance_alone_keeps_its_own_row(codebook: CodeBook) -> None:
    """No product said beside the substance: the row's own line (Nicotine NEC, T60.2) stays."""
    found = find_codes(codebook, "nicotine overdose", limit=3)
    assert found[0].code == "T60.2X1A", [(h.code, h.why) for h in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the substance named (Atropine T44.3) before the Table's row of its form (Eye drug NEC T49.5)
        ("scopolamine toxicity in a toddler from eye drops", "T44.3X1A"),
        # a medicine named by what it treats: the Table's "Anti-" row (Antinausea drug T45.0, Antihemorrhoidal
        # preparation T49.2), before a row of the form's word the query does not name ("Barrier cream")
        ("preschooler swallowed a bottle of nausea tablets", "T45.0X1A"),
        ("little boy ate a tube of hemorrhoid ointment", "T49.2X1A"),
    ],
)
def test_the_substances_own_row_first(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [(h.code, h.why) for h in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # two rows named, "Acrolein (gas)" and "Oil (of)": the chemical's own name is the substance, the everyday
        # word its source
        ("worker exposed to acrolein from overheated frying oil", "T59.891A"),
        # "sniffing" tells the taking as "sniffed" does; Toluene (T52.2) before "Paint NEC"
        ("teen sniffing toluene paint", "T52.2X1A"),
    ],
)
def test_the_chemical_before_the_everyday_product(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [(h.code, h.why) for h in found]
