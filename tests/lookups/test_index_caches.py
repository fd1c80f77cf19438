"""The Index tree's caches of lines and word postings are bounded, least recently used dropped first, and a
line or word dropped reads back the same; the tree's memo is bounded, the tables read whole kept; the
biosimilar-suffix check compiles nothing for plain titles."""

from __future__ import annotations

import pytest

from bot.lookups import search
from bot.lookups.codebook import CodeBook
from bot.lookups.index import tree as tree_module
from bot.lookups.index.tree import IndexTree


def test_lines_are_kept_least_recently_used_within_the_cap(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [int(i) for (i,) in codebook.db.execute("SELECT id FROM index_nodes ORDER BY id LIMIT 6")]
    unbounded = IndexTree(codebook.db.conn).nodes(ids)
    monkeypatch.setattr(tree_module, "CACHE_NODES", 3)
    tree = IndexTree(codebook.db.conn)
    assert tree.nodes(ids) == unbounded  # read in one go though the cache holds only 3
    assert list(tree._nodes) == ids[3:]
    assert tree.node(ids[3]) == unbounded[3]  # used again: now the most recent
    assert tree.node(ids[0]) == unbounded[0]  # dropped, read back the same; the least recent one goes
    assert list(tree._nodes) == [ids[5], ids[3], ids[0]]


def test_word_postings_are_kept_least_recently_used_within_the_cap(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = ["fractur", "pain", "left", "diabet"]
    unbounded = IndexTree(codebook.db.conn)
    counts = unbounded.word_counts(words)
    monkeypatch.setattr(tree_module, "CACHE_WORDS", 2)
    tree = IndexTree(codebook.db.conn)
    for word in words:
        assert tree.word_counts([word]) == {word: counts[word]}
    assert list(tree._words) == words[2:]
    tree.main_terms_holding("left")  # used again: the most recent
    assert tree.main_terms_holding("fractur") == unbounded.main_terms_holding("fractur")
    assert list(tree._words) == ["left", "fractur"]
    first = unbounded.main_terms_holding("pain")[0]
    assert "pain" not in tree._words and tree.span(first) == unbounded.span(first) > 0  # spans stay


def test_the_memo_drops_its_oldest_per_code_entries_past_the_cap(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tree_module, "MEMO_ENTRIES", 8)
    memo = IndexTree(codebook.db.conn).memo  # (it grew with every code a process met: ~60 MB in the bench)
    memo["a table read whole"] = {}
    memo[("another table",)] = ()
    for n in range(20):
        memo[("cm", f"code{n}")] = n
    assert len(memo) <= 8
    assert "a table read whole" in memo and ("another table",) in memo
    assert ("cm", "code19") in memo and ("cm", "code0") not in memo


def test_a_suffixed_product_name_is_found_as_the_pattern_finds_it() -> None:
    names = ("filgrastim", "pegfilgrastim")
    assert (
        search._suffixed_other(names, "injection, pegfilgrastim-bmez (ziextenzo), 0.5 mg")
        == "pegfilgrastim-bmez"
    )
    assert search._suffixed_other(names, "injection, pegfilgrastim, excludes biosimilar, 0.5 mg") is None
    assert search._suffixed_other(names, "injection, pegfilgrastim-fpgk1, 0.5 mg") is None  # not four letters
    assert search._suffixed_other(names, "injection, tbo-filgrastim, 1 microgram") is None
