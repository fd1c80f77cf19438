"""The usage table: recent lookups per user, no query text kept for checks (both backends, tests/backends.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from storage.app_db import AppDatabase
from storage.backend import Database
from storage.schema import migrate
from storage.usage import KEEP_PER_USER, UsageRecorder, recent_lookups, record_use

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(app_db: AppDatabase) -> Iterator[Database]:
    database = app_db.connect()
    yield database
    database.close()


def test_migration_is_idempotent(db: Database) -> None:
    assert migrate(db) == []


def test_recent_lookups_newest_first_and_distinct(db: Database) -> None:
    for n, query in enumerate(["chf", "copd", "chf", "sepsis"]):
        record_use(db, "U1", "lookup", query, T0 + timedelta(minutes=n))
    record_use(db, "U2", "lookup", "other user", T0)
    assert [r.query for r in recent_lookups(db, "U1")] == ["sepsis", "chf", "copd"]
    assert recent_lookups(db, "U1", limit=1)[0].at == T0 + timedelta(minutes=3)


def test_checks_keep_no_text(db: Database) -> None:
    record_use(db, "U1", "check", "E11.9 age:67 sex:F", T0)
    assert [tuple(row) for row in db.execute("SELECT kind, query FROM usage").fetchall()] == [("check", None)]
    assert recent_lookups(db, "U1") == []


def test_each_user_keeps_a_bounded_history(db: Database) -> None:
    for n in range(KEEP_PER_USER + 10):
        record_use(db, "U1", "lookup", f"q{n}", T0 + timedelta(seconds=n))
    assert db.execute("SELECT COUNT(*) FROM usage").fetchone()[0] == KEEP_PER_USER


def test_naive_times_are_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        record_use(db, "U1", "lookup", "x", datetime(2025, 1, 1))


def test_recorder_uses_a_fresh_connection_per_call(app_db: AppDatabase) -> None:
    recorder = UsageRecorder(app_db.factory(), lambda: T0)
    recorder.record("U1", "lookup", "pneumonia")
    assert [r.query for r in recorder.recent("U1")] == ["pneumonia"]


def test_counts_keep_every_use_when_rows_are_trimmed(db: Database) -> None:
    from storage.usage import usage_counts

    for n in range(KEEP_PER_USER + 20):
        record_use(db, "U1", "lookup", f"q{n}", T0 + timedelta(minutes=n))
    record_use(db, "U2", "check", None, T0)
    assert db.execute("SELECT count(*) FROM usage").fetchone()[0] == KEEP_PER_USER + 1
    assert usage_counts(db, T0, T0 + timedelta(days=1)) == {"lookup": KEEP_PER_USER + 20, "check": 1}
    assert usage_counts(db, T0 + timedelta(days=1), T0 + timedelta(days=2)) == {}


def test_codes_are_counted_per_day_once_per_use(db: Database) -> None:
    from storage.usage import KEEP_CODE_DAYS, code_use_counts, record_code_uses

    assert record_code_uses(db, ["E11.9", "e119", "I10"], "check", T0) == 2  # one claim counts a code once
    record_code_uses(db, ["E11.9"], "pick", T0 + timedelta(days=1))
    record_code_uses(db, ["E11.9"], "check", T0 - timedelta(days=KEEP_CODE_DAYS + 1))
    assert code_use_counts(db, T0.date(), T0.date()) == {"E119": {"check": 1}, "I10": {"check": 1}}
    assert code_use_counts(db, T0.date(), (T0 + timedelta(days=1)).date())["E119"] == {"check": 1, "pick": 1}
    record_code_uses(db, ["Z00.00"], "check", T0 + timedelta(days=2))  # prunes rows older than the window
    assert (
        code_use_counts(db, T0.date() - timedelta(days=KEEP_CODE_DAYS + 5), T0.date() - timedelta(days=1))
        == {}
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        record_code_uses(db, ["E11.9"], "check", datetime(2025, 3, 3))
