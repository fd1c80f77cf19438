"""The check-failure recorder the claim-check handlers call: rule ids only, on the table made at start-up (both
backends, tests/backends.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import check_stats
from storage.app_db import AppDatabase

MONDAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def test_record_failures_counts_each_rule_once_per_check(app_db: AppDatabase) -> None:
    factory = app_db.factory()
    assert check_stats.record_failures(factory, [], MONDAY) == 0
    assert check_stats.record_failures(factory, ["header_code", "header_code", "sex_conflict"], MONDAY) == 2
    assert check_stats.record_failures(factory, iter(["header_code"]), MONDAY + timedelta(minutes=1)) == 1
    db = factory()
    try:
        top = check_stats.top_failures(db, MONDAY, MONDAY + timedelta(days=1))
        assert top == [("header_code", 2), ("sex_conflict", 1)]
        assert check_stats.top_failures(db, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)) == []
    finally:
        db.close()


def test_old_rows_are_dropped_as_new_ones_arrive(app_db: AppDatabase) -> None:
    factory = app_db.factory()
    check_stats.record_failures(factory, ["header_code"], MONDAY - timedelta(days=check_stats.KEEP_DAYS + 1))
    check_stats.record_failures(factory, ["age_conflict"], MONDAY)
    db = factory()
    try:
        assert [tuple(row) for row in db.execute("SELECT rule FROM check_failures")] == [("age_conflict",)]
    finally:
        db.close()
