"""Opening SQLite files the one way the whole product does it, and applying numbered migrations.

Every connection gets WAL (readers never block the writer), a busy timeout (a second writer waits instead of
failing with "database is locked"), and foreign keys. A `Database` must not be shared across threads, so callers
open one per unit of work or per thread (`connect` is cheap).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000

Migration = Callable[[sqlite_utils.Database], None]


def connect(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open `path` (":memory:" allowed) with the product's pragmas."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    else:
        target = Path(path)
        if read_only:
            conn = sqlite3.connect(
                f"file:{target}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(target), check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only and str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """`BEGIN IMMEDIATE` ... `COMMIT`: take the write lock up front so read-then-write never deadlocks.

    Rolls back on any exception, so a failed change leaves nothing half-written.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def migrate(db: sqlite_utils.Database, name: str, steps: Sequence[Migration]) -> int:
    """Apply the steps of migration family `name` not yet applied, each in its own transaction.

    Returns the number of steps applied. The step number is recorded with the step's changes, so a crash
    mid-way leaves the database at a whole step.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (family TEXT NOT NULL, step INTEGER NOT NULL, "
        "PRIMARY KEY (family, step))"
    )
    applied = 0
    for number, step in enumerate(steps, start=1):
        with write_transaction(db):
            done = db.execute(
                "SELECT 1 FROM _migrations WHERE family = ? AND step = ?", [name, number]
            ).fetchone()
            if done:
                continue
            step(db)
            db.execute("INSERT INTO _migrations (family, step) VALUES (?, ?)", [name, number])
            applied += 1
    return applied
