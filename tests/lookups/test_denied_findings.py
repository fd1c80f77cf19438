"""A query that only denies findings gets no code (issue #10): "patient denies nausea" answered R11.0 Nausea and
"pt denies chest pain" R07.9, codes for what the patient does not have. A clause that is found still answers.
Queries made up for these tests."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import denies_every_finding
from bot.lookups.search import DENIED_NOTICE, find_codes


@pytest.mark.parametrize(
    "query",
    [
        "patient denies nausea",
        "pt denies chest pain; denies SOB",
        "she denied SI",
        "denies chest pain, SOB",  # one denial, a list of what is denied
        "pt. denies fever",
    ],
)
def test_a_query_that_only_denies_gets_no_code_and_says_why(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert [h.code for h in hits] == []
    assert hits.notice == DENIED_NOTICE


@pytest.mark.parametrize(
    ("query", "denied"),
    [
        ("denies fever", True),
        ("Pt denies HA, denies dizziness", True),
        ("patient denies nausea, reports heartburn", False),  # the heartburn is found
        ("urine tox positive for cocaine, denies use", False),
        ("claim denied CO-97 what do I do", False),  # a claim is denied, not a finding
        ("insurance denied", False),
        ("denies CP, SOB, palpitations", True),
        ("pt denies fever but has cough", False),  # the cough is found
        ("denies chest pain and reports SOB", False),
        ("denies fever, cough x3 days", False),  # an item with its own span is a finding
    ],
)
def test_denial_is_read_clause_by_clause(query: str, denied: bool) -> None:
    assert denies_every_finding(query) is denied


@pytest.mark.parametrize(
    ("query", "found", "denied_category"),
    [
        ("pt denies fever but has cough", "R05.9", "R50"),
        ("denies chest pain and reports SOB", "R06.02", "R07"),
        ("denies fever, chills, has productive cough", "R05.9", "R50"),
    ],
)
def test_what_is_found_after_a_denial_answers_and_the_denied_finding_does_not(
    codebook: CodeBook, query: str, found: str, denied_category: str
) -> None:
    """ "denies fever but has cough" answered nothing (read as only denying), and "denies chest pain and reports
    SOB" answered R07.1 Chest pain on breathing: a code for what the patient does not have."""
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == found
    assert "not used: " in hits[0].why and "denies" in hits[0].why
    assert not any(h.code.startswith(denied_category) for h in hits)
