"""Every table of the app database, as one numbered list of migrations applied once at start-up.

`migrate(db)` applies the migrations not yet applied, each in its own write transaction together with its row in
`schema_version`, so a crash mid-way leaves the database at a whole step and a second process starting at the
same time applies nothing twice. `codedesk serve`, the console and the CLI commands that use the app database call
it once when they start (`codedesk migrate` runs it explicitly and says what it did); nothing on a request path
creates or changes a table. A database changed by a newer CodeDesk (a version this list does not know) is refused
with SchemaTooNew: running older code over a newer schema could write rows the newer code misreads.

Databases made before this list existed recorded their steps per family in `_migrations`; those steps are taken
over as the versions they became (LEGACY_STEPS), so nothing is applied twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import sqlite_utils

from storage import (
    calendars,
    check_stats,
    data_notices,
    favourites,
    instants,
    job_runs,
    job_schedules,
    outbox,
    overdue_steps,
    relay_tables,
    reports,
    usage,
)
from storage.backend import Database, PgDatabase, PgServer, is_postgres
from storage.db import DatabaseProblem, connect, open_for_writing, write_transaction
from storage.pg_schema import SCHEMA_VERSION_TABLE, STEPS


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]  # SQLite's SQL; PostgreSQL's is storage.pg_schema.STEPS
    # Run with foreign keys off and checked before commit (SQLite's steps for changing a table).
    rebuilds_tables: bool = False

    def apply_to(self, db: Database) -> None:
        if is_postgres(db):
            for statement in STEPS[self.version]:
                db.execute(statement)
        else:
            self.apply(cast(sqlite_utils.Database, db))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "relay tables (offices, roles, clarifications, replies, audit, outbox)", relay_tables.create_tables
    ),
    Migration(2, "outbox delivery state (channel heads, pacing, holds)", outbox.add_delivery_state),
    Migration(3, "usage (recent lookups)", usage.create_usage),
    Migration(4, "usage hourly counts", usage.create_hourly_counts),
    Migration(5, "check failures", check_stats.create_tables),
    Migration(6, "job runs", job_runs.create_tables),
    Migration(7, "job schedules and settings", job_schedules.create_tables),
    Migration(8, "overdue ladder steps", overdue_steps.create_tables),
    Migration(9, "report indexes", reports.create_indexes),
    Migration(
        10, "timestamps as instants (integer microseconds, UTC)", instants.store_times_as_instants, True
    ),
    Migration(
        11, "clarification outcomes: disagreed, undetermined, no response", relay_tables.widen_outcomes
    ),
    Migration(12, "calendars (holiday regions, closed and open days)", calendars.create_tables, True),
    Migration(13, "favourites (pins, team picks, lookups shown)", favourites.create_tables, True),
    Migration(14, "code use per day (code-set update notices)", usage.create_code_counts),
    Migration(
        15, "code data notices given (coverage warnings, code changes)", data_notices.create_tables, True
    ),
    Migration(16, "job schedules: skip holidays", job_schedules.add_skip_holidays),
)
CURRENT_VERSION = MIGRATIONS[-1].version
assert [m.version for m in MIGRATIONS] == list(range(1, CURRENT_VERSION + 1))
assert sorted(STEPS) == [m.version for m in MIGRATIONS]
# Every migration on PostgreSQL holds this transaction-level advisory lock: two instances starting together
# apply each step once.
_PG_MIGRATION_LOCK = 0x636F6465  # "code"

# (family, step) in the old per-family `_migrations` table -> the version it is here. Steps an interim CodeDesk
# added per family after this list began (relay_outcomes, calendars, favourites, usage 3, code_data_jobs,
# job_schedules 2) are not taken over: migrations 11-16 find what those steps made, keep it and convert its
# ISO-text times to instants, so such a database ends the same as a new one.
LEGACY_STEPS: dict[tuple[str, int], int] = {
    ("relay", 1): 1,
    ("outbox", 1): 2,
    ("usage", 1): 3,
    ("usage", 2): 4,
    ("check_stats", 1): 5,
    ("job_runs", 1): 6,
    ("job_schedules", 1): 7,
    ("overdue_steps", 1): 8,
    ("job_read_indexes", 1): 9,
}


HEALTH_PROBE = "SELECT count(*) FROM schema_version"  # /healthz: the app database still answers


class SchemaTooNew(DatabaseProblem):
    """The database was migrated by a newer CodeDesk than this one."""


def has_table(db: Database, name: str) -> bool:
    if is_postgres(db):
        sql = (
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        )
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return db.execute(sql, [name]).fetchone() is not None


_has_table = has_table


def _where(db: Database) -> str:
    if is_postgres(db):
        return f"PostgreSQL {cast(PgDatabase, db).server.where}"
    for _, name, file in db.execute("PRAGMA database_list").fetchall():  # SQLite
        if name == "main":
            return str(file) or ":memory:"
    return "(the database)"  # pragma: no cover - SQLite always lists main


def applied_versions(db: Database) -> set[int]:
    """The versions recorded in the database (read without the write lock)."""
    if _has_table(db, "schema_version"):
        return {int(version) for (version,) in db.execute("SELECT version FROM schema_version")}
    if _has_table(db, "_migrations"):
        return {
            LEGACY_STEPS[(str(family), int(step))]
            for family, step in db.execute("SELECT family, step FROM _migrations")
            if (str(family), int(step)) in LEGACY_STEPS
        }
    return set()


def schema_version(db: Database) -> int:
    """The highest version applied (0 for a new database)."""
    return max(applied_versions(db), default=0)


def check_not_newer(db: Database) -> None:
    """SchemaTooNew when the database holds a version this CodeDesk does not know."""
    found = schema_version(db)
    if found > CURRENT_VERSION:
        raise SchemaTooNew(
            f"the database {_where(db)} has schema version {found}, newer than this CodeDesk knows "
            f"({CURRENT_VERSION}): it was upgraded by a newer CodeDesk; run that version, or restore a backup "
            "made before the upgrade"
        )


def pending(db: Database) -> list[Migration]:
    """The migrations not yet applied, in order."""
    check_not_newer(db)
    done = applied_versions(db)
    return [m for m in MIGRATIONS if m.version not in done]


def _create_version_table(db: Database) -> None:
    """`schema_version`, taking over what an old `_migrations` table recorded."""
    with write_transaction(db):
        if is_postgres(db):
            db.execute(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            db.execute(SCHEMA_VERSION_TABLE)
            return
        if _has_table(db, "schema_version"):
            return
        adopted = applied_versions(db)  # from `_migrations`, if there is one
        db.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at INTEGER NOT NULL)"
        )
        now = relay_tables.to_db_time(datetime.now(UTC))
        for migration in MIGRATIONS:
            if migration.version in adopted:
                db.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, now],
                )


def migrate(db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> list[Migration]:
    """Apply every migration not yet applied; returns those applied (empty when the database is current).
    SchemaTooNew (before anything is changed) when the database is newer than this code."""
    check_not_newer(db)
    _create_version_table(db)
    applied: list[Migration] = []
    sqlite_rebuilds = not is_postgres(db)
    for migration in MIGRATIONS:
        if migration.rebuilds_tables and sqlite_rebuilds:
            db.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
        try:
            if _apply(db, migration, clock):
                applied.append(migration)
        finally:
            if migration.rebuilds_tables and sqlite_rebuilds:
                db.execute("PRAGMA foreign_keys = ON")
    return applied


def _apply(db: Database, migration: Migration, clock: Callable[[], datetime]) -> bool:
    """Apply one migration with its `schema_version` row, in one transaction; False when already applied."""
    with write_transaction(db):
        if is_postgres(db):
            db.execute(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        done = db.execute("SELECT 1 FROM schema_version WHERE version = ?", [migration.version]).fetchone()
        if done:
            return False
        migration.apply_to(db)
        if migration.rebuilds_tables and not is_postgres(db):
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseProblem(
                    f"migration {migration.version} ({migration.name}) would leave {len(broken)} rows pointing at "
                    f"rows that do not exist in {_where(db)}; nothing was changed"
                )
        db.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            [migration.version, migration.name, relay_tables.to_db_time(clock())],
        )
    return True


def migrate_file(path: Path, what: str = "database") -> list[Migration]:
    """Start-up: create the database file if missing, check it can be written, apply what is pending.
    DatabaseProblem (one line naming the path) when the file cannot be used or is newer than this code."""
    open_for_writing(path, what)
    db = connect(path, what=what)
    try:
        return migrate(db)
    finally:
        db.close()


def migrate_server(server: PgServer) -> list[Migration]:
    """Start-up on PostgreSQL: reach the server (DatabaseUnavailable naming host and port otherwise) and apply
    what is pending (SchemaTooNew when the database is newer than this code)."""
    server.check()
    db = server.connect()
    try:
        return migrate(db)
    finally:
        db.close()
