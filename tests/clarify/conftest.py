"""Fixtures for the clarify feature: a settable clock, an organisation, the outbox worker on the fake Slack."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from bot.services import Services, web_api_send
from storage.offices import Office
from storage.roles import Role
from tests.clarify.driver import ADMIN, CODER, CODER2, LEAD, NORTH_DOC, SOUTH_DOC, Relay
from tests.fake_slack import FakeSlack
from tests.relay.conftest import MONDAY_9AM_CHICAGO, FakeClock
from tests.scenario import Scenario


@pytest.fixture
def clock() -> FakeClock:
    """Replaces the frozen clock: the outbox's retries and the SLA need time to move."""
    return FakeClock(MONDAY_9AM_CHICAGO)


@pytest.fixture
def relay(services: Services) -> ClarificationService:
    return services.relay()


@dataclass(frozen=True)
class World:
    north: Office
    south: Office


@pytest.fixture
def world(relay: ClarificationService) -> World:
    assert relay.bootstrap_admin(ADMIN.user_id)
    relay.grant_role(ADMIN, LEAD.user_id, Role.LEAD)
    relay.grant_role(LEAD, CODER.user_id, Role.CODER)
    relay.grant_role(LEAD, CODER2.user_id, Role.CODER)
    north = relay.add_office(ADMIN, name="North Clinic", channel_id="C0NORTH", tz="America/Chicago")
    south = relay.add_office(ADMIN, name="South Surgery", channel_id="C0SOUTH", tz="Europe/London")
    relay.add_office_member(ADMIN, north.id, NORTH_DOC.user_id, NORTH_DOC.team_id)
    relay.add_office_member(ADMIN, south.id, SOUTH_DOC.user_id, SOUTH_DOC.team_id)
    return World(north, south)


class SendLog:
    """The outbox's send, recording the fake-clock time of every attempt."""

    def __init__(self, send: Callable[[str, dict[str, Any]], Any], clock: FakeClock) -> None:
        self.inner = send
        self.clock = clock
        self.attempts: list[tuple[datetime, str]] = []

    def __call__(self, method: str, payload: dict[str, Any]) -> Any:
        self.attempts.append((self.clock(), method))
        return self.inner(method, payload)


@pytest.fixture
def send_log(fake_slack: FakeSlack, clock: FakeClock) -> SendLog:
    client = WebClient(token="xoxb-test-outbox", base_url=fake_slack.api_url, retry_handlers=[])
    return SendLog(web_api_send(client), clock)


@pytest.fixture
def make_worker(services: Services, send_log: SendLog, clock: FakeClock) -> Callable[[], OutboxWorker]:
    """A fresh worker, as a restarted process would have (no memory of the previous one)."""

    def make() -> OutboxWorker:
        return OutboxWorker(services.db_factory, send_log, clock, lambda _: None, rand=lambda: 0.5)

    return make


@pytest.fixture
def relay_driver(
    scenario: Scenario,
    fake_slack: FakeSlack,
    make_worker: Callable[[], OutboxWorker],
    clock: FakeClock,
    world: World,
) -> Iterator[Relay]:
    yield Relay(scenario, fake_slack, make_worker(), clock, world.north.id)
