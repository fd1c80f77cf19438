"""An Index walk is answered once per lookup: the same words walked again inside one lookup (a clause, the
plain-English reading) get the first walk's paths, cut to the limit asked; nothing is kept after it."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index import per_lookup
from bot.lookups.index.matching import Matcher, query_words
from bot.lookups.search import searcher_for


def test_the_memo_lives_for_one_lookup_and_nested_lookups_share_it() -> None:
    assert per_lookup.memo() is None
    with per_lookup.one_lookup():
        outer = per_lookup.memo()
        assert outer == {}
        with per_lookup.one_lookup():
            assert per_lookup.memo() is outer
        assert per_lookup.memo() is outer
    assert per_lookup.memo() is None


def test_a_walk_remembered_in_a_lookup_gives_what_a_fresh_walk_gives(codebook: CodeBook) -> None:
    tree = searcher_for(codebook).index_tree()
    words = query_words(["fracture", "left", "femur", "shaft"])
    fresh = {limit: Matcher(tree).match(words, ["cm"], limit=limit) for limit in (3, 14)}
    assert len(fresh[14]) > 3
    with per_lookup.one_lookup():
        first = Matcher(tree).match(words, ["cm"], limit=14)
        again = Matcher(tree).match(words, ("cm",), limit=3)
        assert len(per_lookup.memo() or {}) == 1
    assert first == fresh[14] and again == fresh[3]


def test_a_search_remembered_in_a_lookup_is_a_copy_of_a_fresh_one(codebook: CodeBook) -> None:
    """The same words searched twice in one lookup (a clause, a sentence's core) are searched once; each
    caller gets its own list, as a fresh search gives it."""
    searcher = searcher_for(codebook)
    fresh = searcher._find("fracture of left femur", ("cm",), 5)
    with per_lookup.one_lookup():
        first = searcher._find("fracture of left femur", ("cm",), 5)
        first.reverse()
        again = searcher._find("fracture of left femur", ("cm",), 5)
        other = searcher._find("fracture of left femur", ("cm",), 3)
    assert again == fresh and again.notice == fresh.notice and other == fresh[:3]
