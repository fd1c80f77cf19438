"""A query that only denies findings gets no code (issue #10): "patient denies nausea" answered R11.0 Nausea and
"pt denies chest pain" R07.9, codes for what the patient does not have. A clause that is found still answers.
Queries made up for these tests."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import denies_every_finding
from bot.lookups.search import DENIED_NOTICE, find_codes


@pytest.mark.parametrize(
    "query", ["patient denies nausea", "pt denies chest pain; denies SOB", "she denied SI"]
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
    ],
)
def test_denial_is_read_clause_by_clause(query: str, denied: bool) -> None:
    assert denies_every_finding(query) is denied
