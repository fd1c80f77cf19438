"""Clinical procedure abbreviations (the `px11` block of terms.tsv) reach the ICD-10-PCS Index words they stand
for: each maps to a PCS Index main term and its subterms, never to a code, and the PCS table completes the code."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("LTCS", "10D00Z1"),  # Cesarean section, low -> Extraction, Products of Conception, Low
        ("repeat LTCS", "10D00Z1"),
        ("circ", "0VTTXZZ"),  # Circumcision -> Resection, Prepuce
        ("right CTR open", "01N50ZZ"),  # Release, Nerve, Median
        ("VP shunt", "00160J6"),  # Bypass, Cerebral Ventricle to Peritoneal Cavity
        ("cysto with bladder bx", "0TBB8ZX"),
    ],
)
def test_procedure_abbreviations_reach_pcs_index_words(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


def test_amniotomy_abbreviation_reads_the_products_of_conception_drainage(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "AROM", limit=5)
    assert hits and hits[0].code.startswith("1090") and hits[0].code.endswith("C"), [h.code for h in hits]
