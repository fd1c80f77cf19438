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


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # Resection is ALL of a body part; a portion (or a growth cut out of it) is an Excision (B3.8).
        ("partial ileum resection, open", "0DBB0ZZ"),
        ("cystoscopic resection of bladder lesion", "0TBB8ZZ"),
        # Nothing said of a portion: the Resection stays.
        ("open ileum resection", "0DTB0ZZ"),
    ],
)
def test_a_portion_resected_is_an_excision(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


def test_a_whole_organ_before_its_lobes_when_no_part_is_named(codebook: CodeBook) -> None:
    # Thyroidectomy -> see Resection, Endocrine System: Thyroid Gland, not the Left Thyroid Gland Lobe.
    hits = find_codes(codebook, "total thyroidectomy", limit=5)
    assert hits and hits[0].code == "0GTK0ZZ", [(h.code, h.why) for h in hits]
    hits = find_codes(codebook, "left thyroid lobe resection", limit=5)
    assert hits and hits[0].code == "0GTG0ZZ", [(h.code, h.why) for h in hits]
