"""Opening SQLite files the one way the whole product does it, and its transactions (migrations: `storage.schema`).

Every connection gets WAL (readers never block the writer), a busy timeout (a second writer waits instead of
failing with "database is locked"), and foreign keys. A `Database` must not be shared across threads, so callers
open one per unit of work or per thread (`connect` is cheap).

Two busy timeouts: background work (the outbox, jobs, the CLI) waits up to BUSY_TIMEOUT_MS for the write lock;
Slack request paths wait at most REQUEST_BUSY_TIMEOUT_MS, so a handler that cannot get the lock still answers
inside Slack's 3 seconds ("busy, nothing was saved") instead of saving after Slack has given up on it.

Problems with the file itself (a directory, not SQLite, read-only, a folder that cannot be written, a file
deleted while running) raise DatabaseProblem: one line naming the path and what to do (storage.db_problems).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import sqlite_utils

from storage.backend import Database, PgDatabase, is_postgres, storable_parameters
from storage.db_problems import (
    DatabaseBusy,
    DatabaseProblem,
    DatabaseUnavailable,
    DeadlinePassed,
    explain,
    is_busy,
    missing,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "REQUEST_BUSY_TIMEOUT_MS",
    "Database",
    "DatabaseBusy",
    "DatabaseProblem",
    "DatabaseUnavailable",
    "DeadlinePassed",
    "FileIdentity",
    "connect",
    "explain",
    "is_busy",
    "missing",
    "open_for_writing",
    "read_transaction",
    "write_transaction",
    "writes_due_by",
]

BUSY_TIMEOUT_MS = 10_000
REQUEST_BUSY_TIMEOUT_MS = 1_500


class SqliteDatabase(sqlite_utils.Database):
    """sqlite_utils' Database whose `execute` stores text as PostgreSQL does (`storable_text`: a NUL kept as
    U+FFFD), so the same input is the same stored text on either backend."""

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return super().execute(sql, storable_parameters(parameters))


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    create: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    what: str = "database",
) -> sqlite_utils.Database:
    """Open `path` (":memory:" allowed) with the product's pragmas.

    `create=False` opens an existing file only: a database deleted while the server runs raises
    DatabaseProblem instead of being silently recreated empty. Problems with the file are DatabaseProblem.
    """
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        return SqliteDatabase(conn)
    target = Path(path)
    if not create and not read_only and not target.exists():
        raise missing(target, what)
    try:
        if create and not read_only:
            target.parent.mkdir(parents=True, exist_ok=True)
        mode = "ro" if read_only else ("rwc" if create else "rw")
        conn = sqlite3.connect(
            f"file:{quote(str(target))}?mode={mode}", uri=True, check_same_thread=False, isolation_level=None
        )
    except (sqlite3.Error, OSError) as exc:
        if not create and not target.exists():
            raise missing(target, what) from None
        raise explain(target, exc, what) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        if is_busy(exc):
            raise DatabaseBusy(f"the {what} {target} is busy: another process holds it") from None
        raise explain(target, exc, what) from None
    return SqliteDatabase(conn)


def open_for_writing(path: Path, what: str = "database") -> None:
    """Check at start-up that `path` can be created (or opened) and written; DatabaseProblem otherwise.

    A read-only file opens and reads fine in SQLite; only a write shows it, so this creates a scratch table
    inside a transaction that is rolled back.
    """
    db = connect(path, what=what)
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("CREATE TABLE IF NOT EXISTS _write_check (x INTEGER)")
        db.conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise explain(Path(path), exc, what) from None
    finally:
        db.close()


@dataclass(frozen=True)
class FileIdentity:
    """Which file a path named when the server started: a database deleted, or replaced by another file (a
    new empty one made by some other process), is told apart from the one in use."""

    path: Path
    device: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        stat = Path(path).stat()
        return cls(Path(path), stat.st_dev, stat.st_ino)

    def problem(self, what: str, probe: str) -> str | None:
        """None when the file is still the one the server started with and answers `probe` (a query that
        reads a table); otherwise what is wrong, as one line."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return str(missing(self.path, what))
        except OSError as exc:
            return f"the {what} {self.path} cannot be read ({exc.strerror or exc})"
        replaced = (
            f"the {what} {self.path} was replaced by another file while CodeDesk was running: restore the "
            "right one and restart"
        )
        if (stat.st_dev, stat.st_ino) != (self.device, self.inode):
            return replaced
        try:
            db = connect(self.path, read_only=True, busy_timeout_ms=1_000)
            try:
                db.execute(probe).fetchone()
            finally:
                db.close()
        except DatabaseProblem as exc:
            return str(exc)
        except sqlite3.Error as exc:
            if is_busy(exc):
                return None  # busy is working, not broken
            if "no such table" in str(exc):
                # The file this server made has the probe's table: this one is another file (the file system
                # may give a new file the inode of the deleted one, so the identity alone cannot tell).
                return replaced
            return f"the {what} {self.path} cannot be read ({str(exc).splitlines()[0]})"
        return None


