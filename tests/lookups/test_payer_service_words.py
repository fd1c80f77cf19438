"""A service said with its payer leads with the payer's HCPCS service line even when it is said by an
abbreviation the vocabulary reads into the title ("awv" -> annual wellness visit) or beside a coder's word
about the request ("pt", "year", "code"); a title printing every word still comes before one reached only
through the vocabulary ("psa": the PSA test, not the rectal examination)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("subsequent AWV for medicare pt", "G0439"),
        ("psa screening medicare", "G0103"),
    ],
)
def test_the_payer_service_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]
