"""A condition told with the injury event it came of is the Index's "traumatic" line, not the nontraumatic
default (bot.lookups.index.injury_words.told_as_traumatic). Queries are made up for these tests, not taken from
the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.injury_words import told_as_traumatic
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("subdural hemorrhage after fall", True),
        ("subarachnoid bleed from mvc", True),
        ("subdural hemorrhage", False),
        ("spontaneous subarachnoid hemorrhage, no trauma", False),
        ("nontraumatic subdural hemorrhage after a fall", False),
    ],
)
def test_an_injury_event_told_is_read(text: str, told: bool) -> None:
    assert told_as_traumatic(text) is told


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("subdural bleed after fall", "S06.5"),
        ("sah after a fall", "S06.6"),
        ("intracerebral hemorrhage after a fall", "S06.3"),
        ("subdural hemorrhage following trauma", "S06.5"),
    ],
)
def test_a_bleed_told_with_its_injury_is_traumatic(codebook: CodeBook, query: str, prefix: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code.startswith(prefix)


def test_a_bleed_told_alone_stays_nontraumatic(codebook: CodeBook) -> None:
    assert find_codes(codebook, "subdural hemorrhage", limit=1)[0].code.startswith("I62")
