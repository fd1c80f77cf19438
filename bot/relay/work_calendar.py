"""Working days: weekends, a region's public holidays (the `holidays` package) and the days a lead changed.

Two calendars matter. An office's decides due dates, reminders and escalation (`bot.relay.business_time` takes
`calendar.is_working_day`); the team's decides which days scheduled posts skip and which day the digest reports
on. The region is the owner's own (`/codedesk office edit "Main St" holidays:US-IL`) or, for an office without
one, the team's, which is `US` until a lead changes it. A lead's `closed` days (Christmas Eve, a staff day) and
`open` days (the office works on Columbus Day) override the public holidays.
The `holidays` package is imported on first use (it takes a fifth of a second), and each region's year is built
once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from storage import calendars
from storage.backend import Database
from storage.calendars import DayKind

DEFAULT_REGION = "US"
SATURDAY = 5
MAX_LISTED_DAYS = 400


class RegionError(ValueError):
    """A public-holiday region the `holidays` package does not know; the message is written for the lead."""


def _holidays_module() -> Any:
    import holidays

    return holidays


@functools.cache
def _supported() -> Mapping[str, tuple[str, ...]]:
    countries: Mapping[str, list[str]] = _holidays_module().list_supported_countries()
    return {country: tuple(subdivisions) for country, subdivisions in countries.items()}


def parse_region(text: str) -> str | None:
    """`US`, `us-il`, `GB-ENG` -> the canonical code; `none` -> None (no public holidays). RegionError otherwise."""
    raw = text.strip().upper().replace("_", "-")
    if raw in ("NONE", "OFF", "NO"):
        return None
    country, _, subdivision = raw.partition("-")
    supported = _supported()
    if country not in supported:
        raise RegionError(
            f"`{text.strip()[:20]}` is not a country I have public holidays for: use a two-letter code such as "
            "US, CA or GB, optionally with a state or province (US-IL), or `none`."
        )
    if subdivision:
        if subdivision not in supported[country]:
            shown = ", ".join(supported[country][:12]) or "none"
            raise RegionError(
                f"{country} has no subdivision `{subdivision[:10]}`; some it has: {shown}"
                + ("…" if len(supported[country]) > 12 else "")
                + "."
            )
        return f"{country}-{subdivision}"
    return country


@functools.lru_cache(maxsize=256)
def public_holidays(region: str, year: int) -> Mapping[date, str]:
    """The region's public holidays of one year (observed days included), name by date."""
    country, _, subdivision = region.partition("-")
    found = _holidays_module().country_holidays(country, subdiv=subdivision or None, years=year)
    return {day: str(name) for day, name in sorted(found.items())}


def preload(region: str = DEFAULT_REGION, year: int | None = None) -> None:
    """Import the holidays package and build a year of `region` now (about 0.2 s, once per process), so the
    first question a server takes does not pay for it: servers call this at start-up."""
    public_holidays(region, year or date.today().year)


@dataclass(frozen=True)
class WorkCalendar:
    """One owner's calendar. `region` None: no public holidays."""

    region: str | None = DEFAULT_REGION
    closed: Mapping[date, str] = field(default_factory=dict)  # day -> note
    opened: Mapping[date, str] = field(default_factory=dict)

    def holiday_name(self, day: date) -> str | None:
        if self.region is None:
            return None
        return public_holidays(self.region, day.year).get(day)

    def is_holiday(self, day: date) -> bool:
        """Closed although it may be a weekday: a public holiday not opened, or a day a lead closed."""
        if day in self.closed:
            return True
        if day in self.opened:
            return False
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        """What due dates count: weekdays that are not holidays, and any day a lead opened."""
        if day in self.closed:
            return False
        if day in self.opened:
            return True
        return day.weekday() < SATURDAY and self.holiday_name(day) is None

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day` (within a year; else the day before)."""
        candidate = day - timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        return day - timedelta(days=1)

    def days_off(self, start: date, end: date) -> list[tuple[date, str]]:
        """Holidays in [start, end] with what they are, and the public holidays a lead opened, for listings."""
        found: list[tuple[date, str]] = []
        day = start
        for _ in range(MAX_LISTED_DAYS):
            if day > end:
                break
            name = self.holiday_name(day)
            if day in self.closed:
                note = self.closed[day]
                found.append((day, f"closed{': ' + note if note else ''}" + (f" ({name})" if name else "")))
            elif day in self.opened:
                found.append((day, f"open although {name}" if name else "open"))
            elif name is not None:
                found.append((day, name))
            day += timedelta(days=1)
        return found


def load_calendar(db: Database, owner: str) -> WorkCalendar:
    """The calendar of `owner` (`team` or `office:<id>`); an office without a region of its own follows the
    team's, and the team's is DEFAULT_REGION until a lead sets one."""
    stored = calendars.get_region(db, owner)
    if stored is None and owner != calendars.TEAM:
        stored = calendars.get_region(db, calendars.TEAM)
    region = DEFAULT_REGION if stored is None else (None if stored == calendars.NO_REGION else stored)
    closed: dict[date, str] = {}
    opened: dict[date, str] = {}
    for entry in calendars.list_days(db, owner):
        (closed if entry.kind is DayKind.CLOSED else opened)[entry.day] = entry.note
    return WorkCalendar(region=region, closed=closed, opened=opened)


def office_calendar(db: Database, office_id: int) -> WorkCalendar:
    return load_calendar(db, calendars.office_owner(office_id))


def team_calendar(db: Database) -> WorkCalendar:
    return load_calendar(db, calendars.TEAM)


def region_label(calendar: WorkCalendar) -> str:
    return calendar.region or "no public holidays"
