"""The request guard: first in the middleware, fails closed, forgets signatures once they cannot be replayed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
import sqlite_utils
from slack_bolt import BoltRequest
from slack_bolt.middleware.request_verification import RequestVerification

from bot.console_slack import IdleWaitingExecutor
from bot.request_guard import (
    PRUNE_EVERY_SECONDS,
    REPLAY_WINDOW_SECONDS,
    SeenSignatures,
    SharedSeenSignatures,
    VerifiedRequests,
)
from bot.settings import Settings
from storage import seen_signatures
from storage.db import DatabaseProblem, connect
from storage.schema import migrate_file
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.instances import another_instance
from tests.reliability.slack_http import usage_rows
from tests.scenario import Scenario
from tests.signing import signed_headers, slash_command_body


def test_guard_runs_first_and_replaces_bolts_verification(scenario: Scenario) -> None:
    middleware = scenario.app._middleware_list
    assert isinstance(middleware[0], VerifiedRequests)
    assert not any(isinstance(m, RequestVerification) for m in middleware)


def test_a_signature_is_refused_again_only_within_the_window() -> None:
    now = [1000.0]
    seen = SeenSignatures(clock=lambda: now[0])
    assert seen.first_time("v0=a")
    assert not seen.first_time("v0=a")
    assert seen.first_time("v0=b")
    now[0] += REPLAY_WINDOW_SECONDS + 1
    assert seen.first_time("v0=a")  # long expired: Slack's timestamp check refuses such a request anyway


# -- more than one instance: the signatures are kept in the app database ------------------------------------


@pytest.fixture
def second(
    settings: Settings,
    clock: Callable[[], datetime],
    fake_slack: FakeSlack,
    signing_secret: str,
    fake_lookups: None,
) -> Iterator[Scenario]:
    with (
        IdleWaitingExecutor() as executor,
        another_instance(settings, clock, fake_slack, signing_secret, executor) as instance,
    ):
        yield instance


def test_a_replay_sent_to_another_instance_is_answered_as_a_replay(
    scenario: Scenario, second: Scenario, fake_slack: FakeSlack, signing_secret: str, settings: Settings
) -> None:
    body = slash_command_body("/code", "lookup chf", response_url=fake_slack.response_url("r1"))
    headers = signed_headers(body, signing_secret)

    first = scenario.app.dispatch(BoltRequest(body=body, headers=headers))
    assert scenario.executor.wait_idle(10)
    replayed = second.app.dispatch(BoltRequest(body=body, headers=headers))
    assert second.executor.wait_idle(10)

    assert first.status == 200 and replayed.status == 200 and replayed.body == ""
    assert len(fake_slack.calls_to(RESPONSE_URL_METHOD)) == 1  # answered once, by the first instance
    assert usage_rows(settings.db_path) == [("W111", "lookup", "chf")]


def test_a_replay_sent_to_the_same_instance_is_still_answered_as_a_replay(
    scenario: Scenario, fake_slack: FakeSlack, signing_secret: str
) -> None:
    body = slash_command_body("/code", "lookup chf", response_url=fake_slack.response_url("r1"))
    headers = signed_headers(body, signing_secret)
    for _ in range(2):
        scenario.app.dispatch(BoltRequest(body=body, headers=headers))
        assert scenario.executor.wait_idle(10)
    assert len(fake_slack.calls_to(RESPONSE_URL_METHOD)) == 1


def test_the_shared_memory_records_once_and_prunes_expired_signatures_at_most_once_a_minute(
    tmp_path: Path,
) -> None:
    migrate_file(tmp_path / "app.sqlite")
    wall = [datetime(2026, 12, 2, 9, 0, tzinfo=UTC)]
    ticks = [1000.0]
    factory = partial(connect, tmp_path / "app.sqlite")
    one = SharedSeenSignatures(factory, clock=lambda: wall[0], monotonic=lambda: ticks[0])
    other = SharedSeenSignatures(factory, clock=lambda: wall[0], monotonic=lambda: ticks[0])

    assert one.first_time("v0=a")
    assert not other.first_time("v0=a")  # the other instance never saw it itself
    assert other.first_time("v0=b")

    wall[0] += timedelta(seconds=REPLAY_WINDOW_SECONDS + 1)
    ticks[0] += PRUNE_EVERY_SECONDS - 1  # not yet time to prune: the old rows stay
    assert one.first_time("v0=c")
    db = factory()
    assert seen_signatures.count(db) == 3
    ticks[0] += 1
    assert one.first_time("v0=d")  # this request's turn to prune: a and b (and not c, d) are gone
    assert seen_signatures.count(db) == 2
    db.close()


def test_a_database_that_cannot_be_opened_leaves_the_instance_memory_to_catch_replays() -> None:
    def unavailable() -> sqlite_utils.Database:
        raise DatabaseProblem("the database /nowhere/app.sqlite does not exist")

    seen = SharedSeenSignatures(unavailable)
    assert seen.first_time("v0=a")
    assert not seen.first_time("v0=a")


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within 10 s"
        time.sleep(0.05)


def test_a_write_lock_held_elsewhere_delays_the_record_not_the_request(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another process holds the write lock past the guard's short wait: both instances serve the request (each
    remembers it itself), and once the lock is free the signature is recorded late, the second record counted as
    a replay served twice and logged as such."""
    migrate_file(tmp_path / "app.sqlite")
    holder = connect(tmp_path / "app.sqlite")
    one = SharedSeenSignatures(partial(connect, tmp_path / "app.sqlite"))
    other = SharedSeenSignatures(partial(connect, tmp_path / "app.sqlite"))
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        assert one.first_time("v0=a")
        assert not one.first_time("v0=a")  # this instance's memory
        assert other.first_time("v0=a")  # not recorded in the database yet
    finally:
        holder.conn.execute("ROLLBACK")
    with caplog.at_level(logging.WARNING, "codedesk.request_guard"):
        wait_until(lambda: one.recorded_late + other.recorded_late == 2)
    assert one.served_twice + other.served_twice == 1
    assert seen_signatures.count(holder) == 1
    assert "recorded late (the database was busy)" in caplog.text
    assert "a replay served twice" in caplog.text and "v0=a" not in caplog.text
    assert not SharedSeenSignatures(partial(connect, tmp_path / "app.sqlite")).first_time("v0=a")
    holder.close()
