"""A lesion's size said as a prefix of its morphology ("macroadenoma", "microcarcinoma") reads as the Index's
morphology main term (issue #10), not as a spelling slip of another word; a word the Index or a title holds
itself ("macrocytosis", "microalbuminuria") stays as it is. Queries made up here, in no benchmark set."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.adjectives import without_size_prefix
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("macroadenoma of the pituitary", "D35.2"),  # Adenoma -> Neoplasm, pituitary, benign
        ("microcarcinoma of thyroid", "C73"),  # Carcinoma -> Neoplasm, thyroid, malignant
    ],
)
def test_a_size_prefixed_morphology_reads_as_the_morphology(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_no_word_the_index_holds_is_read_past_its_prefix(codebook: CodeBook) -> None:
    """Generated: every word of an Index line that starts with a size prefix is read as itself."""
    searcher = searcher_for(codebook)
    rows = codebook.db.conn.execute(
        "select distinct lower(term) from index_nodes where book = 'cm' and (term like 'macro%' or term like 'micro%')"
    ).fetchall()
    words = {w for (term,) in rows for w in term.replace(",", " ").split() if without_size_prefix(w)}
    assert words
    assert [w for w in sorted(words) if searcher._morphology_of(w) is not None] == []


def test_the_prefix_leaves_a_morphology_only_when_enough_is_left() -> None:
    assert without_size_prefix("macroadenoma") == "adenoma"
    assert without_size_prefix("microcyte") == ""
    assert without_size_prefix("adenoma") == ""
