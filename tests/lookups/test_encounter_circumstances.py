"""An encounter's circumstance told in office words reads the Index's main term for it (Issue of, medical
certificate; Examination, psychiatric, requested by authority; Explanation of, investigation finding;
Refusal of, treatment, left without being seen; Dependence, on, a machine), and a contact with a disease no
Contact line names reads the Z20 code of the class the Tabular files the disease under. The queries are
made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.circumstances import read_circumstance, read_dependence
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("school excuse note", "Z02.79"),
        ("mental health eval requested by police", "Z04.6"),
        ("review of mri results", "Z71.2"),
        ("left without being seen", "Z53.21"),
        ("uses oxygen at night", "Z99.81"),
        ("on dialysis three times a week", "Z99.2"),
        ("ventilator dependent", "Z99.11"),
        ("hiv test before surgery, no symptoms", "Z11.4"),
        # Contact: the disease's block names the class (B15-B19 Viral hepatitis; B85-B89 ... infestations)
        ("housemate has hepatitis a, pt asymptomatic", "Z20.5"),
        ("roommate has crabs, pt exposed", "Z20.7"),
    ],
)
def test_a_circumstance_told_in_office_words(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_a_complaint_beside_the_circumstance_is_not_read() -> None:
    assert read_circumstance("review of mri results, new back pain") is None
    assert read_dependence("on home oxygen, short of breath") is None
    assert read_dependence("oxygen saturation 85") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("had radiation for breast cancer in 2015", "Z92.3"),
        ("hardware removal left wrist", "Z47.2"),
        ("hep b titer for work", "Z01.84"),
        ("mom declined mmr vaccine", "Z28.82"),
    ],
)
def test_a_past_treatment_a_removal_or_an_immunization_told_in_office_words(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kidney stone 5 years ago, resolved", "Z87.442"),  # over, told by how long ago
        ("had shingles last year", "Z86.19"),
        ("younger brother born with cleft palate", "Z82.79"),  # a relative born with it: congenital
    ],
)
def test_a_past_or_a_relatives_condition_told_as_a_story_is_a_history(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_fam_hx_is_a_family_history() -> None:
    assert "family" in understand("fam hx gout", Vocabulary.shipped()).kinds


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the Z20 header's "communicable diseases" is every line's: mumps is in "Other viral diseases"
        ("exposed to mumps at school", "Z20.828"),
        ("exposed to whooping cough", "Z20.818"),
        ("husband has shingles", "Z20.828"),  # a person's disease told by who has it
        ("girlfriend has meningococcal disease", "Z20.811"),  # meningococcal: a form of meningococcus
    ],
)
def test_a_contact_with_a_disease_no_contact_line_names_reads_its_class(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("both ovaries taken out", "Z90.722"),  # the plural of the part the Index lists under Absence
    ],
)
def test_a_part_removed_said_in_the_plural_is_an_absence(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected
