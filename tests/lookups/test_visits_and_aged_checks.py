"""hz14 (issue #10): an E/M visit told by its status, setting, level or minutes only is a CPT service; a
blood draw named after its analyte is a laboratory test; a routine check told by the patient's age is the
Index's health examination for that age. Queries made up, not taken from the benchmark sets; the age check is
generated over every age in days and years."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.encounters import read_aged_check
from bot.lookups.index.services import names_visit, service_kind
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    "query",
    [
        "est patient office visit 25 minutes",
        "new pt ov moderate mdm",
        "initial hospital h&p low mdm",
        "snf rounds subsequent",
        "hospital discharge day 30 min",
        "observation admission visit high complexity",
        "30 minute individual therapy session",
        "therapy session 53 min",
    ],
)
def test_an_em_visit_told_by_its_descriptors_is_a_visit(query: str) -> None:
    assert names_visit(query.split())
    assert service_kind(query.split()) == "visit"


@pytest.mark.parametrize(
    "query",
    [
        "well child visit",
        "postpartum visit",
        "vaginal discharge",
        "nipple discharge day 3",
        "follow up visit after chemo",
        "visit",
        "low back pain visit",
        "radiation therapy session",
        "chemotherapy session",
    ],
)
def test_a_visit_with_a_reason_is_no_em_service(query: str) -> None:
    assert service_kind(query.split()) != "visit"


@pytest.mark.parametrize(
    "query", ["magnesium draw", "lipase level draw", "platelet count automated", "vitamin b12 level fasting"]
)
def test_a_draw_or_a_method_after_the_test_is_a_laboratory_test(query: str) -> None:
    assert service_kind(query.split()) == "laboratory test"


@pytest.mark.parametrize(
    "query", ["est pt ov 40 minutes", "nursing home rounding visit by np", "serum magnesium draw"]
)
def test_the_search_says_cpt_for_visits_and_draws(codebook: CodeBook, query: str) -> None:
    assert "CPT" in find_codes(codebook, query, limit=5).notice


@pytest.mark.parametrize("days", range(1, 29))
@pytest.mark.parametrize("said", ["{n} day old baby weight check", "{n} days old newborn checkup, normal"])
def test_a_newborn_check_by_days_is_the_newborn_examination_for_the_days(
    codebook: CodeBook, days: int, said: str
) -> None:
    hits = find_codes(codebook, said.format(n=days), limit=1)
    assert hits and hits[0].code == ("Z00.110" if days < 8 else "Z00.111")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        *[(f"{n} yr well visit, no concerns", "Z00.129") for n in (1, 5, 12, 17)],
        *[(f"{n} month old well check", "Z00.129") for n in (2, 6, 9, 15)],
        *[(f"{n} year old annual physical", "Z00.00") for n in (18, 40, 72)],
    ],
)
def test_a_routine_check_by_age_is_the_examination_for_the_age(
    codebook: CodeBook, said: str, expected: str
) -> None:
    hits = find_codes(codebook, said, limit=1)
    assert hits and hits[0].code == expected


def test_an_aged_check_with_a_complaint_is_not_read_as_routine() -> None:
    assert read_aged_check("3 day old jaundice check") is None
    assert read_aged_check("4 yr old ear pain visit") is None
    assert read_aged_check("well visit") is None


# -- Z-code reasons told as an act: pre-procedural kinds, counseling, contact, vocabulary (hz14 block) -----
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("preop heart clearance", "Z01.810"),
        ("pre-surgical ekg evaluation", "Z01.810"),
        ("pre-op lab work before gallbladder surgery", "Z01.812"),
        ("preoperative respiratory clearance", "Z01.811"),
        ("patient counseled about smoking", "Z71.6"),
        ("counseling on nutrition", "Z71.3"),
        ("discussed contraception options", "Z30.09"),
        ("husband tested positive for tuberculosis, asymptomatic", "Z20.1"),
        ("classmate has chickenpox, no symptoms", "Z20.820"),
        ("postpartum exam 6 weeks", "Z39.2"),
        ("iud removed today", "Z30.432"),
        ("screening bone density, postmenopausal", "Z13.820"),
    ],
)
def test_encounter_reasons_told_as_an_act(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected


def test_a_blood_relative_with_a_disease_is_no_contact() -> None:
    from bot.lookups.index.encounters import read_contact

    assert read_contact("mom has colon cancer") is None
    assert read_contact("wife has vertigo") is None  # the patient's own condition told in a sentence
    assert read_contact("roommate has covid pt asymptomatic") == "contact covid"
