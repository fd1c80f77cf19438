"""A condition a drug caused is coded by the Index's own drug subterm of that condition (guideline
I.C.19.e.5.a: the nature of the adverse effect first) also when the condition's plain line came first and left
the drug unread, when the drug is said by its class or by a name WordNet files as a medicine, when it is said
before the condition as its modifier, and when the unspecified adverse effect (T88.7) came first (issue #10).
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.condition_beside_drug import read_beside_drug
from bot.lookups.index.medicine_kinds import names_medicine
from bot.lookups.index.stories import read_drug_story
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("word", "medicine"), [("statin", True), ("antibiotics", True), ("gemfibrozil", True)]
)
def test_a_medicine_by_its_class_or_name(codebook: CodeBook, word: str, medicine: bool) -> None:
    assert names_medicine(searcher_for(codebook).wordnet(), word) is medicine


@pytest.mark.parametrize("word", ["tuna", "noise", "medicine", "glue"])
def test_no_medicine(codebook: CodeBook, word: str) -> None:
    assert not names_medicine(searcher_for(codebook).wordnet(), word)


def test_the_drug_subterm_when_the_condition_line_left_the_drug_unread(codebook: CodeBook) -> None:
    # ("Anemia, aplastic" D61.9 read first, "statin" left unread: "Anemia, aplastic, drug-induced" D61.1)
    hits = find_codes(codebook, "aplastic anemia from statin", limit=3)
    assert hits[0].code == "D61.1"
    assert "I.C.19.e.5.a" in hits[0].why and "drug-induced" in hits[0].why


def test_a_drug_class_wordnet_names(codebook: CodeBook) -> None:
    assert find_codes(codebook, "myopathy from statin", limit=3)[0].code == "G72.0"


def test_the_nature_said_before_the_unspecified_adverse_effect(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "hives from cefazolin adverse reaction", limit=3)
    assert [h.code for h in hits[:2]] == ["L50.0", "T36.1X5A"]


def test_the_intent_said_after_the_taking_in_lay_words() -> None:
    # (guideline I.C.19.e.5.b: a poisoning's intent column; a taking said first, or no taking at all)
    assert "intentional self-harm" in read_drug_story("took all his lorazepam trying to end it all")
    assert "intentional self-harm" not in read_drug_story("cut her wrists trying to end it")


def test_a_drug_said_by_its_purpose() -> None:
    # "opioid pain pills": the words before the pills say the drug, no word of the condition
    reading = read_beside_drug("constipation from opioid pain pills", lambda w: False)
    assert reading is not None and reading.condition == "constipation"


def test_the_drug_subterm_for_pills_said_by_their_purpose(codebook: CodeBook) -> None:
    assert find_codes(codebook, "rash after starting his seizure meds", limit=3)[0].code == "L27.0"


@pytest.mark.parametrize(
    "query",
    [
        "low blood sugar from glyburide in a type 2 diabetic",
        "hypoglycemia due to glimepiride, type 2 diabetes",
    ],
)
def test_a_drug_subterm_of_another_category_keeps_the_type_said(codebook: CodeBook, query: str) -> None:
    # "Diabetes, due to drug or chemical" (E09) shares the main term, but the query says type 2 (E11's title).
    assert find_codes(codebook, query, limit=3)[0].code == "E11.649"
