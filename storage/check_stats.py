"""Which claim-check rules fail, by day: the "most frequent check failures" of the leads' digest.

Only rule ids are stored (e.g. `header_code`), never the codes or patient details of the claim. Rows older than
KEEP_DAYS are dropped as new ones arrive, so the table stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from storage.backend import Database, execute_many
from storage.db import write_transaction
from storage.relay_tables import to_db_time

KEEP_DAYS = 120


def create_tables(db: Database) -> None:
    db.execute("CREATE TABLE check_failures (id INTEGER PRIMARY KEY, rule TEXT NOT NULL, at TEXT NOT NULL)")
    db.execute("CREATE INDEX check_failures_at ON check_failures (at)")


def add_failures(db: Database, rules: Iterable[str], at: datetime) -> int:
    """Record one failing check's rules (each rule once); returns how many rows were written."""
    distinct = sorted({rule for rule in rules if rule})
    if not distinct:
        return 0
    stamp = to_db_time(at)
    with write_transaction(db):
        execute_many(
            db, "INSERT INTO check_failures (rule, at) VALUES (?, ?)", [(rule, stamp) for rule in distinct]
        )
        db.execute("DELETE FROM check_failures WHERE at < ?", [to_db_time(at - timedelta(days=KEEP_DAYS))])
    return len(distinct)


def record_failures(db_factory: Callable[[], Database], rules: Iterable[str], at: datetime) -> int:
    """The hook for the claim-check handlers: opens its own connection (the table exists from start-up)."""
    wanted = list(rules)
    if not wanted:
        return 0
    db = db_factory()
    try:
        return add_failures(db, wanted, at)
    finally:
        db.close()


def top_failures(db: Database, start: datetime, end: datetime, limit: int = 5) -> list[tuple[str, int]]:
    """The most frequent failing rules in [start, end), most frequent first."""
    rows = db.execute(
        "SELECT rule, count(*) AS n FROM check_failures WHERE at >= ? AND at < ? "
        "GROUP BY rule ORDER BY n DESC, rule LIMIT ?",
        [to_db_time(start), to_db_time(end), limit],
    ).fetchall()
    return [(str(rule), int(n)) for rule, n in rows]
