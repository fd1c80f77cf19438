"""When each job runs and where it posts (stored by `storage.job_schedules`), the team's time zone, cron maths.

Leads change schedules with `/codedesk schedule ...` or the Schedules modal; a job without a stored row runs on
its default schedule. Each schedule says whether it skips the team's holidays (the team calendar: public holidays
of its region and the days a lead closed, not weekends, which the cron already says): on by default for the queue
report and the digest, off for the overdue follow-ups, which follow each office's own calendar instead.
Cron expressions are read with standard crontab meaning (weekday 0 or 7 = Sunday, 1-5 = Monday-Friday), although
APScheduler 3 counts weekdays from Monday: numeric weekdays are translated to names before the trigger is built.
As in APScheduler, a day-of-month and a day-of-week restriction must both match (crontab would accept either).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.relay.work_calendar import WorkCalendar
from bot.timezones import known_zone
from storage import job_schedules
from storage.backend import Database

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
_MAX_SKIPPED = 400

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


DEFAULT_SKIP_HOLIDAYS: dict[str, bool] = {
    QUEUE_STATUS: True,
    OVERDUE: False,
    DIGEST: True,
    DATA_COVERAGE: False,  # a warning that data runs out must not wait for a working day
    CODE_CHANGES: False,  # a quarter starts on 1 January, a public holiday
}


@dataclass(frozen=True)
class Schedule:
    job: str
    cron: str
    channel: str | None
    enabled: bool
    is_default: bool = False
    skip_holidays: bool = True


# -- the table ----------------------------------------------------------------------------------------------


def require_job(job: str) -> str:
    if job not in DEFAULT_CRONS:
        raise ScheduleError(f"There is no job called {job!r}; the jobs are {', '.join(JOB_NAMES)}.")
    return job


def get_schedule(db: Database, job: str) -> Schedule:
    require_job(job)
    stored = job_schedules.get_schedule(db, job)
    if stored is None:
        return Schedule(
            job=job,
            cron=DEFAULT_CRONS[job],
            channel=None,
            enabled=True,
            is_default=True,
            skip_holidays=DEFAULT_SKIP_HOLIDAYS[job],
        )
    return Schedule(
        job=job,
        cron=stored.cron,
        channel=stored.channel,
        enabled=stored.enabled,
        skip_holidays=DEFAULT_SKIP_HOLIDAYS[job] if stored.skip_holidays is None else stored.skip_holidays,
    )


def list_schedules(db: Database) -> list[Schedule]:
    return [get_schedule(db, job) for job in JOB_NAMES]


def save_schedule(
    db: Database,
    job: str,
    *,
    cron: str,
    channel: str | None,
    enabled: bool,
    by: str,
    at: datetime,
    skip_holidays: bool | None = None,
) -> Schedule:
    """Store the job's schedule; `skip_holidays` None keeps what the job had."""
    require_job(job)
    skip = get_schedule(db, job).skip_holidays if skip_holidays is None else skip_holidays
    job_schedules.save_schedule(
        db, job, cron=cron, channel=channel, enabled=enabled, skip_holidays=skip, by=by, at=at
    )
    return get_schedule(db, job)


def team_tz(db: Database, default: str) -> str:
    """The time zone set with `/codedesk timezone`, else `default` (the CODEDESK_TEAM_TZ setting)."""
    return job_schedules.get_setting(db, _TEAM_TZ_KEY) or default


def team_zone(db: Database, default: str) -> ZoneInfo:
    """The team's time zone (`team_tz`) as a zone: what its dates mean (a claim's default date of service, an
    export's from/to days)."""
    return known_zone(team_tz(db, default)) or ZoneInfo(default)


def team_today(db: Database, default: str, now: datetime) -> date:
    """The team's date at `now`, in its time zone (`team_tz`): a claim's default date of service, in Slack and on
    the command line alike (on the evening of 30 September the UTC date is already the next fiscal year)."""
    return now.astimezone(team_zone(db, default)).date()


def set_team_tz(db: Database, tz: str, *, by: str, at: datetime) -> None:
    require_tz(tz)
    job_schedules.set_setting(db, _TEAM_TZ_KEY, tz, by=by, at=at)


def require_tz(tz: str) -> ZoneInfo:
    zone = known_zone(tz)
    if zone is None:
        raise ScheduleError(
            f"{tz[:64]!r} is not a time zone I know; use an IANA name such as America/Chicago or Europe/London."
        )
    return zone


# -- days and a time, for the Schedules modal --------------------------------------------------------------

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
_SIMPLE_CRON = re.compile(r"^(\d{1,2}) (\d{1,2}) \* \* (\S+)$")


def days_and_time(cron: str) -> tuple[tuple[int, ...], time] | None:
    """`M H * * DAYS` as (weekdays, Monday = 0, and the time); None when the schedule is more than one time on
    some days (such schedules stay as cron in the modal)."""
    match = _SIMPLE_CRON.match(" ".join(cron.split()))
    if not match:
        return None
    minute, hour = int(match.group(1)), int(match.group(2))
    if minute > 59 or hour > 23:
        return None
    try:
        names = _standard_weekdays(match.group(3)).split(",")
    except ScheduleError:
        return None
    if names == ["*"]:
        return tuple(range(7)), time(hour, minute)
    days: set[int] = set()
    for name in names:
        first, _, last = name.partition("-")
        if first not in WEEKDAY_NAMES or (last and last not in WEEKDAY_NAMES):
            return None
        start, end = WEEKDAY_NAMES.index(first), WEEKDAY_NAMES.index(last or first)
        days.update(range(start, end + 1))
    return tuple(sorted(days)), time(hour, minute)


def cron_for(days: Collection[int], at: time) -> str:
    """The crontab expression for `days` (Monday = 0) at `at`; ScheduleError without a day."""
    if not days:
        raise ScheduleError("Tick at least one day.")
    crontab_days = sorted((day + 1) % 7 for day in set(days))  # crontab counts Sunday as 0
    return f"{at.minute} {at.hour} * * {','.join(str(day) for day in crontab_days)}"


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


def fire_times(
    trigger: CronTrigger,
    after: datetime,
    count: int,
    skipped: Callable[[datetime], bool] | None = None,
) -> list[datetime]:
    """The next `count` fire times (UTC) strictly after `after`, leaving out those `skipped` says (holidays),
    looking at most a few hundred fire times ahead."""
    found: list[datetime] = []
    moment = next_fire_time(trigger, after)
    for _ in range(count + _MAX_SKIPPED):
        if moment is None or len(found) >= count or (found and moment <= found[-1]):
            break
        if skipped is None or not skipped(moment):
            found.append(moment)
        moment = next_fire_time(trigger, moment)
    return found


def holiday_skipper(schedule: Schedule, calendar: WorkCalendar, tz: str) -> Callable[[datetime], bool] | None:
    """For a schedule that skips the team's holidays: whether a fire time falls on one (in the team's zone)."""
    if not schedule.skip_holidays:
        return None
    zone = ZoneInfo(tz)

    def skipped(moment: datetime) -> bool:
        return calendar.is_holiday(moment.astimezone(zone).date())

    return skipped


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
