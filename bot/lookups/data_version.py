"""The code database's `data_version`: a stamp in its meta table that every rebuild of the derived tables
moves (the data build and every import call `rebuild_search`, which calls `stamp`).

A long-running process (the Slack app, the console) keeps caches built on the data it read: the searcher's
word counts and spelling corrections, the index trees' nodes, the claim checks' parsed notes. Each cache is
kept beside the stamp it was built on and is rebuilt when the stamp moves, whether the import ran in this
process or in another.

Reading the stamp costs one `PRAGMA data_version` on the reading connection: SQLite moves that number when
another connection commits (an import writes through its own connection), and only then is the meta row read
again.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

META_KEY = "data_version"


def stamp(conn: sqlite3.Connection) -> str:
    """Move the stamp (inside the writer's transaction): a new value no earlier build or import had."""
    value = uuid.uuid4().hex
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [META_KEY, value])
    return value


class VersionReader:
    """The stamp as one connection last read it (a connection per thread: one reader each)."""

    __slots__ = ("_pragma", "_value")

    def __init__(self) -> None:
        self._pragma: int | None = None
        self._value = ""

    def read(self, db: Any) -> str:
        """The stamp now: `db` is a storage.db / sqlite-utils database (its `execute`). A database built
        before stamps existed reads as "" until its first import."""
        pragma = int(db.execute("PRAGMA data_version").fetchone()[0])
        if pragma != self._pragma:
            # The pragma is read first: a commit landing between the two reads moves it again, so the next
            # read sees the newer stamp.
            row = db.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
            self._value = str(row[0]) if row else ""
            self._pragma = pragma
        return self._value


def current(conn: sqlite3.Connection) -> str:
    """The stamp as stored now ("" when the database has none): a key for a cache kept across lookups that a
    rebuild or an import must drop."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    except sqlite3.OperationalError:
        return ""
    return str(row[0]) if row else ""


def kept(
    conn: sqlite3.Connection,
    memo: dict[object, object],
    key: object,
    store: dict[str, T],
    build: Callable[[], T],
) -> T:
    """A table worked out from the code data, built once per data stamp and kept across lookups (in `store`,
    which holds the newest stamp's only) and in this lookup's `memo`; a database with no stamp builds it for
    the lookup alone."""
    found = memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    version = current(conn)
    made = store[version] if version and version in store else build()
    if version and version not in store:
        store.clear()
        store[version] = made
    memo[key] = made
    return made
