"""One shared empty set for the readings the lookup's caches keep.

CPython builds a new empty frozenset each time one is made (`frozenset()` is no singleton in 3.11: 216
bytes each), and most cached readings of a title are empty: the words it says "non-" before, the words it
negates, its restrictions, its "Other ..." words, its ", unspecified X" words - none for almost every
title. A process answering the dev set's 416 queries kept ~16,000 empty sets (~3.5 MB, tracemalloc), most
in caches of 8,192 titles each; a reading kept as `kept(found)` holds this one set instead. Equal sets, the
same hash: no answer can change.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

_EMPTY: frozenset[object] = frozenset()  # the one empty set kept


def kept(found: frozenset[T]) -> frozenset[T]:
    """The set to keep: the shared empty set when it is empty, else itself."""
    return found or _EMPTY  # type: ignore[return-value]
