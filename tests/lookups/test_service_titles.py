"""A service asked in the words of a Medicare service code's descriptor: the G-, P- or Q-code whose title holds
the service word and most of the query's words leads (bot.lookups.index.service_titles); an encounter reason
that explains the words already, a setting the descriptor restricts the service to and a finding keep the
answer as it was."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("intensive cardiac rehab session without exercise", "G0423"),  # rehab: rehabilitation
        ("skin laceration closed with tissue glue only", "G0168"),
        ("remote evaluation of pictures sent by patient", "G2010"),
        ("immunization counseling 16-30 minutes", "G0311"),  # a cut short descriptor ("Immunize counsel")
        ("fluvirin flu shot product", "Q2037"),  # the brand a product asked for names ("shot": vaccine)
        ("pap smear screening by technician under physician supervision", "P3000"),
        ("level 2 type b emergency department visit", "G0381"),  # the level printed beside its number
        # the payer said: its own code over the encounter reason
        ("medicare counseling visit about lung cancer screening", "G0296"),
    ],
)
def test_the_service_code_its_descriptor_names_leads(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("flu vaccine", "Z23"),  # the reason explains it: no word of the service beyond it
        ("HIV screening", "Z11.4"),
    ],
)
def test_a_reason_that_explains_the_words_stays_first(codebook: CodeBook, query: str, first: str) -> None:
    assert find_codes(codebook, query)[0].code == first


@pytest.mark.parametrize(
    ("query", "not_first"),
    [
        ("ER visit level 4", "G0383"),  # no type B emergency department said
        ("hep C antibody positive", "G0472"),  # a finding, not the screening
        ("inpatient follow up visit", "G0498"),  # another service's descriptor (chemotherapy administration)
    ],
)
def test_a_restricted_or_other_service_does_not_lead(codebook: CodeBook, query: str, not_first: str) -> None:
    found = find_codes(codebook, query)
    assert not found or found[0].code != not_first
