"""A reaction named beside a drug with no link word ("lamotrigine rash") is the drug's adverse effect, the
reaction coded first (guideline I.C.19.e.5.a): a poisoning is said in words - an overdose, a wrong drug, a
drug with alcohol (I.C.19.e.5.b) - and none is said (issue #10). Queries are made up here, not taken from the
benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.condition_beside_drug import read_beside_drug
from bot.lookups.search import find_codes


def _drug(word: str) -> bool:
    return word in {"lamotrigine", "tiagabine"}


def test_a_drug_at_one_end_beside_a_condition() -> None:
    reading = read_beside_drug("lamotrigine rash", _drug, side_by_side=True)
    assert reading is not None and reading.condition == "rash" and reading.column == "adverse effect"
    assert read_beside_drug("rash tiagabine", _drug, side_by_side=True) is not None
    assert read_beside_drug("lamotrigine rash", _drug) is None  # (only when asked)
    assert read_beside_drug("lamotrigine for rash", _drug, side_by_side=True) is None  # (its purpose)
    assert read_beside_drug("lamotrigine overdose rash", _drug, side_by_side=True) is None  # (a poisoning)
    assert read_beside_drug("lamotrigine tiagabine", _drug, side_by_side=True) is None  # (two drugs)


def test_the_reaction_first_and_the_adverse_effect_beside_it(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "lamotrigine rash", limit=5)
    assert [h.code for h in hits[:2]] == ["L27.0", "T42.6X5A"]
    assert "I.C.19.e.5.a" in hits[0].why


def test_a_poisoning_said_keeps_its_t_code(codebook: CodeBook) -> None:
    assert find_codes(codebook, "lamotrigine overdose", limit=3)[0].code == "T42.6X1A"


def test_no_condition_beside_the_drug_is_no_reading(codebook: CodeBook) -> None:
    # ("daily" names no condition: the drug's own line stays)
    assert find_codes(codebook, "daily lamotrigine", limit=3)[0].code.startswith("T42.")
