"""Results kept for the length of one lookup: a query read in parts (its clauses, its plain-English reading,
its sentence core) walks the Index again for the same words; the walk is answered once per lookup.

Nothing is kept between lookups (the memo is dropped when the outermost lookup ends), so how fast a lookup
is never depends on what was asked before it, and no memo grows with the number of distinct queries.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()


@contextmanager
def one_lookup() -> Iterator[None]:
    """The span of one lookup on this thread; a lookup inside it (a clause of the query) shares its memo."""
    if getattr(_local, "memo", None) is not None:
        yield
        return
    _local.memo = {}
    try:
        yield
    finally:
        _local.memo = None


def memo() -> dict[object, object] | None:
    """This thread's memo for the lookup under way, or None outside a lookup (then nothing is kept)."""
    found: dict[object, object] | None = getattr(_local, "memo", None)
    return found


ASKED = ("asked",)  # the per-lookup memo's key of the query as typed (kept by bot.lookups.search)
