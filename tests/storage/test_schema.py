"""The one versioned list of migrations: applied once, in order, at start-up; old databases taken over; a
database newer than the code refused (one line, exit 2) and left as it is.

On both backends (tests/backends.py: a new SQLite file, a new PostgreSQL schema), except the take-over of a
database from before the versioned list: such databases are SQLite files (PostgreSQL came after the list).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from bot.cli import main
from storage import schema
from storage.app_db import AppDatabase
from storage.backend import Database, is_postgres
from storage.db import connect

ROOT = Path(__file__).resolve().parents[2]
EVERY_TABLE = {
    "offices",
    "roles",
    "office_members",
    "clarifications",
    "replies",
    "audit",
    "outbox",
    "outbox_pace",
    "outbox_holds",
    "processed_events",
    "usage",
    "usage_hourly",
    "check_failures",
    "job_runs",
    "job_schedules",
    "job_settings",
    "overdue_steps",
    "calendar_regions",
    "calendar_days",
    "code_pins",
    "code_picks",
    "lookups_shown",
    "code_use_daily",
    "coverage_warnings",
    "code_change_notices",
    "seen_signatures",
    "schema_version",
}


def tables(db: Database) -> set[str]:
    if is_postgres(db):
        found = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        return {str(name) for (name,) in found}
    assert isinstance(db, sqlite_utils.Database)
    return set(db.table_names())


def open_new(database: AppDatabase) -> Database:
    """A connection to the empty database (SQLite: the file created now)."""
    return database.connect() if database.is_postgres else connect(database.path)


def test_a_new_database_gets_every_migration_once_in_order(empty_app_db: AppDatabase) -> None:
    db = open_new(empty_app_db)
    assert tables(db) == set()
    applied = schema.migrate(db)
    assert [m.version for m in applied] == list(range(1, schema.CURRENT_VERSION + 1))
    assert tables(db) >= EVERY_TABLE
    assert schema.schema_version(db) == schema.CURRENT_VERSION
    assert schema.migrate(db) == []
    assert schema.pending(db) == []
    rows = db.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert [tuple(row) for row in rows] == [(m.version, m.name) for m in schema.MIGRATIONS]
    db.close()


def _legacy_database(path: Path, steps: list[tuple[str, int]]) -> sqlite_utils.Database:
    """A database as the per-family migrations left it: the tables of `steps` and their `_migrations` rows."""
    db = connect(path)
    db.execute(
        "CREATE TABLE _migrations (family TEXT NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (family, step))"
    )
    for family, step in steps:
        schema.MIGRATIONS[schema.LEGACY_STEPS[(family, step)] - 1].apply(db)
        db.execute("INSERT INTO _migrations (family, step) VALUES (?, ?)", [family, step])
    return db


def test_a_database_from_before_the_versioned_list_is_taken_over_without_reapplying(tmp_path: Path) -> None:
    db = _legacy_database(tmp_path / "old.sqlite", [("usage", 1), ("usage", 2), ("relay", 1), ("outbox", 1)])
    db.execute(
        "INSERT INTO usage (user_id, kind, query, created_at) VALUES ('U1', 'lookup', 'chf', '2026-11-02T09:00:00-06:00')"
    )
    assert schema.schema_version(db) == 4
    applied = schema.migrate(db)  # creating a table twice would fail: only the missing ones run
    assert [m.version for m in applied] == list(range(5, schema.CURRENT_VERSION + 1))
    assert tables(db) >= EVERY_TABLE
    assert db.execute("SELECT count(*) FROM usage").fetchone()[0] == 1
    assert [v for (v,) in db.execute("SELECT version FROM schema_version ORDER BY version")] == list(
        range(1, schema.CURRENT_VERSION + 1)
    )


def _newer(database: AppDatabase) -> int:
    db = open_new(database)
    schema.migrate(db)
    newer = schema.CURRENT_VERSION + 1
    db.execute(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', ?)",
        [newer, 0 if not is_postgres(db) else "1970-01-01T00:00:00+00:00"],
    )
    db.close()
    return newer


def _env(database: AppDatabase) -> dict[str, str]:
    env = {"CODEDESK_DB": str(database.path)}
    if database.server is not None:
        env["CODEDESK_DATABASE_URL"] = database.server.url
    return env


def test_a_newer_schema_is_refused_and_left_unchanged(empty_app_db: AppDatabase) -> None:
    newer = _newer(empty_app_db)
    db = empty_app_db.connect()
    before = tables(db)
    with pytest.raises(schema.SchemaTooNew, match=f"schema version {newer}, newer than this CodeDesk knows"):
        schema.migrate(db)
    assert tables(db) == before
    assert schema.schema_version(db) == newer
    db.close()


def test_codedesk_migrate_says_what_it_applied(
    empty_app_db: AppDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in _env(empty_app_db).items():
        monkeypatch.setenv(name, value)
    where = empty_app_db.describe()
    assert main(["migrate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"applied 1: {schema.MIGRATIONS[0].name}"
    assert len(out) == schema.CURRENT_VERSION + 1
    assert out[-1] == f"{where}: migrated to schema version {schema.CURRENT_VERSION}"
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == f"{where}: already at schema version {schema.CURRENT_VERSION}\n"


def test_codedesk_migrate_refuses_a_newer_schema(
    empty_app_db: AppDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _newer(empty_app_db)
    for name, value in _env(empty_app_db).items():
        monkeypatch.setenv(name, value)
    assert main(["migrate"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith(f"error: the database {empty_app_db.describe()} has schema version")
    if empty_app_db.server is not None:
        assert empty_app_db.server.target.password not in line


def test_serve_refuses_to_start_on_a_newer_schema(empty_app_db: AppDatabase, tmp_path: Path) -> None:
    newer = _newer(empty_app_db)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))}
    env = {
        **base,
        "PYTHONPATH": str(ROOT),
        **_env(empty_app_db),
        "CODEDESK_CODES_DB": str(tmp_path / "codes.sqlite"),
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert f"schema version {newer}, newer than this CodeDesk knows ({schema.CURRENT_VERSION})" in line
    assert not (tmp_path / "codes.sqlite").exists()  # refused before anything else was prepared
