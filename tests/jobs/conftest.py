"""Fixtures for the jobs: a prepared temp database, a settable clock, two offices in two time zones.

North Clinic: America/Chicago, 08:00-17:00. South Surgery: Europe/London, 09:00-17:00. Both with a one-business-day
SLA unless a test says otherwise, so due times are easy to compute by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.jobs import schedules
from bot.relay.service import Actor, ClarificationService
from bot.settings import Settings
from storage import outbox
from storage.app_db import AppDatabase
from storage.backend import Database
from storage.clarifications import Answer, Clarification
from storage.db import write_transaction
from storage.offices import Office
from storage.outbox import OutboxRow
from storage.roles import Role
from tests.relay.conftest import (
    ADMIN,
    CODER,
    CODER2,
    LEAD,
    MONDAY_9AM_CHICAGO,
    NORTH_STAFF,
    SOUTH_STAFF,
    FakeClock,
    make_draft,
)

TEAM_TZ = "America/Chicago"
CHICAGO = "America/Chicago"
LONDON = "Europe/London"
TEAM_CHANNEL = "C0TEAM"
LEADS_CHANNEL = "C0LEADS"
CHOICE = "Acute blood loss anemia"

__all__ = ["ADMIN", "CODER", "CODER2", "LEAD", "NORTH_STAFF", "SOUTH_STAFF", "FakeClock"]


def chicago(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(CHICAGO))


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(LONDON))


@dataclass
class JobsDeps:
    settings: Settings
    db_factory: Callable[[], Database]
    clock: FakeClock


@pytest.fixture
def db_path(app_db: AppDatabase) -> Path:
    """The test's database (tests/backends.py: on SQLite and on PostgreSQL); its SQLite path."""
    return app_db.path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9AM_CHICAGO)


@pytest.fixture
def deps(db_path: Path, app_db: AppDatabase, clock: FakeClock) -> JobsDeps:
    env = {"CODEDESK_DB": str(db_path), "CODEDESK_TEAM_TZ": TEAM_TZ}
    if app_db.server is not None:
        env["CODEDESK_DATABASE_URL"] = app_db.server.url
    settings = Settings.from_env(env, mode="cli")
    return JobsDeps(settings=settings, db_factory=app_db.factory(), clock=clock)


@pytest.fixture
def service(deps: JobsDeps) -> ClarificationService:
    return ClarificationService(deps.db_factory, deps.clock)


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
    north = service.add_office(
        ADMIN,
        name="North Clinic",
        channel_id="C0NORTH",
        tz=CHICAGO,
        open_=time(8),
        close=time(17),
        sla_hours=9,
    )
    south = service.add_office(
        ADMIN,
        name="South Surgery",
        channel_id="C0SOUTH",
        tz=LONDON,
        open_=time(9),
        close=time(17),
        sla_hours=8,
    )
    service.add_office_member(ADMIN, north.id, NORTH_STAFF.user_id, NORTH_STAFF.team_id)
    service.add_office_member(ADMIN, south.id, SOUTH_STAFF.user_id, SOUTH_STAFF.team_id)
    return World(north=north, south=south)


class Desk:
    """Drives the relay at chosen moments: the clock is set, then the service is called."""

    def __init__(self, service: ClarificationService, clock: FakeClock) -> None:
        self.service = service
        self.clock = clock
        self._keys = 0

    def ask(self, office: Office, at: datetime, asker: Actor = CODER) -> Clarification:
        self.clock.now = at
        self._keys += 1
        return self.service.ask(
            make_draft(office.id, encounter_ref=f"ENC-{self._keys:05d}"),
            asker,
            asker_channel=f"D{asker.user_id}",
            idempotency_key=f"key-{self._keys}",
        )

    def answer(self, c: Clarification, at: datetime, staff: Actor) -> Clarification:
        self.clock.now = at
        return self.service.answer(c.id, staff, Answer(choice=CHOICE), idempotency_key=f"answer-{c.id}-{at}")


@pytest.fixture
def desk(service: ClarificationService, clock: FakeClock) -> Desk:
    return Desk(service, clock)


def set_channel(deps: JobsDeps, job: str, channel: str | None, *, enabled: bool = True) -> None:
    db = deps.db_factory()
    try:
        with write_transaction(db):
            schedules.save_schedule(
                db,
                job,
                cron=schedules.DEFAULT_CRONS[job],
                channel=channel,
                enabled=enabled,
                by=LEAD.user_id,
                at=MONDAY_9AM_CHICAGO,
            )
    finally:
        db.close()


def outbox_rows(deps: JobsDeps, kind_prefix: str = "") -> list[OutboxRow]:
    db = deps.db_factory()
    try:
        return [row for row in outbox.pending(db, limit=100_000) if row.kind.startswith(kind_prefix)]
    finally:
        db.close()


def query(deps: JobsDeps, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    db = deps.db_factory()
    try:
        return [tuple(row) for row in db.execute(sql, params or []).fetchall()]
    finally:
        db.close()
