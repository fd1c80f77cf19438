"""The outbox's claim lease follows from the Slack call timeout: a killed instance's row holds its channel for
50 s, not two minutes, and a live instance never has a call under way once another may take its row
(bot.outbox's docstring gives the reasoning). On SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.jobs.digest import UPLOAD_METHOD
from bot.outbox import CLOCK_SKEW_MARGIN, OutboxWorker, lease_for, requests_per_send
from storage import outbox
from storage.outbox import OutboxState
from tests.relay.conftest import FakeClock
from tests.relay.test_outbox_worker import DbFactory, FakeSlack, Sleeps, queue_one

TIMEOUT = 10


def worker_for(db_factory: DbFactory, slack: FakeSlack, clock: FakeClock) -> OutboxWorker:
    return OutboxWorker(db_factory, slack, clock, Sleeps(), rand=lambda: 0.5, call_timeout=TIMEOUT)


def test_the_lease_covers_the_longest_send_starting_late_and_the_clock_margin() -> None:
    # A chart upload (the digest's) is three requests, each cut off after the timeout.
    assert requests_per_send(UPLOAD_METHOD) == 3 and requests_per_send("chat.postMessage") == 1
    assert lease_for(TIMEOUT) == 4 * timedelta(seconds=TIMEOUT) + CLOCK_SKEW_MARGIN == timedelta(seconds=50)
    default = OutboxWorker(lambda: None, FakeSlack(), lambda: None, Sleeps())  # type: ignore[arg-type, return-value]
    assert default.claim_lease == timedelta(seconds=50)


def test_a_killed_instances_channel_resumes_50_seconds_later_without_a_second_post(
    db_factory: DbFactory, relay_clock: FakeClock
) -> None:
    slack = FakeSlack()
    row_id = queue_one(db_factory, relay_clock.now, channel="C1", key="killed")
    dying = worker_for(db_factory, slack, relay_clock)
    slack.lost_answers.append(SystemExit("killed"))  # posted, then the process died before recording it
    with pytest.raises(SystemExit):
        dying.deliver_due(relay_clock.now)
    survivor = worker_for(db_factory, slack, relay_clock)
    relay_clock.advance(seconds=49)
    assert survivor.deliver_due(relay_clock.now).sent == []  # still within the lease: the channel waits
    relay_clock.advance(seconds=2)
    assert survivor.deliver_due(relay_clock.now).sent == [row_id]  # 51 s after the claim: taken over
    assert len(slack.posts()) == 1  # found in the channel, not posted again
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.state is OutboxState.SENT


def test_a_live_instance_starts_no_call_that_could_outlast_its_claim(
    db_factory: DbFactory, relay_clock: FakeClock
) -> None:
    """A's row is unsure (an earlier attempt timed out), so A searches the channel first; the search takes
    longer than it should (the clock moves 35 s): A must not post afterwards, since another instance may take
    the row once the lease has run out and post it itself."""
    slack = FakeSlack()
    row_id = queue_one(db_factory, relay_clock.now, channel="C1", key="slow")
    a = worker_for(db_factory, slack, relay_clock)
    slack.failures.append(TimeoutError())  # never posted, outcome unknown: unsure
    a.deliver_due(relay_clock.now)
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.unsure_since is not None
    relay_clock.now = row.next_attempt_at

    searched = FakeSlack.__call__

    def slow_search(method: str, payload: dict[str, object]) -> dict[str, object]:
        if method.startswith("conversations."):
            relay_clock.advance(seconds=35)
        return searched(slack, method, payload)

    a_slow = OutboxWorker(
        db_factory, slow_search, relay_clock, Sleeps(), rand=lambda: 0.5, call_timeout=TIMEOUT
    )
    report = a_slow.deliver_due(relay_clock.now)
    assert report.sent == [] and report.retried == [row_id]
    assert (
        len(slack.posts()) == 1
    )  # only the first attempt: the post was not started once the claim could expire
    assert "C1" not in slack.history
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.state is OutboxState.PENDING and row.last_error == "out_of_lease"


def test_a_late_record_does_not_undo_the_claim_that_took_the_row_over(
    db_factory: DbFactory, relay_clock: FakeClock
) -> None:
    """A's attempt is recorded only after its lease ran out and B took the row over and sent it: A's record
    (a timeout: back to pending) must not reopen a row B has sent."""
    slack = FakeSlack()
    row_id = queue_one(db_factory, relay_clock.now, channel="C1", key="late")
    a = worker_for(db_factory, slack, relay_clock)
    b = worker_for(db_factory, slack, relay_clock)
    taken_over: list[list[int]] = []

    def b_takes_over() -> None:
        relay_clock.advance(seconds=51)
        taken_over.append(b.deliver_due(relay_clock.now).sent)
        slack.failures.append(TimeoutError())  # and A's own call then times out

    slack.during_send = b_takes_over
    a.deliver_due(relay_clock.now)
    assert taken_over == [[row_id]]
    row = outbox.get(db_factory(), row_id)
    assert row is not None and row.state is OutboxState.SENT
    assert len(slack.history["C1"]) == 1  # posted once, by B (A's call timed out before posting)


def test_an_upload_starts_only_while_its_three_requests_can_end_within_the_lease(
    db_factory: DbFactory, relay_clock: FakeClock
) -> None:
    """Claimed, then 15 s pass before the send (a slow parent lookup, a busy thread): a post may still go (it
    ends by 35 s < 40 s), an upload (three requests: up to 45 s) may not."""
    calls: list[str] = []

    def send(method: str, payload: dict[str, object]) -> dict[str, object]:
        calls.append(method)
        return {"ok": True, "ts": "1.2", "channel": payload["channel"]}

    for method, key in (("chat.postMessage", "post"), (UPLOAD_METHOD, "chart")):
        outbox.enqueue(
            db_factory(),
            outbox.NewOutboxMessage("n", f"C{key}", method, {"channel": f"C{key}", "text": key}, key),
            now=relay_clock.now,
        )

    def late_clock() -> datetime:
        return relay_clock.now + timedelta(seconds=15)

    worker = OutboxWorker(db_factory, send, late_clock, Sleeps(), rand=lambda: 0.5, call_timeout=TIMEOUT)
    report = worker.deliver_due(relay_clock.now)
    assert calls == ["chat.postMessage"]
    assert len(report.sent) == 1 and len(report.retried) == 1
