"""A fear told in everyday words read as the Index's Phobia line for the kind of thing feared (issue #10, lay23;
bot.lookups.index.fears): an animal, a natural environment, a situation, blood or needles, medical care, people
(social) or leaving the house (agoraphobia) - never the feared thing's own code (venom, a fall, an immunization).
Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.fears import read_fear
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("my daughter is terrified of dogs", "F40.218"),
        ("so scared of lightning she hides under the bed", "F40.220"),
        ("afraid of the ocean, won't go near the water", "F40.228"),
        ("too scared to ride in an elevator", "F40.240"),
        ("afraid to climb a ladder, fear of being up high", "F40.241"),
        ("he passes out from fear of needles at every vaccine", "F40.231"),
        ("petrified of going to the dentist", "F40.232"),
        ("afraid to go out alone, I stay home all the time", "F40.00"),
    ],
)
def test_a_fear_reads_as_the_phobia_of_its_kind(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_no_phobia_where_no_fear_of_a_thing_is_told() -> None:
    assert read_fear("afraid I have cancer") is None  # nosophobia is no specific phobia
    assert read_fear("terrified of my ex husband") is None
    assert read_fear("stung by a bee on my arm") is None
    assert read_fear("scared it's my heart") is None
