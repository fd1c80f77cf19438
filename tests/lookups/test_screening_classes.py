"""A screening for a condition no Index Screening line names reads the Z11-Z13 code of the class the Tabular
files the condition under (bot.lookups.index.z_by_class, guideline I.C.21.c.5); a check for a condition in a
patient without symptoms is a screening told in words. The queries are made up, not taken from the benchmark
sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.z_by_class import class_code
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hepatitis B screening", "Z11.59"),
        ("hepatitis B screening for adults", "Z11.59"),  # B19.10 stands in the block Viral hepatitis
        ("screening for shingles", "Z11.59"),  # B02.9: Viral infections characterized by skin ... lesions
        ("screening for GERD", "Z13.818"),  # K21.9: Diseases of the digestive system
        ("checking for glaucoma, no symptoms", "Z13.5"),  # the Index's own line: Screening, glaucoma
        # a substance chiefly nonmedicinal looked for: the Table files its poisoning as a toxic effect (T51-T65),
        # so the Index's Screening, poisoning (Z13.88); the person screened after "for" is no condition
        ("arsenic screening for a child", "Z13.88"),
        ("mercury level screening", "Z13.88"),
    ],
)
def test_a_screening_reads_the_class_of_the_condition_looked_for(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected
    assert "Screening for" in hits[0].why


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("C3490", "Z122"),  # the block "Malignant neoplasms of respiratory and intrathoracic organs"
        ("A419", "Z112"),  # sepsis: the block "Other bacterial diseases", not "infectious and parasitic"
        ("G589", "Z13858"),  # the chapter "Diseases of the nervous system", never Z12.82 (no cancer said)
        ("C73", "Z1289"),  # a cancer whose site no Z12 title names: "other sites"
        ("L409", None),  # psoriasis: no Z13 title names the skin; Z12.83 is the skin's cancer
        ("E039", None),  # the chapter names "endocrine", "nutritional" and "metabolic" alike
    ],
)
def test_the_screening_class_of_a_condition_code(
    codebook: CodeBook, condition: str, expected: str | None
) -> None:
    assert class_code(codebook.db.conn, "screening", condition) == expected


@pytest.mark.parametrize(
    "query",
    ["newborn screen positive for PKU confirmed", "partner tested positive for gonorrhea, no symptoms"],
)
def test_a_screens_result_or_a_contact_is_no_screening_of_a_class(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert not hits or not hits[0].why.startswith("Screening for")
