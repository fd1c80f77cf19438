"""Turnaround maths in an office's business hours (its working days, open-close, its own IANA time zone).

Each day's window is built from the office's *local* wall-clock times and converted to UTC before any
arithmetic, so a window on a DST-change day still opens at 08:00 local and every hour counted is a real hour.
(Python subtracts aware datetimes that share a tzinfo by wall clock, so all arithmetic here is in UTC.)
Which days are working days is a parameter (`working_day`): Monday to Friday unless the caller passes the
office's calendar (bot.relay.calendar: weekends, public holidays and the days a lead closed), so a question asked
the day before Thanksgiving is not due on Thanksgiving. Nothing here reads the clock: callers pass the moments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SATURDAY = 5
_MAX_DAYS = 366 * 20

WorkingDay = Callable[[date], bool]
"""Whether a local date is a working day (the office opens at all)."""


def weekday(day: date) -> bool:
    """Monday to Friday: the working days when no calendar is given."""
    return day.weekday() < SATURDAY


def opening_hours(open_: time, close: time) -> float:
    """Hours in one business day: what a turnaround given in business days is multiplied by."""
    return (
        datetime.combine(date(2000, 1, 3), close) - datetime.combine(date(2000, 1, 3), open_)
    ) / timedelta(hours=1)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _check_hours(open_: time, close: time) -> None:
    if open_ >= close:
        raise ValueError("opening time must be before closing time (overnight offices are not supported)")


def _window(day: date, zone: ZoneInfo, open_: time, close: time) -> tuple[datetime, datetime]:
    start = datetime.combine(day, open_, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day, close, tzinfo=zone).astimezone(UTC)
    return start, end


def _windows_from(
    day: date, zone: ZoneInfo, open_: time, close: time, working_day: WorkingDay
) -> Iterator[tuple[datetime, datetime]]:
    for offset in range(_MAX_DAYS):
        current = day + timedelta(days=offset)
        if working_day(current):
            yield _window(current, zone, open_, close)


def add_business_hours(
    start: datetime,
    hours: float,
    tz: str,
    open_: time,
    close: time,
    working_day: WorkingDay = weekday,
) -> datetime:
    """The moment (aware, UTC) when `hours` business hours have elapsed after `start`.

    Time outside business hours does not count, so a start on Sunday or at night counts from the next opening;
    a result that lands exactly on closing time stays there rather than moving to the next morning.
    """
    _require_aware(start, "start")
    _check_hours(open_, close)
    if hours < 0:
        raise ValueError("hours must not be negative")
    zone = ZoneInfo(tz)
    cursor = start.astimezone(UTC)
    remaining = timedelta(hours=hours)
    for window_start, window_end in _windows_from(
        cursor.astimezone(zone).date(), zone, open_, close, working_day
    ):
        segment_start = max(cursor, window_start)
        if segment_start >= window_end:
            continue
        available = window_end - segment_start
        if remaining <= available:
            return segment_start + remaining
        remaining -= available
    raise ValueError("hours too large")


def business_hours_between(
    a: datetime,
    b: datetime,
    tz: str,
    open_: time,
    close: time,
    working_day: WorkingDay = weekday,
) -> float:
    """Business hours from `a` to `b` (negative when `b` is earlier): turnaround, lateness."""
    _require_aware(a, "a")
    _require_aware(b, "b")
    _check_hours(open_, close)
    if b < a:
        return -business_hours_between(b, a, tz, open_, close, working_day)
    zone = ZoneInfo(tz)
    first, last = a.astimezone(UTC), b.astimezone(UTC)
    total = timedelta()
    last_day = last.astimezone(zone).date()
    for window_start, window_end in _windows_from(
        first.astimezone(zone).date(), zone, open_, close, working_day
    ):
        if window_start.astimezone(zone).date() > last_day:
            break
        overlap = min(last, window_end) - max(first, window_start)
        if overlap > timedelta():
            total += overlap
    return total / timedelta(hours=1)


def business_days_between(a: datetime, b: datetime, tz: str, working_day: WorkingDay = weekday) -> int:
    """Working days after `a`'s local date up to and including `b`'s (Friday -> Monday is 1)."""
    _require_aware(a, "a")
    _require_aware(b, "b")
    zone = ZoneInfo(tz)
    first, last = a.astimezone(zone).date(), b.astimezone(zone).date()
    if last < first:
        return -business_days_between(b, a, tz, working_day)
    if working_day is weekday:
        weeks, extra = divmod((last - first).days, 7)
        count = weeks * 5
        for offset in range(1, extra + 1):
            if (first + timedelta(days=weeks * 7 + offset)).weekday() < SATURDAY:
                count += 1
        return count
    return sum(working_day(first + timedelta(days=n)) for n in range(1, (last - first).days + 1))


class WorkingDayCount:
    """Working days after many dates up to one `last` date, each calendar day looked at once (a queue of
    thousands of questions asked over two years costs one pass over the two years, not one per question)."""

    def __init__(self, working_day: WorkingDay, last: date) -> None:
        self._working_day = working_day
        self._last = last
        self._after: dict[date, int] = {last: 0}
        self._lowest = last

    def after(self, first: date) -> int:
        """Working days in (first, last]; as business_days_between for local dates."""
        if first > self._last:
            return -sum(
                self._working_day(self._last + timedelta(days=n))
                for n in range(1, (first - self._last).days + 1)
            )
        while self._lowest > first:
            day = self._lowest - timedelta(days=1)
            self._after[day] = self._after[self._lowest] + int(self._working_day(self._lowest))
            self._lowest = day
        return self._after[first]


def is_open(moment: datetime, tz: str, open_: time, close: time, working_day: WorkingDay = weekday) -> bool:
    """Whether the office is within business hours at `moment` (e.g. to hold reminders until morning)."""
    _require_aware(moment, "moment")
    _check_hours(open_, close)
    zone = ZoneInfo(tz)
    local_day = moment.astimezone(zone).date()
    if not working_day(local_day):
        return False
    window_start, window_end = _window(local_day, zone, open_, close)
    return window_start <= moment.astimezone(UTC) < window_end
