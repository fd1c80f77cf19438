"""One side named where the Index splits a condition by "unilateral" / "bilateral" (issue #10,
bot.lookups.index.one_side). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("left renal agenesis", "Q60.0"),
        ("left undescended testicle", "Q53.10"),
        ("right hydronephrosis", "N13.30"),  # (no "unilateral" line: the answer stays)
    ],
)
def test_one_side_is_unilateral(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
