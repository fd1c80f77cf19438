"""Migration 10: every timestamp column from ISO text to an instant (INTEGER microseconds since the Unix epoch,
UTC), so SQL compares and orders moments, not strings: text written with another offset or precision (the usage
table kept `isoformat()` in the writer's zone) sorted wrongly, and nothing in the schema prevented it.

SQLite cannot change a column's type in place, so each table is rebuilt: the new table under a temporary name,
the rows copied with their times converted, the old table dropped, the new one renamed, and the old table's
indexes and triggers made again. `storage.schema` runs this with foreign keys off (as SQLite's documented
procedure for table changes asks) and checks them before committing.
"""

from __future__ import annotations

import re
from datetime import datetime

import sqlite_utils

from storage.relay_tables import to_db_time

TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "offices": ("created_at",),
    "roles": ("granted_at",),
    "office_members": ("added_at",),
    "clarifications": ("due_at", "created_at", "answered_at", "resolved_at"),
    "replies": ("created_at",),
    "audit": ("at",),
    "outbox": (
        "next_attempt_at",
        "created_at",
        "claimed_at",
        "sent_at",
        "retry_from",
        "unsure_since",
        "discarded_at",
    ),
    "outbox_pace": ("next_at",),
    "outbox_holds": ("until",),
    "processed_events": ("at",),
    "usage": ("created_at",),
    "check_failures": ("at",),
    "job_runs": ("started_at",),
    "job_schedules": ("updated_at",),
    "job_settings": ("updated_at",),
    "overdue_steps": ("due_at", "at"),
}


def _instant(value: object) -> int | None:
    """ISO text (any offset, any precision) -> microseconds since the epoch; a naive time is read as UTC (none
    was ever written, but a guess beats refusing an upgrade)."""
    if value is None or isinstance(value, int):
        return value
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return to_db_time(moment)


def _retype(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    if row is None:
        raise RuntimeError(f"migration 10: table {table} is missing")
    create = str(row[0])
    for column in columns:
        create, found = re.subn(rf"\b{column}(\s+)TEXT\b", rf"{column}\1INTEGER", create, count=1)
        if found != 1:
            raise RuntimeError(f"migration 10: {table}.{column} is not a TEXT column")
    temporary = f"{table}__instants"
    create, found = re.subn(rf'^CREATE TABLE\s+"?{table}"?', f'CREATE TABLE "{temporary}"', create.strip())
    if found != 1:
        raise RuntimeError(f"migration 10: cannot read the definition of {table}")
    extras = [
        str(sql)
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            [table],
        )
    ]
    names = [str(info[1]) for info in db.execute(f'PRAGMA table_info("{table}")')]
    targets = ", ".join(f'"{name}"' for name in names)
    values = ", ".join(f'codedesk_instant("{name}")' if name in columns else f'"{name}"' for name in names)
    db.execute(create)
    db.execute(f'INSERT INTO "{temporary}" ({targets}) SELECT {values} FROM "{table}"')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for statement in extras:
        db.execute(statement)


def store_times_as_instants(db: sqlite_utils.Database) -> None:
    db.conn.create_function("codedesk_instant", 1, _instant, deterministic=True)
    for table, columns in TIME_COLUMNS.items():
        _retype(db, table, columns)
