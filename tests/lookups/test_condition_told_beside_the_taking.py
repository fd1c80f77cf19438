"""An underdosing or adverse effect told in one run of words ("stopped taking his X now hypothyroid") or in a
clause the Index answers only in part lists the condition first and the T code beside it (guideline
I.C.19.e.5.a and c); a state's adjective no main term holds reads as the Index's "-ism" noun (issue #10).
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "condition", "t_code"),
    [
        ("quit using her levothyroxine now hypothyroid", "E03.9", "T38.1X6A"),  # Index: Hypothyroidism
        ("forgot his phenytoin doses breakthrough seizure", "R56.9", "T42.0X6A"),  # Index: Seizure
        ("ran out of atenolol 3 days ago now tachycardic", "R00.0", "T44.7X6A"),  # not the HCPCS line first
        ("missed her xarelto, now has a dvt", "I82.409", "T45.516A"),  # a clause the Index holds in part
    ],
)
def test_the_condition_comes_first_with_the_drug_story_beside_it(
    codebook: CodeBook, query: str, condition: str, t_code: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[:2] == [condition, t_code]


def test_a_drug_story_with_no_condition_left_stays_the_t_code(codebook: CodeBook) -> None:
    assert find_codes(codebook, "stopped taking his levothyroxine", limit=1)[0].code == "T38.1X6A"


@pytest.mark.parametrize(("query", "expected"), [("hypothyroid", "E03.9"), ("hypoparathyroid", "E20.9")])
def test_a_state_adjective_reads_as_the_index_ism_noun(codebook: CodeBook, query: str, expected: str) -> None:
    found = find_codes(codebook, query, limit=1)[0]
    assert found.code == expected and found.why.startswith("Index:")


def test_how_long_the_drug_was_missed_names_no_condition(codebook: CodeBook) -> None:
    assert find_codes(codebook, "skipped her clopidogrel for two weeks", limit=1)[0].code.startswith(
        "T45.526"
    )
