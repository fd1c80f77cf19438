"""A relative said to be one of a kind of person ("uncle was an alcoholic", "grandma is a diabetic") had the
condition the noun names: a family history (bot.lookups.index.reasons.plain_history; issue #10, guideline
I.C.21.c.4). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reasons import plain_history
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("uncle was an alcoholic", "family history of alcoholic"),
        ("grandma is a diabetic", "family history of diabetic"),
        ("grandpa had a stroke", "family history of a stroke"),
        # no predicate noun: no reading
        ("aunt is here with her", "aunt is here with her"),
        ("sister is pregnant", "sister is pregnant"),
    ],
)
def test_a_relative_said_to_be_one(text: str, read: str) -> None:
    assert plain_history(text) == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [("uncle was an alcoholic", "Z81.1"), ("grandma is a diabetic", "Z83.3")],
)
def test_the_family_history_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected
