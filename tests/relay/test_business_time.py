"""SLA maths in business hours, across weekends and DST changes in two zones."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.relay.business_time import add_business_hours, business_days_between, business_hours_between, is_open

OPEN, CLOSE = time(8, 0), time(17, 0)
CHICAGO, LONDON = "America/Chicago", "Europe/London"


def local(tz: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tz", "start", "hours", "expected"),
    [
        # Within one day.
        (CHICAGO, local(CHICAGO, 2026, 11, 3, 9, 0), 2, utc(2026, 11, 3, 17, 0)),
        # Friday afternoon over the weekend when DST starts (8 March 2026): 16:00 CST -> Mon 09:00 CDT.
        (CHICAGO, local(CHICAGO, 2026, 3, 6, 16, 0), 2, utc(2026, 3, 9, 14, 0)),
        # Friday afternoon over the weekend when DST ends (1 November 2026): 16:00 CDT -> Mon 09:00 CST.
        (CHICAGO, local(CHICAGO, 2026, 10, 30, 16, 0), 2, utc(2026, 11, 2, 15, 0)),
        # London starts BST on 29 March 2026 and ends it on 25 October 2026.
        (LONDON, local(LONDON, 2026, 3, 27, 16, 0), 2, utc(2026, 3, 30, 8, 0)),
        (LONDON, local(LONDON, 2026, 10, 23, 16, 0), 2, utc(2026, 10, 26, 9, 0)),
        # A start on the Sunday of the change counts from Monday's opening.
        (CHICAGO, local(CHICAGO, 2026, 3, 8, 12, 0), 1, utc(2026, 3, 9, 14, 0)),
        (LONDON, local(LONDON, 2026, 10, 25, 12, 0), 1, utc(2026, 10, 26, 9, 0)),
        # Before opening and after closing.
        (CHICAGO, local(CHICAGO, 2026, 11, 3, 6, 0), 1, utc(2026, 11, 3, 15, 0)),
        (CHICAGO, local(CHICAGO, 2026, 11, 3, 18, 0), 1, utc(2026, 11, 4, 15, 0)),
        # Ending exactly at closing time stays on that day.
        (CHICAGO, local(CHICAGO, 2026, 11, 6, 16, 0), 1, utc(2026, 11, 6, 23, 0)),
        # The default 72-hour SLA from Monday 08:00 is 8 business days: Wednesday of next week at 17:00.
        (CHICAGO, local(CHICAGO, 2026, 11, 2, 8, 0), 72, utc(2026, 11, 11, 23, 0)),
        # Fractions of an hour.
        (LONDON, local(LONDON, 2026, 6, 1, 16, 30), 0.75, utc(2026, 6, 2, 7, 15)),
    ],
)
def test_add_business_hours(tz: str, start: datetime, hours: float, expected: datetime) -> None:
    result = add_business_hours(start, hours, tz, OPEN, CLOSE)
    assert result == expected
    assert result.tzinfo is UTC


def test_72_hours_across_the_autumn_change_is_72_real_hours_of_office_time() -> None:
    start = local(LONDON, 2026, 10, 21, 10, 0)  # Wednesday, BST
    due = add_business_hours(start, 72, LONDON, OPEN, CLOSE)
    assert due.astimezone(ZoneInfo(LONDON)) == local(LONDON, 2026, 11, 2, 10, 0)
    assert business_hours_between(start, due, LONDON, OPEN, CLOSE) == pytest.approx(72)


def test_the_start_may_be_in_any_zone() -> None:
    start = utc(2026, 3, 6, 22, 0)  # Friday 16:00 in Chicago
    assert add_business_hours(start, 2, CHICAGO, OPEN, CLOSE) == utc(2026, 3, 9, 14, 0)


def test_business_hours_between_skips_nights_and_weekends() -> None:
    friday = local(CHICAGO, 2026, 3, 6, 16, 0)
    monday = local(CHICAGO, 2026, 3, 9, 9, 0)
    assert business_hours_between(friday, monday, CHICAGO, OPEN, CLOSE) == pytest.approx(2.0)
    assert business_hours_between(monday, friday, CHICAGO, OPEN, CLOSE) == pytest.approx(-2.0)
    saturday = local(CHICAGO, 2026, 3, 7, 9, 0)
    sunday = local(CHICAGO, 2026, 3, 8, 15, 0)
    assert business_hours_between(saturday, sunday, CHICAGO, OPEN, CLOSE) == 0.0


def test_business_days_between() -> None:
    friday = local(CHICAGO, 2026, 10, 30, 16, 0)
    assert business_days_between(friday, local(CHICAGO, 2026, 11, 2, 9, 0), CHICAGO) == 1
    assert business_days_between(friday, local(CHICAGO, 2026, 11, 6, 9, 0), CHICAGO) == 5
    assert business_days_between(friday, local(CHICAGO, 2026, 11, 9, 9, 0), CHICAGO) == 6
    assert business_days_between(friday, friday, CHICAGO) == 0
    assert business_days_between(local(CHICAGO, 2026, 11, 2, 9, 0), friday, CHICAGO) == -1
    # 04:00 UTC on Saturday is still Friday evening in Chicago.
    assert business_days_between(utc(2026, 10, 31, 4, 0), utc(2026, 11, 2, 15, 0), CHICAGO) == 1


def test_is_open() -> None:
    assert is_open(local(LONDON, 2026, 3, 30, 8, 0), LONDON, OPEN, CLOSE)
    assert not is_open(local(LONDON, 2026, 3, 30, 17, 0), LONDON, OPEN, CLOSE)
    assert not is_open(local(LONDON, 2026, 3, 29, 12, 0), LONDON, OPEN, CLOSE)


def test_naive_times_and_bad_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        add_business_hours(datetime(2026, 1, 5, 9, 0), 1, CHICAGO, OPEN, CLOSE)
    with pytest.raises(ValueError, match="before closing"):
        add_business_hours(utc(2026, 1, 5, 9, 0), 1, CHICAGO, CLOSE, OPEN)
    with pytest.raises(ValueError, match="negative"):
        add_business_hours(utc(2026, 1, 5, 9, 0), -1, CHICAGO, OPEN, CLOSE)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)
    ),
    minutes=st.integers(min_value=0, max_value=200 * 60),
    tz=st.sampled_from([CHICAGO, LONDON, "Asia/Kolkata", "Australia/Sydney"]),
)
def test_adding_then_measuring_gives_back_the_hours(start: datetime, minutes: int, tz: str) -> None:
    due = add_business_hours(start, minutes / 60, tz, OPEN, CLOSE)
    assert due >= start
    assert business_hours_between(start, due, tz, OPEN, CLOSE) == pytest.approx(minutes / 60, abs=1e-6)
    if minutes:
        local_due = due.astimezone(ZoneInfo(tz))
        assert local_due.weekday() < 5
        assert OPEN < local_due.time() <= CLOSE
