"""hc15: a long descriptor sharing only ordinary words with the query is no confident answer, and a query
nothing answers that names a service by its noun gets the CPT notice."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.services import names_service_noun, service_kind
from bot.lookups.search import find_codes
from bot.lookups.thin_titles import thin_title_match

_LONG = (
    "Cms innovation center models, home visit for patient assessment performed by clinical staff for an "
    "individual not considered homebound"
)


def test_a_query_sharing_one_word_with_a_long_title_is_thin() -> None:
    used = frozenset({"staff", "home", "visit"})
    assert thin_title_match(["coffee", "staff"], _LONG, used)
    # Every word used, or most of a short title said: not thin.
    assert not thin_title_match(["staff"], _LONG, used)
    assert not thin_title_match(["slings", "patient"], "Slings", frozenset({"sling"}))


@pytest.mark.parametrize("query", ["pizza order for staff", "fax cover page for referral"])
def test_office_chatter_gets_no_codes(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits and hits.notice.startswith("No confident match")


@pytest.mark.parametrize(
    "query",
    [
        "peak flow meter",
        "sling for patient lift",
        "portable oxygen tanks",
        "enteral gravity feeding kit daily",
    ],
)
def test_an_item_said_by_its_title_keeps_its_answer(codebook: CodeBook, query: str) -> None:
    assert find_codes(codebook, query, limit=5)


def test_a_service_noun_or_a_study_ending() -> None:
    assert names_service_noun(["neuropsychological", "eval"])
    assert names_service_noun(["audiometry"])
    assert names_service_noun(["nerve", "conduction", "testing"])
    assert not names_service_noun(["knee", "pain"])


@pytest.mark.parametrize("query", ["allergen patch testing 20", "same day admit and discharge observation"])
def test_an_unanswered_service_gets_the_cpt_notice(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert "CPT" in hits.notice


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("audiometry", "study"),
        ("echocardiography with doppler", "study"),
        ("hearing loss found on audiometry", ""),  # a finding told with the study that found it
        ("abnormal spirometry", ""),
        ("speech eval", "service"),  # "eval" is the evaluation a CPT code names
    ],
)
def test_a_study_named_by_its_ending(query: str, kind: str) -> None:
    assert service_kind(query.split()) == kind


def test_a_study_says_cpt_and_keeps_the_pcs_code(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "audiometry", limit=5)
    assert "CPT" in hits.notice
    assert hits and hits[0].code.startswith("F13")  # ICD-10-PCS Hearing Assessment


def test_an_item_named_by_its_head_noun_is_not_thin() -> None:
    title = "Cane, includes canes of all materials, adjustable or fixed, with tip"
    assert not thin_title_match(["single", "point", "cane"], title, frozenset({"cane"}))
    # A sentence-long title is no item head: "referral" said last does not name it.
    assert thin_title_match(
        ["fax", "cover", "sheet", "referral"],
        "Referral to a physician for an otologic evaluation performed",
        frozenset({"referral"}),
    )
