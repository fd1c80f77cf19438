"""The drug line: a query naming an injectable drug, by brand or generic, asks for the drug's HCPCS line, and
the words beside it (a condition, "brand", "not biosimilar", "monthly", a dose, a route) only choose among the
drug's lines. Each rule alone, then through the search on the real shipped data (queries made up here)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import (
    clipped_lines,
    drug_key,
    drug_line_score,
    drug_of,
    is_drug_title,
    line_pick,
    names_drug_use,
    product_words,
    said_drug_key,
)
from bot.lookups.search import find_codes


def test_a_drug_title_names_its_drug_first() -> None:
    assert drug_of("Injection, bevacizumab, 10 mg") == "bevacizumab"
    assert drug_of("Leuprolide acetate (for depot suspension), 7.5 mg") == "leuprolide acetate"
    assert drug_of("Inj, invega sustenna, 1 mg") == "invega sustenna"
    assert drug_key("testosterone cypionate") == "testosterone"
    assert drug_key("ziv-aflibercept") == "ziv"  # another drug than aflibercept
    assert drug_key("aflibercept-ayyh") == "aflibercept"
    assert is_drug_title("Q5107", "Injection, bevacizumab-awwb, biosimilar, (mvasi), 10 mg")
    assert is_drug_title("J9217", "Leuprolide acetate (for depot suspension), 7.5 mg")
    assert not is_drug_title("E0100", "Cane, includes canes of all materials")


def test_the_key_is_a_brand_generic_then_an_unusual_word_then_a_dosed_plain_word() -> None:
    keys = frozenset({"medroxyprogesterone", "depo", "drug", "triamcinolone", "iron"})
    plain = frozenset({"drug", "iron", "joint"})
    assert said_drug_key(["medroxyprogesterone"], ["depo", "provera"], keys, plain) == "medroxyprogesterone"
    assert said_drug_key([], ["kenalog", "drug"], keys, plain) == ""
    assert said_drug_key([], ["iron", "deficiency"], keys, plain) == ""
    assert said_drug_key([], ["iron", "100", "mg"], keys, plain) == "iron"
    # A brand's generic head keys its line even at three letters ("zynlonta" -> "lon tesirin").
    assert said_drug_key(["lon", "tesirin"], ["zynlonta"], keys | {"lon"}, plain, ["lon"]) == "lon"
    assert said_drug_key(["lon", "tesirin"], ["zynlonta"], keys | {"lon"}, plain) == ""


def test_a_product_printed_by_one_drug_keys_that_drug() -> None:
    lines = {
        "hyaluronan": [("J7325", "Hyaluronan or derivative, synvisc or synvisc-one, 1 mg")],
        "doxorubicin": [("Q2050", "Injection, doxorubicin hydrochloride, liposomal, 10 mg")],
        "irinotecan": [("J9205", "Injection, irinotecan liposome, liposomal, 1 mg")],
    }
    words = product_words(lines)
    assert words["synvisc"] == "hyaluronan"
    assert "liposomal" not in words  # printed by two drugs' lines: names neither


def test_a_short_descriptor_clipping_keys_the_drug_said() -> None:
    lines = {"cabote": [("J0741", "Inj, cabote rilpivir 2mg 3mg")], "cab": [("X", "x")]}
    assert clipped_lines("cabotegravir", lines) == [("J0741", "Inj, cabote rilpivir 2mg 3mg")]
    assert clipped_lines("cabo", lines) == []


def test_a_drug_beside_a_poisoning_or_a_long_term_use_is_no_drug_line() -> None:
    assert names_drug_use({"overdose", "rituximab"})
    assert names_drug_use({"long", "term", "use", "insulin"})
    assert not names_drug_use({"rituximab", "brand", "infusion"})


def test_the_words_beside_the_drug_choose_its_line() -> None:
    said = {"epoetin", "alfa", "not", "dialysis"}
    denied = frozenset({"dialysis"})
    plain = line_pick("Injection, epoetin alfa, (for non-esrd use), 1000 units", said, denied)
    dialysis = line_pick("Injection, epoetin alfa, 100 units (for esrd on dialysis)", said, denied)
    assert plain > dialysis
    reference = line_pick("Injection, trastuzumab, excludes biosimilar, 10 mg", {"trastuzumab"}, frozenset())
    biosimilar = line_pick(
        "Injection, trastuzumab-dttb, biosimilar, (ontruzant), 10 mg", {"trastuzumab"}, frozenset()
    )
    assert reference > biosimilar
    said_dose = ["leuprolide", "acetate", "depot", "7", "5", "mg"]
    text = "leuprolide depot 7.5 mg monthly"
    assert drug_line_score(
        "Leuprolide acetate (for depot suspension), 7.5 mg", said_dose, frozenset(), text
    ) > drug_line_score("Leuprolide acetate, per 1 mg", said_dose, frozenset(), text)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("keytruda for lung cancer", "J9271"),  # the condition does not take the lead from the drug
        ("remicade for crohns, not biosimilar", "J1745"),
        ("aranesp for esrd, dialysis pt", "J0882"),
        ("aranesp for chemo anemia, not dialysis", "J0881"),
        ("prolia every 6 months", "J0897"),  # a frequency word is no reason to drop the drug
        ("ceftriaxone 1 g IM", "J0696"),
        ("test cyp 100mg IM", "J1071"),  # the pharmacy shorthand (injectable_brands.tsv)
        ("paliperidone palmitate 156 mg", "J2426"),  # the title prints the brand only
        ("depo provera 150 mg for birth control", "J1050"),  # not "depo-estradiol", another drug
        # A short descriptor clips the generic ("Inj, cabote rilpivir"; "Inj lon tesirin-lpyl", keyed "lon").
        ("cabotegravir rilpivirine 600 mg im", "J0741"),
        ("zynlonta infusion for lymphoma", "J9359"),
        ("melphalan 50 mg iv", "J9245"),
        ("kimmtrak for uveal melanoma", "J9274"),  # a brand of the whole J/Q walk (injectable_brands.tsv)
        # A product the line prints beside its drug keys the drug ("Hyaluronan or derivative, trivisc").
        ("trivisc knee injection", "J7329"),  # not an injection injury (T70.4)
        ("skyla iud", "J7301"),  # not an IUD complication (T83.39)
    ],
)
def test_a_named_drug_leads_with_its_line(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


@pytest.mark.parametrize(
    ("query", "system"),
    [
        ("heparin induced thrombocytopenia", "ICD-10-CM"),
        ("long term use of insulin", "ICD-10-CM"),
        ("adverse reaction to keytruda", "ICD-10-CM"),
        ("iron deficiency anemia", "ICD-10-CM"),
    ],
)
def test_a_drug_beside_its_condition_stays_the_condition(codebook: CodeBook, query: str, system: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].system == system, [(h.code, h.title) for h in hits]
