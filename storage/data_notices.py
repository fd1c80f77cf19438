"""What the code-data jobs already announced (`bot.jobs.code_data`), so each announcement goes out once.

`coverage_warnings`: one row per code system, end of its loaded data (an ISO date) and warning threshold (30, 7,
1 or 0 days) given; a newer import moves the data end, and the thresholds apply again. `code_change_notices`: one
row per announced trigger ("import:0003:cm:2026-10-01", "period:2026-10-01"). `at` is when it was given, an
instant like every time in this database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from storage import instants
from storage.backend import Database, execute_many
from storage.relay_tables import to_db_time

TIME_COLUMNS: dict[str, tuple[str, ...]] = {"coverage_warnings": ("at",), "code_change_notices": ("at",)}


def _create(db: Database) -> None:
    db.execute(
        "CREATE TABLE coverage_warnings (system TEXT NOT NULL, through TEXT NOT NULL, threshold INTEGER NOT NULL, "
        "at INTEGER NOT NULL, PRIMARY KEY (system, through, threshold)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE code_change_notices (trigger TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID"
    )


def create_tables(db: Database) -> None:
    """Migration 15 (`storage.schema`)."""
    instants.create_or_adopt(db, TIME_COLUMNS, _create)


def coverage_warnings_given(db: Database) -> set[tuple[str, str, int]]:
    """(system, data end as ISO date, threshold) of every warning given."""
    return {
        (str(s), str(t), int(n))
        for s, t, n in db.execute("SELECT system, through, threshold FROM coverage_warnings")
    }


def record_coverage_warnings(
    db: Database, system: str, through: date, thresholds: Iterable[int], at: datetime
) -> None:
    execute_many(
        db,
        "INSERT INTO coverage_warnings (system, through, threshold, at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(system, through.isoformat(), threshold, to_db_time(at)) for threshold in thresholds],
    )


def notices_given(db: Database) -> set[str]:
    return {str(t) for (t,) in db.execute("SELECT trigger FROM code_change_notices")}


def record_notice(db: Database, trigger: str, at: datetime) -> None:
    db.execute("INSERT INTO code_change_notices (trigger, at) VALUES (?, ?)", [trigger, to_db_time(at)])
