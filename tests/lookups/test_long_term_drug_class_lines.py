"""A drug taken long term is coded by the Long-term drug therapy line of its class when the Index names the
class, not the drug: the line's word is a Drug Table main term coded as the drug is ("Steroid" T38.0X- as
"Prednisone"), and the Table's main line of a drug is its systemic use ("steroids, systemic" Z79.52). The
generated check says every Drug Table drug coded as "Steroid" the way a chart does; the hand queries are made
up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("long term prednisone use", "Z79.52"),
        ("on chronic hydrocortisone", "Z79.52"),
        ("on metformin", "Z79.84"),  # "insulin" is a drug of its own, not metformin's class
        ("on heparin", "Z79.01"),
    ],
)
def test_a_drug_reads_its_class_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_every_drug_coded_as_steroid_taken_long_term_is_systemic_steroids(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    steroid = conn.execute(
        "SELECT cells FROM index_nodes WHERE book = 'drug' AND depth = 0 AND term = 'Steroid'"
    ).fetchone()
    drugs = [
        str(term).lower()
        for (term,) in conn.execute(
            "SELECT term FROM index_nodes WHERE book = 'drug' AND depth = 0 AND cells = ?", [steroid[0]]
        ).fetchall()
        if str(term).isalpha() and "steroid" not in str(term).lower() and "cortico" not in str(term).lower()
    ]
    assert len(drugs) > 10
    wrong = [(d, code) for d in drugs if (code := _top(codebook, f"long term {d} use")) != "Z79.52"]
    assert len(wrong) <= len(drugs) // 10, wrong


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the Tabular title of the drug's Table code names the class line (T39.3- NSAID, T45.52- antithrombotic)
        ("takes naproxen daily for back pain", "Z79.1"),
        ("on brilinta after stent", "Z79.02"),
        # a brand whose generic the Table lacks, read through its class (rivaroxaban -> Anticoagulant)
        ("on xarelto long term", "Z79.01"),
        # the dose and the purpose say nothing to the Long-term line
        ("on aspirin 325 mg daily for stroke prevention", "Z79.82"),
        ("on letrozole after breast cancer", "Z79.811"),
    ],
)
def test_a_drug_taken_reads_the_class_line_its_tabular_title_names(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query) == expected
