"""A DME item said by a supplier's or front desk's short name ("cpap tubing", "hoyer lift", "4-lead TENS
device"): the words as typed, each short name read as the HCPCS descriptors print it, find the item; and a
title naming the item's head noun leads the Index's procedure or condition sharing the short name."""

from __future__ import annotations

import re

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import ITEM_LAY_NAMES, ITEM_SHORT_NAMES, names_typed_item, typed_item_forms
from bot.lookups.search import find_codes


def _hcpcs_titles(book: CodeBook) -> list[str]:
    rows = book.db.execute("SELECT title, short_title FROM codes WHERE system = 'hcpcs'").fetchall()
    return [" ".join(re.findall(r"[a-z0-9-]+", f"{t} | {s or ''}".lower())) for t, s in rows]


def test_every_short_name_reads_as_words_a_descriptor_prints(codebook: CodeBook) -> None:
    titles = _hcpcs_titles(codebook)
    unprinted = [
        (short, form)
        for short, forms in ITEM_SHORT_NAMES.items()
        for form in forms
        if not any(re.search(rf"\b{re.escape(form)}\b", t) for t in titles)
    ]
    assert unprinted == []


def test_a_count_reads_as_the_descriptors_number_word() -> None:
    assert typed_item_forms("4") == ("four",)
    assert typed_item_forms("cpap") == ("positive airway pressure",)


def test_a_title_names_the_item_by_its_head() -> None:
    assert names_typed_item("Tubing used with positive airway pressure device", ("tubing",))
    assert names_typed_item("Transcutaneous electrical nerve stimulation (tens) device, four", ("device",))
    assert not names_typed_item("Respiratory assist device, bi-level pressure capability", ("tubing",))


def test_every_positive_airway_pressure_supply_by_cpap_and_its_noun(codebook: CodeBook) -> None:
    """Generated over the descriptors: every current "<Noun> used with positive airway pressure device" title,
    asked for as "cpap <noun>", leads with a positive airway pressure supply named by that noun (the Index's
    "CPAP" procedure line, Assistance with Respiratory Ventilation, does not)."""
    rows = codebook.db.execute(
        "SELECT code, title FROM codes WHERE system = 'hcpcs' AND current = 1 "
        "AND title LIKE '% used with positive airway pressure device%'"
    ).fetchall()
    nouns = {re.match(r"[a-z]+", str(t).lower()).group(0) for _, t in rows}  # type: ignore[union-attr]
    assert len(nouns) >= 5
    wrong = []
    for noun in sorted(nouns):
        first = find_codes(codebook, f"cpap {noun}")[0]
        if first.system != "HCPCS" or noun not in first.title.lower():
            wrong.append((noun, first.code))
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("cpap headgear replacement", "A7035"),  # not the PCS "CPAP" line
        ("hoyer lift", "E0630"),  # Patient lift, not "Face lift"
        ("tens device four leads", "E0730"),  # not toxic epidermal necrolysis ("tens" as "ten")
        ("tens 4 lead unit", "E0730"),
        ("cgm receiver", "A9278"),
        ("neb machine", "E0570"),
        ("o2 regulator", "E1353"),
        ("home o2 concentrator", "E1390"),  # not Dependence on supplemental oxygen
    ],
)
def test_made_up_short_name_items(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


@pytest.mark.parametrize("query", ["OSA on CPAP", "std screening", "ALS dx'd last year"])
def test_a_condition_beside_a_short_name_is_not_an_item(codebook: CodeBook, query: str) -> None:
    assert find_codes(codebook, query)[0].system == "ICD-10-CM"


@pytest.mark.parametrize(("query", "code"), [("ALS", "G12.21"), ("cpap machine", "E0601")])
def test_a_short_name_alone_keeps_its_reading(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code == code


def test_every_lay_item_name_reads_as_words_a_descriptor_prints(codebook: CodeBook) -> None:
    titles = [t.replace("-", " ") for t in _hcpcs_titles(codebook)]
    unprinted = [
        (lay, form)
        for lay, forms in ITEM_LAY_NAMES.items()
        for form in forms
        if not any(re.search(rf"\b{re.escape(form.replace('-', ' '))}\b", t) for t in titles)
    ]
    assert unprinted == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("knee walker for achilles rupture", "E0118"),  # not a scooter accident, and no walker
        ("toilet grab bars", "E0243"),  # Toilet rail
        ("cam boot after ankle fracture", "L436"),  # Walking boot (custom fitted or off the shelf)
        ("chux", "A4554"),  # a trade name no title prints is no unknown word
        ("incentive spirometer", "A9284"),
    ],
)
def test_made_up_lay_item_names(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code.startswith(code)
