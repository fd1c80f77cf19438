"""The preposition "via" names no approach: "Via Natural or Artificial Opening" is said by the opening the
instrument goes in by (bot.lookups.index.completion.complete_pcs)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("c-section via low transverse incision", "10D00Z1"),  # the incision, not a natural opening
        ("hysterectomy via vagina", "0UT97ZZ"),  # the opening said
    ],
)
def test_via_is_said_by_its_opening(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code
