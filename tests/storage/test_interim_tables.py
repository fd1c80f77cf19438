"""Migrations 11-16: the tables a CodeDesk of the time between the per-family migrations and the numbered list made
lazily (calendars, favourites, code use per day, the code-data notices, skip_holidays, the wider outcomes).

A new database gets them from the list with instants for times. A database that CodeDesk left behind (its
`_migrations` rows, ISO-text times) keeps its rows: the list takes over its old steps up to version 9, and
migrations 11-16 find what the lazy steps made, keep it and convert its times, so it ends as a new one does.

A new database: on both backends (tests/backends.py). The interim databases are SQLite files (CodeDesk had no
PostgreSQL backend then), so their take-over is tested on SQLite only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlite_utils

from storage import calendars, data_notices, favourites, instants, job_schedules, schema, usage
from storage.app_db import AppDatabase
from storage.backend import Database, is_postgres
from storage.calendars import DayKind
from storage.db import DatabaseProblem, connect

EVERY_TIME_COLUMN = {
    **instants.TIME_COLUMNS,
    **calendars.TIME_COLUMNS,
    **favourites.TIME_COLUMNS,
    **data_notices.TIME_COLUMNS,
}
WRITTEN = "2026-11-02T15:30:00.000000+00:00"  # the fixed-width UTC text those versions wrote
WRITTEN_AT = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)

# The statements those versions ran lazily (bot/jobs/code_data.py, storage/calendars.py, storage/favourites.py,
# storage/usage.py step 3, bot/jobs/schedules.py step 2 as they were at 807f36d): history, so stated literally.
INTERIM_DDL = (
    "CREATE TABLE calendar_regions (owner TEXT PRIMARY KEY, region TEXT NOT NULL, updated_by TEXT NOT NULL, "
    "updated_at TEXT NOT NULL)",
    "CREATE TABLE calendar_days (owner TEXT NOT NULL, day TEXT NOT NULL CHECK (length(day) = 10), "
    "kind TEXT NOT NULL CHECK (kind IN ('closed', 'open')), note TEXT NOT NULL DEFAULT '', added_by TEXT NOT NULL, "
    "added_at TEXT NOT NULL, PRIMARY KEY (owner, day))",
    "CREATE TABLE code_pins (team_id TEXT NOT NULL, user_id TEXT NOT NULL, code TEXT NOT NULL, "
    "title TEXT NOT NULL DEFAULT '', pinned_at TEXT NOT NULL, PRIMARY KEY (team_id, user_id, code))",
    "CREATE TABLE code_picks (team_id TEXT NOT NULL, query TEXT NOT NULL, code TEXT NOT NULL, "
    "kind TEXT NOT NULL CHECK (kind IN ('pin', 'share', 'check', 'clarify')), n INTEGER NOT NULL DEFAULT 0, "
    "last_at TEXT NOT NULL, PRIMARY KEY (team_id, query, code, kind)) WITHOUT ROWID",
    "CREATE TABLE lookups_shown (id INTEGER PRIMARY KEY, team_id TEXT NOT NULL, user_id TEXT NOT NULL, "
    "query TEXT NOT NULL, codes TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE INDEX lookups_shown_user ON lookups_shown (team_id, user_id, at)",
    "CREATE TABLE code_use_daily (day TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (day, code, kind)) WITHOUT ROWID",
    "CREATE TABLE coverage_warnings (system TEXT NOT NULL, through TEXT NOT NULL, threshold INTEGER NOT NULL, "
    "at TEXT NOT NULL, PRIMARY KEY (system, through, threshold)) WITHOUT ROWID",
    "CREATE TABLE code_change_notices (trigger TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID",
    "ALTER TABLE job_schedules ADD COLUMN skip_holidays INTEGER CHECK (skip_holidays IN (0, 1))",
)
INTERIM_STEPS = (
    ("relay_outcomes", 1),
    ("calendars", 1),
    ("favourites", 1),
    ("usage", 3),
    ("code_data_jobs", 1),
    ("job_schedules", 2),
)


def _interim_database(path: Path) -> sqlite_utils.Database:
    """A database as CodeDesk 807f36d left it: every per-family step done, ISO-text times, rows in the new tables."""
    db = connect(path)
    db.execute(
        "CREATE TABLE _migrations (family TEXT NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (family, step))"
    )
    for (family, step), version in schema.LEGACY_STEPS.items():
        schema.MIGRATIONS[version - 1].apply(db)
        db.execute("INSERT INTO _migrations (family, step) VALUES (?, ?)", [family, step])
    for statement in INTERIM_DDL:
        db.execute(statement)
    from storage.relay_tables import widen_outcomes

    widen_outcomes(db)
    for family, step in INTERIM_STEPS:
        db.execute("INSERT INTO _migrations (family, step) VALUES (?, ?)", [family, step])
    rows = {
        "calendar_regions": ("team", "US", "ULEAD", WRITTEN),
        "calendar_days": ("team", "2026-12-24", "closed", "Christmas Eve", "ULEAD", WRITTEN),
        "code_pins": ("T1", "U1", "E11.9", "Type 2 diabetes", WRITTEN),
        "code_picks": ("T1", "diabetes", "E11.9", "pin", 3, WRITTEN),
        "code_use_daily": ("2026-11-02", "E119", "check", 2),
        "coverage_warnings": ("cm", "2026-09-30", 30, WRITTEN),
        "code_change_notices": ("period:2026-10-01", WRITTEN),
    }
    for table, values in rows.items():
        marks = ", ".join("?" for _ in values)
        db.execute(f"INSERT INTO {table} VALUES ({marks})", list(values))
    db.execute(
        "INSERT INTO lookups_shown (team_id, user_id, query, codes, at) VALUES ('T1', 'U1', 'diabetes', "
        "'[\"E11.9\"]', ?)",
        [WRITTEN],
    )
    db.execute(
        "INSERT INTO job_schedules (job, cron, channel, enabled, updated_by, updated_at, skip_holidays) "
        "VALUES ('digest', '0 7 * * 1-5', 'C0LEADS', 1, 'ULEAD', ?, 0)",
        [WRITTEN],
    )
    return db


def _declared(db: Database, table: str) -> dict[str, str]:
    if is_postgres(db):
        found = db.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ?",
            [table],
        ).fetchall()
        return {str(name): str(kind) for name, kind in found}
    return {str(info[1]): str(info[2]) for info in db.execute(f'PRAGMA table_info("{table}")')}


def _assert_times_are_instants(db: Database) -> None:
    """SQLite: INTEGER columns holding integers (microseconds). PostgreSQL: timestamptz columns."""
    for table, columns in EVERY_TIME_COLUMN.items():
        declared = _declared(db, table)
        for column in columns:
            if is_postgres(db):
                assert declared[column] == "timestamp with time zone", (table, column)
                continue
            assert declared[column] == "INTEGER", (table, column)
            kinds = {kind for (kind,) in db.execute(f'SELECT DISTINCT typeof("{column}") FROM "{table}"')}
            assert kinds <= {"integer", "null"}, (table, column, kinds)


def test_a_new_database_gets_the_new_tables_with_instants(empty_app_db: AppDatabase) -> None:
    db = empty_app_db.connect() if empty_app_db.is_postgres else connect(empty_app_db.path)
    schema.migrate(db)
    _assert_times_are_instants(db)
    assert "skip_holidays" in _declared(db, "job_schedules")
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    favourites.pin(db, "T1", "U1", "E11.9", "Type 2 diabetes", now)
    assert [p.pinned_at for p in favourites.pins_of(db, "T1", "U1")] == [now]
    data_notices.record_notice(db, "period:2026-10-01", now)
    assert data_notices.notices_given(db) == {"period:2026-10-01"}
    data_notices.record_coverage_warnings(db, "cm", date(2026, 9, 30), (30, 7), now)
    assert data_notices.coverage_warnings_given(db) == {("cm", "2026-09-30", 30), ("cm", "2026-09-30", 7)}
    _assert_times_are_instants(db)


def test_an_interim_database_keeps_its_rows_and_its_times_become_instants(tmp_path: Path) -> None:
    db = _interim_database(tmp_path / "interim.sqlite")
    assert schema.schema_version(db) == 9  # the per-family steps after version 9 are not taken over
    applied = schema.migrate(db)
    assert [m.version for m in applied] == list(range(10, schema.CURRENT_VERSION + 1))
    _assert_times_are_instants(db)
    assert [p.pinned_at for p in favourites.pins_of(db, "T1", "U1")] == [WRITTEN_AT]
    assert favourites.picks_for(db, "T1", "diabetes") == {"E11.9": {"pin": 3}}
    [(at,)] = db.execute("SELECT at FROM code_change_notices").fetchall()
    assert at == 1_793_633_400_000_000  # 2026-11-02 15:30 UTC in microseconds
    assert data_notices.coverage_warnings_given(db) == {("cm", "2026-09-30", 30)}
    assert calendars.get_region(db, calendars.TEAM) == "US"
    [day] = calendars.list_days(db, calendars.TEAM)
    assert (day.day, day.kind, day.note) == (date(2026, 12, 24), DayKind.CLOSED, "Christmas Eve")
    assert usage.code_use_counts(db, date(2026, 11, 1), date(2026, 11, 3)) == {"E119": {"check": 2}}
    stored = job_schedules.get_schedule(db, "digest")
    assert stored is not None and stored.skip_holidays is False
    # the outcomes stay widened (once), and the index the lazy step made is still there
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'clarifications'").fetchone()
    assert sql.count("'no_response'") == 1
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'lookups_shown_user'").fetchone()
    assert schema.migrate(db) == []


def test_an_interim_database_missing_one_of_a_pair_stops_in_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    db = _interim_database(tmp_path / "interim.sqlite")
    db.execute("DROP TABLE calendar_days")
    with pytest.raises(DatabaseProblem, match="has calendar_regions but not calendar_days"):
        schema.migrate(db)
    assert schema.schema_version(db) == 11  # 10 and 11 applied, 12 rolled back whole
    assert _declared(db, "calendar_regions")["updated_at"] == "TEXT"
