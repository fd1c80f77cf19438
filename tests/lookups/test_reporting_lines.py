"""HCPCS lines the I/OCE marks not billable to the MAC (status indicator M: mostly quality-data lines) give first
place to a billable answer that reads as much of the query; a query quoting the measure, or a drug billed to
another contractor, keeps its line (bot.lookups.index.reporting_lines). Queries are made up here, not taken
from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reporting_lines import NOT_BILLABLE_TO_MAC, reading_instead
from bot.lookups.search import find_codes


def test_the_status_indicator_is_stored(codebook: CodeBook) -> None:
    reporting = codebook.with_status("hcpcs", NOT_BILLABLE_TO_MAC)
    assert "G9754" in reporting  # "A finding of an incidental pulmonary nodule": a quality-data line
    assert "M1444" in reporting
    assert "E0570" not in reporting  # a nebulizer with compressor is billed (status Y)
    assert "J7030" not in reporting


def test_the_first_later_answer_reading_as_much_leads() -> None:
    assert reading_instead(2, [(3, True), (2, False), (2, True), (1, True)]) == 2
    assert reading_instead(0, [(1, True)]) is None  # (the line reads everything: the measure is asked)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the gestation told: Z3A.39 "39 weeks gestation of pregnancy" (Index: Pregnancy, weeks of gestation,
        # 39 weeks), not M1444 "Del < 39 weeks gest", a measure's line
        ("39 wks", "Z3A.39"),
        # the condition (Fibrillation, atrial): G8967 "Warfarin or another fda approved oral anticoagulant is
        # prescribed" reports a measure
        ("on xarelto long term for afib", "I48.91"),
        # Nodule, lung (R91.1), not G9754 "A finding of an incidental pulmonary nodule"
        ("incidental 8 mm lung nodule on xray", "R91.1"),
        # the device (E0570 "Nebulizer, with compressor", billed) before the inhalation drug's line billed to
        # the DME contractor (J7609, status M)
        ("compressor nebulizer with albuterol", "E0570"),
    ],
)
def test_a_billable_answer_reading_as_much_leads(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the measure's own words: its line reads them all
        ("functional status not measured by the oswestry disability index", "M1043"),
        # an inhalation drug billed to the DME contractor, which nothing else reads as well
        ("albuterol neb solution", "J7611"),
    ],
)
def test_a_reporting_line_read_best_stays_first(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
