"""A condition named beside the drug that caused it or let it relapse is coded first, the drug's adverse
effect or underdosing T code after it (issue #10, guideline I.C.19.e.5.a and c), also when the drug's HCPCS
line or Drug Table line was read first; a poisoning keeps its T code first (I.C.19.e.5.b).
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.condition_beside_drug import intent_swapped, read_beside_drug
from bot.lookups.search import find_codes


def _drug(word: str) -> bool:
    return word in {"ceftriaxone", "risperidone"}


def test_the_condition_is_what_the_drug_and_its_taking_leave() -> None:
    reading = read_beside_drug("hives after ceftriaxone infusion", _drug)
    assert reading is not None and reading.condition == "hives" and reading.column == "adverse effect"
    relapse = read_beside_drug("stopped risperidone, schizophrenia symptoms back", _drug)
    assert relapse is not None and relapse.condition == "schizophrenia" and relapse.underdosing


@pytest.mark.parametrize(
    "query",
    [
        "ceftriaxone overdose, hives",
        "hives after ceftriaxone taken with alcohol",
        "took the wrong ceftriaxone, hives",
        "history of hives from ceftriaxone",
        "ceftriaxone allergy",
    ],
)
def test_a_poisoning_or_a_status_is_no_reading(query: str) -> None:
    assert read_beside_drug(query, _drug) is None


def test_the_intent_character_swapped() -> None:
    assert intent_swapped("T46.4X1A", "5") == "T46.4X5A"
    assert intent_swapped("T37.91XA", "6") == "T37.96XA"


def test_a_reaction_after_an_infused_drug_before_its_hcpcs_line(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "hives after ceftriaxone infusion", limit=3)
    assert [h.code for h in hits[:2]] == ["L50.0", "T36.1X5A"]
    assert "I.C.19.e.5.a" in hits[0].why and "Urticaria, due to, drugs" in hits[0].why


def test_the_condition_that_came_back_before_the_underdosing(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "stopped risperidone, schizophrenia symptoms back", limit=3)
    assert hits[0].code == "F20.9" and hits[1].code.startswith("T43.59") and hits[1].code.endswith("6A")
    assert "I.C.19.e.5.c" in hits[0].why


def test_a_drug_tables_code_found_first_gives_way_to_the_condition(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "confusion from famotidine in elderly pt, correct dose", limit=3)
    assert hits[0].code == "R41.0" and hits[1].code.startswith("T")


def test_a_poisoning_keeps_its_t_code_first(codebook: CodeBook) -> None:
    assert find_codes(codebook, "hives after ceftriaxone overdose", limit=3)[0].code == "T36.1X1A"
