"""A chart's shorthand: lab values and vital signs beside their short names, counts ("x2"), plus signs, and an
uncertain diagnosis (outpatient guideline IV.H). Queries are made up for these tests, not taken from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lab_values import ANALYTES, finding, read_levels
from bot.lookups.index.query import plus_signs, understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("k 2.7", "hypokalemia"),
        ("potassium of 6.3 on bmp", "hyperkalemia"),
        ("na 127, lethargic", "hyponatremia, lethargic"),
        ("sodium 151", "hypernatremia"),
        ("ca 12.1", "hypercalcemia"),
        ("mg 1.2", "hypomagnesemia"),
        ("plt 71k", "thrombocytopenia"),
        ("platelets 72,000", "thrombocytopenia"),
        ("platelet count 610", "thrombocytosis"),
        ("hgb 8.1", "anemia"),
        ("wbc 17.2", "leukocytosis"),
        ("anc 400 after chemo", "neutropenia after chemo"),
        ("hgb a1c 5.9", "prediabetes"),
        ("a1c 8.7", "hyperglycemia"),
        ("psa 7.4", "elevated prostate specific antigen"),
        ("hr 44", "bradycardia"),
        ("heart rate 131", "tachycardia"),
        ("rr 28", "tachypnea"),
        ("albumin 2.4", "hypoalbuminemia"),
        ("blood lead level 14", "findings abnormal in blood lead"),
        ("ppd 12 mm", "positive ppd"),
        ("elevated wbc 16k", "leukocytosis"),
        ("high psa 9.1", "elevated prostate specific antigen"),
    ],
)
def test_a_value_outside_its_range_is_read_as_the_index_finding(text: str, read: str) -> None:
    assert read_levels(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "k 4.2",  # within the range
        "na 139",
        "ca 125 elevated",  # a tumour marker, no calcium
        "ca 19-9",
        "breast ca 4 cm mass",  # a size
        "mg 1 tab",  # a dose, not magnesium
        "vitamin k 10",
        "hr 72",
        "ppd 4 mm",
    ],
)
def test_a_value_within_range_or_no_reading_is_left_as_typed(text: str) -> None:
    assert read_levels(text) == text


def test_a_finding_already_said_is_not_said_twice() -> None:
    assert read_levels("hyperkalemia, k 6.2") == "hyperkalemia,"


def test_a_value_after_a_diagnosis_in_its_clause_is_its_evidence() -> None:
    assert read_levels("chronic itp plt 35k") == "chronic itp"
    assert read_levels("t2dm a1c 9.1") == "t2dm hyperglycemia"  # a combination the Index names


def test_every_analyte_names_a_finding_on_each_side_it_reads() -> None:
    for analyte in ANALYTES:
        assert finding(analyte, analyte.plausible[1]) in {analyte.above, ""}
        assert analyte.below or analyte.above


def test_a_failing_hearts_ejection_fraction_is_reduced_or_preserved() -> None:
    assert "reduced" in understand("CHF with EF 20%", Vocabulary.shipped()).words
    assert read_levels("chf, ef 25%") == "chf, with reduced ejection fraction"
    assert read_levels("heart failure, lvef 60% on echo") == "heart failure, with preserved ejection fraction"
    assert read_levels("ef 25%") == "ef 25%"  # no heart failure said


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("K 2.7 on labs", "E87.6"),
        ("serum sodium 126", "E87.1"),
        ("plt 64k", "D69.6"),
        ("A1c 6.2", "R73.03"),
        ("HR 41, dizzy", "R00.1"),
        ("T2DM, fingerstick glucose in the 400s", "E11.65"),
        ("T2DM, A1c 10.2", "E11.65"),
    ],
)
def test_a_chart_value_finds_its_finding(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("melena x2 today", "K92.1"),
        ("syncope x1 at work", "R55"),
    ],
)
def test_a_count_after_a_finding_is_read_past(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_count_after_a_procedure_is_its_number() -> None:
    vocabulary = Vocabulary.shipped()
    assert "three" in understand("cabg x3", vocabulary).words
    assert "two" not in understand("hemoptysis x2", vocabulary).words


def test_no_after_a_condition_is_without_only_before_a_complication() -> None:
    from bot.lookups.index.query import without_after_condition

    assert without_after_condition("t1dm with hypoglycemia no coma") == "t1dm with hypoglycemia without coma"
    assert without_after_condition("ulna no fixation") == "ulna no fixation"
    assert without_after_condition("swerved no other vehicle") == "swerved no other vehicle"
    assert without_after_condition("cough, no fever") == "cough, no fever"


def test_a_plus_sign_says_positive_or_joins_two_words() -> None:
    assert plus_signs("+ hemoccult, anemia") == "positive hemoccult, anemia"
    assert plus_signs("pain, +ana") == "pain, positive ana"
    assert plus_signs("inattentive + hyperactive") == "inattentive and hyperactive"
    assert plus_signs("hiv+") == "hiv+"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?UTI, dysuria", "R30.0"),  # the symptom, not the diagnosis in doubt
        ("wheezing, likely asthma", "R06.2"),
        ("concern for sepsis, fever", "R50.9"),
    ],
)
def test_an_uncertain_diagnosis_is_coded_by_its_sign(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_a_suspected_abuse_is_kept_for_its_own_index_line() -> None:
    assert "abuse" in understand("suspected elder abuse, bruising", Vocabulary.shipped()).words


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sinus brady", "R00.1"),
        ("IBS-D", "K58.0"),
        ("NASH", "K75.81"),
        ("low K", "E87.6"),
        ("SIBO", "K63.8219"),
        ("ANA positive", "R76.89"),
        ("UPT positive", "Z32.01"),
    ],
)
def test_chart_abbreviations_reach_the_index(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_every_finding_a_value_is_read_as_is_an_index_path() -> None:
    from tests.lookups.test_vocabulary_targets import index_path_problem

    findings = {f for a in ANALYTES for f in (a.below, a.above, a.inside) if f}
    findings |= {
        "failure heart with reduced ejection fraction",
        "failure heart with preserved ejection fraction",
    }
    findings.add("positive ppd")
    assert {f: index_path_problem(f) for f in findings if index_path_problem(f)} == {}
