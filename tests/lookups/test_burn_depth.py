"""A burn told by how the skin looks, read as the Index's degree (issue #10, lay20:
bot.lookups.index.burn_depth): blisters say the second degree, blisters denied the first. Queries are made up
for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.burn_depth import read_burn_depth
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("sunburn on my nose that blistered", "L55.1"),
        ("red sunburn on my face but no blisters", "L55.0"),
        ("scalded my forearm with boiling water, big blister", "T22.219A"),
    ],
)
def test_blisters_say_the_degree_of_a_burn(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    "text",
    [
        "burns when i pee and blisters down there",
        "blister on my heel from new shoes",
        "3rd degree burn, blistered",
    ],
)
def test_a_burning_feeling_a_blister_alone_or_a_degree_said_stay_as_typed(text: str) -> None:
    assert read_burn_depth(text) == text


def test_a_burn_told_in_the_past_is_no_burning_feeling(codebook: CodeBook) -> None:
    # "burned" is the injury (Burn, foot), never Syndrome, burning feet (E53.9)
    hits = find_codes(codebook, "i burned my feet on the hot sand", limit=5)
    assert hits and hits[0].code.startswith("T25"), [(h.code, h.why) for h in hits[:3]]