_DEADLINE: ContextVar[float | None] = ContextVar("codedesk_write_deadline", default=None)


@contextmanager
def writes_due_by(deadline: float) -> Iterator[None]:
    """Every write transaction in this block (this thread) must commit by `deadline` (`time.monotonic()`), or
    save nothing: how a Slack handler keeps "saved" and "not saved" honest inside Slack's 3 seconds."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def write_transaction(db: Database, *, deadline: float | None = None) -> Iterator[Database]:
    """`BEGIN IMMEDIATE` ... `COMMIT`: take the write lock up front so read-then-write never deadlocks.

    Rolls back on any exception, so a failed change leaves nothing half-written. With a deadline (`deadline`,
    a `time.monotonic()` value, or the one `writes_due_by` set), the wait for the lock is cut to the time left,
    and a transaction that reaches COMMIT after the deadline is rolled back and DeadlinePassed raised: the
    caller can say "nothing was saved" and be right. A busy database (the lock not had in time) raises
    DatabaseBusy, also with nothing saved.

    On PostgreSQL: `BEGIN` (read committed) with `lock_timeout` and `statement_timeout` cut the same way; rows
    are claimed by conditional updates and `FOR UPDATE SKIP LOCKED` (storage.outbox), keys by unique indexes
    (storage.job_runs), so writers on other rows never wait for each other.
    """
    deadline = deadline if deadline is not None else _DEADLINE.get()
    if is_postgres(db):
        with _pg_write_transaction(cast(PgDatabase, db), deadline):
            yield db
        return
    sqlite_db = cast(sqlite_utils.Database, db)
    if deadline is not None:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            raise DeadlinePassed("no time left to save anything")
        sqlite_db.conn.execute(f"PRAGMA busy_timeout = {min(left_ms, BUSY_TIMEOUT_MS)}")
    try:
        sqlite_db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise DatabaseBusy("another writer held the database lock") from exc
        raise
    try:
        yield db
        if deadline is not None and time.monotonic() > deadline:
            raise DeadlinePassed("the change was ready after its deadline; rolled back")
    except BaseException:
        sqlite_db.conn.execute("ROLLBACK")
        raise
    try:
        sqlite_db.conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            sqlite_db.conn.execute("ROLLBACK")
            raise DatabaseBusy("the commit could not get the database lock") from exc
        raise


@contextmanager
def _pg_write_transaction(db: PgDatabase, deadline: float | None) -> Iterator[None]:
    wait_ms = db.busy_timeout_ms
    if deadline is not None:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            raise DeadlinePassed("no time left to save anything")
        wait_ms = min(left_ms, wait_ms)
    db.execute("BEGIN")
    try:
        db.execute(f"SET LOCAL lock_timeout = {max(wait_ms, 1)}")
        if deadline is not None:
            db.execute(f"SET LOCAL statement_timeout = {max(wait_ms, 1)}")
        yield
        if deadline is not None and time.monotonic() > deadline:
            raise DeadlinePassed("the change was ready after its deadline; rolled back")
    except BaseException:
        _pg_rollback(db)
        raise
    try:
        db.execute("COMMIT")
    except DatabaseBusy:
        _pg_rollback(db)
        raise


def _pg_rollback(db: PgDatabase) -> None:
    """Roll back; a connection already lost has nothing to roll back (the server dropped the transaction)."""
    if db.conn.closed or db.conn.broken:
        return
    with suppress(DatabaseUnavailable):
        db.execute("ROLLBACK")


@contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """A deferred `BEGIN` ... `COMMIT` for reads: one consistent snapshot (WAL) for every query in the block,
    without taking the write lock, so a report or a listing never waits for a writer nor makes one wait.
    On PostgreSQL: a read-only, repeatable-read transaction (one snapshot, no locks)."""
    if is_postgres(db):
        pg = cast(PgDatabase, db)
        pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield db
        except BaseException:
            _pg_rollback(pg)
            raise
        pg.execute("COMMIT")
        return
    sqlite_db = cast(sqlite_utils.Database, db)
    sqlite_db.conn.execute("BEGIN DEFERRED")
    try:
        yield db
    except BaseException:
        sqlite_db.conn.execute("ROLLBACK")
        raise
    sqlite_db.conn.execute("COMMIT")
