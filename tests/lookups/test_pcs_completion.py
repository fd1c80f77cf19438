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


def test_endoscopic_alone_names_both_endoscopic_approaches() -> None:
    # Natural opening or through the skin: whichever the table offers, never an open or plain approach.
    assert said_approaches(told("endoscopic biopsy")) == {"4", "8"}


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


@pytest.mark.parametrize(("words", "approach"), [("endotracheal intubation", "7"), ("foley catheter", "7")])
def test_a_tube_through_a_natural_opening_names_that_approach(words: str, approach: str) -> None:
    assert said_approaches(told(words)) == {approach}


def test_without_contrast_is_the_none_value_and_no_contrast_said_is_never_other(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    # MRI (B03): the contrast character's values are "Other Contrast" (Y) and none (Z).
    without = complete_pcs(conn, "B030", told("magnetic resonance imaging brain without contrast"))
    assert without is not None and without.code == "B030ZZZ", without
    with_ = complete_pcs(conn, "B030", told("magnetic resonance imaging brain with contrast"))
    assert with_ is not None and with_.code == "B030YZZ", with_
    # CT (BW2): "High Osmolar", "Low Osmolar", "Other" - the fifth character is no approach.
    plain = complete_pcs(conn, "BW20", told("computed tomography abdomen"))
    assert plain is not None and plain.code == "BW20ZZZ", plain
    low = complete_pcs(conn, "BW20", told("computed tomography abdomen low osmolar contrast"))
    assert low is not None and low.code == "BW201ZZ", low


def test_nonautologous_unless_autologous_is_said(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    done = complete_pcs(conn, "30233N", told("transfusion peripheral vein red blood cells"))
    assert done is not None and done.code == "30233N1", done
    own = complete_pcs(conn, "30233N", told("autologous transfusion peripheral vein red blood cells"))
    assert own is not None and own.code == "30233N0", own


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("MRI brain without contrast", "B030ZZZ"),
        ("CT abdomen w/o contrast", "BW20ZZZ"),
        ("endotracheal intubation", "0BH17EZ"),
        ("foley catheter insertion", "0T9B70Z"),
        ("blood transfusion", "30233N1"),
        ("SVD", "10E0XZZ"),
        ("paracentesis", "0W9G3ZZ"),
        ("fragmentation peritoneal cavity", "0WFG"),  # the cavity, not "cavity -> dental caries"
        ("open carpal tunnel release", "01N50ZZ"),
    ],
)
def test_procedure_words_coders_use_reach_the_pcs_code(codebook: CodeBook, query: str, code: str) -> None:
    # Op-note words through the vocabulary to PCS Index words (never to codes), completed in the table.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith(code), [(h.code, h.why) for h in hits[:3]]


@pytest.mark.parametrize(
    ("title", "said", "accessory"),
    [
        ("Brake attachment for wheeled walker, replacement, each", {"walker", "wheeled"}, True),
        ("Replacement, handgrip, cane, crutch, or walker, each", {"cane"}, True),
        ("Spring-powered device for lancet, each", {"lancets"}, True),
        ("Cane, includes canes of all materials, adjustable or fixed, with tip", {"cane"}, False),
        ("Lancets, per box of 100", {"lancets"}, False),
        ("Replacement battery for cochlear implant", {"replacement", "battery", "cochlear"}, False),
    ],
)
def test_an_accessory_title_is_not_the_item(title: str, said: set[str], accessory: bool) -> None:
    from bot.lookups.search import _accessory

    assert _accessory(title, said) is accessory


def test_the_item_before_its_accessories(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "cane", limit=5)
    assert hits and hits[0].code == "E0100", [(h.code, h.why) for h in hits[:3]]


@pytest.mark.parametrize(
    ("query", "code"), [("kenalog 40 inj", "J330"), ("rocephin 1 gm", "J0696"), ("lasix iv", "J19")]
)
def test_a_drug_with_its_dose_unit_or_route_is_the_drug(codebook: CodeBook, query: str, code: str) -> None:
    # No HCPCS title says "40" or "1 gm" (its unit is the billing unit): the drug's title, the dose aside.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith(code), [(h.code, h.why) for h in hits[:3]]


def test_a_body_region_bone_or_joint_is_open_unless_another_approach_is_said(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    repair = complete_pcs(conn, "0YQ", told("herniorrhaphy right inguinal region"))
    assert repair is not None and repair.code == "0YQ50ZZ", repair
    closed = complete_pcs(conn, "0YQ", told("closed herniorrhaphy right inguinal region"))
    assert closed is not None and closed.code == "0YQ5XZZ", closed
    skin = complete_pcs(conn, "0H96", told("drainage back skin"))
    assert skin is not None and skin.code == "0H96XZZ", skin  # skin is still reached from outside


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("right inguinal hernia repair", "0YQ50ZZ"),
        ("PEG tube placement", "0DH63UZ"),
        ("lumbar kyphoplasty", "0QU03JZ"),
        ("right total hip arthroplasty", "0SR9"),
    ],
)
def test_the_root_operation_a_coder_chooses(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.replace(".", "").startswith(code), [(h.code, h.why) for h in hits[:3]]


@pytest.mark.parametrize(
    ("query", "code"),
    [("TENS unit", "E0720"), ("wooden crutches", "E011"), ("screening pap smear collection", "Q0091")],
)
def test_hcpcs_items_by_the_words_coders_use(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith(code), [(h.code, h.why) for h in hits[:3]]
