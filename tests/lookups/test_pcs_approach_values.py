"""Every approach character named by its official value (pcs_approach_values): an approach the table axes left
unnamed no longer comes first for costing nothing when the query names no approach."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import APPROACH_SECTIONS
from bot.lookups.index.pcs_approach_values import named_approaches
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_blank_and_missing_approaches_are_named() -> None:
    meanings = {(5, "0"): "Open", (5, "X"): ""}
    named = named_approaches(meanings, ["0CDW0Z0", "0CDWXZ0", "0B118D6"], APPROACH_SECTIONS)
    assert named[(5, "X")] == "External" and named[(5, "8")].endswith("Opening Endoscopic")
    assert named[(5, "0")] == "Open"
    # the fifth character of Imaging is the contrast, not an approach
    assert named_approaches({}, ["BB24ZZZ"], APPROACH_SECTIONS) == {}
    assert named_approaches(meanings, ["0CDW0Z0"], APPROACH_SECTIONS) is meanings


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # "Tracheostomy - see Bypass, Respiratory System": the trachea to the skin with a tracheostomy device,
        # Open when no approach is said (0B1's 8, unnamed in the axes, came first before)
        ("tracheostomy", "0B110F4"),
        ("percutaneous tracheostomy", "0B113F4"),
        ("tooth extraction upper single", "0CDWXZ0"),
    ],
)
def test_every_approach_weighed_alike(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
