"""An abbreviation answers as its spelled-out words do: a query that finds no confident match as typed is asked
again with its capitals abbreviations written out as the vocabulary reads them (bot.lookups.index.spelled_out).
Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.spelled_out import line_reads, spelled_out
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected", "spelled"),
    [
        ("sudden SAH, thunderclap pain at the gym", "I60.9", "SAH -> subarachnoid hemorrhage"),
        ("OAB dry, urge frequency", "N32.81", "OAB -> overactive bladder"),
        ("echo with concentric LVH, no symptoms", "I51.7", "LVH -> left ventricular hypertrophy"),
    ],
)
def test_a_query_finding_nothing_as_typed_answers_as_its_abbreviation_spelled_out(
    codebook: CodeBook, query: str, expected: str, spelled: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (hits.notice, [(h.code, h.why) for h in hits])
    assert f"spelled out: {spelled}" in hits[0].why


def test_the_answer_does_not_depend_on_how_many_are_asked_for(codebook: CodeBook) -> None:
    query = "sudden SAH, thunderclap pain at the gym"
    assert [h.code for h in find_codes(codebook, query, limit=1)] == [
        h.code for h in find_codes(codebook, query, limit=5)[:1]
    ]


def test_only_capitals_abbreviations_of_one_sense_are_written_out() -> None:
    senses = {"sah": ("subarachnoid hemorrhage",), "ha": ("headache",), "ms": ("mitral stenosis", "multiple")}
    spelled = spelled_out("spontaneous SAH, worst HA, MS, CIN III", lambda key: senses.get(key, ()))
    assert spelled is not None
    assert spelled.text == "spontaneous subarachnoid hemorrhage, worst headache, MS, CIN III"
    assert spelled.note == "spelled out: SAH -> subarachnoid hemorrhage; HA -> headache"
    assert spelled_out("no abbreviation here", lambda key: ()) is None


def test_an_answer_is_kept_only_when_its_line_reads_the_meaning() -> None:
    assert line_reads("Index: Hemorrhage, subarachnoid -> I60.9 (described: ...)", "subarachnoid hemorrhage")
    assert line_reads("clause \u201cUTI\u201d: Index: Infection, urinary -> N39.0", "urinary tract infection")
    # (a laboratory test's name written out finds a condition that holds none of its words)
    assert not line_reads("Index: Thyrotoxicosis -> E05.90", "thyroid stimulating hormone")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # (the term's own line, not among the answers to the term said with the query's other words)
        ("CAV on annual angiogram after heart transplant", "T86.290"),  # not Tamponade, heart
        # (the term's own line among them, behind one that left the term's words unread)
        ("EGPA with late-onset asthma", "M30.1"),  # not Eosinophilic asthma
        ("ALPS in a boy with big spleen", "D89.82"),  # not Big spleen syndrome
        # (the note named another abbreviation's condition first: the immunoglobulin is what it is treated with)
        ("CVID on IgG replacement", "D83.9"),
    ],
)
def test_a_sure_initialism_reading_leads_where_the_answer_to_its_term_left_the_term_unread(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
