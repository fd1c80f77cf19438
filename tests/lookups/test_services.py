"""CPT services recognised by their kind (laboratory test, anesthesia, imaging, a service's descriptor words),
not by a list of queries: each rule alone, then through the search on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.query import understand
from bot.lookups.index.services import service_kind, service_share
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("tsh lab", "laboratory test"),
        ("vitamin d 25 hydroxy level", "laboratory test"),
        ("cd4 count", "laboratory test"),
        ("anesthesia for knee arthroscopy", "anesthesia"),
        ("mri knee", "imaging"),
        ("chest x-ray 2 views", "imaging"),
        # A finding or a reason for an encounter is a diagnosis, not the test.
        ("elevated tsh level", ""),
        ("low platelet count", ""),
        ("abnormal chest x-ray", ""),
        ("screening mammogram ct", ""),
        ("complication of anesthesia", ""),
        ("mass on ct scan", ""),
        ("fall from x-ray table", ""),
        # A spinal level is not a laboratory level.
        ("spinal cord injury at c5 level", ""),
        ("level", ""),
    ],
)
def test_service_kind(query: str, kind: str) -> None:
    assert service_kind(query.split()) == kind


def test_descriptor_words_belong_to_the_service() -> None:
    # "consult" alone is a third of "office consult level": with its setting and level it is the query.
    assert service_share({"consult"}, ["office", "consult", "level"])
    assert not service_share({"consult"}, ["consult", "for", "chest", "pain", "syncope"])
    assert not service_share(set(), ["office", "level"])
    # "high complexity" is a level; "elevated" is a finding.
    assert service_share({"care", "management"}, ["care", "management", "high", "complexity"])
    assert not service_share({"tsh", "level"}, ["elevated", "tsh", "level"])


def test_understand_flags_the_kinds() -> None:
    vocabulary = Vocabulary.shipped()
    assert "cpt" in understand("urinalysis dipstick without micro", vocabulary).kinds
    assert "cpt" in understand("office consult level 3", vocabulary).kinds
    assert "cpt" in understand("hgb a1c lab", vocabulary).kinds
    assert "cpt" not in understand("elevated tsh level", vocabulary).kinds


@pytest.mark.parametrize(
    "query",
    ["TSH lab", "anesthesia for knee arthroscopy", "transitional care management high complexity"],
)
def test_the_search_names_cpt_services(codebook: CodeBook, query: str) -> None:
    assert "CPT" in find_codes(codebook, query, limit=5).notice


def test_imaging_says_cpt_and_keeps_the_pcs_code(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "chest x-ray 2 views", limit=5)
    assert "CPT" in hits.notice
    assert hits and hits[0].code == "BW03ZZZ"  # ICD-10-PCS Plain Radiography of Chest, for inpatients


# -- px7: a test's steps, specimen and method; an abbreviation meaning a CPT service ---------------------
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("tuberculosis skin test placement", "laboratory test"),
        ("ppd test reading", "laboratory test"),
        ("rapid strep swab", "laboratory test"),
        ("cast placement", ""),  # a step named after no test is no test
    ],
)
def test_a_test_named_with_its_step_or_specimen_swab(query: str, kind: str) -> None:
    assert service_kind(query.split()) == kind


def test_an_abbreviation_meaning_a_cpt_service_names_it() -> None:
    vocabulary = Vocabulary.shipped()
    assert "cpt" in understand("ua with micro", vocabulary).kinds  # UA -> urinalysis, a CPT service
    assert "cpt" not in understand("uti with hematuria", vocabulary).kinds


@pytest.mark.parametrize(
    "query", ["serum magnesium", "hcg quantitative", "strep throat swab", "tb test reading"]
)
def test_a_test_named_by_specimen_or_method_is_cpt(codebook: CodeBook, query: str) -> None:
    assert find_codes(codebook, query, limit=5).notice.startswith("That is a CPT service")


@pytest.mark.parametrize(
    ("query", "code"),
    [("serum sickness", "T80.69XA"), ("plasma cell myeloma", "C90.00"), ("urine retention", "R33.9")],
)
def test_a_condition_named_with_a_specimen_stays_a_diagnosis(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits.notice and hits[0].code == code
