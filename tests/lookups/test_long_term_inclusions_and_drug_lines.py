"""A drug the patient is on is its Long-term (current) drug therapy line (guideline I.C.21.c.3), read the
way a coder reads it: the Tabular's inclusion terms under Z79 name drugs the Index's lines do not ("Long term
(current) use of methotrexate" under Z79.631, brands in parentheses: "anastrozole (Arimidex)"), and a drug
told as taken over time ("chronic ... use", "on ... injections", "long term X") is that line, not the
drug's HCPCS line of a dose given today. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str, systems: list[str] | None = None) -> str:
    hits = find_codes(codebook, query, systems=systems or ["cm"], limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Z79.631 inclusion "Long term (current) use of methotrexate" (the Drug Table's T45.1X- title would
        # say the immunosuppressant lines)
        ("long term methotrexate", "Z79.631"),
        ("on methotrexate", "Z79.631"),
        # a brand the inclusion prints in parentheses: "letrozole (Femara)" under Z79.811
        ("on femara", "Z79.811"),
        # "leuprolide acetate (leuprorelin) (Lupron)" under Z79.818; the shots are the drug's form
        ("on leuprorelin shots", "Z79.818"),
    ],
)
def test_a_z79_inclusion_term_names_the_drugs_class(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Long-term drug therapy, steroids, systemic: prednisone is a Drug Table steroid (T38.0X-)
        ("long term prednisone", "Z79.52"),
        ("long-term hydrocortisone", "Z79.52"),
    ],
)
def test_long_term_before_a_drug_alone_is_long_term_use(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Long-term drug therapy, etanercept (Z79.620), before J1438 "Injection, etanercept, 25 mg"
        ("on etanercept injections for psoriasis", "Z79.620"),
        # Long-term drug therapy, steroids, systemic, before J7512 "Prednisone, ... oral, 1 mg"
        ("chronic prednisone use", "Z79.52"),
        ("on prednisone", "Z79.52"),
    ],
)
def test_a_drug_the_patient_is_on_leads_over_its_hcpcs_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query, ["cm", "pcs", "hcpcs"]) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("on insulin pump", "Z96.41"),  # an item the patient has, not a drug's line
        ("long term memory loss", "R41.3"),  # a state said after "long term", no drug taken
    ],
)
def test_no_drug_taken_keeps_its_own_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query, ["cm", "pcs", "hcpcs"]) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the USAN stem "-dronate" is a bisphosphonate: Long-term drug therapy, bisphosphonates (Z79.83)
        ("long-term risedronate", "Z79.83"),
        # "-citinib" a Janus kinase inhibitor: Long-term drug therapy, Janus kinase inhibitor (Z79.622)
        ("on baricitinib long term", "Z79.622"),
    ],
)
def test_a_drug_neither_table_names_reads_its_class_by_its_name_stem(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query) == expected
