"""When each job runs and where it posts (the `job_schedules` table), the team's time zone, and cron maths.

Leads change schedules with `/codedesk schedule ...`; a job without a stored row runs on its default schedule.
Cron expressions are read with standard crontab meaning (weekday 0 or 7 = Sunday, 1-5 = Monday-Friday), although
APScheduler 3 counts weekdays from Monday: numeric weekdays are translated to names before the trigger is built.
As in APScheduler, a day-of-month and a day-of-week restriction must both match (crontab would accept either).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils
from apscheduler.triggers.cron import CronTrigger

from bot.timezones import known_zone
from storage.db import Migration, migrate
from storage.relay_tables import to_db_time

QUEUE_STATUS = "queue_status"
OVERDUE = "overdue"
DIGEST = "digest"
DATA_COVERAGE = "data_coverage"
CODE_CHANGES = "code_changes"

DEFAULT_CRONS: dict[str, str] = {
    QUEUE_STATUS: "0 9,13 * * 1-5",
    OVERDUE: "*/15 * * * *",
    DIGEST: "0 8 * * 1-5",
    DATA_COVERAGE: "30 7 * * *",
    CODE_CHANGES: "15 7 * * *",
}
JOB_NAMES: tuple[str, ...] = tuple(DEFAULT_CRONS)

# A schedule firing more often than this would flood a channel (the overdue ladder needs no more either).
MIN_INTERVAL = timedelta(minutes=5)

_TEAM_TZ_KEY = "team_tz"
_WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_NUMERIC_WEEKDAYS = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?$")
_LOOKBACKS = (
    timedelta(hours=1),
    timedelta(days=1),
    timedelta(days=8),
    timedelta(days=32),
    timedelta(days=367),
    timedelta(days=366 * 5),
)


class ScheduleError(ValueError):
    """A schedule, job name or time zone that cannot be used; the message is written for the lead."""


@dataclass(frozen=True)
class Schedule:
    job: str
    cron: str
    channel: str | None
    enabled: bool
    is_default: bool = False


def _create_tables(db: sqlite_utils.Database) -> None:
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


MIGRATIONS: tuple[Migration, ...] = (_create_tables,)


def migrate_schedules(db: sqlite_utils.Database) -> int:
    return migrate(db, "job_schedules", MIGRATIONS)


# -- the table ----------------------------------------------------------------------------------------------


def require_job(job: str) -> str:
    if job not in DEFAULT_CRONS:
        raise ScheduleError(f"There is no job called {job!r}; the jobs are {', '.join(JOB_NAMES)}.")
    return job


def get_schedule(db: sqlite_utils.Database, job: str) -> Schedule:
    require_job(job)
    row = db.execute("SELECT cron, channel, enabled FROM job_schedules WHERE job = ?", [job]).fetchone()
    if row is None:
        return Schedule(job=job, cron=DEFAULT_CRONS[job], channel=None, enabled=True, is_default=True)
    cron, channel, enabled = row
    return Schedule(job=job, cron=str(cron), channel=channel, enabled=bool(enabled))


def list_schedules(db: sqlite_utils.Database) -> list[Schedule]:
    return [get_schedule(db, job) for job in JOB_NAMES]


def save_schedule(
    db: sqlite_utils.Database,
    job: str,
    *,
    cron: str,
    channel: str | None,
    enabled: bool,
    by: str,
    at: datetime,
) -> Schedule:
    require_job(job)
    db.execute(
        "INSERT INTO job_schedules (job, cron, channel, enabled, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job) DO UPDATE SET cron = excluded.cron, "
        "channel = excluded.channel, enabled = excluded.enabled, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        [job, cron, channel, int(enabled), by, to_db_time(at)],
    )
    return get_schedule(db, job)


def team_tz(db: sqlite_utils.Database, default: str) -> str:
    """The time zone set with `/codedesk timezone`, else `default` (the CODEDESK_TEAM_TZ setting)."""
    row = db.execute("SELECT value FROM job_settings WHERE key = ?", [_TEAM_TZ_KEY]).fetchone()
    return str(row[0]) if row else default


def set_team_tz(db: sqlite_utils.Database, tz: str, *, by: str, at: datetime) -> None:
    require_tz(tz)
    db.execute(
        "INSERT INTO job_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        [_TEAM_TZ_KEY, tz, by, to_db_time(at)],
    )


def require_tz(tz: str) -> ZoneInfo:
    zone = known_zone(tz)
    if zone is None:
        raise ScheduleError(
            f"{tz[:64]!r} is not a time zone I know; use an IANA name such as America/Chicago or Europe/London."
        )
    return zone


# -- cron maths ---------------------------------------------------------------------------------------------


def _standard_weekdays(field: str) -> str:
    """Crontab weekday numbers (0/7 Sunday) -> APScheduler weekday names; names and `*` pass through."""
    items: list[str] = []
    for item in field.split(","):
        match = _NUMERIC_WEEKDAYS.match(item)
        if not match or item == "*":
            items.append(item)
            continue
        span, _, step_text = item.partition("/")
        step = int(step_text) if step_text else 1
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            first, last = (int(part) for part in span.split("-"))
        else:
            first = last = int(span)
        if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last and step >= 1):
            raise ScheduleError(f"Weekday {item!r} is out of range: use 0-7 (0 and 7 are Sunday) or mon-sun.")
        days = sorted({day % 7 for day in range(first, last + 1, step)})
        items.extend(_WEEKDAY_NAMES[day] for day in days)
    return ",".join(items)


def crontab_trigger(expr: str, tz: str) -> CronTrigger:
    """A trigger for a five-field crontab expression in time zone `tz`; ScheduleError when it is not one."""
    zone = require_tz(tz)
    fields = expr.split()
    if len(fields) != 5:
        raise ScheduleError(
            f"{expr!r} is not a cron schedule: give five fields, minute hour day month weekday "
            "(e.g. `0 9,13 * * 1-5` for 09:00 and 13:00 on weekdays)."
        )
    fields[4] = _standard_weekdays(fields[4])
    try:
        return CronTrigger.from_crontab(" ".join(fields), timezone=zone)
    except ValueError as exc:
        raise ScheduleError(f"{expr!r} is not a cron schedule I can read: {exc}.") from None


def _utc(moment: datetime | None) -> datetime | None:
    """Fire times are compared in UTC: Python compares two times of one zone by wall clock, fold ignored."""
    return None if moment is None else moment.astimezone(UTC)


def next_fire_time(trigger: CronTrigger, after: datetime) -> datetime | None:
    """The first fire time strictly after `after` (UTC), counted in real time: safe when clocks fall back."""
    local = after.astimezone(trigger.timezone)  # the trigger's own zone, so its equality test sees the fold
    return _utc(trigger.get_next_fire_time(local, local))


def fire_times(trigger: CronTrigger, after: datetime, count: int) -> list[datetime]:
    """The next `count` fire times (UTC) strictly after `after`."""
    found: list[datetime] = []
    moment = next_fire_time(trigger, after)
    while moment is not None and len(found) < count and (not found or moment > found[-1]):
        found.append(moment)
        moment = next_fire_time(trigger, moment)
    return found


def latest_fire_time(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The last fire time (UTC) at or before `now`: the slot a late or restarted scheduler still owes. None when
    there was none in the last five years."""
    for lookback in _LOOKBACKS:
        moment = _utc(trigger.get_next_fire_time(None, now - lookback))
        if moment is None or moment > now:
            continue
        while True:
            following = next_fire_time(trigger, moment)
            if following is None or following > now or following <= moment:
                return moment
            moment = following
    return None


def check_frequency(trigger: CronTrigger, start: datetime) -> None:
    """Refuse schedules that would fire more often than MIN_INTERVAL (e.g. `* * * * *`)."""
    times = fire_times(trigger, start, 12)
    if not times:
        raise ScheduleError("That schedule never fires.")
    for earlier, later in itertools.pairwise(times):
        if later - earlier < MIN_INTERVAL:
            minutes = int(MIN_INTERVAL.total_seconds() // 60)
            raise ScheduleError(
                f"That schedule fires too often; leave at least {minutes} minutes between runs."
            )
