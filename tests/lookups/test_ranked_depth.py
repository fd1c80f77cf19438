"""The first answers of a lookup do not depend on how many answers the caller asked for.

Slack's first page asks `find_codes` for 11 answers, the command line for 10, the benchmarks for 5. Readings that
reorder within the answers they were given made the first answer depend on that number: "ibuprofen made my stomach
bleed, ulcer found" was K92.2 when one answer was asked and K25.4 when five were.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import RANKED_DEPTH, find_codes


def codes(codebook: CodeBook, query: str, limit: int) -> list[str]:
    return [hit.code for hit in find_codes(codebook, query, limit=limit)]


@pytest.mark.parametrize(
    "query",
    [
        "ibuprofen made my stomach bleed, ulcer found",
        "whipworm with bowel blockage",
        "hookworm with intestinal blockage",
    ],
)
def test_the_first_answers_are_those_of_a_longer_list(codebook: CodeBook, query: str) -> None:
    longest = codes(codebook, query, RANKED_DEPTH)
    for limit in (1, 2, 5):
        assert codes(codebook, query, limit) == longest[:limit]
