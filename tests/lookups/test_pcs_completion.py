"""ICD-10-PCS tables completed to 7 characters as a coder reads the query: the approach its words name, the
device the PCS Index's "use" lines name, a needle biopsy - on the real shipped tables."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import complete_pcs, said_approaches
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def told(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


@pytest.mark.parametrize(
    ("words", "approach"),
    [
        ("laparoscopic appendectomy", "4"),
        ("lap chole", "4"),
        ("arthroscopic meniscectomy", "4"),
        ("colonoscopy polypectomy", "8"),
        ("cystoscopy", "8"),
        ("transurethral resection", "8"),
        ("open reduction", "0"),
        ("percutaneous drainage", "3"),
        ("closed reduction", "X"),
    ],
)
def test_approach_words(words: str, approach: str) -> None:
    assert said_approaches(told(words)) == {approach}


def test_endoscopic_alone_names_no_approach() -> None:
    assert said_approaches(told("endoscopic biopsy")) == frozenset()  # natural opening or through the skin


def test_the_approach_the_query_names_completes_the_code(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    lap = complete_pcs(conn, "0DTJ", told("laparoscopic appendectomy"))
    assert lap is not None and lap.code == "0DTJ4ZZ"
    scope = complete_pcs(conn, "0DBN", told("colonoscopy snare polypectomy sigmoid"))
    assert scope is not None and scope.code == "0DBN8ZZ"
    turp = complete_pcs(conn, "0VT0", told("transurethral resection of prostate"))
    assert turp is not None and turp.code == "0VT08ZZ"


def test_a_device_named_by_a_pcs_index_use_line(codebook: CodeBook) -> None:
    # "Foley catheter - use Drainage Device": the device character is 0, not Z (no device).
    done = complete_pcs(codebook.db.conn, "0T9B", told("foley catheter bladder"))
    assert done is not None and done.code[5] == "0", done


def test_a_biopsy_is_taken_by_needle_unless_another_approach_is_said(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    marrow = complete_pcs(conn, "07DR", told("bone marrow biopsy iliac"), "Diagnostic")
    assert marrow is not None and marrow.code == "07DR3ZX"
    opened = complete_pcs(conn, "07DR", told("open bone marrow biopsy iliac"), "Diagnostic")
    assert opened is not None and opened.code == "07DR0ZX"


def test_where_no_character_is_named_the_title_words_choose(codebook: CodeBook) -> None:
    # The X2H titles never differ in the device character alone, so no device meaning is named; the
    # query's words found in a code's own title choose it (not "Temporary Intraluminal Device ...").
    done = complete_pcs(codebook.db.conn, "X2H", told("dual chamber intracardiac pacemaker"))
    assert done is not None and done.code in {"X2H63V9", "X2HK3V9"}, done


def test_bone_marrow_biopsy_is_an_extraction(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "bone marrow biopsy", limit=5)
    assert hits and hits[0].code.startswith("07D") and hits[0].code.endswith("3ZX"), hits[0]


def test_a_number_the_query_says_picks_the_range_that_holds_it(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    for words, code in [
        ("mechanical ventilation 48 hours", "5A1945Z"),  # 24-96 Consecutive Hours
        ("mechanical ventilation 12 hours", "5A1935Z"),  # Less than 24
        ("mechanical ventilation 120 hours", "5A1955Z"),  # Greater than 96
    ]:
        done = complete_pcs(conn, "5A19", told(words))
        assert done is not None and done.code == code, (words, done)
