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


# The sizes of a set's hash table: a frozenset built from a sequence grows its table as it goes (5 to 18 words
# take 32 slots, 728 bytes; 19 to 76 take 128, 2,264 bytes), one built from another set is sized once for what
# it holds (5 to 7 words take 16 slots, 472 bytes; 19 to 31 take 64, 1,240 bytes). CPython 3.11, measured.
_TIGHTER = frozenset({5, 6, 7, *range(19, 32)})


def compact(found: frozenset[T]) -> frozenset[T]:
    """The set to keep in a cache of many: `kept`, and rebuilt at its smallest table when that is smaller (a
    title's stems: 5 to 7 words each in 2 titles of 5; the same members, so the same answers)."""
    if not found:
        return _EMPTY  # type: ignore[return-value]
    return frozenset(set(found)) if len(found) in _TIGHTER else found
