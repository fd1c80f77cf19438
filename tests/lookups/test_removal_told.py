"""A query asking to take a device out gets no ICD-10-PCS answer that leaves a device in
(bot.lookups.index.removal_told; Removal vs Insertion, guideline B6.1a)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.removal_told import REMOVAL_NOT_INSERTION, asks_only_taking_out, leaves_device_in
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "asks"),
    [
        ("removal of screws and plate from healed fracture", True),
        ("port-a-cath removal from chest", True),
        ("had the stent taken out", True),
        ("take the drain out", True),
        ("IUD removal and insertion of new IUD", False),  # both asked
        ("remove old generator, place new one", False),
        ("removal and replacement of the battery", False),
        ("insertion of internal fixation device, left tibia", False),  # nothing taken out
        ("nail polish remover ingestion", False),  # "remover" is a thing, not the taking out
    ],
)
def test_a_query_asks_only_to_take_out(query: str, asks: bool) -> None:
    assert asks_only_taking_out(query) is asks


@pytest.mark.parametrize(
    ("code", "title", "left"),
    [
        ("0RH104Z", "", True),  # Insertion of Internal Fixation Device
        ("0PS404Z", "", True),  # Reposition with Internal Fixation Device
        ("0QPH04Z", "", False),  # Removal of Internal Fixation Device
        ("0JWT0WZ", "", False),  # Revision of a vascular access device
        (
            "08RJ3JZ",
            "",
            False,
        ),  # Replacement of lens with synthetic substitute (the lens taken out is integral)
        ("0FT40ZZ", "", False),  # Resection: no device
        ("X2HN37B", "", True),  # New Technology Insertion
        ("XNS00C7", "Reposition of Lumbar Vertebra using Posterior (Dynamic) Distraction Device", True),
        ("XW033A7", "Introduction of Ciltacabtagene Autoleucel into Peripheral Vein", False),
        ("Z47.2", "", False),
    ],
)
def test_a_code_leaves_a_device_in(code: str, title: str, left: bool) -> None:
    assert leaves_device_in(code, title) is left


def test_removal_is_not_answered_by_an_insertion(codebook: CodeBook) -> None:
    # (answered 0RH104Z "Insertion of Internal Fixation Device into Cervical Vertebral Joint" before)
    found = find_codes(codebook, "removal of screws and plate from healed fracture", limit=5)
    assert not any(h.system == "ICD-10-PCS" and leaves_device_in(h.code, h.title) for h in found)
    if not found:
        assert REMOVAL_NOT_INSERTION in found.notice


def test_removal_keeps_the_removal_code(codebook: CodeBook) -> None:
    found = find_codes(codebook, "removal of screws from left tibia, open", limit=5)
    assert found and found[0].code == "0QPH04Z"
