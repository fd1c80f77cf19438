"""A substance given by a route is an ICD-10-PCS Administration: the route says the body part (Peripheral Vein,
Central Vein, Epidural Space, Joints, Respiratory Tract ...), the class said or the Drug Table's class of the
drug the substance, a blood product a Transfusion (bot.lookups.index.pcs_administration); a product said with
its route alone, a dose, a device placed or a reaction is left to the other readings."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("IV vancomycin via PICC line", "3E04329"),  # the Drug Table's class: an antibiotic
        ("tenecteplase IV push for STEMI", "3E03317"),  # a thrombolytic said
        ("morphine PCA through peripheral IV", "3E033NZ"),
        ("TPN through PICC", "3E0436Z"),
        ("intrathecal chemotherapy for leukemia", "3E0R305"),
        ("oxytocin infusion for labor induction", "3E033VJ"),
        ("lidocaine epidural for labor", "3E0S3BZ"),
        ("talc pleurodesis intrapleural", "3E0L3TZ"),
        ("IVIG infusion via peripheral IV", "30233S1"),
        ("1 unit whole blood via peripheral IV", "30233H1"),
        ("cryoprecipitate transfusion peripheral IV", "30233M1"),
    ],
)
def test_a_substance_given_by_a_route_is_its_administration(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize(
    "query",
    [
        "zofran iv",  # a product and its route: the drug's HCPCS line
        "lucentis intravitreal",
        "fentanyl 100 mcg IV push",  # a dose
        "IV push ondansetron",
        "dehydration needing IV fluids",  # the condition treated
        "PICC line placement",  # a device put in
        "hives after IV contrast",
        "CKD stage IV",
        "transfusion fresh plasma bone marrow",  # the Index line names the site (302A)
    ],
)
def test_no_administration_where_none_is_told(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query)
    assert not hits or not hits[0].why.startswith("Administration:")
