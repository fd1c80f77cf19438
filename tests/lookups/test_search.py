"""Search ranking and input handling on the real shipped code data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.search import find_codes


def top(book: CodeBook, query: str, n: int = 1, **kwargs: object) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=max(n, 5), **kwargs)][:n]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("E11.9", "E11.9"),
        ("e119", "E11.9"),
        ("S72.001A", "S72.001A"),
        ("s72001a", "S72.001A"),
        ("J44", "J44"),
        ("0DTJ4ZZ", "0DTJ4ZZ"),
        ("j0135", "J0135"),
        ("E11.9?", "E11.9"),  # asked, not part of the code
        ("j0135!", "J0135"),
    ],
)
def test_exact_code_first_in_any_form(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query)
    assert hits[0].code == expected
    assert hits[0].why == "exact code"


def test_code_prefix_lists_children_after_the_code(codebook: CodeBook) -> None:
    codes = top(codebook, "J44", 5)
    assert codes[0] == "J44"
    assert set(codes[1:]) <= {"J44.0", "J44.1", "J44.9", "J44.8", "J44.81", "J44.89"}


def test_header_and_billable_flags(codebook: CodeBook) -> None:
    hits = {h.code: h for h in find_codes(codebook, "J44", limit=10)}
    assert hits["J44"].billable is False and hits["J44"].status == "header"
    assert hits["J44.9"].billable is True and hits["J44.9"].status == "billable"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("heart attack", "I21.9"),  # lay term, also the index: Attack, heart -> see Infarct, myocardium
        ("CHF", "I50.9"),
        ("afib", "I48.91"),
        ("DM2", "E11.9"),
        ("pnuemonia", "J18.9"),
        ("pneumonia", "J18.9"),
        ("sepsis", "A41.9"),
        ("urinary tract infection", "N39.0"),
        ("copd exacerbation", "J44.1"),
        ("hypertenshion", "I10"),
    ],
)
def test_ranking_a_coder_trusts(codebook: CodeBook, query: str, expected: str) -> None:
    assert top(codebook, query) == [expected]


def test_index_see_reference_is_followed(codebook: CodeBook) -> None:
    # Not through the vocabulary: "attack heart" is only in the Alphabetic Index (see Infarct, myocardium).
    hits = find_codes(codebook, "attack heart")
    assert hits[0].code == "I21.9"
    assert hits[0].why.lower().startswith("index: attack, heart -> see infarct, myocardium")


def test_pcs_index_leads_to_complete_codes(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "thyroidectomy")
    assert hits[0].system == "ICD-10-PCS" and len(hits[0].code) == 7
    assert hits[0].code[:3] in {"0GT", "0GB"} and hits[0].why.startswith("PCS Index: Thyroidectomy")
    # Appendectomy is indexed to both Excision and Resection of the appendix; laparoscopic = endoscopic approach.
    assert top(codebook, "laparoscopic appendectomy")[0] in {"0DTJ4ZZ", "0DBJ4ZZ"}
    assert top(codebook, "colonoscopy")[0] == "0DJD8ZZ"


def test_hcpcs_by_title(codebook: CodeBook) -> None:
    assert top(codebook, "buprenorphine implant") == ["J0570"]


def test_system_filter(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "wheelchair", systems=("hcpcs",))
    assert hits and all(h.system == "HCPCS" for h in hits)
    assert all(h.system == "ICD-10-CM" for h in find_codes(codebook, "fracture of femur", systems=("cm",)))


def test_misspelling_reports_the_correction(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "pnuemonia")
    assert "pneumonia" in hits[0].why


def test_billable_before_header_when_equal(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "atrial fibrillation", limit=10)
    first_header = (
        next(i for i, h in enumerate(hits) if not h.billable) if any(not h.billable for h in hits) else 99
    )
    assert hits[0].billable and first_header > 0


def test_deleted_code_is_found_and_marked(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "M54.5")
    assert hits[0].code == "M54.5" and hits[0].status == "header"  # split in FY2022 into M54.50/.51/.59
    assert {"M54.50", "M54.51", "M54.59"} <= {h.code for h in find_codes(codebook, "M54.5", limit=5)}


def test_nothing_found_is_an_empty_list(codebook: CodeBook) -> None:
    assert find_codes(codebook, "qqqqzzzz xxyyzz") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type some words"),
        ("   ", "Type some words"),
        ("x" * 2000, "limited to 200 characters"),
        ("heart\x00attack", "control characters"),
        ("!!! ??? ...", "No words or codes"),
    ],
)
def test_bad_queries_get_a_clear_message(codebook: CodeBook, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        find_codes(codebook, query)


def test_bad_limit(codebook: CodeBook) -> None:
    with pytest.raises(QueryError, match="between 1 and 100"):
        find_codes(codebook, "pneumonia", limit=0)


def test_fts_syntax_in_user_text_is_harmless(codebook: CodeBook) -> None:
    for query in ['"', 'heart" OR "lung', "NEAR(a b)", "col:value", "a AND", "*", "'; DROP TABLE codes; --"]:
        find_codes(codebook, query) if any(c.isalnum() for c in query) else None


def test_negated_index_entries_do_not_answer_a_positive_query(codebook: CodeBook) -> None:
    # "Ischemia, myocardium, acute, without myocardial infarction" -> I51.3 must not answer "heart attack".
    codes = [h.code for h in find_codes(codebook, "heart attack", limit=10)]
    assert codes[0] == "I21.9" and "I51.3" not in codes


def test_a_derived_title_says_so_in_the_lookup_answer(codebook: CodeBook) -> None:
    """PCS titles derived from codes sharing their axis values are marked in every hit (CLI, JSON, Slack),
    not only in `show`; official titles are shown as they are."""
    derived = find_codes(codebook, "031209Y")[0]
    assert derived.code == "031209Y" and derived.title.endswith("Open Approach (derived title)")
    assert derived.as_dict()["title"] == derived.title
    official = find_codes(codebook, "0312090")[0]
    assert official.code == "0312090" and "derived" not in official.title
    untitled = find_codes(codebook, "00503Z4")[0]
    assert untitled.title == "title not in the loaded data"
