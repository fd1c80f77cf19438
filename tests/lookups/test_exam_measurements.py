"""Exam and bedside measurements read as the Index's finding: an organ's size, an oxygen saturation said
with its circumstances, a temperature in either scale."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lab_values import read_levels
from bot.lookups.index.reasons import read_values
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("spleen 17 cm", "splenomegaly"),
        ("spleen measures 15.5 cm on ultrasound", "splenomegaly"),
        ("spleen 11 cm", "spleen 11 cm"),
        ("liver edge palpable 5 cm below the right costal margin", "hepatomegaly"),
        ("liver edge 1 cm below costal margin", "liver edge 1 cm below costal margin"),
        ("liver span 21 cm on ct", "hepatomegaly"),
        ("liver span 14 cm", "liver span 14 cm"),
    ],
)
def test_an_organ_larger_than_its_limit_is_read_as_its_enlargement(text: str, read: str) -> None:
    assert read_levels(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("spo2 84% ra", "hypoxemia"),
        ("desaturates to 85% with exertion, 95% at rest", "hypoxemia"),
        ("desats to 96%", "desats to 96%"),
        ("tmax 39.1 c", "fever"),
        ("temp 38.4", "fever"),
        ("temp 36.9", "temp 36.9"),
        ("t 38 weeks", "t 38 weeks"),
    ],
)
def test_a_saturation_or_temperature_said_as_charted_is_read(text: str, read: str) -> None:
    assert read_values(text) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("spleen measures 17 cm on CT", "R16.1"),
        ("liver edge palpable 5 cm below costal margin", "R16.0"),
        ("pulse ox 85% RA", "R09.02"),
        ("Tmax 39.4 C overnight", "R50.9"),
    ],
)
def test_a_charted_measurement_reaches_its_finding(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("INR 2.4 not on any anticoagulant", "R79.1"),
        ("pt/inr 1.9", "R79.1"),
        ("wheezing no hx asthma", "R06.2"),
    ],
)
def test_a_denial_of_a_drug_or_history_inside_a_clause_is_read_past(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_a_negated_clause_suggests_no_second_code(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "hyperkalemia, not on warfarin", limit=5)
    assert hits[0].code == "E87.5"
    assert not any(h.code.startswith("T45") for h in hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("K 6.3, palpitations", "E87.5"),  # the value's finding over the symptom beside it
        ("hemoglobin 6.9, tired", "D64.9"),
        ("hypothyroidism, TSH 11", "E03.9"),  # the diagnosis the value confirms
        ("K 2.7 on BMP, asymptomatic", "E87.6"),  # a clause naming no diagnosis of its own
    ],
)
def test_a_value_clause_leads_over_a_symptom_and_yields_to_a_diagnosis(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_every_size_reads_by_its_limit() -> None:
    for tenths in range(50, 300, 5):
        cm = tenths / 10
        assert (read_levels(f"spleen {cm} cm") == "splenomegaly") == (cm > 13)
        assert (read_levels(f"liver span {cm} cm") == "hepatomegaly") == (cm > 16)
    for value in range(60, 101):
        assert (read_values(f"spo2 {value}% on ra") == "hypoxemia") == (value < 92)
    for tenths in range(960, 1060):
        temp = tenths / 10
        assert (read_values(f"temp {temp}") == "fever") == (temp >= 100.4)
        celsius = round((temp - 32) * 5 / 9, 1)
        assert (read_values(f"temp {celsius} c") == "fever") == (celsius >= 38.0)
