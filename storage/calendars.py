"""Calendars: which public holidays apply to the team and to each office, and the days a lead closed or opened.

A calendar belongs to an owner: `team` (scheduled posts, the digest's days) or `office:<id>` (due dates,
reminders, escalation). `calendar_regions` holds the owner's public-holiday region (`US`, `US-IL`, `GB-ENG`;
`none` for no public holidays); an office without a row follows the team's region. `calendar_days` holds the
exceptions a lead typed: a `closed` day (a staff day, Christmas Eve) or an `open` day (the office works on a public
holiday such as Columbus Day). Changes are audited by the caller in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from storage import instants
from storage.backend import Database
from storage.relay_tables import to_db_time

TEAM = "team"
NO_REGION = "none"


class DayKind(StrEnum):
    CLOSED = "closed"
    OPEN = "open"


@dataclass(frozen=True)
class CalendarDay:
    owner: str
    day: date
    kind: DayKind
    note: str
    added_by: str


def office_owner(office_id: int) -> str:
    return f"office:{office_id}"


def _create(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE calendar_regions (
            owner TEXT PRIMARY KEY,
            region TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE calendar_days (
            owner TEXT NOT NULL,
            day TEXT NOT NULL CHECK (length(day) = 10),
            kind TEXT NOT NULL CHECK (kind IN ('closed', 'open')),
            note TEXT NOT NULL DEFAULT '',
            added_by TEXT NOT NULL,
            added_at INTEGER NOT NULL,
            PRIMARY KEY (owner, day)
        )
        """
    )


TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "calendar_regions": ("updated_at",),
    "calendar_days": ("added_at",),
}


def create_tables(db: Database) -> None:
    """Migration 12 (`storage.schema`)."""
    instants.create_or_adopt(db, TIME_COLUMNS, _create)


def get_region(db: Database, owner: str) -> str | None:
    """The owner's stored region (`none` included), or None when it follows the default."""
    row = db.execute("SELECT region FROM calendar_regions WHERE owner = ?", [owner]).fetchone()
    return None if row is None else str(row[0])


def set_region(db: Database, owner: str, region: str | None, *, by: str, at: datetime) -> None:
    """`region` None removes the owner's own setting (an office then follows the team)."""
    if region is None:
        db.execute("DELETE FROM calendar_regions WHERE owner = ?", [owner])
        return
    db.execute(
        "INSERT INTO calendar_regions (owner, region, updated_by, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (owner) DO UPDATE SET region = excluded.region, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        [owner, region, by, to_db_time(at)],
    )


def set_day(db: Database, owner: str, day: date, kind: DayKind, *, note: str, by: str, at: datetime) -> None:
    db.execute(
        "INSERT INTO calendar_days (owner, day, kind, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (owner, day) DO UPDATE SET kind = excluded.kind, note = excluded.note, "
        "added_by = excluded.added_by, added_at = excluded.added_at",
        [owner, day.isoformat(), kind.value, note, by, to_db_time(at)],
    )


def remove_day(db: Database, owner: str, day: date) -> bool:
    cursor = db.execute("DELETE FROM calendar_days WHERE owner = ? AND day = ?", [owner, day.isoformat()])
    return cursor.rowcount == 1


def list_days(
    db: Database, owner: str, start: date | None = None, end: date | None = None
) -> list[CalendarDay]:
    """The owner's exceptions, oldest first, optionally within [start, end]."""
    rows = db.execute(
        "SELECT owner, day, kind, note, added_by FROM calendar_days WHERE owner = ? AND day >= ? AND day <= ? "
        "ORDER BY day",
        [owner, (start or date.min).isoformat(), (end or date.max).isoformat()],
    ).fetchall()
    return [
        CalendarDay(str(owner_), date.fromisoformat(day), DayKind(kind), str(note), str(added_by))
        for owner_, day, kind, note, added_by in rows
    ]
