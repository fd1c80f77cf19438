"""A form of a verb WordNet knows is a real word even when no word list prints that form, so spelling correction
leaves it as typed (issue #10: "spelling correction only touches words found in no title, index term, vocabulary
or an ordinary English word list"). "resected" was "corrected" to repeated / resulted / retested and the query
answered a Bypass code; read as typed it is the root operation's own verb, Resection (ICD-10-PCS definition:
"Cutting out or off, without replacement, all of a body part"). Queries are written for these tests."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("resected sigmoid colon, open", "0DTN0ZZ"),  # PCS Index: Resection, Colon, Sigmoid -> 0DTN
        ("resecting the right lobe of liver, open", "0FT10ZZ"),  # PCS Index: Resection, Liver, Right Lobe
    ],
)
def test_a_verb_form_is_read_as_typed(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "spelling: " not in hits[0].why


def test_a_misspelling_that_is_no_verb_form_is_still_corrected(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "diabetis type 2", limit=5)
    assert hits and hits[0].code.startswith("E11"), [(h.code, h.why) for h in hits]
