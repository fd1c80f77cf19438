"""HCPCS lines a biller picks among those printing the same thing: the permanent J or Q drug line before the
hospital outpatient C line, the drug's own line before a maker's or a product's, the plain supply before the one
restricted to a use the query does not say, the visit the query says (initial or subsequent), and the payer's
service code for a service said with its payer."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import drug_of, names_product, opps_only, says_outpatient
from bot.lookups.hcpcs_items import spelled_count
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes, later_visit, searcher_for


def _first_hcpcs(book: CodeBook, query: str) -> str:
    return next(h.code for h in find_codes(book, query, limit=5) if h.system == "HCPCS")


def test_no_c_drug_line_leads_a_j_or_q_line_printing_the_same_drug(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    both: dict[str, set[str]] = {}
    for lines in searcher.drug_lines.values():
        for code, title in lines:
            both.setdefault(drug_of(title), set()).add(code)
    led = []
    for drug, codes in sorted(both.items()):
        if any(opps_only(c) for c in codes) and not all(opps_only(c) for c in codes):
            for query in (f"{drug} 5 mg/kg", f"{drug} dose"):
                hits = [h.code for h in find_codes(codebook, query, limit=5) if h.code in codes]
                if hits and opps_only(hits[0]):
                    led.append((query, hits[0]))
    assert led == []


def test_the_outpatient_setting_said_keeps_the_c_line() -> None:
    assert says_outpatient("bevacizumab hospital outpatient")
    assert says_outpatient("avastin c code")
    assert not says_outpatient("avastin 5 mg/kg")


def test_a_maker_named_in_parentheses_is_a_product_line() -> None:
    rare = {"mylan", "zirabev"}.__contains__
    assert names_product("Inj, vancomycin (mylan) 10mg", {"vancomycin"}, rare)
    assert not names_product("Inj, vancomycin (mylan) 10mg", {"vancomycin", "mylan"}, rare)
    assert not names_product(
        "Injection, filgrastim (g-csf), excludes biosimilars", {"filgrastim"}, lambda _: True
    )
    assert not names_product("Inj, vancomycin hcl, 10 mg", {"vancomycin"}, rare)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("vancomycin 750 mg", "J3373"),  # the drug's own line before (mylan), (xellia), (hikma)
        ("vancomycin xellia", "J3375"),
        ("bevacizumab 15 mg/kg q3 weeks", "J9035"),
        ("bevacizumab hospital outpatient", "C9257"),
    ],
)
def test_the_drugs_own_permanent_line_leads(codebook: CodeBook, query: str, code: str) -> None:
    assert _first_hcpcs(codebook, query) == code


def test_a_count_written_ct_is_no_ct_scan() -> None:
    assert spelled_count("test strips 50 ct") == "test strips 50 count"
    assert spelled_count("lancets 200ct") == "lancets 200 count"
    assert spelled_count("ct head") == "ct head"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("blood glucose strips", "A4253"),  # not A4772 "..., for dialysis"
        ("glucose test strip 50 ct", "A4253"),
        ("glucose strips for dialysis", "A4772"),
    ],
)
def test_a_use_restriction_unsaid_costs(codebook: CodeBook, query: str, code: str) -> None:
    assert _first_hcpcs(codebook, query) == code


def test_a_visit_after_the_first_reads_subsequent() -> None:
    assert later_visit("awv after the first one") == "awv subsequent"
    assert later_visit("wellness exam, not the first visit") == "wellness exam, subsequent"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("annual wellness subsequent visit", "G0439"),
        ("annual wellness after the first one", "G0439"),
        ("initial annual wellness visit", "G0438"),
    ],
)
def test_the_visit_said_picks_the_services_line(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("medicare psa screening test", "G0103"),
        ("colonoscopy screening not high risk medicare", "G0121"),
    ],
)
def test_a_service_said_with_its_payer_leads_with_the_payers_code(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == code


def test_a_brand_printed_with_a_hyphen_reads_typed_without_it() -> None:
    vocabulary = Vocabulary.shipped()
    text, _ = vocabulary.expand("bicillin cr 2.4 million units")
    assert text.startswith("penicillin g benzathine penicillin g procaine")


def test_a_brand_typed_without_its_hyphen_finds_its_drug_line(codebook: CodeBook) -> None:
    assert _first_hcpcs(codebook, "bicillin la deep im") == "J0561"
