"""Who looked up what, recently: feeds the App Home's "recent lookups" and usage counts.

Only lookup text is stored (code searches carry no patient details); for claim checks only the fact of the
check is kept, because their codes, age and sex together can describe a patient.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from storage.backend import Database, execute_many
from storage.db import write_transaction
from storage.relay_tables import from_db_time, to_db_time

Kind = Literal["lookup", "check"]
KEEP_PER_USER = 50


def create_usage(db: Database) -> None:
    db.execute(
        "CREATE TABLE usage (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, "
        "kind TEXT NOT NULL CHECK (kind IN ('lookup', 'check')), query TEXT, created_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX usage_by_user ON usage (user_id, created_at)")


def create_hourly_counts(db: Database) -> None:
    # Per-user rows are trimmed to the newest few; the counts that digests report are kept apart, per UTC hour.
    db.execute(
        "CREATE TABLE usage_hourly (hour TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (hour, kind)) WITHOUT ROWID"
    )


def create_code_counts(db: Database) -> None:
    """Migration 14. Per code, per UTC day, per kind of use, for the whole team: no user, no claim, no patient
    detail. A claim's codes are counted one by one, so no row says which codes were checked together. `day` is a
    calendar day (ISO date, which orders as it reads), not a moment. A database an interim CodeDesk already gave
    this table (the same shape) keeps it."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS code_use_daily (day TEXT NOT NULL CHECK (length(day) = 10), "
        "code TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, code, kind)) WITHOUT ROWID"
    )


CodeUse = Literal["pick", "check", "clarification"]
KEEP_CODE_DAYS = 400


def utc_hour(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H")


@dataclass(frozen=True)
class RecentLookup:
    query: str
    at: datetime


def record_use(db: Database, user_id: str, kind: Kind, query: str | None, at: datetime) -> None:
    """Append one use; keeps each user's newest KEEP_PER_USER rows so the table stays small."""
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    stored = query if kind == "lookup" else None
    with write_transaction(db):
        db.execute(
            "INSERT INTO usage (user_id, kind, query, created_at) VALUES (?, ?, ?, ?)",
            [user_id, kind, stored, to_db_time(at)],
        )
        db.execute(
            "INSERT INTO usage_hourly (hour, kind, n) VALUES (?, ?, 1) "
            "ON CONFLICT (hour, kind) DO UPDATE SET n = usage_hourly.n + 1",
            [utc_hour(at), kind],
        )
        db.execute(
            "DELETE FROM usage WHERE user_id = ? AND id NOT IN "
            "(SELECT id FROM usage WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
            [user_id, user_id, KEEP_PER_USER],
        )


def usage_counts(db: Database, start: datetime, end: datetime) -> dict[str, int]:
    """Lookups and checks from `start` up to `end`, counted by the UTC hours they fall in."""
    rows = db.execute(
        "SELECT kind, sum(n) FROM usage_hourly WHERE hour >= ? AND hour < ? GROUP BY kind",
        [utc_hour(start), utc_hour(end)],
    ).fetchall()
    return {str(kind): int(n) for kind, n in rows}


def record_code_uses(db: Database, codes: Iterable[str], kind: CodeUse, at: datetime) -> int:
    """Count each distinct code once for this use, on the UTC day of `at`; returns how many were counted."""
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    distinct = sorted({c.strip().upper().replace(".", "") for c in codes if c and c.strip()})
    if not distinct:
        return 0
    day = at.astimezone(UTC).date()
    with write_transaction(db):
        execute_many(
            db,
            "INSERT INTO code_use_daily (day, code, kind, n) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (day, code, kind) DO UPDATE SET n = code_use_daily.n + 1",
            [(day.isoformat(), code, kind) for code in distinct],
        )
        db.execute(
            "DELETE FROM code_use_daily WHERE day < ?", [(day - timedelta(days=KEEP_CODE_DAYS)).isoformat()]
        )
    return len(distinct)


def code_use_counts(db: Database, first_day: date, last_day: date) -> dict[str, dict[str, int]]:
    """{code: {kind: uses}} for the UTC days first_day..last_day (codes undotted, upper case)."""
    counts: dict[str, dict[str, int]] = {}
    for code, kind, n in db.execute(
        "SELECT code, kind, sum(n) FROM code_use_daily WHERE day >= ? AND day <= ? GROUP BY code, kind",
        [first_day.isoformat(), last_day.isoformat()],
    ):
        counts.setdefault(str(code), {})[str(kind)] = int(n)
    return counts


def recent_lookups(db: Database, user_id: str, limit: int = 5) -> list[RecentLookup]:
    """The user's latest distinct lookup queries, newest first."""
    rows = db.execute(
        "SELECT query, MAX(id) AS last_id, MAX(created_at) AS at FROM usage "
        "WHERE user_id = ? AND kind = 'lookup' AND query IS NOT NULL "
        "GROUP BY query ORDER BY last_id DESC LIMIT ?",
        [user_id, limit],
    ).fetchall()
    return [RecentLookup(query=q, at=from_db_time(at)) for q, _, at in rows]


class UsageRecorder:
    """Records uses on a fresh connection each time (handlers run on worker threads)."""

    def __init__(self, db_factory: Callable[[], Database], clock: Callable[[], datetime]) -> None:
        self._db_factory = db_factory
        self._clock = clock

    def record(self, user_id: str, kind: Kind, query: str | None = None) -> None:
        db = self._db_factory()
        try:
            record_use(db, user_id, kind, query, self._clock())
        finally:
            db.close()

    def record_codes(self, codes: Iterable[str], kind: CodeUse) -> None:
        """Count the codes of a pick, a check or a clarification for the code-set update notice."""
        db = self._db_factory()
        try:
            record_code_uses(db, codes, kind, self._clock())
        finally:
            db.close()

    def recent(self, user_id: str, limit: int = 5) -> list[RecentLookup]:
        db = self._db_factory()
        try:
            return recent_lookups(db, user_id, limit)
        finally:
            db.close()
