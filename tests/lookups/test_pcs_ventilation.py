"""A ventilator said with a counted duration is the ventilation episode (bot.lookups.index.pcs_ventilation), not
the dependence status; breathing and blood-cleaning support said in ward words reach their PCS Index lines
(terms.tsv block pcs20)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_ventilation import read_ventilation
from bot.lookups.search import find_codes


def test_a_ventilator_with_a_duration_reads_as_mechanical_ventilation() -> None:
    assert read_ventilation("vent for 5 days") == "mechanical ventilation 5 days"
    assert read_ventilation("kept on the vent 40 hrs") == "mechanical ventilation 40 hrs"
    assert read_ventilation("vent dependent 24 hours") == "vent dependent 24 hours"  # the status
    assert read_ventilation("on the vent") == "on the vent"  # no duration said


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("kept on the vent 40 hrs", "5A1945Z"),
        ("placed on ventilator for 6 days", "5A1955Z"),
        ("high flow nasal cannula for 30 hours", "5A0945A"),
        ("hyperbaric oxygen therapy", "5A05121"),
        ("continuous dialysis in the ICU", "5A1D90Z"),
    ],
)
def test_support_said_in_ward_words_is_its_procedure(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code
