"""A HCPCS item named before its purpose or billing ("X for <condition>", "X rental", "50 count X"): the item
leads, the condition it is for follows; the G codes' own words ("annual", "administration") for what a chart
says plainly ("yearly", "admin"). Queries made up here, through the search on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import descriptor_forms, item_phrase
from bot.lookups.search import find_codes


def test_the_item_phrase_leaves_out_purpose_billing_and_count() -> None:
    assert item_phrase("CPAP device for OSA") == "cpap device"
    assert item_phrase("standard wheelchair rental") == "standard wheelchair"
    assert item_phrase("100 count lancets") == "lancets"
    assert item_phrase("quad cane for balance") == "quad cane"
    assert item_phrase("quad cane") == ""  # nothing left out: the query is the item already


def test_a_g_code_word_is_read_beside_the_plain_word() -> None:
    assert descriptor_forms("yearly") == ("annual",)
    assert descriptor_forms("admin") == ("administration",)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("nebulizer with compressor for copd", "E0570"),  # the condition it is for follows the item
        ("quad cane rental", "E0105"),
        ("100 count glucose test strips", "A4253"),
        ("yearly depression screening", "G0444"),
        ("admin of hepatitis b vaccine", "G0010"),
    ],
)
def test_the_item_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_a_condition_for_a_service_stays_the_condition(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "screening for colon cancer", limit=5)
    assert hits and hits[0].system == "ICD-10-CM"


def test_a_cpt_service_for_a_procedure_keeps_its_notice(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "anesthesia for shoulder arthroscopy", limit=5)
    assert hits.notice.startswith("That is a CPT") and (not hits or hits[0].system != "HCPCS")
