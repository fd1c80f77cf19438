"""CPT services told by the kinds of their words, and office talk answered with no code (issue #10): a
laboratory test by its analyte, a study by its instrument, a procedure in CPT's descriptor words, a drug's
administration with no drug, a timed service; a message about the office. A finding, a reason, a story or an
injury told with the same words stays a diagnosis. Queries are made up here."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.cpt_kinds import condition_beside_service, cpt_kind
from bot.lookups.index.office_talk import office_talk
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("hs troponin x2", "laboratory test"),
        ("ionized calcium", "laboratory test"),
        ("phenytoin level free", "laboratory test"),
        ("wound culture aerobic", "laboratory test"),
        ("vitamin D 25-OH", "laboratory test"),
        ("glucose finger stick", "laboratory test"),
        ("semen analysis", "laboratory test"),
        ("venogram left leg", "study"),
        ("renal artery doppler", "study"),
        ("EEG routine", "study"),
        ("excision of lipoma back 3 cm", "procedure"),
        ("wart paring office", "procedure"),
        ("hydration infusion first hour", "administration"),
        ("speech therapy 30 min", "timed service"),
        ("general anesthesia 60 minutes", "timed service"),
        ("occupational therapy re-eval", "timed service"),
        ("colonoscopy screening CPT", "asked as CPT"),
        ("MMR vaccine product code", "vaccine product"),
        ("anesthesia for carpal tunnel release", "anesthesia"),  # (issue #10, round 20)
        ("online digital E/M 11-20 minutes over 7 days", "timed service"),
        ("prolonged inpatient visit each additional 15 minutes", "timed service"),
        ("EEG sleep-deprived with photic stimulation", "study"),
        ("complication of anesthesia", ""),
        ("destruction of two warts", "procedure"),  # the units CPT counts
        ("foreign body removal from ear with forceps", "procedure"),  # the instrument CPT codes apart
        ("long arm splint application", "procedure"),
        ("diagnostic bronchoscopy", "procedure"),
        ("diagnostic colonoscopy with biopsy", ""),  # something done through the scope: no office cue
        ("health risk assessment questionnaire scored", "standardized instrument"),
        ("abnormal autism screening questionnaire", ""),  # a result
        ("intermediate eye exam new patient", "visit"),  # the patient's status CPT chooses the visit by
        ("new patient visit for chest pain", ""),  # the reason: the condition's code
        ("karyotype blood", "laboratory test"),
        ("circumcision with gomco clamp", "procedure"),
        ("care team conference 45 min", "timed service"),
        # a finding, a result, a reason, a story, a drug named: no service
        ("elevated BNP", ""),
        ("A1c 7.2, not diabetic", ""),
        ("EKG for palpitations", ""),
        ("kidney stone on CT", ""),
        ("magnesium", ""),
        ("B12 injection IM", ""),
        ("razor bumps on my neck every time I shave", ""),
        ("headache lasting 72 hours", ""),
        ("insulin 10 units", ""),
        ("blood in urine", ""),
    ],
)
def test_the_kind_of_cpt_service_the_words_name(query: str, kind: str) -> None:
    assert cpt_kind(query) == kind


@pytest.mark.parametrize(
    ("query", "talk"),
    [
        ("the copier is broken again", True),
        ("please reset my password", True),
        ("where is my paystub", True),  # pay and billing systems (issue #10, round 20)
        ("can you call the patient back", True),
        ("zzzz", True),
        ("123.45.6", True),
        ("bill 99215?", False),
        ("in a parking lot", False),
        ("printer fell on foot", False),
        ("dog bite on hand", False),
        ("refill of blood pressure meds", False),
        ("AAA", False),
    ],
)
def test_office_talk_is_told_from_a_coding_question(query: str, talk: bool) -> None:
    assert office_talk(query) is talk


@pytest.mark.parametrize(
    "query",
    ["free T3", "carotid duplex", "intermediate repair of scalp laceration 4 cm", "celiac tTG IgA"],
)
def test_a_service_told_by_its_word_kinds_gets_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    found = find_codes(codebook, query)
    assert "CPT" in found.notice
    assert all(h.system != "ICD-10-CM" or h.code.startswith("Z") for h in found)


def test_office_talk_gets_no_code(codebook: CodeBook) -> None:
    found = find_codes(codebook, "the EHR is frozen")
    assert list(found) == [] and "No confident match" in found.notice


@pytest.mark.parametrize(("query", "code"), [("elevated lipase", "R74.8"), ("fell in the parking lot", "")])
def test_a_finding_or_an_injury_with_the_same_words_is_still_coded(
    codebook: CodeBook, query: str, code: str
) -> None:
    found = find_codes(codebook, query)
    assert "CPT" not in found.notice and found
    assert not code or found[0].code == code


@pytest.mark.parametrize(
    ("query", "rest"),
    [
        ("chest CT pneumonia", "chest pneumonia"),
        ("MRI lumbar radiculopathy", "lumbar radiculopathy"),
        ("stool culture for salmonella", ""),
        ("PSA 6.2 rising", ""),
        ("abnormal EKG", ""),
        ("CT head without contrast", ""),
    ],
)
def test_the_condition_told_beside_a_test_or_study(query: str, rest: str) -> None:
    assert condition_beside_service(query) == rest


@pytest.mark.parametrize(
    ("query", "code"), [("chest CT pneumonia", "J18.9"), ("MRI lumbar radiculopathy", "M54.16")]
)
def test_the_condition_beside_a_study_comes_first(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code
