"""An Index line naming a body region said by a part of it (bot.lookups.index.region_lines): "Hemangioma,
intra-abdominal D18.03" for a hemangioma of the spleen, "Hemangioma, intracranial D18.02" for one of the
cerebellum, "Lipoma, site classification, trunk D17.1" for a lipoma of the chest wall; a line naming the part
itself still wins ("Abscess, liver"). A lay phrase "<part> is bleeding" names no part after a negation ("GERD, no
bleeding"). Queries written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lay_phrases import read_lay
from bot.lookups.index.region_lines import region_of
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hemangioma of the spleen", "D18.03"),
        ("hemangioma of the cerebellum", "D18.02"),
        ("lipoma of the chest wall", "D17.1"),
        ("liver abscess", "K75.0"),  # the part's own line
    ],
)
def test_a_part_says_its_region_line(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_region_terms() -> None:
    assert region_of("intra-abdominal") == "intra-abdominal"
    assert region_of("intrathoracic structures") == "intrathoracic"
    assert region_of("skin") is None


def test_a_negated_bleed_names_no_part() -> None:
    assert read_lay("gums bleeding") == "hemorrhage gums"
    assert read_lay("ulcer no bleeding") is None
