"""Fixtures for the relay: a migrated temp-file database, a settable clock, a populated organisation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.relay.service import Actor, ClarificationService
from storage.app_db import AppDatabase
from storage.backend import Database
from storage.roles import Role

# The plain pieces live in tests/relay/people.py (no pytest there); imported from here as before.
from tests.relay.people import (
    ADMIN,
    CODER,
    CODER2,
    LEAD,
    MONDAY_9AM_CHICAGO,
    NORTH_STAFF,
    SOUTH_STAFF,
    STRANGER,
    FakeClock,
    World,
    make_draft,
)

__all__ = [
    "ADMIN",
    "CODER",
    "CODER2",
    "LEAD",
    "MONDAY_9AM_CHICAGO",
    "NORTH_STAFF",
    "SOUTH_STAFF",
    "STRANGER",
    "Actor",
    "FakeClock",
    "World",
    "make_draft",
]


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
