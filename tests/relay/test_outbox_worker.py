"""Outbox delivery: order, pacing, parents, retries (429 Retry-After, 5xx, network), failures, claims."""

from __future__ import annotations

import threading
import urllib.error
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import sqlite_utils
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from storage import clarifications, outbox
from storage.clarifications import Answer, Clarification
from storage.outbox import NewOutboxMessage, OutboxState
from tests.relay.conftest import CODER, NORTH_STAFF, FakeClock, World, make_draft

DbFactory = Callable[[], sqlite_utils.Database]


def slack_error(status: int, error: str, headers: dict[str, Any] | None = None) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError("error", response)


class FakeSlack:
    """Records calls; answers like Slack (a DM posted to a user id comes back with a D channel id)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.failures: list[BaseException] = []
        self.during_send: Callable[[], None] | None = None

    def __call__(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, payload))
        if self.during_send is not None:
            hook, self.during_send = self.during_send, None
            hook()
        if self.failures:
            raise self.failures.pop(0)
        channel = "D0CODER" if payload["channel"] == "UCODER" else payload["channel"]
        ts = payload.get("ts") or f"{1700000000 + len(self.calls)}.000100"
        return {"ok": True, "channel": channel, "ts": ts}


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def slack() -> FakeSlack:
    return FakeSlack()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def worker(db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps) -> OutboxWorker:
    return OutboxWorker(db_factory, slack, relay_clock, sleeps, rand=lambda: 0.5, max_attempts=4)


def ask(service: ClarificationService, world: World, key: str = "k") -> Clarification:
    return service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key=key)


def row_of(db_factory: DbFactory, clarification_id: int, kind: str) -> outbox.OutboxRow:
    [row] = [r for r in outbox.for_clarification(db_factory(), clarification_id) if r.kind == kind]
    return row


def test_posts_are_sent_and_their_ts_recorded(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
    sleeps: Sleeps,
) -> None:
    c = ask(service, world)
    report = worker.deliver_due(relay_clock.now)
    assert len(report.sent) == 2 and report.failed == [] and report.waiting == 0
    assert [(method, payload["channel"]) for method, payload in slack.calls] == [
        ("chat.postMessage", "C0NORTH"),
        ("chat.postMessage", "UCODER"),
    ]
    stored = clarifications.get(db_factory(), c.id)
    assert stored is not None and stored.office_ts and stored.asker_ts
    assert sleeps.calls == []  # deliver_due never sleeps
    assert worker.deliver_due(relay_clock.now).sent == []  # nothing sent twice


def test_updates_and_thread_replies_use_the_parent_ts_and_real_channel(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    c = ask(service, world)
    service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    # Pass 1: both posts; their children wait for the parents' ts (and the per-channel pacing).
    first = worker.deliver_due(relay_clock.now)
    assert len(first.sent) == 2 and first.waiting == 3
    for _ in range(3):
        relay_clock.advance(seconds=1)
        worker.deliver_due(relay_clock.now)
    stored = clarifications.get(db_factory(), c.id)
    assert stored is not None
    calls = {
        (method, payload["channel"], payload.get("ts"), payload.get("thread_ts"))
        for method, payload in slack.calls[2:]
    }
    assert calls == {
        ("chat.update", "C0NORTH", stored.office_ts, None),
        ("chat.update", "D0CODER", stored.asker_ts, None),
        ("chat.postMessage", "D0CODER", None, stored.asker_ts),
    }
    assert outbox.counts(db_factory())[OutboxState.SENT] == 5


def test_at_most_one_message_per_channel_per_second(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    relay_clock: FakeClock,
) -> None:
    ask(service, world, "a")
    ask(service, world, "b")
    t0 = relay_clock.now
    assert len(worker.deliver_due(t0).sent) == 2  # one per channel
    assert worker.deliver_due(t0 + timedelta(milliseconds=500)).sent == []
    assert len(worker.deliver_due(t0 + timedelta(seconds=1)).sent) == 2
    office_posts = [payload["text"] for _, payload in slack.calls if payload["channel"] == "C0NORTH"]
    assert "#1" in office_posts[0] and "#2" in office_posts[1]  # in id order


def test_429_waits_for_retry_after_then_succeeds(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
    sleeps: Sleeps,
) -> None:
    c = ask(service, world)
    slack.failures.append(slack_error(429, "ratelimited", {"Retry-After": "30"}))
    t0 = relay_clock.now
    report = worker.deliver_due(t0)
    office_post = row_of(db_factory, c.id, "office_post")
    assert report.retried == [office_post.id]
    assert office_post.state is OutboxState.PENDING
    assert office_post.next_attempt_at == t0 + timedelta(seconds=30)
    assert office_post.last_error == "ratelimited"
    # The method is held for every channel until Retry-After has passed.
    assert worker.deliver_due(t0 + timedelta(seconds=10)).sent == []
    report = worker.deliver_due(t0 + timedelta(seconds=30))
    assert report.sent[0] == office_post.id
    assert row_of(db_factory, c.id, "office_post").attempts == 2
    assert sleeps.calls == []


def test_lower_case_retry_after_header_is_honoured(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    c = ask(service, world)
    slack.failures.append(slack_error(429, "ratelimited", {"retry-after": ["7"]}))
    worker.deliver_due(relay_clock.now)
    assert row_of(db_factory, c.id, "office_post").next_attempt_at == relay_clock.now + timedelta(seconds=7)


@pytest.mark.parametrize(
    "failure",
    [
        slack_error(503, "service_unavailable"),
        slack_error(200, "internal_error"),
        urllib.error.URLError("connection refused"),
        ConnectionResetError(),
        TimeoutError(),
    ],
)
def test_transient_errors_back_off_exponentially_and_give_up(
    failure: BaseException,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    db = db_factory()
    row_id = outbox.enqueue(
        db,
        NewOutboxMessage("n", "C1", "chat.postMessage", {"channel": "C1", "text": "x"}, "d"),
        now=relay_clock.now,
    )
    slack.failures.extend([failure] * 4)
    now = relay_clock.now
    delays = []
    for _ in range(3):
        assert worker.deliver_due(now).retried == [row_id]
        row = outbox.get(db, row_id)
        assert row is not None and row.state is OutboxState.PENDING
        delays.append((row.next_attempt_at - now).total_seconds())
        now = row.next_attempt_at
    assert delays == [1.5, 3.0, 6.0]  # base 2s doubling, equal jitter with rand() = 0.5
    assert worker.deliver_due(now).failed == [row_id]
    row = outbox.get(db, row_id)
    assert row is not None and row.state is OutboxState.FAILED and row.last_error is not None
    assert row.last_error.startswith("gave_up_after_4_attempts")


def test_backoff_is_capped(
    db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    worker = OutboxWorker(
        db_factory, slack, relay_clock, sleeps, rand=lambda: 1.0, base_delay=2, max_delay=300
    )
    assert worker.backoff(1) == 2
    assert worker.backoff(20) == 300


def test_other_client_errors_fail_and_children_fail_with_them(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    c = ask(service, world)
    service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    slack.failures.append(slack_error(200, "channel_not_found"))
    report = worker.deliver_due(relay_clock.now)
    office_post = row_of(db_factory, c.id, "office_post")
    assert office_post.state is OutboxState.FAILED and office_post.last_error == "channel_not_found"
    assert office_post.id in report.failed
    relay_clock.advance(seconds=1)
    report = worker.deliver_due(relay_clock.now)
    assert row_of(db_factory, c.id, "office_update").last_error == "parent_failed"
    assert row_of(db_factory, c.id, "asker_update").state is OutboxState.SENT


def test_a_not_ok_response_without_exception_fails(
    db_factory: DbFactory, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    db = db_factory()
    row_id = outbox.enqueue(
        db,
        NewOutboxMessage("note", "C1", "chat.postMessage", {"channel": "C1", "text": "x"}, "d"),
        now=relay_clock.now,
    )
    worker = OutboxWorker(
        db_factory, lambda m, p: {"ok": False, "error": "not_in_channel"}, relay_clock, sleeps
    )
    assert worker.deliver_due(relay_clock.now).failed == [row_id]
    row = outbox.get(db, row_id)
    assert row is not None and row.last_error == "not_in_channel"


def test_a_row_waits_behind_an_earlier_row_of_its_channel(
    db_factory: DbFactory, worker: OutboxWorker, slack: FakeSlack, relay_clock: FakeClock
) -> None:
    db = db_factory()
    ids = [
        outbox.enqueue(
            db,
            NewOutboxMessage("n", "C1", "chat.postMessage", {"channel": "C1", "text": str(i)}, f"d{i}"),
            now=relay_clock.now,
        )
        for i in range(2)
    ]
    slack.failures.append(slack_error(502, "bad_gateway"))
    worker.deliver_due(relay_clock.now)
    relay_clock.advance(seconds=1)
    report = worker.deliver_due(relay_clock.now)  # the first row is backing off: the second must not overtake
    assert report.sent == [] and report.waiting == 2
    relay_clock.advance(seconds=1)
    assert worker.deliver_due(relay_clock.now).sent == [ids[0]]


def test_a_claimed_row_is_not_sent_by_a_second_worker(
    service: ClarificationService,
    world: World,
    db_factory: DbFactory,
    slack: FakeSlack,
    relay_clock: FakeClock,
    sleeps: Sleeps,
) -> None:
    ask(service, world)
    first = OutboxWorker(db_factory, slack, relay_clock, sleeps)
    second_slack = FakeSlack()
    second = OutboxWorker(db_factory, second_slack, relay_clock, sleeps)
    seen: list[list[int]] = []
    slack.during_send = lambda: seen.append(second.deliver_due(relay_clock.now).sent)
    first.deliver_due(relay_clock.now)
    # While the first worker was sending the office post, the second could only take the other row.
    assert len(seen[0]) == 1
    assert len(slack.calls) + len(second_slack.calls) == 2


def test_an_expired_claim_is_sent_again(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    c = ask(service, world)
    db = db_factory()
    office_post = row_of(db_factory, c.id, "office_post")
    outbox.claim(db, office_post.id, now=relay_clock.now)  # a worker that died mid-send
    assert office_post.id not in worker.deliver_due(relay_clock.now).sent
    relay_clock.advance(minutes=6)
    assert office_post.id in worker.deliver_due(relay_clock.now).sent


def test_run_forever_delivers_until_stopped(
    service: ClarificationService,
    world: World,
    db_factory: DbFactory,
    slack: FakeSlack,
    relay_clock: FakeClock,
) -> None:
    ask(service, world)
    stop = threading.Event()
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        relay_clock.advance(seconds=seconds)
        if len(naps) == 3:
            stop.set()

    OutboxWorker(db_factory, slack, relay_clock, sleep, poll_interval=0.5).run_forever(stop)
    assert len(slack.calls) == 2 and naps == [0.5, 0.5, 0.5]


def test_run_forever_survives_a_failing_pass(relay_clock: FakeClock) -> None:
    stop = threading.Event()
    attempts: list[datetime] = []

    def broken_db() -> sqlite_utils.Database:
        attempts.append(relay_clock.now)
        raise OSError("disk gone")

    def sleep(seconds: float) -> None:
        if len(attempts) == 2:
            stop.set()

    OutboxWorker(broken_db, lambda m, p: {}, relay_clock, sleep).run_forever(stop)
    assert len(attempts) == 2
