"""A procedure said with its inpatient setting is coded in ICD-10-PCS (bot/lookups/index/pcs_setting.py); a
procedure word the vocabulary reads from an English word ("detox") still asks for the procedure
(bot/lookups/index/pcs_asked.py); an augmentation is a Supplement; a microdiscectomy takes a portion of the disc
(bot/lookups/index/pcs_partial.py). Made-up wordings, on the real shipped data."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_setting import procedures_before_services, without_setting
from bot.lookups.search import find_codes


def test_without_setting() -> None:
    assert without_setting("hemodialysis treatment inpatient") == "hemodialysis treatment"
    assert without_setting("In-patient plasmapheresis") == "plasmapheresis"
    assert without_setting("subsequent inpatient visit") is None  # an E/M visit keeps its words
    assert without_setting("inpatient") is None
    assert without_setting("fall from bed while inpatient") is None  # the place of an injury
    assert without_setting("outpatient hemodialysis") is None
    pcs, hcpcs, cm = "ICD-10-PCS", "HCPCS", "ICD-10-CM"
    assert procedures_before_services([hcpcs, hcpcs, cm, pcs]) == [2, 3, 0, 1]
    assert procedures_before_services([cm, hcpcs]) == [0, 1]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("acute detoxification inpatient", "HZ2ZZZZ"),  # not H0009 "... (hospital inpatient)"
        ("inpatient opioid detox", "HZ2ZZZZ"),
        ("heroin detox", "HZ2ZZZZ"),  # not the heroin poisoning the plain word "detox" leaves
        ("plasma exchange for guillain-barre", "6A550Z3"),
    ],
)
def test_inpatient_procedure(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]
    assert "inpatient" not in hits[0].why.partition("not used:")[2]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("augmentation of left breast with implant", "0HUU0JZ"),  # Supplement: "augments" a body part
        ("cervical microdiscectomy C6-7 open", "0RB30ZZ"),  # a portion of the disc: Excision
        ("thoracic microdiscectomy T7-8 open", "0RB90ZZ"),
    ],
)
def test_root_operation_from_the_objective(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("nasogastric feeding tube inserted", "0DH67UZ"),  # the tip in the stomach, through the nose
        ("nasojejunal feeding tube placed", "0DHA7UZ"),  # past the pylorus: Jejunum
    ],
)
def test_a_tube_is_coded_where_its_tip_lies(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("hysterectomy for fibroids", "0UT90ZZ"),  # no extent said: total (the Index's Hysterectomy, Total)
        ("total vaginal hysterectomy", "0UT97ZZ"),  # taken out through the vagina
        (
            "laparoscopic assisted vaginal hysterectomy",
            "0UT9FZZ",
        ),  # ... with percutaneous endoscopic assistance
    ],
)
def test_a_vaginal_hysterectomy(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("right PCNL for staghorn calculus", "0TC04ZZ"),  # a nephroscope through the skin: 4
        ("open suprapubic catheter insertion", "0T9B00Z"),  # Drainage, Bladder with its Drainage Device
    ],
)
def test_procedures_named_by_their_abbreviation_or_device(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == code, [h.code for h in hits]
