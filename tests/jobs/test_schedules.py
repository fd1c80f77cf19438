"""Schedules as maths: fire times from the cron triggers, across weekends and DST in two time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.jobs import schedules
from bot.jobs.schedules import DEFAULT_CRONS, DIGEST, OVERDUE, QUEUE_STATUS, ScheduleError, crontab_trigger
from storage.db import write_transaction
from tests.jobs.conftest import CHICAGO, LONDON, TEAM_TZ, JobsDeps


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def fires(expr: str, tz: str, start: datetime, count: int) -> list[datetime]:
    trigger = crontab_trigger(expr, tz)
    found: list[datetime] = []
    moment = trigger.get_next_fire_time(None, start)
    while len(found) < count:
        found.append(moment.astimezone(UTC))
        moment = trigger.get_next_fire_time(moment, moment)
    return found


def test_queue_status_skips_the_weekend_and_keeps_local_time_when_chicago_springs_forward() -> None:
    # Friday 6 March 2026 noon CST; clocks go forward on Sunday 8 March.
    start = datetime(2026, 3, 6, 12, 0, tzinfo=ZoneInfo(CHICAGO))
    assert fires(DEFAULT_CRONS[QUEUE_STATUS], CHICAGO, start, 3) == [
        utc(2026, 3, 6, 19, 0),  # Fri 13:00 CST (UTC-6)
        utc(2026, 3, 9, 14, 0),  # Mon 09:00 CDT (UTC-5)
        utc(2026, 3, 9, 18, 0),  # Mon 13:00 CDT
    ]


def test_queue_status_keeps_local_time_when_london_falls_back() -> None:
    # Friday 23 October 2026 10:00 BST; clocks go back on Sunday 25 October.
    start = datetime(2026, 10, 23, 10, 0, tzinfo=ZoneInfo(LONDON))
    assert fires(DEFAULT_CRONS[QUEUE_STATUS], LONDON, start, 3) == [
        utc(2026, 10, 23, 12, 0),  # Fri 13:00 BST (UTC+1)
        utc(2026, 10, 26, 9, 0),  # Mon 09:00 GMT
        utc(2026, 10, 26, 13, 0),  # Mon 13:00 GMT
    ]


@pytest.mark.parametrize(
    ("tz", "start", "expected"),
    [
        # London springs forward on Sunday 29 March 2026.
        (LONDON, utc(2026, 3, 27, 0, 0), [utc(2026, 3, 27, 8, 0), utc(2026, 3, 30, 7, 0)]),
        # Chicago falls back on Sunday 1 November 2026.
        (CHICAGO, utc(2026, 10, 30, 0, 0), [utc(2026, 10, 30, 13, 0), utc(2026, 11, 2, 14, 0)]),
    ],
)
def test_digest_runs_at_eight_local_on_weekdays_either_side_of_dst(
    tz: str, start: datetime, expected: list[datetime]
) -> None:
    assert fires(DEFAULT_CRONS[DIGEST], tz, start, 2) == expected


@pytest.mark.parametrize(
    ("tz", "start"),
    [
        (CHICAGO, utc(2026, 11, 1, 5, 30)),  # the 01:00-02:00 hour happens twice
        (CHICAGO, utc(2026, 3, 8, 7, 30)),  # 02:00-03:00 does not happen
        (LONDON, utc(2026, 10, 25, 0, 0)),
        (LONDON, utc(2026, 3, 29, 0, 30)),
    ],
)
def test_overdue_runs_every_fifteen_real_minutes_through_dst_changes(tz: str, start: datetime) -> None:
    times = fires(DEFAULT_CRONS[OVERDUE], tz, start, 16)
    assert all(later - earlier == timedelta(minutes=15) for earlier, later in pairwise(times))


@pytest.mark.parametrize(
    ("weekday", "expected_day"),
    [
        ("1", "Monday"),
        ("0", "Sunday"),
        ("7", "Sunday"),
        ("5", "Friday"),
        ("mon", "Monday"),
        ("sat", "Saturday"),
    ],
)
def test_weekday_numbers_mean_what_crontab_means(weekday: str, expected_day: str) -> None:
    # APScheduler 3 alone would read 1 as Tuesday.
    [first] = fires(f"0 9 * * {weekday}", CHICAGO, utc(2026, 11, 1, 0, 0), 1)
    assert first.astimezone(ZoneInfo(CHICAGO)).strftime("%A") == expected_day


def test_weekday_ranges_and_steps_are_translated() -> None:
    days = {
        moment.astimezone(ZoneInfo(CHICAGO)).strftime("%a")
        for moment in fires("0 9 * * 1-5", CHICAGO, utc(2026, 11, 1), 10)
    }
    assert days == {"Mon", "Tue", "Wed", "Thu", "Fri"}
    stepped = {
        moment.astimezone(ZoneInfo(CHICAGO)).strftime("%a")
        for moment in fires("0 9 * * */2", CHICAGO, utc(2026, 11, 1), 8)
    }
    assert stepped == {"Sun", "Tue", "Thu", "Sat"}


def test_latest_fire_time_is_the_slot_a_late_scheduler_still_owes() -> None:
    queue = crontab_trigger(DEFAULT_CRONS[QUEUE_STATUS], CHICAGO)
    monday_0830 = datetime(2026, 11, 2, 8, 30, tzinfo=ZoneInfo(CHICAGO))
    assert schedules.latest_fire_time(queue, monday_0830) == datetime(
        2026, 10, 30, 13, 0, tzinfo=ZoneInfo(CHICAGO)
    )
    monday_0900 = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo(CHICAGO))
    assert schedules.latest_fire_time(queue, monday_0900) == monday_0900
    overdue = crontab_trigger(DEFAULT_CRONS[OVERDUE], CHICAGO)
    # 07:20 UTC on 1 Nov is 01:20 CST, the second time 01:20 happens that night.
    assert schedules.latest_fire_time(overdue, utc(2026, 11, 1, 7, 20)) == utc(2026, 11, 1, 7, 15)
    assert schedules.latest_fire_time(overdue, utc(2026, 11, 1, 7, 50)) == utc(2026, 11, 1, 7, 45)
    assert schedules.latest_fire_time(overdue, utc(2026, 3, 8, 8, 5)) == utc(2026, 3, 8, 8, 0)  # 03:05 CDT
    yearly = crontab_trigger("0 9 1 1 *", CHICAGO)
    assert schedules.latest_fire_time(yearly, utc(2026, 11, 2)) == datetime(
        2026, 1, 1, 9, tzinfo=ZoneInfo(CHICAGO)
    )


@pytest.mark.parametrize(
    ("expr", "fragment"),
    [
        ("0 9 * *", "five fields"),
        ("0 25 * * *", "higher than the maximum"),
        ("0 9 * * 8", "out of range"),
        ("nonsense", "five fields"),
    ],
)
def test_bad_cron_expressions_are_explained(expr: str, fragment: str) -> None:
    with pytest.raises(ScheduleError, match=fragment):
        crontab_trigger(expr, CHICAGO)


def test_schedules_that_fire_too_often_are_refused() -> None:
    start = utc(2026, 11, 2, 12)
    for expr in ("* * * * *", "0-10 9 * * *", "*/2 * * * *"):
        with pytest.raises(ScheduleError, match="too often"):
            schedules.check_frequency(crontab_trigger(expr, CHICAGO), start)
    schedules.check_frequency(crontab_trigger(DEFAULT_CRONS[OVERDUE], CHICAGO), start)
    schedules.check_frequency(crontab_trigger(DEFAULT_CRONS[OVERDUE], CHICAGO), utc(2026, 11, 1, 5, 50))


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ScheduleError, match="IANA"):
        crontab_trigger("0 9 * * *", "Mars/Olympus")


def test_schedules_table_defaults_then_stored_values(deps: JobsDeps) -> None:
    db = deps.db_factory()
    try:
        assert [s.cron for s in schedules.list_schedules(db)] == list(DEFAULT_CRONS.values())
        assert all(s.is_default and s.enabled and s.channel is None for s in schedules.list_schedules(db))
        assert schedules.team_tz(db, TEAM_TZ) == TEAM_TZ
        with write_transaction(db):
            schedules.save_schedule(
                db,
                DIGEST,
                cron="30 7 * * 1-5",
                channel="C0LEADS",
                enabled=False,
                by="ULEAD",
                at=utc(2026, 11, 2),
            )
            schedules.set_team_tz(db, LONDON, by="ULEAD", at=utc(2026, 11, 2))
        digest = schedules.get_schedule(db, DIGEST)
        assert (digest.cron, digest.channel, digest.enabled, digest.is_default) == (
            "30 7 * * 1-5",
            "C0LEADS",
            False,
            False,
        )
        assert schedules.team_tz(db, TEAM_TZ) == LONDON
        with pytest.raises(ScheduleError, match="no job called"):
            schedules.get_schedule(db, "backup")
    finally:
        db.close()
