"""A clause typing one part of a hyphenated Index main term is not that main term (issue #10,
bot.lookups.filler.main_term_unsaid): a coder opens the Index at the main term the words name (guideline I.A),
so "controlled" is no "Temperature-controlled sEEG radiofrequency ablation" (PCS Index) and "heavy" no
"Heavy-for-dates" (Index); the clause naming the condition leads. Queries are made up here, not taken from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import main_term_unsaid
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("core", "why", "partial"),
    [
        ("controlled", "PCS Index: Temperature-controlled sEEG radiofrequency ablation -> 00503Z4", True),
        ("heavy", "Index: Heavy-for-dates NEC -> P08.1", True),
        ("sickle cell disease", "Index: Disease, sickle-cell -> D57.1", False),
        ("astereognosis", "Index: Astereognosia -> R48.1", False),  # (read by its word form, not a part)
        ("preeclampsia", "Index: Pre-eclampsia -> O14.9 (vocabulary: preeclampsia -> pre-eclampsia)", False),
        ("controlled", "title: Asth controlled", False),  # (no Index path)
    ],
)
def test_a_part_of_a_compound_main_term(core: str, why: str, partial: bool) -> None:
    assert main_term_unsaid(core, why) is partial


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Index: Hypertension (I10); the clause "controlled" only types a part of "Temperature-controlled"
        ("benign hypertension, controlled", "I10"),
        ("seizure disorder on lamotrigine, controlled", "G40.89"),  # Index: Seizure, specified NEC
        # Index: Periods, heavy (N92.0), not Heavy-for-dates (P08.1, a newborn's)
        ("menstrual periods every 3 weeks, heavy", "N92.0"),
    ],
)
def test_the_clause_naming_the_condition_leads(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=3)[0].code == expected
