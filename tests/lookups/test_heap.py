"""The lookup caches' heap policy (bot.lookups.index.heap): survivors of a full collection of a large heap are
frozen, the young generation is collected less often, and installing it twice changes nothing."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index import heap
from bot.lookups.index.per_lookup import one_lookup
from bot.lookups.search import Searcher


@pytest.fixture
def fresh_policy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The policy installed as in a new process, and the collector as it was afterwards."""
    threshold = gc.get_threshold()
    installed = heap._after_collection in gc.callbacks
    while heap._after_collection in gc.callbacks:  # the collector reads this very list
        gc.callbacks.remove(heap._after_collection)
    monkeypatch.setattr(heap, "_installed", False)
    yield
    while heap._after_collection in gc.callbacks:
        gc.callbacks.remove(heap._after_collection)
    if installed:
        gc.callbacks.append(heap._after_collection)
    gc.set_threshold(*threshold)


def test_installing_twice_adds_one_callback_and_raises_the_young_threshold(fresh_policy: None) -> None:
    gc.set_threshold(700, 10, 10)
    heap.keep_caches_frozen()
    heap.keep_caches_frozen()
    assert gc.callbacks.count(heap._after_collection) == 1
    assert gc.get_threshold() == (heap.YOUNG_AT, 10, 10)


def test_a_threshold_set_higher_is_kept(fresh_policy: None) -> None:
    gc.set_threshold(heap.YOUNG_AT * 5, 20, 20)
    heap.keep_caches_frozen()
    assert gc.get_threshold() == (heap.YOUNG_AT * 5, 20, 20)


class Entry:
    """A cached value (weakly referable, so a test can see it freed)."""


def test_survivors_of_a_full_collection_of_a_large_heap_are_frozen_and_still_freed(
    fresh_policy: None,
) -> None:
    heap.keep_caches_frozen()
    gc.unfreeze()
    kept = [Entry() for _ in range(heap.FREEZE_AT * 2)]  # a cache's worth of tracked objects
    watched = weakref.ref(kept[0])
    try:
        gc.collect()
        assert gc.get_freeze_count() >= len(kept)
        # the next full pass walks none of them (asked of these objects: another thread of the test process may
        # leave objects of its own in the old generation between the collection and this line)
        old = {id(o) for o in gc.get_objects(generation=2)}
        assert not any(id(entry) in old for entry in kept)
        del kept  # a cache dropped: reference counting frees what was frozen
        assert watched() is None
    finally:
        gc.unfreeze()


def test_a_small_heap_is_collected_as_usual(fresh_policy: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "FREEZE_AT", 10**9)
    heap.keep_caches_frozen()
    gc.unfreeze()
    gc.collect()
    assert gc.get_freeze_count() == 0


def test_a_searcher_dropped_after_an_import_is_freed_without_the_collector(codebook: CodeBook) -> None:
    # Frozen objects are freed only by reference counting: the searcher and its Index caches (dropped when the
    # data version moves, bot.lookups.search.searcher_for) must hold no reference cycle.
    searcher = Searcher(codebook)
    with one_lookup():
        searcher.find("type 2 diabetes with chronic kidney disease stage 3")
        searcher.find("fell off a ladder and broke her left wrist")
    tree = weakref.ref(searcher.index_tree())
    # the Z-code lines and their word reader (which asks the lines whether a word's stems fit one line)
    z_lines = weakref.ref(searcher.z_lines())
    dropped = weakref.ref(searcher)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del searcher
        assert dropped() is None and tree() is None and z_lines() is None
    finally:
        if enabled:
            gc.enable()
