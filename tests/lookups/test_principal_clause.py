"""A chart line of several findings that no path answers whole: the clause said first that its own lookup answers
whole as a diagnosis is coded, a definitive diagnosis before a symptom (guideline II.A, I.B.4-5;
bot.lookups.index.principal_clause). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.principal_clause import Answered, line_clauses, principal
from bot.lookups.search import find_codes


def test_the_clause_answered_whole_is_coded_when_the_line_has_no_confident_match(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "MG w/o exacerbation, on neostigmine", limit=5)
    assert hits and hits[0].code == "G70.00", (hits.notice, [(h.code, h.why) for h in hits])
    assert "principal finding, the clause “MG w/o exacerbation”" in hits[0].why
    assert "not used: on neostigmine" in hits[0].why


def test_the_answer_does_not_depend_on_how_many_are_asked_for(codebook: CodeBook) -> None:
    query = "MG w/o exacerbation, on neostigmine"
    assert [h.code for h in find_codes(codebook, query, limit=1)] == [
        h.code for h in find_codes(codebook, query, limit=5)[:1]
    ]


def test_denied_and_uncertain_clauses_are_not_coded() -> None:
    assert line_clauses("troponin up, MI not confirmed, no chest pain") == ["troponin up"]
    assert line_clauses("r/o PE, tachycardic") == ["tachycardic"]
    assert line_clauses("one finding only") == []
    assert line_clauses("zorblat, both sides, gout") == ["zorblat", "gout"]


def test_a_definitive_diagnosis_leads_its_symptom_and_a_partial_answer_is_none() -> None:
    symptom = Answered("jerking", "R25.8", "ICD-10-CM", "Index: Jerking -> R25.8", ())
    disease = Answered("epilepsy", "G40.909", "ICD-10-CM", "Index: Epilepsy -> G40.909", ())
    partial = Answered("gout toe zorp", "M10.9", "ICD-10-CM", "Index: Gout -> M10.9 (not used: zorp)", ())
    added = Answered(
        "traumatic", "T14.8XXA", "ICD-10-CM", "Index: Fracture, traumatic -> T14.8", ("fracture",)
    )
    item = Answered("cane", "E0100", "HCPCS", "title: Cane", ())
    assert principal([symptom, disease]) == disease
    assert principal([partial, symptom]) == symptom
    assert principal([partial, added, item]) is None
