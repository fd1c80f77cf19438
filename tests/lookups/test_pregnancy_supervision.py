"""A prenatal visit told with its risk reads the Index's "Pregnancy, supervision of, high-risk" line of the risk
(bot.lookups.index.pregnancy_supervision), and a prenatal test told by what it looks for its antenatal
screening line (bot.lookups.index.antenatal_screening). The queries are made up, not taken from the benchmark
sets."""

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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ultrasound at 30 weeks to check the baby's growth", "Z36.4"),  # the line's word said
        ("scan to screen the baby for heart defects", "Z36.83"),  # WordNet: cardiac pertains to the heart
        ("anatomy scan at 20 weeks, looking for birth defects", "Z36.3"),  # a congenital anomaly
        ("cervix length ultrasound at 24 weeks", "Z36.86"),
    ],
)
def test_a_prenatal_test_told_by_what_it_looks_for_reads_the_screening_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_a_past_condition_named_by_a_history_line_keeps_that_line(codebook: CodeBook) -> None:
    # the Index's own History line before the Tabular note's class
    hits = find_codes(codebook, "had viral meningitis as a child", systems=["cm"], limit=1)
    assert hits and hits[0].code == "Z86.61"


def test_a_pregnancy_planned_or_denied_is_no_prenatal_visit() -> None:
    from bot.lookups.index.antenatal_screening import may_read_antenatal
    from bot.lookups.index.pregnancy_supervision import may_read_supervision

    assert not may_read_supervision("carrier testing before pregnancy, ivf planned")
    assert not may_read_antenatal("blood test to screen for chromosome problems, she is not pregnant")


def test_a_pregnancy_event_not_told_as_past_is_no_history(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "laparoscopic salpingectomy for ectopic pregnancy", limit=1)
    assert hits and not hits[0].code.startswith("O09")
