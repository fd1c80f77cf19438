"""Readings kept to the class of sentence they were made for (issue #10, round 21): an exposure needs a
clause saying it; a drug's "induced" links it to the condition; a place of occurrence is never listed before
its event; a PCS title needs a procedure said; the dominant side follows the guideline; a condition in
pregnancy keeps its type and its trimester; a word is read in the form the Index prints it. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.dominant_side import dominance
from bot.lookups.index.setting_after import event_before_setting
from bot.lookups.index.situations import read_exposure
from bot.lookups.search import find_codes


def _codes(codebook: CodeBook, query: str, n: int = 5) -> list[str]:
    return [h.code for h in find_codes(codebook, query, limit=n)]


def test_an_exposure_needs_a_clause_saying_it() -> None:
    assert read_exposure("cystoscopy, no findings") is None
    assert read_exposure("black mold in apartment, exposure") == "exposure black mold"


@pytest.mark.parametrize(
    ("query", "first"),
    [("diagnostic colonoscopy, no findings", "0DJD8ZZ"), ("cystoscopy, no findings", "0TJB8ZZ")],
)
def test_a_scope_with_nothing_found_is_the_scope(codebook: CodeBook, query: str, first: str) -> None:
    assert _codes(codebook, query)[0] == first


@pytest.mark.parametrize(
    ("query", "first", "pair"),
    [
        ("doxorubicin-induced vomiting", "R11.10", "T45.1X5A"),
        ("lisinopril induced cough", "R05.9", "T46.4X5A"),
        ("amiodarone-induced fever", "R50.2", "T46.2X5A"),
    ],
)
def test_a_drug_induced_condition_is_the_condition_with_its_adverse_effect(
    codebook: CodeBook, query: str, first: str, pair: str
) -> None:
    assert _codes(codebook, query, 2) == [first, pair]


def test_the_place_comes_after_its_event(codebook: CodeBook) -> None:
    place = ("Y92.129", "External Cause Index: Place of occurrence, nursing home -> Y92.129 (not used: fell)")
    fall = (
        "W06.XXXA",
        "External Cause Index: Fall, from, off, out of, bed -> W06 (vocabulary: fell out of bed -> fall from bed)",
    )
    bare = ("W19.XXXA", "External Cause Index: Fall -> W19")
    assert event_before_setting([place, bare, fall], "fell out of bed at nursing home") == 2
    assert event_before_setting([place, bare], "fell at the nursing home") is None
    codes = _codes(codebook, "fell out of bed at the nursing home")
    assert codes[0] == "W06.XXXA" and codes[1].startswith("Y92.12")
    assert _codes(codebook, "injury occurred in the bathroom at home (apartment)")[0] == "Y92.031"


@pytest.mark.parametrize("query", ["RLL infiltrate", "infiltrate in the left upper lobe"])
def test_a_finding_at_a_body_part_is_no_procedure(codebook: CodeBook, query: str) -> None:
    assert not any(c[:1] == "0" and len(c) == 7 for c in _codes(codebook, query))


def test_a_service_noun_said_as_the_place_asks_no_service(codebook: CodeBook) -> None:
    found = find_codes(codebook, "xylene exposure in the histology lab", limit=3)
    assert "CPT" not in found.notice


def test_an_article_does_not_make_a_reversed_phrase(codebook: CodeBook) -> None:
    assert "T38.4X5A" not in _codes(codebook, "constipated from iron pills the doctor gave")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("left hemiplegia", "G81.94"),
        ("right hemiplegia", "G81.91"),
        ("flaccid hemiplegia of left side in a right-handed patient", "G81.04"),
        ("right hemiparesis after a stroke, left handed", "I69.353"),
    ],
)
def test_the_dominant_side_as_the_guideline_reads_it(codebook: CodeBook, query: str, first: str) -> None:
    assert dominance("ambidextrous", "left") == "dominant"
    assert _codes(codebook, query)[0] == first


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("type 1 diabetic, 10 weeks pregnant", "O24.011"),
        ("type 2 diabetes, pregnant 20 weeks", "O24.112"),
        ("GERD in pregnancy, 30 weeks", "O99.613"),
        ("mild preeclampsia postpartum", "O14.05"),
    ],
)
def test_a_condition_in_pregnancy_keeps_its_type_and_stage(
    codebook: CodeBook, query: str, first: str
) -> None:
    assert _codes(codebook, query)[0] == first


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("stroke due to embolus of right middle cerebral artery", "I63.411"),  # Embolus - see Embolism
    ],
)
def test_a_word_read_in_the_form_the_index_prints(codebook: CodeBook, query: str, first: str) -> None:
    assert _codes(codebook, query)[0] == first


def test_a_severity_said_is_not_answered_by_another(codebook: CodeBook) -> None:
    assert _codes(codebook, "major depression, single episode, mild")[0] == "F32.0"
