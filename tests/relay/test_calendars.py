"""Office and team calendars: public holidays, a lead's closed and opened days, due dates across Thanksgiving,
Christmas and DST changes, and who may change them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.relay.business_time import add_business_hours, business_days_between, business_hours_between, is_open
from bot.relay.service import ClarificationService, NotAuthorized, ValidationFailed
from bot.relay.work_calendar import RegionError, WorkCalendar, parse_region
from storage import audit
from tests.relay.conftest import ADMIN, CODER, LEAD, FakeClock, World, make_draft

OPEN, CLOSE = time(8, 0), time(17, 0)
CHICAGO, LONDON = "America/Chicago", "Europe/London"
US = WorkCalendar(region="US")


def local(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz))


def test_regions_are_checked_against_the_holidays_package() -> None:
    assert parse_region("us") == "US"
    assert parse_region("us-il") == "US-IL"
    assert parse_region("GB_ENG") == "GB-ENG"
    assert parse_region("none") is None
    with pytest.raises(RegionError, match="not a country"):
        parse_region("XX")
    with pytest.raises(RegionError, match="no subdivision `ZZ`"):
        parse_region("US-ZZ")


def test_public_holidays_of_the_region_and_its_state() -> None:
    assert US.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"
    assert US.holiday_name(date(2026, 7, 3)) == "Independence Day (observed)"  # 4 July is a Saturday
    assert US.holiday_name(date(2026, 3, 2)) is None
    assert WorkCalendar(region="US-IL").holiday_name(date(2026, 3, 2)) == "Casimir Pulaski Day"
    assert WorkCalendar(region=None).holiday_name(date(2026, 12, 25)) is None


def test_working_days_weekends_holidays_and_a_leads_changes() -> None:
    calendar = WorkCalendar(
        region="US",
        closed={date(2026, 12, 24): "Christmas Eve"},
        opened={date(2026, 10, 12): "Columbus Day", date(2026, 12, 5): "Saturday clinic"},
    )
    assert not calendar.is_working_day(date(2026, 11, 26))  # Thanksgiving
    assert not calendar.is_working_day(date(2026, 12, 24))  # closed by a lead
    assert calendar.is_working_day(date(2026, 10, 12))  # Columbus Day, but this office works
    assert calendar.is_working_day(date(2026, 12, 5))  # a Saturday a lead opened
    assert not calendar.is_working_day(date(2026, 12, 6))
    # Holidays (for schedules) are not weekends.
    assert calendar.is_holiday(date(2026, 11, 26)) and not calendar.is_holiday(date(2026, 12, 6))
    assert calendar.previous_working_day(date(2026, 11, 27)) == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("tz", "calendar", "start", "hours", "expected"),
    [
        # The day before Thanksgiving, 15:00: 2 hours on Wednesday, then Friday (not Thanksgiving) from 08:00.
        (CHICAGO, US, local(CHICAGO, 2026, 11, 25, 15), 4, local(CHICAGO, 2026, 11, 27, 10)),
        # Without a calendar the same question came due on Thanksgiving: the bug this fixes.
        (
            CHICAGO,
            WorkCalendar(region=None),
            local(CHICAGO, 2026, 11, 25, 15),
            4,
            local(CHICAGO, 2026, 11, 26, 10),
        ),
        # Christmas Eve (Thursday) 15:00: Christmas (Friday) and the weekend are skipped.
        (CHICAGO, US, local(CHICAGO, 2026, 12, 24, 15), 4, local(CHICAGO, 2026, 12, 28, 10)),
        # A lead closed Christmas Eve: from Wednesday 16:00 the next hour is Monday 08:00.
        (
            CHICAGO,
            WorkCalendar(region="US", closed={date(2026, 12, 24): ""}),
            local(CHICAGO, 2026, 12, 23, 16),
            2,
            local(CHICAGO, 2026, 12, 28, 9),
        ),
        # England: Christmas Friday, Boxing Day observed Monday 28th; clocks in GMT.
        (
            LONDON,
            WorkCalendar(region="GB-ENG"),
            local(LONDON, 2026, 12, 24, 16),
            2,
            local(LONDON, 2026, 12, 29, 9),
        ),
        # A DST change and a holiday together: Friday before the end of DST (1 Nov) to Monday, then
        # Veterans Day (Wednesday 11 Nov) skipped within a 3-day SLA (27 business hours).
        (CHICAGO, US, local(CHICAGO, 2026, 10, 30, 16), 2, local(CHICAGO, 2026, 11, 2, 9)),
        (CHICAGO, US, local(CHICAGO, 2026, 11, 9, 8), 27, local(CHICAGO, 2026, 11, 12, 17)),
        # England's Easter (Good Friday 3 April, Easter Monday 6 April) the week after BST begins (29 March).
        (
            LONDON,
            WorkCalendar(region="GB-ENG"),
            local(LONDON, 2026, 4, 2, 16),
            2,
            local(LONDON, 2026, 4, 7, 9),
        ),
    ],
)
def test_due_dates_count_only_open_hours(
    tz: str, calendar: WorkCalendar, start: datetime, hours: float, expected: datetime
) -> None:
    due = add_business_hours(start, hours, tz, OPEN, CLOSE, calendar.is_working_day)
    assert due == expected.astimezone(UTC)
    assert business_hours_between(start, due, tz, OPEN, CLOSE, calendar.is_working_day) == pytest.approx(
        hours
    )


def test_open_and_business_days_follow_the_calendar() -> None:
    thanksgiving_noon = local(CHICAGO, 2026, 11, 26, 12)
    assert is_open(thanksgiving_noon, CHICAGO, OPEN, CLOSE)  # weekdays only: the old behaviour
    assert not is_open(thanksgiving_noon, CHICAGO, OPEN, CLOSE, US.is_working_day)
    wednesday, monday = local(CHICAGO, 2026, 11, 25, 9), local(CHICAGO, 2026, 11, 30, 9)
    assert business_days_between(wednesday, monday, CHICAGO) == 3
    assert business_days_between(wednesday, monday, CHICAGO, US.is_working_day) == 2


def test_the_service_counts_the_office_calendar(
    service: ClarificationService, world: World, relay_clock: FakeClock
) -> None:
    # North Clinic: Chicago 08:00-17:00, 72 business hours. Asked the day before Thanksgiving at 09:00.
    relay_clock.now = local(CHICAGO, 2026, 11, 25, 9)
    first = service.ask(make_draft(world.north.id), CODER, asker_channel="DC", idempotency_key="a")
    # 8 h Wed, (Thu skipped) 9 h each Fri 27, Mon 30 - Fri 4, Mon 7 Dec: 8 + 9 * 7 = 71, then 1 h Tue 8 Dec.
    assert first.due_at == local(CHICAGO, 2026, 12, 8, 9).astimezone(UTC)

    lines = service.change_days(LEAD, world.north.id, [date(2026, 11, 27)], closed=True, note="staff day")
    assert lines == ["2026-11-27 (Fri): North Clinic closed (staff day)"]
    second = service.ask(make_draft(world.north.id), CODER, asker_channel="DC", idempotency_key="b")
    assert second.due_at == local(CHICAGO, 2026, 12, 9, 9).astimezone(UTC)  # one more day
    assert first == service.get(first.id)  # due dates already given are kept

    # Opening a public holiday makes it count; removing a lead's closed day restores the usual calendar.
    opened = service.change_days(LEAD, world.north.id, [date(2026, 11, 26), date(2026, 11, 27)], closed=False)
    assert opened == [
        "2026-11-26 (Thu): North Clinic open although it is Thanksgiving Day",
        "2026-11-27 (Fri): no longer a closed day of North Clinic",
    ]
    third = service.ask(make_draft(world.north.id), CODER, asker_channel="DC", idempotency_key="c")
    assert third.due_at == local(CHICAGO, 2026, 12, 7, 9).astimezone(UTC)

    # South Surgery follows the team's region until it has its own.
    assert service.calendar(world.south.id).region == "US"
    service.set_holiday_region(LEAD, world.south.id, "GB-ENG")
    service.set_holiday_region(ADMIN, None, "none")
    assert (service.calendar(world.south.id).region, service.calendar(None).region) == ("GB-ENG", None)
    assert service.calendar(world.north.id).region is None  # follows the team: no public holidays now
    service.set_holiday_region(LEAD, world.south.id, None)
    assert service.calendar(world.south.id).region is None


def test_only_leads_change_calendars_and_every_change_is_audited(
    service: ClarificationService, world: World, db_factory: object
) -> None:
    with pytest.raises(NotAuthorized):
        service.change_days(CODER, world.north.id, [date(2026, 12, 24)], closed=True)
    with pytest.raises(NotAuthorized):
        service.set_holiday_region(CODER, None, "US-NY")
    with pytest.raises(ValidationFailed):
        service.change_days(LEAD, world.north.id, [], closed=True)
    with pytest.raises(ValidationFailed):
        service.change_days(LEAD, world.north.id, [date(2026, 12, 24)], closed=True, note="x" * 501)
    service.change_days(LEAD, None, [date(2026, 12, 24)], closed=True, note="Christmas Eve")
    assert service.calendar(None).closed == {date(2026, 12, 24): "Christmas Eve"}
    db = db_factory()  # type: ignore[operator]
    try:
        actions = [entry.action for entry in audit.recent(db, limit=10)]
    finally:
        db.close()
    assert actions[:2] == ["calendar_days_closed", "refused"]


def test_the_counter_agrees_with_business_days_between() -> None:
    """Queue ages use WorkingDayCount (one pass over the days); it must count exactly as the plain function."""
    from datetime import timedelta

    from bot.relay.business_time import WorkingDayCount

    calendar = WorkCalendar(region="US", closed={date(2026, 12, 24): ""}, opened={date(2026, 10, 12): ""})
    now = local(CHICAGO, 2027, 1, 4, 10)
    counter = WorkingDayCount(calendar.is_working_day, now.date())
    for offset in range(0, 500, 7):
        asked = now - timedelta(days=offset, hours=3)
        expected = business_days_between(asked, now, CHICAGO, calendar.is_working_day)
        assert counter.after(asked.date()) == expected
    assert counter.after(now.date() + timedelta(days=3)) == business_days_between(
        now + timedelta(days=3), now, CHICAGO, calendar.is_working_day
    )
