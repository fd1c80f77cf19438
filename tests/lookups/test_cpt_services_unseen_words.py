"""CPT services told when the code data do not answer them, or answer only in an ancillary ICD-10-PCS section
(issue #10, round 33). Queries are made up here.

- A query nothing answers that names a service by its noun gets the CPT notice when its words are known to
  English or to the CPT service word classes ("pcr", "toxin" beside "stool"), one word in three at most
  unknown (a name beside the service: "Epley"); CPT's act nouns ("monitoring", "interpretation", "challenge",
  "hookup") name a service in a coder's shorthand, not in a sentence ("we are monitoring the situation").
- Analytes typed by their lab abbreviation ("abg", "alk phos") and an organ a test is for ("bone specific")
  are a laboratory test's words (CPT 80047-89398).
- An ancillary ICD-10-PCS section's code (Administration, Imaging, Physical Rehabilitation and Diagnostic
  Audiology ...) with no inpatient stay said is the inpatient equivalent of a CPT service: the notice is put
  above it (ICD-10-PCS is HIPAA's code set for inpatient hospital procedures only). A Medical and Surgical
  code, or a stay said, keeps its PCS answer alone.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.ancillary_sections import ancillary_section, says_stay
from bot.lookups.index.cpt_kinds import cpt_kind
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    "query",
    [
        "toxin pcr on a stool sample",
        "interprofessional e-consult, written report to requesting doctor",
        "infant car seat challenge",
        "remote monitoring of glucose readings, 30 days",
    ],
)
def test_a_service_nothing_answers_gets_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    result = find_codes(codebook, query, limit=5)
    assert "CPT" in result.notice, (result.notice, [(h.code, h.title) for h in result])


@pytest.mark.parametrize(
    "query",
    ["we are monitoring the situation", "interpretation of the new policy", "the challenge is staffing"],
)
def test_an_act_noun_in_a_sentence_is_talk(codebook: CodeBook, query: str) -> None:
    # CPT's act nouns are everyday words too: said in a sentence (pronouns, copulas, "the") they name no service.
    result = find_codes(codebook, query, limit=5)
    assert "CPT" not in result.notice, (result.notice, [(h.code, h.title) for h in result])


def test_a_sentence_nothing_answers_whole_is_read_on(codebook: CodeBook) -> None:
    # Words the codes lack, said in a sentence ("who was abused by her dad"), keep the query read by its
    # clauses (Z69.010 Encounter for mental health services for victim of parental child abuse), no notice.
    result = find_codes(codebook, "therapy session for a kid who was abused by her dad", limit=5)
    assert "CPT" not in result.notice


def test_gibberish_beside_a_service_noun_is_no_service(codebook: CodeBook) -> None:
    result = find_codes(codebook, "zzqxv blorftak glimpox maneuver", limit=5)
    assert "CPT" not in result.notice


@pytest.mark.parametrize("query", ["abg and lytes", "vbg", "alk phos bone specific"])
def test_lab_abbreviations_are_a_laboratory_test(query: str) -> None:
    assert cpt_kind(query) == "laboratory test"


def test_ancillary_sections() -> None:
    assert ancillary_section("F15Z08Z") == "Physical Rehabilitation and Diagnostic Audiology"
    assert ancillary_section("3E0U33Z") == "Administration"
    assert ancillary_section("0UHG7GZ") == ""  # Medical and Surgical
    assert ancillary_section("8E0ZXY6") == ""  # Other Procedures: isolation is no service billed alone
    assert says_stay("hearing aid check while admitted") and not says_stay("hearing aid check")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("caloric vestibular testing both ears", "F15Z08Z"),  # Diagnostic Audiology
        ("hearing aid check monaural", "F14Z85Z"),
    ],
)
def test_an_ancillary_pcs_answer_gets_the_cpt_notice(codebook: CodeBook, query: str, code: str) -> None:
    result = find_codes(codebook, query, limit=5)
    assert "CPT" in result.notice and result and result[0].code == code, (
        result.notice,
        [(h.code, h.title) for h in result],
    )
    inpatient = find_codes(codebook, f"{query}, inpatient", limit=5)
    assert "CPT" not in inpatient.notice and inpatient and inpatient[0].code == code


def test_a_medical_and_surgical_answer_keeps_no_notice(codebook: CodeBook) -> None:
    result = find_codes(codebook, "pessary fitting and insertion", limit=5)
    assert result and result[0].code.startswith("0") and "CPT" not in result.notice


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # L1834 "Knee orthosis, without knee joint, rigid, custom fabricated": the query says nothing of a joint,
        # so the "without" clause denies nothing asked (its "knee" is the item's own word), and the item with
        # adjustable joints (L1832) does not lead by it.
        ("rigid custom knee brace, no hinge", "L1834"),
        ("knee orthosis rigid custom", "L1834"),
        # E0260 "..., with any type side rails, with mattress" still before E0294 "without side rails, with
        # mattress": an unsaid part's "without" costs a little.
        ("semi electric hospital bed with mattress", "E0260"),
    ],
)
def test_a_hcpcs_without_clause_costs_by_what_it_denies(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]
