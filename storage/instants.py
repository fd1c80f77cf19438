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
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

import sqlite_utils

from storage.backend import Database
from storage.db import DatabaseProblem
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
    text = str(value).strip()
    if text.isdigit():  # an instant already (an integer a TEXT column kept as text)
        return int(text)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return to_db_time(moment)


def _unreadable(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> DatabaseProblem:
    """Which value stopped the conversion, as one line (the transaction rolls back: nothing is changed)."""
    for column in columns:
        for (value,) in db.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
            try:
                _instant(value)
            except (ValueError, TypeError):
                return DatabaseProblem(
                    f"cannot convert the times of {table}.{column}: {str(value)[:40]!r} is not a time; correct "
                    "or remove that row, then start CodeDesk again (nothing was changed)"
                )
    return DatabaseProblem(f"cannot convert the times of {table} (nothing was changed)")


# The form every version up to 9 wrote through `to_db_time` (fixed-width UTC), converted in SQL; anything else
# (another offset, another precision) goes through Python's ISO parser.
_DIGIT = "[0-9]"
_CANONICAL = (
    f"{_DIGIT * 4}-{_DIGIT * 2}-{_DIGIT * 2}T{_DIGIT * 2}:{_DIGIT * 2}:{_DIGIT * 2}.{_DIGIT * 6}+00:00"
)


def _converted(column: str) -> str:
    return (
        f"CASE WHEN \"{column}\" GLOB '{_CANONICAL}' THEN "
        f"CAST(strftime('%s', substr(\"{column}\", 1, 19)) AS INTEGER) * 1000000 "
        f'+ CAST(substr("{column}", 21, 6) AS INTEGER) ELSE codedesk_instant("{column}") END'
    )


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
    values = ", ".join(_converted(name) if name in columns else f'"{name}"' for name in names)
    db.execute(create)
    try:
        db.execute(f'INSERT INTO "{temporary}" ({targets}) SELECT {values} FROM "{table}"')
    except sqlite3.OperationalError as exc:
        raise _unreadable(db, table, columns) from exc
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for statement in extras:
        db.execute(statement)


def store_times_as_instants(db: sqlite_utils.Database) -> None:
    db.conn.create_function("codedesk_instant", 1, _instant, deterministic=True)
    for table, columns in TIME_COLUMNS.items():
        _retype(db, table, columns)


def create_or_adopt(
    database: Database,
    tables: dict[str, tuple[str, ...]],
    create: Callable[[Database], None],
) -> None:
    """A migration after 10 that makes `tables` (name -> its time columns): `create` them on a database without
    them. A database an interim CodeDesk (one that still migrated each family lazily) already gave them keeps its
    rows: the time columns it wrote as ISO text are converted as migration 10 converts the older tables. Run with
    `rebuilds_tables` (foreign keys off during the rebuild)."""
    db = cast(sqlite_utils.Database, database)  # SQLite's migrations only (storage.pg_schema for PostgreSQL)
    present = [table for table in tables if _has_table(db, table)]
    if not present:
        create(db)
        return
    if len(present) != len(tables):
        missing = ", ".join(sorted(set(tables) - set(present)))
        raise DatabaseProblem(
            f"the database has {', '.join(present)} but not {missing}, which CodeDesk always made together: "
            "restore a backup (nothing was changed)"
        )
    db.conn.create_function("codedesk_instant", 1, _instant, deterministic=True)
    for table, columns in tables.items():
        declared = {
            str(info[1]): str(info[2]).upper() for info in db.execute(f'PRAGMA table_info("{table}")')
        }
        text_columns = tuple(column for column in columns if declared.get(column) == "TEXT")
        if text_columns:
            _retype(db, table, text_columns)


def _has_table(db: sqlite_utils.Database, name: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
    return found is not None
