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


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("diabetis type 2", "E11"),  # no verb form at all
        # a doubled consonant English does not double ("dump" -> dumping) is a typo, not a form: Syndrome,
        # dumping K91.1 (not the Bypass a bare "gastric bypass" would answer)
        ("dumpping syndrome after gastric bypass", "K91.1"),
    ],
)
def test_a_misspelling_that_is_no_regular_verb_form_is_still_corrected(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith(expected), [(h.code, h.why) for h in hits]
