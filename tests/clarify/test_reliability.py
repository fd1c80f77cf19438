"""Nothing lost, nothing doubled: 429 storms, 5xx, a restart between storing and sending, Slack's retries,
double clicks, the same form submitted twice, and two people answering at once. On both backends
(`pytest.mark.backends`, tests/conftest.py)."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest

from bot import ids
from bot.console_slack import IdleWaitingExecutor
from bot.outbox import OutboxWorker
from bot.relay.service import Actor, ClarificationService, ListFilter
from bot.services import Services
from bot.settings import Settings
from storage import outbox
from storage.clarifications import ClarificationState
from storage.outbox import OutboxState
from tests.clarify.conftest import SendLog
from tests.clarify.driver import ADMIN, CODER, NORTH_DOC, Relay, ack_body
from tests.fake_slack import FakeSlack
from tests.instances import another_instance
from tests.relay.conftest import FakeClock

pytestmark = pytest.mark.backends

NORTH_DOC_2 = Actor("UNORTHDOC2", "TNORTH")


def outbox_states(services: Services) -> dict[OutboxState, int]:
    db = services.db_factory()
    try:
        return outbox.counts(db)
    finally:
        db.close()


def delivered(fake: FakeSlack) -> list[tuple[str, str]]:
    """(method, channel) of every call Slack accepted."""
    return [
        (c.method, str(c.body.get("channel")))
        for c in fake.calls
        if c.method.startswith("chat.") and c.response is not None and c.response.get("ok")
    ]


def test_a_429_storm_is_retried_after_retry_after_and_each_message_arrives_once(
    relay_driver: Relay, fake_slack: FakeSlack, send_log: SendLog, services: Services
) -> None:
    relay_driver.ask(view_id="V1")
    relay_driver.ask(view_id="V2")
    fake_slack.fail_with_429(count=6, retry_after=3, method="chat.postMessage")

    relay_driver.deliver()

    assert delivered(fake_slack) == [("chat.postMessage", "C0NORTH"), ("chat.postMessage", "UCODER")] * 2
    refused = [
        c
        for c in fake_slack.calls
        if c.method == "chat.postMessage" and c.response is not None and not c.response.get("ok")
    ]
    assert len(refused) == 6
    times = [at for at, method in send_log.attempts if method == "chat.postMessage"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert all(gap >= timedelta(seconds=3) for gap in gaps[:6]), gaps  # never before Retry-After
    assert outbox_states(services)[OutboxState.SENT] == 4
    assert relay_driver.deliver() == []


def test_server_errors_back_off_and_deliver_once(
    relay_driver: Relay, fake_slack: FakeSlack, services: Services
) -> None:
    relay_driver.ask()
    fake_slack.fail_with_status(503, count=2, method="chat.postMessage")

    relay_driver.deliver()

    assert delivered(fake_slack) == [("chat.postMessage", "C0NORTH"), ("chat.postMessage", "UCODER")]
    assert outbox_states(services)[OutboxState.SENT] == 2


def test_a_restart_between_storing_and_sending_delivers_once(
    relay_driver: Relay,
    make_worker: Callable[[], OutboxWorker],
    fake_slack: FakeSlack,
    services: Services,
) -> None:
    relay_driver.ask()
    assert fake_slack.calls_to("chat.postMessage") == []  # stored; the process "dies" before its worker runs

    relay_driver.worker = make_worker()  # a new process, a new worker
    relay_driver.deliver()
    relay_driver.worker = make_worker()  # and another restart: nothing is sent again
    assert relay_driver.deliver() == []

    assert delivered(fake_slack) == [("chat.postMessage", "C0NORTH"), ("chat.postMessage", "UCODER")]


def test_a_worker_that_died_mid_send_is_taken_over_after_its_claim_expires(
    relay_driver: Relay, make_worker: Callable[[], OutboxWorker], fake_slack: FakeSlack, services: Services
) -> None:
    relay_driver.ask()
    db = services.db_factory()
    try:
        first = outbox.pending(db)[0]
        assert outbox.claim(db, first.id, now=relay_driver.clock())  # claimed, then the process died
    finally:
        db.close()

    relay_driver.worker = make_worker()
    relay_driver.deliver()  # the claimed row waits; the rest of its channel waits behind it
    assert ("chat.postMessage", "C0NORTH") not in delivered(fake_slack)

    relay_driver.clock.advance(minutes=6)
    relay_driver.deliver()
    assert sorted(delivered(fake_slack)) == [("chat.postMessage", "C0NORTH"), ("chat.postMessage", "UCODER")]


def test_the_same_form_submitted_twice_creates_one_clarification(
    relay_driver: Relay, relay: ClarificationService, services: Services
) -> None:
    first = ack_body(relay_driver.submit_clarify(view_id="VSAME"))
    second = ack_body(relay_driver.submit_clarify(view_id="VSAME"))

    assert first == second
    assert [c.id for c in relay.list(ListFilter.MINE, CODER, relay_driver.clock())] == [1]
    assert len(relay_driver.deliver()) == 2


def test_slack_retrying_a_thread_event_relays_it_once(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    relay_driver.ask()
    tracking = relay_driver.deliver()[1]
    dm, ts = tracking.response["channel"], tracking.response["ts"]  # type: ignore[index]

    for _ in range(3):  # Slack redelivers with the same event_id (x-slack-retry-num)
        relay_driver.thread_message(dm, ts, CODER, "Any update?", "EvRetried", ts="1800000000.000777")

    assert len(relay_driver.deliver()) == 1
    assert len(relay.replies(1)) == 1


def test_bot_messages_edits_and_top_level_messages_are_not_relayed(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    relay_driver.ask()
    office_ts = relay_driver.deliver()[0].response["ts"]  # type: ignore[index]

    relay_driver.thread_message("C0NORTH", office_ts, NORTH_DOC, "relayed copy", "Ev1", bot_id="B_BOT")
    relay_driver.thread_message("C0NORTH", office_ts, NORTH_DOC, "edited", "Ev2", subtype="message_changed")
    relay_driver.thread_message("C0NORTH", "1700000099.000100", NORTH_DOC, "unrelated thread", "Ev3")
    top = relay_driver.thread_message("C0NORTH", office_ts, NORTH_DOC, "top level", "Ev4", ts=office_ts)

    assert top.calls == []
    assert relay_driver.deliver() == []
    assert relay.replies(1) == []


def test_double_clicks_and_repeated_answers_have_one_effect(
    relay_driver: Relay, relay: ClarificationService, fake_slack: FakeSlack
) -> None:
    relay_driver.ask()
    relay_driver.deliver()

    opened = [relay_driver.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC) for _ in range(2)]
    assert all(o.only("views.open") for o in opened)  # two forms at most; only one answer can be recorded
    first = ack_body(relay_driver.answer(1, view_id="VDOUBLE"))
    again = ack_body(relay_driver.answer(1, view_id="VDOUBLE"))  # the same submission delivered twice
    assert first == again
    assert [c.method for c in relay_driver.deliver()] == ["chat.update", "chat.update", "chat.postMessage"]

    late = relay_driver.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC)
    assert "already answered by <@UNORTHDOC>" in relay_driver.reply_text(late)
    for _ in range(2):
        relay_driver.click(ids.CLARIFICATION_RESOLVE, "1:confirmed", CODER, channel="D_UCODER", selected=True)
    assert [c.method for c in relay_driver.deliver()] == ["chat.update", "chat.update", "chat.postMessage"]
    assert [e.action for e in relay.history(1)] == ["asked", "answered", "resolved"]


def test_two_people_answering_at_once_one_wins_and_the_other_is_told(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    relay.add_office_member(ADMIN, 1, NORTH_DOC_2.user_id, NORTH_DOC_2.team_id)
    relay_driver.ask()
    results: dict[str, dict[str, object]] = {}
    barrier = threading.Barrier(2)

    def answer(actor: Actor, view_id: str) -> None:
        barrier.wait()
        results[actor.user_id] = ack_body(relay_driver.answer(1, actor=actor, view_id=view_id))

    threads = [
        threading.Thread(target=answer, args=(NORTH_DOC, "VRACE1")),
        threading.Thread(target=answer, args=(NORTH_DOC_2, "VRACE2")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    views = {user: json.dumps(ack["view"]) for user, ack in results.items()}
    winners = [user for user, view in views.items() if "recorded" in view]
    losers = [user for user, view in views.items() if "already answered by" in view]
    assert len(winners) == 1 and len(losers) == 1
    c = relay.get(1)
    assert c.state is ClarificationState.ANSWERED and c.answered_by == winners[0]
    assert f"<@{winners[0]}>" in views[losers[0]]


def test_a_retry_that_reaches_another_instance_has_one_effect(
    relay_driver: Relay,
    relay: ClarificationService,
    settings: Settings,
    clock: FakeClock,
    fake_slack: FakeSlack,
    signing_secret: str,
) -> None:
    """Two instances over one database: Slack's retry of a thread event, the same form submitted again and a
    double-clicked answer, each reaching the other instance, are recognised there (the keys are in the
    database, not in either process)."""
    first = relay_driver.scenario
    with (
        IdleWaitingExecutor() as executor,
        another_instance(settings, clock, fake_slack, signing_secret, executor) as second,
    ):
        asked = []
        for scenario in (first, second, first):
            relay_driver.scenario = scenario
            asked.append(ack_body(relay_driver.submit_clarify(view_id="VSAME")))
        tracking = relay_driver.deliver()[1]
        dm, ts = tracking.response["channel"], tracking.response["ts"]  # type: ignore[index]
        for scenario in (first, second, second):
            relay_driver.scenario = scenario
            relay_driver.thread_message(dm, ts, CODER, "Any update?", "EvRetried", ts="1800000000.000777")
        for scenario in (second, first):
            relay_driver.scenario = scenario
            relay_driver.answer(1, view_id="VANSWER")
        relay_driver.scenario = first

    assert asked[0] == asked[1] == asked[2]
    assert [c.id for c in relay.list(ListFilter.MINE, CODER, relay_driver.clock())] == [1]
    assert len(relay.replies(1)) == 1
    assert relay.get(1).state is ClarificationState.ANSWERED
    sent = [(c.method, c.body["channel"]) for c in relay_driver.deliver()]
    assert sent == [  # the reply relayed once, the answer recorded and relayed once
        ("chat.postMessage", "C0NORTH"),
        ("chat.update", "D_UCODER"),
        ("chat.update", "C0NORTH"),
        ("chat.postMessage", "D_UCODER"),
    ]
