"""Fixtures for the relay: a migrated temp-file database, a settable clock, a populated organisation."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.relay.query_rules import QueryDraft, with_required_options
from bot.relay.service import Actor, ClarificationService
from storage.app_db import AppDatabase
from storage.backend import Database
from storage.clarifications import QueryFormat
from storage.offices import Office
from storage.roles import Role

# Monday 2 November 2026, 09:00 in Chicago (the day after DST ended).
MONDAY_9AM_CHICAGO = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)

ADMIN = Actor("UADMIN", "TCODERS")
LEAD = Actor("ULEAD", "TCODERS")
CODER = Actor("UCODER", "TCODERS")
CODER2 = Actor("UCODER2", "TCODERS")
NORTH_STAFF = Actor("UNORTHDOC", "TNORTH")
SOUTH_STAFF = Actor("USOUTHDOC", "TSOUTH")
STRANGER = Actor("USTRANGER", "TCODERS")


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def relay_db_path(app_db: AppDatabase) -> Path:
    """The SQLite file of the test's database: a test that opens the file itself runs on SQLite only."""
    if app_db.server is not None:
        pytest.skip("opens the SQLite file itself")
    return app_db.path


@pytest.fixture
def db_factory(app_db: AppDatabase) -> Callable[[], Database]:
    """Connections to the test's database, on each backend (tests/backends.py)."""
    return app_db.factory()


@pytest.fixture
def db(app_db: AppDatabase) -> Iterator[Database]:
    connection = app_db.connect()
    yield connection
    connection.close()


@pytest.fixture
def relay_clock() -> FakeClock:
    return FakeClock(MONDAY_9AM_CHICAGO)


@pytest.fixture
def service(db_factory: Callable[[], Database], relay_clock: FakeClock) -> ClarificationService:
    return ClarificationService(db_factory, relay_clock)


@dataclass(frozen=True)
class World:
    north: Office
    south: Office


@pytest.fixture
def world(service: ClarificationService) -> World:
    assert service.bootstrap_admin(ADMIN.user_id)
    service.grant_role(ADMIN, LEAD.user_id, Role.LEAD)
    service.grant_role(LEAD, CODER.user_id, Role.CODER)
    service.grant_role(LEAD, CODER2.user_id, Role.CODER)
    north = service.add_office(ADMIN, name="North Clinic", channel_id="C0NORTH", tz="America/Chicago")
    south = service.add_office(LEAD, name="South Surgery", channel_id="C0SOUTH", tz="Europe/London")
    service.add_office_member(ADMIN, north.id, NORTH_STAFF.user_id, NORTH_STAFF.team_id)
    service.add_office_member(ADMIN, south.id, SOUTH_STAFF.user_id, SOUTH_STAFF.team_id)
    return World(north=north, south=south)


def make_draft(office_id: int, **overrides: object) -> QueryDraft:
    options: Sequence[str] = with_required_options(
        ["Acute blood loss anemia", "Anemia of chronic disease", "Iron deficiency anemia"]
    )
    values: dict[str, object] = {
        "office_id": office_id,
        "encounter_ref": "ENC-2026-00042",
        "codes": ["D64.9"],
        "question": "Based on the indicators below, can the type of anemia be further specified?",
        "format": QueryFormat.MULTIPLE_CHOICE,
        "options": options,
        "indicators": "Hgb 7.1 g/dL on day 2 (baseline 12.4), 2 units PRBC transfused, EBL 900 mL.",
    }
    values.update(overrides)
    return QueryDraft(**values)  # type: ignore[arg-type]
