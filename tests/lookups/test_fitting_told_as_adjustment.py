"""A device fitted, adjusted or programmed, told at the front desk ("glasses adjustment", "hearing aid
programming", "adjustment of insulin pump"), reads the Index's Fitting (and adjustment) line of the device.
The generated check says every Fitting subterm as "X adjustment"; the hand queries are made up, not taken
from the benchmark sets."""

from __future__ import annotations

import re

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("here for glasses adjustment", "Z46.0"),
        ("hearing aid programming", "Z46.1"),
        ("adjustment of insulin pump", "Z46.81"),
        ("portacath adjustment", "Z45.2"),
        ("adjustment disorder with anxiety", "F43.22"),  # a disorder, not a device
    ],
)
def test_a_device_adjusted_reads_fitting(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_every_fitting_line_said_as_an_adjustment(codebook: CodeBook) -> None:
    rows = codebook.db.conn.execute(
        "SELECT n.term, n.code FROM index_nodes n JOIN index_nodes m ON n.parent = m.id "
        "WHERE m.book = 'cm' AND m.depth = 0 AND m.term = 'Fitting' AND n.code != ''"
    ).fetchall()
    assert len(rows) > 15
    wrong = []
    for term, code in rows:
        said = re.sub(r"\(.*?\)|\bNOS\b|\bNEC\b|,", " ", str(term)).strip()
        got = _top(codebook, f"{' '.join(said.split())} adjustment")
        if not got.startswith(str(code).rstrip("-")):
            wrong.append((said, code, got))
    assert len(wrong) <= len(rows) // 10, wrong
