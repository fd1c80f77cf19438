"""Outbox delivery: order, pacing, parents, retries (429 Retry-After, 5xx, network), failures, claims."""

from __future__ import annotations

import threading
import time
import urllib.error
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
import sqlite_utils
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.console_slack import CannedReply
from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from bot.services import web_api_send
from storage import clarifications, outbox
from storage.clarifications import Answer, Clarification
from storage.outbox import NewOutboxMessage, OutboxState
from tests.fake_slack import FakeSlack as SlackServer
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
    """Records calls; answers like Slack (a DM posted to a user id comes back with a D channel id) and keeps the
    posts, with their metadata, for conversations.history / conversations.replies.

    `failures` are raised before anything is posted; `lost_answers` are raised after the message was posted
    (Slack accepted it, its answer never arrived)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.failures: list[BaseException] = []
        self.lost_answers: list[BaseException] = []
        self.search_failures: list[BaseException] = []
        self.during_send: Callable[[], None] | None = None
        self.history: dict[str, list[dict[str, Any]]] = {}

    def posts(self) -> list[dict[str, Any]]:
        return [payload for method, payload in self.calls if method == "chat.postMessage"]

    def __call__(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, payload))
        if method.startswith("conversations."):
            if self.search_failures:
                raise self.search_failures.pop(0)
            return self._conversations(method, payload)
        if self.during_send is not None:
            hook, self.during_send = self.during_send, None
            hook()
        if self.failures:
            raise self.failures.pop(0)
        channel = "D0CODER" if payload["channel"] == "UCODER" else payload["channel"]
        ts = payload.get("ts") or f"{1700000000 + len(self.calls)}.000100"
        if method == "chat.postMessage":
            message = {"ts": ts, "text": payload.get("text"), "metadata": payload.get("metadata")}
            if payload.get("thread_ts"):
                message["thread_ts"] = payload["thread_ts"]
            self.history.setdefault(channel, []).append(message)
        if self.lost_answers:
            raise self.lost_answers.pop(0)
        return {"ok": True, "channel": channel, "ts": ts}

    def _conversations(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D0CODER" if payload["users"] == "UCODER" else "D0OTHER"}}
        messages = self.history.get(payload["channel"], [])
        if method == "conversations.replies":
            found = [m for m in messages if m["ts"] == payload["ts"] or m.get("thread_ts") == payload["ts"]]
        else:
            found = [m for m in reversed(messages) if not m.get("thread_ts")]  # newest first
        return {"ok": True, "messages": found, "has_more": False}


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
    return OutboxWorker(db_factory, slack, relay_clock, sleeps, rand=lambda: 0.5)


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
    # Pass 1: both posts (each its channel's head); their children wait behind them.
    first = worker.deliver_due(relay_clock.now)
    assert len(first.sent) == 2 and first.waiting == 0
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


TRANSIENT_FAILURES = [
    slack_error(503, "service_unavailable"),
    slack_error(500, ""),
    slack_error(200, "internal_error"),
    urllib.error.URLError("connection refused"),
    urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
    ConnectionResetError(),
    TimeoutError(),
]


def queue_one(db_factory: DbFactory, now: datetime, channel: str = "C1", key: str = "d") -> int:
    return outbox.enqueue(
        db_factory(),
        NewOutboxMessage("n", channel, "chat.postMessage", {"channel": channel, "text": key}, key),
        now=now,
    )


@pytest.mark.parametrize("failure", TRANSIENT_FAILURES)
def test_transient_errors_back_off_exponentially_capped_and_never_give_up_before_the_horizon(
    failure: BaseException,
    db_factory: DbFactory,
    slack: FakeSlack,
    relay_clock: FakeClock,
    sleeps: Sleeps,
) -> None:
    """Twenty failures in a row (an hour of outage) are not a reason to drop a question: it goes once Slack
    answers. (Before: gave_up_after_10_attempts, whatever the time.)"""
    worker = OutboxWorker(db_factory, slack, relay_clock, sleeps, rand=lambda: 0.5, max_delay=300)
    row_id = queue_one(db_factory, relay_clock.now)
    slack.failures.extend([failure] * 20)
    now = relay_clock.now
    delays = []
    for _ in range(20):
        assert worker.deliver_due(now).retried == [row_id]
        row = outbox.get(db_factory(), row_id)
        assert row is not None and row.state is OutboxState.PENDING
        delays.append((row.next_attempt_at - now).total_seconds())
        now = row.next_attempt_at
    assert delays[:4] == [1.5, 3.0, 6.0, 12.0]  # base 2 s doubling, equal jitter with rand() = 0.5
    assert max(delays) == 225.0 and delays[-1] == 225.0  # capped at 300 s (x 0.75 with this jitter)
    assert worker.deliver_due(now).sent == [row_id]
    [posted] = slack.history["C1"]  # twenty attempts refused, one accepted: posted once
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.sent_ts == posted["ts"] and len(slack.posts()) == 21


@pytest.mark.parametrize("failure", TRANSIENT_FAILURES[:2])
def test_a_row_still_failing_at_the_horizon_fails_and_says_why(
    failure: BaseException, db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    worker = OutboxWorker(db_factory, slack, relay_clock, sleeps, give_up_after=timedelta(hours=1))
    row_id = queue_one(db_factory, relay_clock.now)
    slack.failures.extend([failure] * 1000)
    now = relay_clock.now
    while now < relay_clock.now + timedelta(hours=1):
        assert worker.deliver_due(now).retried == [row_id]
        row = outbox.get(db_factory(), row_id)
        assert row is not None
        now = row.next_attempt_at
    assert worker.deliver_due(now).failed == [row_id]
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.state is OutboxState.FAILED and row.last_error is not None
    assert row.last_error.startswith("gave_up_after_1h: ")


def test_the_default_horizon_is_24_hours(
    db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    assert OutboxWorker(db_factory, slack, relay_clock, sleeps).give_up_after == timedelta(hours=24)


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
    assert report.sent == [] and report.waiting == 1
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


# -- permanent errors: the asker and the leads are told, with the fix ---------------------------------------


def set_leads_channel(db_factory: DbFactory, channel: str, now: datetime) -> None:
    from bot.jobs.schedules import save_schedule
    from storage.schema import migrate

    db = db_factory()
    migrate(db)
    save_schedule(db, "overdue", cron="*/15 * * * *", channel=channel, enabled=True, by="ULEAD", at=now)


def notices(db_factory: DbFactory) -> list[outbox.OutboxRow]:
    return [r for r in outbox.pending(db_factory(), limit=1000) if r.kind == "delivery_notice"]


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
def test_a_channel_the_bot_cannot_post_in_fails_at_once_and_the_asker_and_leads_are_told_the_fix(
    error: str,
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    set_leads_channel(db_factory, "C0LEADS", relay_clock.now)
    c = ask(service, world)
    slack.failures.append(slack_error(200, error))
    report = worker.deliver_due(relay_clock.now)
    office_post = row_of(db_factory, c.id, "office_post")
    assert office_post.state is OutboxState.FAILED and office_post.last_error == error
    assert report.failed == [office_post.id] and len(slack.posts()) == 2  # tried once, not retried
    told = {row.channel: row.payload["text"] for row in notices(db_factory)}
    assert set(told) == {"UCODER", "C0LEADS"}
    assert f"Your clarification #{c.id} could not be posted" in told["UCODER"]
    assert "<#C0NORTH>" in told["UCODER"] and "leads have been told" in told["UCODER"]
    assert "<#C0NORTH>" in told["C0LEADS"] and "codedesk outbox retry --channel C0NORTH" in told["C0LEADS"]
    fix = "invite the bot" if error != "is_archived" else "is archived: unarchive it"
    assert fix in told["UCODER"] and fix in told["C0LEADS"]
    # The notices go out like any message; a second failure in that channel the same day adds no second note.
    relay_clock.advance(seconds=1)
    worker.deliver_due(relay_clock.now)
    assert {p["channel"] for p in slack.posts()[2:]} == {"UCODER", "C0LEADS"}
    ask(service, world, "second")
    slack.failures.append(slack_error(200, error))
    relay_clock.advance(seconds=1)
    worker.deliver_due(relay_clock.now)
    assert [row.channel for row in notices(db_factory)] == ["UCODER"]  # only the second asker's DM


def test_without_a_leads_channel_each_lead_and_admin_gets_a_dm(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    ask(service, world)
    slack.failures.append(slack_error(200, "not_in_channel"))
    worker.deliver_due(relay_clock.now)
    assert sorted(row.channel for row in notices(db_factory)) == ["UADMIN", "UCODER", "ULEAD"]


def test_a_notice_that_cannot_be_delivered_is_not_noticed_again(
    db_factory: DbFactory, worker: OutboxWorker, slack: FakeSlack, relay_clock: FakeClock, world: World
) -> None:
    set_leads_channel(db_factory, "C0LEADS", relay_clock.now)
    queue_one(db_factory, relay_clock.now, channel="C0TEAM")
    slack.failures.append(slack_error(200, "not_in_channel"))
    worker.deliver_due(relay_clock.now)
    [note] = notices(db_factory)
    assert note.channel == "C0LEADS"
    slack.failures.append(slack_error(200, "not_in_channel"))
    relay_clock.advance(seconds=1)
    assert worker.deliver_due(relay_clock.now).failed == [note.id]
    assert notices(db_factory) == []


# -- fairness and shared pacing -----------------------------------------------------------------------------


def test_a_backlog_in_one_channel_never_delays_another(
    db_factory: DbFactory, worker: OutboxWorker, slack: FakeSlack, relay_clock: FakeClock
) -> None:
    """3,000 rows queued for one channel, then one for another: the next pass sends the new one. (Before: the
    pass read the first 200 pending rows only, so the new row waited for the backlog to drain.)"""
    db = db_factory()
    db.conn.execute("BEGIN")
    for n in range(3000):
        queue_one(lambda: db, relay_clock.now, channel="C0BUSY", key=f"busy{n}")
    db.conn.execute("COMMIT")
    worker.deliver_due(relay_clock.now)
    new = queue_one(db_factory, relay_clock.now, channel="C0IDLE", key="new")
    relay_clock.advance(seconds=0.5)  # the busy channel is still paced
    assert worker.deliver_due(relay_clock.now).sent == [new]


def test_two_workers_on_one_database_pace_a_channel_together(
    db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    """Two servers on one database: one message a second per channel between them. (Before: each worker
    paced in its own memory, so two workers posted to one channel 23 ms apart.)"""
    first = OutboxWorker(db_factory, slack, relay_clock, sleeps)
    second = OutboxWorker(db_factory, slack, relay_clock, sleeps)
    ids = [queue_one(db_factory, relay_clock.now, key=f"k{n}") for n in range(3)]
    t0 = relay_clock.now
    assert first.deliver_due(t0).sent == [ids[0]]
    assert second.deliver_due(t0 + timedelta(milliseconds=23)).sent == []
    assert second.deliver_due(t0 + timedelta(milliseconds=999)).sent == []
    assert second.deliver_due(t0 + timedelta(seconds=1)).sent == [ids[1]]
    assert first.deliver_due(t0 + timedelta(seconds=1, milliseconds=500)).sent == []
    assert first.deliver_due(t0 + timedelta(seconds=2)).sent == [ids[2]]


def test_a_retry_after_holds_the_method_for_every_worker(
    db_factory: DbFactory, slack: FakeSlack, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    first = OutboxWorker(db_factory, slack, relay_clock, sleeps)
    second = OutboxWorker(db_factory, slack, relay_clock, sleeps)
    queue_one(db_factory, relay_clock.now, channel="C1", key="a")
    other = queue_one(db_factory, relay_clock.now, channel="C2", key="b")
    slack.failures.append(slack_error(429, "ratelimited", {"Retry-After": "20"}))
    t0 = relay_clock.now
    assert first.deliver_due(t0).retried  # C1's row answered 429 first
    assert second.deliver_due(t0 + timedelta(seconds=19)).sent == []
    assert other in second.deliver_due(t0 + timedelta(seconds=20)).sent


# -- an attempt whose outcome is unknown is looked for before it is posted again --------------------------


@pytest.mark.parametrize(
    "lost",
    [TimeoutError(), ConnectionResetError(), slack_error(504, ""), slack_error(200, "fatal_error")],
)
def test_a_post_whose_answer_was_lost_is_found_in_the_channel_and_not_posted_twice(
    lost: BaseException,
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    """Slack took the post but its answer never came: the retry finds it (by its metadata) and records its ts.
    (Before: posted a second time.)"""
    c = ask(service, world)
    slack.lost_answers.append(lost)
    report = worker.deliver_due(relay_clock.now)
    office_post = row_of(db_factory, c.id, "office_post")
    assert report.retried == [office_post.id] and office_post.unsure_since is not None
    relay_clock.now = office_post.next_attempt_at
    assert worker.deliver_due(relay_clock.now).sent == [office_post.id]
    office_posts = [p for p in slack.posts() if p["channel"] == "C0NORTH"]
    assert len(office_posts) == 1
    stored = clarifications.get(db_factory(), c.id)
    assert stored is not None and stored.office_ts == slack.history["C0NORTH"][0]["ts"]
    assert ("conversations.history", "C0NORTH") in [(m, p.get("channel")) for m, p in slack.calls]


def test_an_unsure_post_that_is_not_in_the_channel_is_posted_again(
    db_factory: DbFactory, worker: OutboxWorker, slack: FakeSlack, relay_clock: FakeClock
) -> None:
    row_id = queue_one(db_factory, relay_clock.now)
    slack.failures.append(TimeoutError())  # timed out before Slack took it
    worker.deliver_due(relay_clock.now)
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.unsure_since is not None
    assert worker.deliver_due(row.next_attempt_at).sent == [row_id]
    assert len(slack.history["C1"]) == 1 and len(slack.posts()) == 2


def test_a_search_that_fails_posts_nothing_and_is_tried_again(
    db_factory: DbFactory, worker: OutboxWorker, slack: FakeSlack, relay_clock: FakeClock
) -> None:
    row_id = queue_one(db_factory, relay_clock.now)
    slack.lost_answers.append(TimeoutError())
    worker.deliver_due(relay_clock.now)
    slack.search_failures.append(slack_error(503, ""))
    row = outbox.get(db_factory(), row_id)
    assert row is not None
    assert worker.deliver_due(row.next_attempt_at).retried == [row_id]  # no blind post while Slack is down
    assert len(slack.posts()) == 1
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.last_error == "search: http_503"
    assert worker.deliver_due(row.next_attempt_at).sent == [row_id]
    assert len(slack.posts()) == 1


def test_a_claim_left_by_a_dead_worker_is_searched_for_before_it_is_sent_again(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    """A worker posted the office question and died before recording it: the row's claim expires, and the
    next worker finds the post instead of posting it again (the DM is found through conversations.open)."""
    c = ask(service, world)
    dying = OutboxWorker(db_factory, slack, relay_clock, Sleeps())
    for _ in range(2):  # each pass posts one row and "dies" before recording it
        slack.lost_answers.append(SystemExit("killed"))
        with pytest.raises(SystemExit):
            dying.deliver_due(relay_clock.now)
    assert outbox.counts(db_factory())[OutboxState.SENDING] == 2
    relay_clock.advance(minutes=3)
    report = worker.deliver_due(relay_clock.now)
    assert sorted(report.sent) == sorted(r.id for r in outbox.for_clarification(db_factory(), c.id))
    assert len(slack.posts()) == 2  # both were found: nothing posted twice
    assert ("conversations.open", {"users": "UCODER"}) in slack.calls


def test_a_thread_reply_is_searched_for_in_its_thread(
    service: ClarificationService,
    world: World,
    worker: OutboxWorker,
    slack: FakeSlack,
    db_factory: DbFactory,
    relay_clock: FakeClock,
) -> None:
    c = ask(service, world)
    worker.deliver_due(relay_clock.now)
    service.request_more_info(c.id, NORTH_STAFF, "Which admission?", idempotency_key="m")
    [relay] = [r for r in outbox.for_clarification(db_factory(), c.id) if r.kind == "asker_thread"]
    slack.lost_answers.append(TimeoutError())
    relay_clock.advance(seconds=1)
    worker.deliver_due(relay_clock.now)
    row = outbox.get(db_factory(), relay.id)
    assert row is not None and row.state is OutboxState.PENDING
    assert worker.deliver_due(row.next_attempt_at).sent == [relay.id]
    assert sum(1 for p in slack.posts() if p.get("thread_ts")) == 1
    assert any(method == "conversations.replies" for method, _ in slack.calls)


# -- the server's passes: one channel's hung call holds up only that channel --------------------------------


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    """True once `condition()` holds; False if it still does not after `timeout` seconds."""
    for _ in range(int(timeout / 0.01)):
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_a_call_that_hangs_holds_up_only_its_own_channel(
    db_factory: DbFactory, relay_clock: FakeClock, sleeps: Sleeps
) -> None:
    release = threading.Event()
    inner = FakeSlack()

    def send(method: str, payload: dict[str, Any]) -> dict[str, Any]:
        if payload.get("channel") == "C0HUNG" and not release.is_set():
            release.wait(60)  # until the test lets it go
            raise TimeoutError()  # the client's timeout
        return inner(method, payload)

    worker = OutboxWorker(db_factory, send, relay_clock, sleeps)
    hung = queue_one(db_factory, relay_clock.now, channel="C0HUNG", key="hung")
    others = [queue_one(db_factory, relay_clock.now, channel=f"C{n}", key=f"k{n}") for n in range(3)]
    assert worker.dispatch_due(relay_clock.now) == 4
    # The other three are recorded while the hung call is still under way: waited for, not timed (on a busy
    # machine, or on PostgreSQL, recording them may take longer than any fixed pause).
    assert wait_for(lambda: worker.in_flight() == [hung]), worker.in_flight()
    db = db_factory()
    assert all(outbox.get(db, i).state is OutboxState.SENT for i in others)  # type: ignore[union-attr]
    later = queue_one(db_factory, relay_clock.now, channel="C1", key="later")
    relay_clock.advance(seconds=1)
    assert worker.dispatch_due(relay_clock.now) == 1  # C1 goes on; C0HUNG is busy, not started twice
    release.set()
    assert worker.wait_idle(30)
    assert outbox.get(db, later).state is OutboxState.SENT  # type: ignore[union-attr]
    row = outbox.get(db, hung)
    assert row is not None and row.state is OutboxState.PENDING and row.unsure_since is not None


# -- an answer that is not Slack's ---------------------------------------------------------------------------


def test_an_answer_that_is_not_slacks_is_retried_and_looked_for_not_failed(
    db_factory: DbFactory,
    relay_clock: FakeClock,
    sleeps: Sleeps,
    fake_slack: SlackServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A proxy's or a load balancer's page (HTTP 200, HTML) in place of Slack's JSON, through the real client.
    Before: slack_sdk's "non-JSON" error was taken for Slack refusing the message, so the row failed at once
    and the asker and the leads were told to fix the channel."""
    page = CannedReply(
        200, "<!DOCTYPE html><html><body>Bad gateway</body></html>", {"Content-Type": "text/html"}
    )
    pages = [page]
    answer = fake_slack.before_reply
    monkeypatch.setattr(fake_slack, "before_reply", lambda call: pages.pop() if pages else answer(call))
    client = WebClient(token="xoxb-test-outbox", base_url=fake_slack.api_url, retry_handlers=[])
    worker = OutboxWorker(db_factory, web_api_send(client), relay_clock, sleeps, rand=lambda: 0.5)
    row_id = queue_one(db_factory, relay_clock.now)
    report = worker.deliver_due(relay_clock.now)
    assert report.retried == [row_id] and report.failed == []
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.state is OutboxState.PENDING and row.last_error == "not_json_http_200"
    assert row.unsure_since is not None  # it may have reached Slack: looked for before it is posted again
    assert worker.deliver_due(row.next_attempt_at).sent == [row_id]
    assert len(fake_slack.posts("C1")) == 1
