"""HCPCS items and drugs the way a biller reads the titles: the dose picks the billing unit that fits, the
route said rules out another route, the base item comes before its variants and accessories, an item named
as a machine or device is the HCPCS item rather than the procedure using it. Each rule alone, then through
the search on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import Amount, amount_said, dose_fit, other_route, route_said
from bot.lookups.search import (
    _accessory,
    _combination,
    _names_item,
    _variant,
    find_codes,
)


def test_amount_reads_the_dose_and_its_unit() -> None:
    assert amount_said(["ceftriaxone", "1", "g"]) == Amount(1000.0, "mass")
    assert amount_said(["toradol", "60mg"]) == Amount(60.0, "mass")
    assert amount_said(["b12", "1000", "mcg"]) == Amount(1.0, "mass")
    assert amount_said(["saline", "1000", "cc"]) == Amount(1000.0, "volume")
    assert amount_said(["kenalog", "40"]) == Amount(40.0, "")
    assert amount_said(["ondansetron"]) is None


def test_dose_fit_prefers_the_unit_that_makes_the_dose() -> None:
    gram = Amount(1000.0, "mass")
    assert dose_fit(gram, "Injection, ceftriaxone sodium, per 250 mg") > 0
    assert dose_fit(Amount(1.0, "mass"), "Injection, vitamin b-12 cyanocobalamin, up to 1000 mcg") > 0
    assert dose_fit(Amount(10.0, "mass"), "Injection, methylprednisolone, up to 5 mg") < 0  # cannot hold it
    assert dose_fit(Amount(1000.0, "volume"), "Injection, drug, 10 mg") < 0  # another dimension
    # A bare number is read in the title's unit: 40 of "10 mg" is 4 units, of "1 mg" 40 units.
    bare = Amount(40.0, "")
    assert dose_fit(bare, "Injection, triamcinolone, 10 mg") > dose_fit(
        bare, "Injection, triamcinolone, 1 mg"
    )
    # A concentration is no billing unit; a title printing no unit says nothing.
    assert dose_fit(gram, "Phenylephrine 10.16 mg/ml irrigation") == 0
    assert dose_fit(gram, "Injection, drug, not otherwise specified") == 0


def test_route() -> None:
    assert route_said({"ondansetron", "iv"}) == "injected"
    assert route_said({"ondansetron", "po"}) == "oral"
    assert route_said({"ondansetron"}) == ""
    assert other_route("injected", "Ondansetron 1 mg, oral, fda approved")
    assert not other_route("injected", "Injection, ondansetron hydrochloride, per 1 mg")
    assert other_route("oral", "Injection, ondansetron hydrochloride, per 1 mg")


def test_variants_accessories_and_combinations() -> None:
    assert _variant("Walker, heavy duty, wheeled, rigid or folding", {"walker", "wheeled"})
    assert not _variant("Walker, heavy duty, wheeled", {"walker", "heavy", "duty"})
    assert _variant("Ped hospital bed, manual", {"hospital", "bed"})
    assert not _variant("Hospital bed, fixed height, with any type side rails", {"hospital", "bed"})
    assert _accessory(
        "Combination oral/nasal mask, used with continuous positive airway pressure device",
        {"continuous", "positive", "airway", "pressure"},
    )
    assert _combination("Injection, meperidine and promethazine hcl, up to 50 mg", {"promethazine"})
    assert not _combination("Injection, meperidine and promethazine hcl", {"promethazine", "meperidine"})
    assert not _combination("Injection, promethazine hcl, up to 50 mg", {"promethazine"})


def test_an_item_named_as_a_machine_or_device() -> None:
    assert _names_item(["nebulizer", "machine"])
    assert not _names_item(["nebulizer"])
    assert not _names_item(["insulin", "pump", "device", "insertion"])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ceftriaxone 1 g", "J0696"),
        ("toradol 60 mg", "J1885"),
        ("B12 injection 1000 mcg", "J3420"),
        ("kenalog 40", "J3301"),
        ("normal saline 1000 ml", "J7030"),
        ("zofran 4 mg iv", "J2405"),
        ("phenergan injection", "J2550"),
        ("rolling walker", "E0143"),
        ("cpap machine", "E0601"),
        ("nebulizer machine", "E0570"),
    ],
)
def test_drugs_and_items_on_the_shipped_data(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_a_dme_title_whose_head_is_the_query_names_the_item() -> None:
    from bot.lookups.search import _item_name

    walker = frozenset({"walker"})
    assert _item_name("Walker, folding (pickup), adjustable or fixed height", walker) > 0
    assert _item_name("Brake attachment for wheeled walker, replacement, each", walker) == 0
    wheelchair = frozenset({"wheelchair"})
    assert _item_name("Standard wheelchair", wheelchair) > _item_name(
        "Wheelchair, detachable arms", wheelchair
    )


@pytest.mark.parametrize(("query", "code"), [("walker", "E0135"), ("wheelchair", "K0001"), ("cane", "E0100")])
def test_an_item_named_alone_is_the_item_not_an_eponym(codebook: CodeBook, query: str, code: str) -> None:
    # "walker" is not Dandy-Walker syndrome; "wheelchair" is the standard one before its options.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # The payer says which code set, not what was done: it is the first word left out of the titles.
        ("flu shot admin medicare", "G0008"),
        ("pneumonia vaccine administration medicare", "G0009"),
        # A visit the HCPCS titles name whole is the service asked for, not the reason for an encounter.
        ("welcome to medicare visit", "G0402"),
    ],
)
def test_medicare_services(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_a_reason_for_a_visit_stays_the_diagnosis(codebook: CodeBook) -> None:
    assert find_codes(codebook, "here for chemo infusion", limit=5)[0].code == "Z51.11"


# -- px7: titles as typed, dose ranges, listed combinations, "non" -----------------------------------------
def test_a_title_dose_range_fits_the_dose_on_its_side() -> None:
    at_most = "Injection, buprenorphine extended-release, less than or equal to 100 mg"
    more = "Injection, buprenorphine extended-release, greater than 100 mg"
    assert dose_fit(Amount(100.0, "mass"), at_most) > 0 > dose_fit(Amount(100.0, "mass"), more)
    assert dose_fit(Amount(300.0, "mass"), more) > 0 > dose_fit(Amount(300.0, "mass"), at_most)
    assert dose_fit(Amount(50.0, "mass"), "Buprenorph xr 100 mg or less") > 0
    assert dose_fit(Amount(150.0, "mass"), "Buprenorph xr 100 mg or less") < 0


def test_two_drug_names_listed_are_a_combination() -> None:
    english = frozenset({"injection", "excludes", "biosimilar"})
    said = {"trastuzumab"}
    assert _combination("Pertuzumab, trastuzumab, 10 mg", said, english)
    assert _combination("Injection, trastuzumab, 10 mg and hyaluronidase-oysk", said, english)
    assert _combination("Injection, rituximab 10 mg and hyaluronidase", {"rituximab"}, english)
    assert not _combination("Injection, trastuzumab, excludes biosimilar, 10 mg", said, english)
    assert not _combination("Pertuzumab, trastuzumab, 10 mg", {"pertuzumab", "trastuzumab"}, english)


def test_non_excludes_the_use_a_title_names() -> None:
    from bot.lookups.search import _excluded, _says_unexcluded

    assert _excluded([("aranesp",), ("non",), ("dialysis",)]) == {"dialysis"}
    assert _excluded([("epoetin",), ("dialysis",)]) == frozenset()
    assert _says_unexcluded("Injection, darbepoetin alfa (for esrd on dialysis)", frozenset({"esrd"}))
    assert not _says_unexcluded("Injection, darbepoetin alfa (non-esrd use)", frozenset({"esrd"}))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # A brand printed in a title names that product, not the generic (or another biosimilar).
        ("inflectra", "Q5103"),
        ("risperdal consta", "J2794"),
        ("sublocade 300 mg", "Q9992"),
        ("sublocade 100 mg", "Q9991"),
        # The generic's other products: a combination with another drug comes after the drug alone.
        ("herceptin", "J9355"),
        ("rituxan", "J9312"),
        ("aranesp non dialysis", "J0881"),
        ("epoetin alfa non dialysis", "J0885"),
        # A service's own abbreviation said with the service's words: the ambulance level, not the disease.
        ("ALS non emergency ambulance", "A0426"),
        ("ALS1 emergency ambulance", "A0427"),
    ],
)
def test_products_and_services_as_typed(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


@pytest.mark.parametrize(("query", "code"), [("ALS", "G12.21"), ("HCC", "C22.0")])
def test_an_abbreviation_alone_stays_what_the_vocabulary_reads(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]


def test_a_compounded_or_noncovered_title_is_a_variant() -> None:
    assert _variant("Albuterol, inhalation solution, compounded product, unit dose", {"albuterol"})
    assert not _variant("Albuterol, inhalation solution, non-compounded, unit dose", {"albuterol"})
    assert not _variant("Albuterol, compounded product", {"albuterol", "compounded"})
    assert _variant("Noncovered ambulance mileage, per mile", {"ambulance", "mileage"})


def test_the_plain_product_before_the_compounded_one(codebook: CodeBook) -> None:
    assert find_codes(codebook, "albuterol unit dose", limit=5)[0].code == "J7613"
