"""The `job_schedules` and `job_settings` tables: when each job runs, where it posts, and team-wide settings
(the team time zone). The defaults and the checks on what is stored live in `bot.jobs.schedules`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.backend import Database
from storage.relay_tables import to_db_time


@dataclass(frozen=True)
class StoredSchedule:
    cron: str
    channel: str | None
    enabled: bool
    skip_holidays: bool | None  # None: the job's default (rows saved before migration 16 keep it)


def create_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE job_schedules (
            job TEXT PRIMARY KEY,
            cron TEXT NOT NULL,
            channel TEXT,
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE TABLE job_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
        "updated_by TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


def add_skip_holidays(db: Database) -> None:
    """Migration 16: whether a job skips the team's holidays. NULL is the job's default, so rows saved before
    this column keep the default. A database an interim CodeDesk already gave the column keeps it as it is."""
    columns = {str(info[1]) for info in db.execute("PRAGMA table_info(job_schedules)")}
    if "skip_holidays" not in columns:
        db.execute(
            "ALTER TABLE job_schedules ADD COLUMN skip_holidays INTEGER CHECK (skip_holidays IN (0, 1))"
        )


def get_schedule(db: Database, job: str) -> StoredSchedule | None:
    row = db.execute(
        "SELECT cron, channel, enabled, skip_holidays FROM job_schedules WHERE job = ?", [job]
    ).fetchone()
    if row is None:
        return None
    cron, channel, enabled, skip = row
    return StoredSchedule(
        cron=str(cron),
        channel=channel,
        enabled=bool(enabled),
        skip_holidays=None if skip is None else bool(skip),
    )


def save_schedule(
    db: Database,
    job: str,
    *,
    cron: str,
    channel: str | None,
    enabled: bool,
    skip_holidays: bool,
    by: str,
    at: datetime,
) -> None:
    db.execute(
        "INSERT INTO job_schedules (job, cron, channel, enabled, updated_by, updated_at, skip_holidays) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job) DO UPDATE SET cron = excluded.cron, "
        "channel = excluded.channel, enabled = excluded.enabled, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at, skip_holidays = excluded.skip_holidays",
        [job, cron, channel, int(enabled), by, to_db_time(at), int(skip_holidays)],
    )


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM job_settings WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_setting(db: Database, key: str, value: str, *, by: str, at: datetime) -> None:
    db.execute(
        "INSERT INTO job_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        [key, value, by, to_db_time(at)],
    )
