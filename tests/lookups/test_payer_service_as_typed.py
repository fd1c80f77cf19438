"""A payer's screening service said with its words as typed ("screening pap smear medicare obtaining
specimen"): the HCPCS title holding those words itself leads the encounter's Z code, even when the vocabulary
reads the words as the Index's ("pap smear" -> Screening, neoplasm, cervix); a title that shares the words only
through that reading does not."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("screening pap smear medicare obtaining specimen", {"Q0091"}),
        ("pap smear screening medicare", {"Q0091", "P3000", "P3001"}),
    ],
)
def test_the_payers_service_by_its_typed_words_leads(codebook: CodeBook, query: str, codes: set[str]) -> None:
    assert find_codes(codebook, query)[0].code in codes


def test_without_the_payer_the_encounter_leads(codebook: CodeBook) -> None:
    assert find_codes(codebook, "screening pap smear")[0].code.startswith("Z")


def test_a_slash_joined_test_name_keeps_its_first_word(codebook: CodeBook) -> None:
    """ "PT/INR" is the prothrombin time test, not the patient ("pt") and a stray "/inr"."""
    found = find_codes(codebook, "PT/INR")
    assert "CPT" in found.notice
