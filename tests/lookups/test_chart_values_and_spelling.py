"""Chart values, results, drugs taken and words spelt by ear, read as a coder reads them (issue #10).

Regression tests for four correctness bugs (a BMI inside a decimal range, a drug the patient is on read as a
poisoning, a lay phrase dropping its site, eponyms printed with accents) and for the generic readings built
beside them. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes, searcher_for


def _codes(codebook: CodeBook, query: str, limit: int = 5) -> list[str]:
    return [h.code for h in find_codes(codebook, query, systems=["cm"], limit=limit)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("BMI 42", "Z68.41"), ("bmi 43 adult", "Z68.41"), ("BMI 57", "Z68.43"), ("BMI 36", "Z68.36")],
)
def test_a_bmi_inside_a_decimal_range_reads_that_range(codebook: CodeBook, query: str, expected: str) -> None:
    # "Body mass index, adult, 40.0-44.9": 42 is inside it (it read "70 or greater" before).
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "condition", "long_term"),
    [
        ("afib on warfarin", "I48.91", "Z79.01"),
        ("dvt on heparin", "I82.409", "Z79.01"),
    ],
)
def test_a_drug_the_patient_is_on_is_long_term_use_not_poisoning(
    codebook: CodeBook, query: str, condition: str, long_term: str
) -> None:
    codes = _codes(codebook, query)
    assert codes[:2] == [condition, long_term]
    assert not any(c.startswith("T") for c in codes)


def test_a_named_drug_poisoning_still_reads_the_drug_table(codebook: CodeBook) -> None:
    assert _codes(codebook, "overdose on warfarin")[0] == "T45.511A"


def test_a_condition_on_a_drug_without_a_long_term_line_is_no_poisoning(codebook: CodeBook) -> None:
    codes = _codes(codebook, "hypertension on lisinopril")
    assert codes[0] == "I10"
    assert not any(c.startswith("T46") for c in codes)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lump in left armpit", "R22.32"), ("lump under arm right", "R22.31")],
)
def test_a_lump_in_the_armpit_keeps_its_site(codebook: CodeBook, query: str, expected: str) -> None:
    # (the lay row read "mass" alone and the Index's abdominal mass lines came first)
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("sjogren syndrome", "M35.00"), ("menieres disease", "H81.09"), ("behcets disease", "M35.2")],
)
def test_an_eponym_printed_with_accents_is_found_as_typed(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("hydroseal", "hydrocele"),  # consonants kept, vowels heard otherwise (not the nearer "hydrogel")
        ("newmonia", "pneumonia"),  # a silent first letter
        ("hemroids", "hemorrhoids"),  # three letters short
        ("herpatic", "herpetic"),  # not "hepatic": the consonants say herpetic
        ("emphazyma", "emphysema"),
    ],
)
def test_a_word_spelt_by_ear_is_corrected_to_the_word_it_sounds_like(
    codebook: CodeBook, typed: str, meant: str
) -> None:
    assert searcher_for(codebook).corrections(typed)[0] == meant


def test_a_non_word_whose_stem_is_english_is_read_by_sound(codebook: CodeBook) -> None:
    assert searcher_for(codebook).corrections("scabbies")[0] == "scabies"


@pytest.mark.parametrize(
    ("query", "expected"), [("planter wart on heel", "B07.0"), ("planter fasciitis left", "M72.2")]
)
def test_a_real_word_is_read_as_its_sound_alike_beside_the_index_line_it_completes(
    codebook: CodeBook, query: str, expected: str
) -> None:
    # "Wart, plantar": the word beside it holds the line; "planter" alone stays a planter.
    assert _codes(codebook, query)[0].startswith(expected)
    assert searcher_for(codebook).corrections("planter") == ("planter",)


@pytest.mark.parametrize("word", ["better", "sitting", "reflex", "dancing"])
def test_an_ordinary_english_word_stays_as_typed(codebook: CodeBook, word: str) -> None:
    assert searcher_for(codebook).corrections(word)[0] == word


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("elevated amylase", "R74.8"),  # Abnormal, serum level (of), amylase: no "Elevated, amylase"
        ("low lymphocyte count", "D72.810"),  # Decrease(d), lymphocytes
        ("AST 4x ULN", "R74.01"),  # a multiple of the upper limit is an elevated result
        ("elevated troponin", "R79.89"),  # the Elevated line, where there is one, still first
        ("low back pain", "M54.50"),
    ],
)
def test_a_result_direction_reads_the_index_main_term_that_holds_the_analyte(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected


def test_a_low_result_never_reads_a_line_of_the_other_direction(codebook: CodeBook) -> None:
    # "Abnormal, increase in appetite" (R63.2, polyphagia) is no reading of a decreased appetite.
    assert "R63.2" not in _codes(codebook, "decreased appetite", limit=1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MCV 112", "D75.89"),  # Macrocytosis
        ("bands 22% on diff", "D72.825"),  # Bandemia
        ("absolute lymphocyte count 0.5", "D72.810"),
        ("serum albumin 2.1", "E88.09"),  # Hypoalbuminemia (a "serum" before the name is no diagnosis)
        ("Ca 6.9 corrected", "E83.51"),
        ("core temp 39.4 C", "R50.9"),
    ],
)
def test_a_chart_value_outside_its_range_reads_the_index_finding(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("boil on my right thigh", "L02.425"),  # Furuncle, leg (any part): not "Furuncle of right axilla"
        ("cellulitis left forearm", "L03.114"),  # Cellulitis, arm: not the orbit's title
        ("cellulitis right calf", "L03.115"),
    ],
)
def test_a_limb_part_the_main_term_does_not_list_reads_as_its_limb(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("laceration right thigh", "S71.111A"), ("pain in left thigh", "M79.652"), ("forearm pain", "M79.639")],
)
def test_a_limb_part_the_main_term_lists_keeps_its_own_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"), [("atelectasis seen on chest xray", "J98.11"), ("cardiomegaly on cxr", "I51.7")]
)
def test_a_finding_seen_on_a_study_is_the_finding_not_the_study(
    codebook: CodeBook, query: str, expected: str
) -> None:
    # (every code set searched: the study's ICD-10-PCS code came first)
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("urinalysis positive for bilirubin", "R82.2"),
        ("glucose in the urine, fasting sugar normal", "R81"),
        ("temp 34.5, no cold exposure", "R68.0"),  # Hypothermia, not associated with low environmental temp
    ],
)
def test_a_finding_told_as_a_test_result_reads_the_index_finding(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _codes(codebook, query)[0] == expected
