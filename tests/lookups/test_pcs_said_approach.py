"""A surgical approach said as an approach makes the query a procedure (bot.lookups.index.pcs_said_approach): a
clause of approach words alone or the query's first word; the answer reading the approach word as a condition
("Wound, open") or reading only the reason it was done comes after the procedure's code."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import said_approaches
from bot.lookups.index.pcs_said_approach import (
    approach_clauses,
    leading_approach,
    operated_part_said,
    said_as_approach,
)
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_approach_said_as_an_approach() -> None:
    assert approach_clauses("reimplanting the left ureter into the bladder, open", said_approaches) == {"0"}
    assert approach_clauses("left dacryocystorrhaphy, endoscopic", said_approaches) == {"4", "8"}
    assert leading_approach("open cutting of the trigeminal root", said_approaches) == (
        frozenset("0"),
        "cutt",
    )
    assert said_as_approach("percutaneous ablation of groin lymph nodes", said_approaches)
    # an approach word inside the clause of a condition, or a closed (External) approach, is no procedure told
    assert not said_as_approach("stab wound to the heart, open chest", said_approaches)
    assert not said_as_approach("tibia fracture, closed", said_approaches)
    assert not said_as_approach("open", said_approaches)


def test_the_procedure_code_must_name_a_part_the_query_says() -> None:
    assert operated_part_said(
        "Division of Trigeminal Nerve, Open Approach", content_stems("open cutting of the trigeminal root")
    )
    # "Reduction, Mammoplasty -> see Excision, Breast": the procedure word alone found it
    assert not operated_part_said(
        "Excision of Left Breast, Open Approach", content_stems("open reduction left ankle fracture")
    )
    # a device's words are no body part: "Insertion of <device> into <body part>"
    assert not operated_part_said(
        "Insertion of Internal Fixation Device with Tulip Connector into Right Pelvic Bone, Open Approach, "
        "New Technology Group 8",
        content_stems("open reduction internal fixation right wrist fracture"),
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # ", open" is the approach of the reimplantation, not an open wound of the abdominal wall
        ("reimplanting the left ureter into the bladder, open", "0T170ZB"),
        # a condition's own open: every word read, the diagnosis keeps its place
        ("femur fracture, open", "S72.90XB"),
        ("open fracture left tibia shaft", "S82.202B"),
        ("open angle glaucoma both eyes", "H40.1130"),
        ("open wound left hand", "S61.402A"),
        ("laparoscopic procedure converted to open", "Z53.31"),
    ],
)
def test_procedure_said_with_its_approach(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
