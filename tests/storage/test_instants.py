"""Migration 10: timestamps stored as instants. A database from before it (ISO text, some of it written with
another offset) is converted in place: every time column holds integers, moments sort as moments, and the
tables keep their indexes, triggers and foreign keys."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from storage import reports, schema
from storage.db import DatabaseProblem, connect
from storage.instants import TIME_COLUMNS
from storage.relay_tables import from_db_time

BEFORE_INSTANTS = 9


def _database_at_version_9(path: Path) -> sqlite_utils.Database:
    """A database as CodeDesk left it before migration 10: text timestamps."""
    db = connect(path)
    db.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    for migration in schema.MIGRATIONS[:BEFORE_INSTANTS]:
        migration.apply(db)
        db.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, 0)",
            [migration.version, migration.name],
        )
    return db


def _clarification(db: sqlite_utils.Database, id_: int, due_at: str) -> None:
    db.execute(
        "INSERT INTO clarifications (id, office_id, encounter_ref, question, format, indicators, asker_id, "
        "asker_team, asker_channel, due_at, created_at) VALUES (?, 1, 'ENC-1', 'q', 'open_ended', 'i', 'UCODER', "
        "'TCODERS', 'DCODER', ?, '2026-11-02T08:00:00.000000+00:00')",
        [id_, due_at],
    )


@pytest.fixture
def converted(tmp_path: Path) -> sqlite_utils.Database:
    db = _database_at_version_9(tmp_path / "old.sqlite")
    db.execute(
        "INSERT INTO offices (id, name, channel_id, tz, created_at) VALUES (1, 'North', 'C0NORTH', "
        "'America/Chicago', '2026-01-05T09:00:00.000000+00:00')"
    )
    # 16:00 UTC written with Chicago's offset: as text it sorts before 15:30 UTC.
    _clarification(db, 1, "2026-11-02T10:00:00-06:00")
    _clarification(db, 2, "2026-11-02T15:30:00.000000+00:00")
    db.execute(
        "INSERT INTO audit (clarification_id, actor_id, action, detail, at) "
        "VALUES (1, 'UCODER', 'asked', '{}', '2026-11-02T08:00:00.000000+00:00')"
    )
    db.execute(
        "INSERT INTO usage (user_id, kind, query, created_at) VALUES ('U1', 'lookup', 'chf', '2026-11-02T09:00:00-06:00')"
    )
    assert [m.version for m in schema.migrate(db)] == list(range(10, schema.CURRENT_VERSION + 1))
    return db


def test_every_time_column_holds_instants(converted: sqlite_utils.Database) -> None:
    for table, columns in TIME_COLUMNS.items():
        declared = {str(info[1]): str(info[2]) for info in converted.execute(f'PRAGMA table_info("{table}")')}
        for column in columns:
            assert declared[column] == "INTEGER", (table, column)
            kinds = {
                kind for (kind,) in converted.execute(f'SELECT DISTINCT typeof("{column}") FROM "{table}"')
            }
            assert kinds <= {"integer", "null"}, (table, column, kinds)
    [(created_at,)] = converted.execute("SELECT created_at FROM usage").fetchall()
    assert from_db_time(created_at) == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def test_moments_sort_as_moments_not_as_text(converted: sqlite_utils.Database) -> None:
    now = datetime(2026, 11, 3, tzinfo=UTC)
    overdue = reports.most_overdue(converted, now, 10)
    assert [c.id for c in overdue] == [2, 1]  # 15:30 UTC before 16:00 UTC
    assert [c.due_at for c in overdue] == [
        datetime(2026, 11, 2, 15, 30, tzinfo=UTC),  # converted in SQL (the fixed-width UTC form)
        datetime(2026, 11, 2, 16, 0, tzinfo=UTC),  # converted by the ISO parser (another offset)
    ]
    cutoff = datetime(2026, 11, 2, 15, 45, tzinfo=UTC)
    assert [c.id for c in reports.most_overdue(converted, cutoff, 10)] == [2]


def test_the_rebuilt_tables_keep_their_indexes_triggers_and_foreign_keys(
    converted: sqlite_utils.Database,
) -> None:
    names = {
        str(name)
        for (name,) in converted.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")
    }
    assert {"clarifications_open_queue", "outbox_due", "audit_no_update", "clarifications_no_delete"} <= names
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        converted.execute("UPDATE audit SET action = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        converted.execute(
            "INSERT INTO replies (clarification_id, side, author_id, text, created_at) VALUES (99, 'asker', 'U', 't', 0)"
        )
    assert converted.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert schema.migrate(converted) == []


def test_a_value_that_is_not_a_time_stops_the_upgrade_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db = _database_at_version_9(tmp_path / "odd.sqlite")
    db.execute(
        "INSERT INTO offices (id, name, channel_id, tz, created_at) VALUES (1, 'North', 'C0NORTH', "
        "'America/Chicago', '2026-01-05T09:00:00.000000+00:00')"
    )
    _clarification(db, 1, "next Tuesday")
    with pytest.raises(
        DatabaseProblem, match=r"clarifications\.due_at: 'next Tuesday' is not a time"
    ) as raised:
        schema.migrate(db)
    assert "\n" not in str(raised.value)
    assert schema.schema_version(db) == BEFORE_INSTANTS
    declared = {str(info[1]): str(info[2]) for info in db.execute("PRAGMA table_info(clarifications)")}
    assert declared["due_at"] == "TEXT"
