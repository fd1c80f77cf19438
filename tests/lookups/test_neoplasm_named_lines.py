"""A Neoplasm Table line is named by its first form (bot.lookups.index.matching.NAMED_FIRST_BOOKS): a later
form qualifies it. Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Neoplasm, calyx, renal" is the calyx: "renal" alone is the Table's own line "renal" (kidney).
        ("renal malignancy left side", "C64.2"),
        ("left renal carcinoma", "C64.2"),
        # "Neoplasm, lingula, lung" is the lingula: "lung" alone is the lung's own line.
        ("lung metastases from rectal cancer", "C78.00"),
    ],
)
def test_a_table_line_is_named_by_its_first_form(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "calyx" not in hits[0].why and "lingula" not in hits[0].why
