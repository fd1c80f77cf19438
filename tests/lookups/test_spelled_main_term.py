"""A word the query types as one Index main term names that main term, not another sharing only its stem
(issue #10; bot.lookups.index.matching.SPELLED_OTHER_COST): the Alphabetic Index prints Burn (the injury,
T20-T32) and Burning (the sensation: "Burning, tongue" K14.6) as two main terms, and a coder looks up the word
as written. Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Index: "Burning, tongue K14.6"; "Burn, tongue T28.0" shares only the stem
        ("burning of the tongue", "K14.6"),
        ("tongue burning", "K14.6"),
    ],
)
def test_the_main_term_spelled_as_typed_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the injury typed as the injury (its past, the noun) keeps Burn
        ("burned my tongue", "T28.0XXA"),
        ("burns on my hand", "T23.009A"),
        # only main terms of one book compete: the External Cause Index's "Crushed" (typed) leaves the
        # Index's Crush, hand (S67.2-) its place
        ("right hand crushed in machine, initial", "S67.21XA"),
    ],
)
def test_the_injury_typed_keeps_its_main_term(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])
