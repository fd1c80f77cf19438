"""An allergy told with no reaction is the patient's allergy status (History, personal, allergy; Z88, Z91.0-),
a state as a status or a history is, and not the injury chapter's code of a reaction being treated: the
Index's "Allergy, bee sting (anaphylactic shock)" line codes the sting's toxic effect (T63.44-), which a chart
that says only "allergic to bee stings" does not tell. The queries are made up, not taken from the benchmark
sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, systems=["cm", "pcs", "hcpcs"], limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # History, personal, allergy, insect, bee -> Z91.030
        ("allergic to bee stings", "Z91.030"),
        ("allergic to bee stings since childhood", "Z91.030"),
        # a reaction told is the reaction's code, as before
        ("anaphylaxis from bee sting", "T63.441A"),
    ],
)
def test_an_allergy_told_without_a_reaction_is_its_status(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query) == expected


def test_an_allergy_to_a_drug_reads_the_class_its_table_code_names(codebook: CodeBook) -> None:
    # Fluconazole is coded T37.8X- "other specified systemic anti-infectives and antiparasitics": its allergy
    # is History, personal, allergy, anti-infective agent NEC (Z88.3); "specified" names no class, so not the
    # "specified NEC" line of an allergy other than to drugs (Z91.09).
    assert _top(codebook, "allergic to fluconazole") == "Z88.3"
