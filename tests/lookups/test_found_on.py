"""A finding said with the test that showed it is read without the test (bot.lookups.index.found_on). Queries
are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.found_on import without_test
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("celiac disease on duodenal biopsy", "K90.0"),  # not the duodenum's biopsy (PCS)
        ("melanoma in situ on shave bx", "D03.9"),
    ],
)
def test_a_finding_on_a_test_is_coded_as_the_finding(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "read"),
    [
        ("AIN on renal biopsy", "AIN renal"),  # the test's body-part words stay as the finding's site
        ("nodule seen incidentally on CT abd", "nodule"),
        ("CT on the head", "CT on the head"),  # no finding before the test: the test is what is asked
        ("the dog jumped on us", "the dog jumped on us"),  # ultrasound only in capitals
        ("tripped on the garden path", "tripped on the garden path"),
        ("polyp on colonoscopy", "polyp on colonoscopy"),  # a scope says the site
    ],
)
def test_the_test_word_is_read_past_and_the_rest_kept(query: str, read: str) -> None:
    assert without_test(query) == read
