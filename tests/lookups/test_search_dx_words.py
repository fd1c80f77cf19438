"""Diagnosis words a coder hears, read to the Index's own words (the `# dx7` block of terms.tsv) and the act of
a device check kept for the Index's "Checking" lines. Queries are written from the Index's and the Tabular's
own words, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


def test_the_act_of_a_device_check_stays_an_echo_for_the_index_checking_lines() -> None:
    read = understand("pacemaker check", Vocabulary.shipped())
    assert read.words == ["pacemaker"]
    assert "check" in read.echoes and "encounter" in read.echoes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "w AE": with acute exacerbation (Asthma, with, exacerbation (acute)), not an adverse effect.
        ("asthma w AE", "J45.901"),
        # Influenza A / B is an identified influenza virus (J10's inclusion terms): "Influenza, due to,
        # identified influenza virus NEC, with, pneumonia".
        ("influenza B with pneumonia", "J10.00"),
        # The Index writes "lipoid disorders" (Screening, disease or disorder, nutritional, metabolic).
        ("screening for lipid disorders", "Z13.220"),
        # "Examination, annual (adult) (periodic) (physical)".
        ("annual physical exam", "Z00.00"),
        ("exertional rhabdo", "M62.82"),
        # The Index sends the colon to the large intestine ("Diverticulum, colon - see Diverticulosis,
        # intestine, large"); D12.7 (rectosigmoid junction) is not the colon unspecified.
        ("benign neoplasm of colon", "D12.6"),
        ("colon adenoma", "D12.6"),
    ],
)
def test_diagnosis_words_read_as_the_index_writes_them(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
