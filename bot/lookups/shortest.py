"""The title search's "shortest documents first" without SQLite reading every matching document.

`ORDER BY length(text) LIMIT 200` over the documents an FTS query matches makes SQLite read each of them
from the content table to measure it: 20 ms for "traffic" (2,076 documents), 40-60 ms for a query of five
common words joined by OR. A document's length and system do not change while the search table stays as it
is, so they are read once per document (by rowid) and kept: two small arrays per connection (about 1 MB for
the 205,000 documents when every one has been met), dropped when the database changes (`PRAGMA
data_version`, which another connection's commit moves: an import rebuilds the table and its rowids). The
order is SQLite's: the matching documents that are of the systems asked, in the FTS index's rowid order,
stably sorted by length (SQLite's sorter keeps equal keys in the order it met them); only the chosen few
are then read whole.

The data build measures every document once and stores the two arrays (`store_sizes`, SIZES_KEY): a process
reads them whole the first time a search needs a size (one row, ~1 MB, ~1 ms), instead of measuring the
documents it meets (a document's text read to measure it: ~2 us each, tens of ms over a fresh process's first
queries). A database built before they were stored, or whose stored arrays do not cover its search table,
measures as before.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from collections.abc import Collection, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

from bot.lookups.schema import SEARCH_RUNS_KEY

UNKNOWN = -1  # a document not measured yet
NO_TEXT = -2  # a document whose text is NULL: length(NULL) sorts first in SQLite, as -2 does here
COLUMNS = "text, extra, system, code, source, title, billable, label"
CHUNK = 500  # rowids per `IN (...)` statement
KEPT_ROWS = 5_000  # documents' rows kept between lookups (the titles met most): a few MB at most
KEPT_COUNTS = 20_000  # FTS terms' capped document counts kept (`more_than`): a number a term
SIZES_KEY = "search_document_sizes"  # meta: every document's length and system (store_sizes)


class DocumentSizes:
    """The length of the text and the system of each search document met so far, for one connection."""

    def __init__(self, db: Any) -> None:
        self.db = (
            db  # a storage.db database (its `execute` stores parameters as the rest of the product does)
        )
        self._version: int | None = None
        self._length = array("i")
        self._system = bytearray()
        self._systems: list[str] = []  # the system names by their number in `_system`
        self._kept: dict[int, tuple[Any, ...]] = {}  # rows read whole, by rowid (bounded: KEPT_ROWS)
        self._runs: list[tuple[str, int, int]] | None = None  # (system, first, last rowid): runs_of
        self._counts: dict[tuple[str, int], bool] = {}  # (FTS term, most) -> more_than
        self._stored_read = False  # whether the sizes the data build stored were looked for (_read_stored)

    def shortest(self, match: str, systems: Collection[str], limit: int) -> list[tuple[Any, ...]]:
        """The rows (COLUMNS) of the `limit` shortest documents matching an FTS query among `systems`:
        what `SELECT COLUMNS FROM search WHERE search MATCH ? AND system IN (...) ORDER BY length(text)
        LIMIT ?` returns, in the same order. Raises sqlite3.OperationalError for an FTS syntax error."""
        return self.shortest_of(self.matching(match), systems, limit)

    def matching(self, match: str, most: int = 0) -> list[int]:
        """The rowids of the documents an FTS query matches, in the FTS index's order (the first `most` + 1
        only, when `most` is given: enough to tell that there are more than `most`)."""
        self._check_version()
        limit = most + 1 if most else -1  # SQLite: a negative LIMIT is none
        return [
            int(r)
            for (r,) in self.db.execute(
                "SELECT rowid FROM search WHERE search MATCH ? LIMIT ?", [match, limit]
            )
        ]

    def more_than(self, term: str, most: int) -> bool:
        """Whether one FTS term (a word, a prefix, a group of words joined by OR) alone matches more than
        `most` documents, remembered: a query joining it to others by OR then matches more too, so a
        search that takes no such query (`matching(..., most)` past `most`) need not run it. Raises
        sqlite3.OperationalError for an FTS syntax error, as `matching` does."""
        self._check_version()  # (a count kept from before the data changed is dropped)
        key = (term, most)
        found = self._counts.get(key)
        if found is None:
            found = len(self.matching(term, most)) > most
            if len(self._counts) >= KEPT_COUNTS:
                self._counts.clear()
            self._counts[key] = found
        return found

    def shortest_of(self, rowids: list[int], systems: Collection[str], limit: int) -> list[tuple[Any, ...]]:
        """`shortest` for the rowids `matching` gave (every one of them)."""
        if not rowids:
            return []
        self._measure(rowids)
        wanted = {i for i, name in enumerate(self._systems) if name in systems}
        kept = list(compress(rowids, map(wanted.__contains__, _picked(self._system, rowids))))
        kept.sort(key=self._length.__getitem__)
        return self._rows(kept[:limit])

    def runs_of(self, systems: Collection[str]) -> list[tuple[int, int]] | None:
        """The rowid runs (first, last) holding the documents of `systems`, in rowid order, when they leave
        out some documents and the data build stored the runs (SEARCH_RUNS_KEY); else None."""
        self._check_version()
        if self._runs is None:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", [SEARCH_RUNS_KEY]).fetchone()
            self._runs = [
                (system, int(low), int(high))
                for system, _, span in (run.partition(":") for run in str(row[0] if row else "").split())
                for low, _, high in [span.partition("-")]
            ]
        if not self._runs or all(system in systems for system, _, _ in self._runs):
            return None
        return [(low, high) for system, low, high in self._runs if system in systems]

    def first_in_runs(self, match: str, runs: list[tuple[int, int]], limit: int) -> list[tuple[Any, ...]]:
        """What `SELECT COLUMNS FROM search WHERE search MATCH ? AND system IN (...) LIMIT ?` returns, in the
        same order (FTS5's, ascending rowid), read over the systems' rowid runs only (`runs_of`): a common
        word's thousands of documents of the other systems are not read to find the few of one ("right"
        among the HCPCS titles: 75 ms before, under 1 ms)."""
        found: list[tuple[Any, ...]] = []
        for low, high in runs:
            found += [
                tuple(r)
                for r in self.db.execute(
                    f"SELECT {COLUMNS} FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?",
                    [match, low, high, limit - len(found)],
                )
            ]
            if len(found) >= limit:
                break
        return found

    def _check_version(self) -> None:
        version = int(self.db.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._version = version
            self._length = array("i")
            self._system = bytearray()
            self._systems = []
            self._kept = {}
            self._runs = None
            self._counts = {}
            self._stored_read = False

    def _read_stored(self) -> None:
        """The lengths and systems the data build stored (SIZES_KEY), taken when they cover the search table
        as it is: one entry a rowid up to its largest."""
        self._stored_read = True
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [SIZES_KEY]).fetchone()
        if row is None or not isinstance(row[0], bytes):
            return
        lengths, systems, names = _unpacked(row[0])
        last = self.db.execute("SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1").fetchone()
        if len(lengths) != (int(last[0]) + 1 if last else 0) or len(systems) != len(lengths):
            return
        self._length, self._system, self._systems = lengths, systems, names

    def _measure(self, rowids: list[int]) -> None:
        if not self._stored_read:
            self._read_stored()
        if not rowids or (max(rowids) < len(self._length) and UNKNOWN not in _picked(self._length, rowids)):
            return  # (every one measured before, as most are: looked at without a Python loop)
        unknown = [r for r in rowids if r >= len(self._length) or self._length[r] == UNKNOWN]
        top = max(unknown) + 1
        if top > len(self._length):
            self._length.extend([UNKNOWN] * (top - len(self._length)))
            self._system.extend(bytes(top - len(self._system)))
        numbers = {name: i for i, name in enumerate(self._systems)}
        for start in range(0, len(unknown), CHUNK):
            chunk = unknown[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            for rowid, length, system in self.db.execute(
                f"SELECT rowid, length(text), system FROM search WHERE rowid IN ({marks})", chunk
            ):
                number = numbers.get(system)
                if number is None:
                    number = numbers[system] = len(self._systems)
                    self._systems.append(system)
                self._length[rowid] = NO_TEXT if length is None else int(length)
                self._system[rowid] = number

    def _rows(self, rowids: list[int]) -> list[tuple[Any, ...]]:
        """The rows of these documents, in this order (those the table holds), the ones read kept while they
        fit in KEPT_ROWS (past it the kept ones are dropped; rows more than it holds are not kept)."""
        kept = self._kept
        unread = [r for r in rowids if r not in kept]
        if not unread:
            return [kept[r] for r in rowids]
        if len(kept) + len(unread) > KEPT_ROWS:
            kept.clear()
            unread = list(rowids)
        marks = ",".join("?" * len(unread))
        read = {
            int(r[0]): tuple(r[1:])
            for r in self.db.execute(f"SELECT rowid, {COLUMNS} FROM search WHERE rowid IN ({marks})", unread)
        }
        if len(kept) + len(read) <= KEPT_ROWS:
            kept.update(read)
        return [row for r in rowids if (row := kept.get(r) or read.get(r)) is not None]


def store_sizes(conn: sqlite3.Connection) -> None:
    """Measure every search document (the length of its text, as SQLite's `length` gives it, and its system)
    and store the arrays under SIZES_KEY (called by the data build once the search table is made)."""
    lengths = array("i")
    systems = bytearray()
    names: dict[str, int] = {}
    for rowid, length, system in conn.execute(
        "SELECT rowid, length(text), system FROM search ORDER BY rowid"
    ):
        if rowid >= len(lengths):
            lengths.extend([UNKNOWN] * (rowid + 1 - len(lengths)))
            systems.extend(bytes(rowid + 1 - len(systems)))
        lengths[rowid] = NO_TEXT if length is None else int(length)
        systems[rowid] = names.setdefault(str(system), len(names))
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [SIZES_KEY, _packed(lengths, systems, list(names))],
    )


def _packed(lengths: array[int], systems: bytearray, names: list[str]) -> bytes:
    """The arrays as one blob: the system names (JSON) on the first line, then the lengths (4 bytes each,
    little endian) and the systems (a byte each)."""
    little = array("i", lengths)
    if sys.byteorder == "big":
        little.byteswap()
    return json.dumps(names).encode() + b"\n" + little.tobytes() + bytes(systems)


def _unpacked(blob: bytes) -> tuple[array[int], bytearray, list[str]]:
    head, _, body = blob.partition(b"\n")
    names = [str(n) for n in json.loads(head)]
    count = len(body) // 5
    lengths = array("i")
    lengths.frombytes(body[: 4 * count])
    if sys.byteorder == "big":
        lengths.byteswap()
    return lengths, bytearray(body[4 * count :]), names


def _picked(values: Sequence[int], rowids: list[int]) -> tuple[int, ...]:
    """values[r] for each of the rowids (at least one), in their order: `operator.itemgetter`, a loop in C."""
    picked = itemgetter(*rowids)(values)
    return picked if len(rowids) > 1 else (picked,)


def sizes_for(db: Any, local: Any) -> DocumentSizes:
    """This thread's DocumentSizes (kept on `local`, a threading.local) for its connection `db`."""
    sizes: DocumentSizes | None = getattr(local, "sizes", None)
    if sizes is None or sizes.db is not db:
        sizes = DocumentSizes(db)
        local.sizes = sizes
    return sizes
