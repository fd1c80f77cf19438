"""Keep what the lookup caches hold out of the garbage collector's full passes.

A warm process holds a large, long-lived heap: Index lines, postings, term facts, Tabular rows, read once
and kept. CPython's full collection walks every tracked object, so once those caches are filled a full pass
costs hundreds of milliseconds, and it lands on whichever lookup happens to be running (a p99 of 20 ms and
single lookups of 300-500 ms, measured with `gc.callbacks`). After a full collection every object left is
alive (the garbage is gone), so that moment is a safe one to freeze the survivors (`gc.freeze`): later full
passes walk only what was made since. Only a large heap is frozen (FREEZE_AT survivors), so a small process
collects as usual.

The young generation's threshold is raised too (YOUNG_AT new container objects instead of CPython's
700): a lookup makes and drops thousands of small containers, nearly all freed by reference counting, and
at 700 the collector ran about once a lookup, with a pass over the older young objects every tenth
(up to 20 ms each on a shared machine). A warm lookup's allocations balance out, so at YOUNG_AT a young
collection runs only as the caches grow.

What is frozen is still freed by reference counting when it is dropped (a cache cleared, an entry
evicted); only a reference cycle among frozen objects that later became garbage would stay, and the
caches hold no cycles: a searcher dropped when the data version moves is freed with its Index caches
without the collector (tests/lookups/test_heap.py).
"""

from __future__ import annotations

import gc
import threading
from typing import Any

FREEZE_AT = 20_000  # survivors of a full collection, not counting those already frozen
YOUNG_AT = 10_000  # new container objects before a young collection (CPython's default is 700)

_installed = False
_lock = threading.Lock()


def _after_collection(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop" and info.get("generation") == 2 and len(gc.get_objects(generation=2)) >= FREEZE_AT:
        gc.freeze()


def keep_caches_frozen() -> None:
    """Freeze the survivors of each full collection of a large heap, and collect the young generation less
    often (once per process; idempotent; a threshold set higher already is kept)."""
    global _installed
    with _lock:
        if not _installed:
            gc.callbacks.append(_after_collection)
            young, middle, old = gc.get_threshold()
            if 0 < young < YOUNG_AT:
                gc.set_threshold(YOUNG_AT, middle, old)
            _installed = True
