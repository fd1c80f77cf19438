"""A condition told is coded with ICD-10-CM: a first answer of ICD-10-PCS or HCPCS that leaves unread the condition
a later ICD-10-CM answer's Alphabetic Index main term reads gives it the first place, unless the query asks for
the procedure, item or drug it names (bot.lookups.index.kind_check; guideline I.A.1-3, the code sets' scope).
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.kind_check import (
    asks_procedure,
    condition_unread,
    said_before_purpose,
    said_outside,
    said_outside_circumstance,
)
from bot.lookups.search import find_codes


def test_a_circumstance_clause_names_no_service_asked() -> None:
    words = ["dumping", "syndrome", "gastric", "bypass"]
    assert said_outside_circumstance("dumping syndrome after gastric bypass", words) == [
        "dumping",
        "syndrome",
    ]
    assert said_outside_circumstance("gastric bypass", words) == ["gastric", "bypass"]


def test_a_purpose_clause_is_the_service_s_reason() -> None:
    assert said_outside(said_before_purpose("omalizumab for asthma"), ["omalizumab", "asthma"]) == [
        "omalizumab"
    ]


def test_the_condition_must_be_left_unread_whole() -> None:
    assert condition_unread(["wheezing"], ["wheezing", "new"])
    assert not condition_unread(
        ["tens", "unit"], ["unit"]
    )  # ("TENS unit": the device's code reads a word of it)
    assert not condition_unread([], ["new"])


def test_a_procedure_word_asks_for_the_procedure() -> None:
    assert asks_procedure(["removed", "cornea"], lambda w: w == "removed")
    assert not asks_procedure(["wheezing"], lambda w: False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Wheezing" (R06.2) is the condition; G2193 "<6yr new onset hd ache" reads only "new onset"
        ("new onset wheezing", "R06.2"),
        # "Palpitations" (R00.2), not the quality-reporting code that reads "new onset"
        ("new onset palpitations", "R00.2"),
        # "Dumping syndrome" (K91.1); the bypass is said in a clause of time, the condition's past
        ("dumping syndrome after her gastric bypass", "K91.1"),
    ],
)
def test_the_condition_comes_before_a_procedure_or_service(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "a condition:" in hits[0].why


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the removal is asked (a root operation's verb): the procedure stays first
        ("foreign body removed from left cornea, external", "08C9XZZ"),
        # a drug named and its reason in a clause of purpose: the drug's HCPCS code stays first
        ("omalizumab injection for allergic asthma", "J2357"),
        # the title says the main term the condition's answer starts at ("injection"): no condition
        ("vitamin b12 shot monthly", "J3420"),
    ],
)
def test_a_procedure_item_or_drug_asked_stays_first(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
