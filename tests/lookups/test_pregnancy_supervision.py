"""A prenatal visit told with its risk reads the Index's "Pregnancy, supervision of, high-risk" line of the risk
(bot.lookups.index.pregnancy_supervision). The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hx molar pregnancy, now 10 wks", "O09.A1"),  # the risk line, the weeks' trimester
        ("pregnant, history of preterm labor, 30 weeks", "O09.213"),  # "pre-term labor" said without a hyphen
        ("15 yo pregnant with her second baby, 30 weeks", "O09.623"),  # the Tabular's note: less than 16
        ("high risk OB check at 8 weeks", "O09.91"),  # no risk named: the high-risk line itself
    ],
)
def test_a_prenatal_visit_told_with_its_risk_reads_the_supervision_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_a_risk_line_is_said_in_its_order() -> None:
    from bot.lookups.index.pregnancy_supervision import _says, _sequence

    assert not _says(_sequence("20 weeks pregnancy with a molar toothache"), _sequence("molar pregnancy"))
    assert _says(_sequence("grand multip at 34 weeks"), _sequence("grand multiparity"))
