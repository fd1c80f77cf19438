"""Duplicate delivery: Slack retries an event it thinks was not acknowledged, users double-click, modals are
resubmitted, and a restart can happen in between. What the product deduplicates, and by what:

- thread messages relayed between the two sides: the Slack event id (`replies.source_event_id`);
- an office's answer: the click's idempotency key (`processed_events`);
- a new question: the modal submission's idempotency key (`clarifications.submission_key`).

tests/relay/test_service.py shows one repeat of each; here each arrives 4 times *at once* from several threads
and once more through new service objects on the same database file, and must have exactly one effect: one
stored row, one audit row and one outgoing message. On both backends (tests/backends.py, `pytest.mark.backends`).
"""

from __future__ import annotations

import time

import pytest

from bot.app import create_app
from bot.console_slack import IdleWaitingExecutor
from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from bot.services import Services, assemble_services
from bot.settings import Settings
from storage import outbox
from storage.app_db import AppDatabase
from storage.clarifications import Clarification
from tests.fake_slack import FakeSlack
from tests.relay.conftest import CODER, NORTH_STAFF, FakeClock, make_draft
from tests.reliability.scenarios import RecordingSend, run_duplicate_scenario
from tests.reliability.world import populate
from tests.scenario import Scenario
from tests.signing import event_body

pytestmark = pytest.mark.backends


def test_four_concurrent_copies_and_one_after_a_restart_have_one_effect(app_db: AppDatabase) -> None:
    result = run_duplicate_scenario(app_db, events=40, copies=4, threads=4)

    assert result.errors == []
    assert result.half_written == []  # one audit row and one relayed message per stored reply
    assert result.lost == 0 and result.duplicated == 0
    assert sum(result.effects.values()) == result.events + result.answers + result.asks
    assert result.deliveries == 5 * (result.events + result.answers + result.asks)


# ---- through Slack: a thread message event redelivered, and redelivered again after a restart ------------------


@pytest.fixture
def delivered_clarification(services: Services) -> tuple[ClarificationService, Clarification]:
    """A clarification whose office post is in Slack (so its thread exists)."""
    pytest.importorskip("bot.commands.clarify")
    relay = services.relay()
    world = populate(relay)
    c = relay.ask(make_draft(world.north.id), CODER, asker_channel=CODER.user_id, idempotency_key="dup")
    clock = FakeClock(services.clock())
    OutboxWorker(relay._db_factory, RecordingSend(), clock, lambda s: None, channel_interval=0).deliver_due(
        clock.now
    )
    return relay, relay.get(c.id)


def test_a_thread_message_delivered_four_times_and_after_a_restart_is_relayed_once(
    scenario: Scenario,
    settings: Settings,
    services: Services,
    listener_executor: IdleWaitingExecutor,
    fake_slack: FakeSlack,
    signing_secret: str,
    app_database: AppDatabase,
    delivered_clarification: tuple[ClarificationService, Clarification],
) -> None:
    relay, c = delivered_clarification
    event = {
        "type": "message",
        "channel": "C0NORTH",
        "user": NORTH_STAFF.user_id,
        "user_team": NORTH_STAFF.team_id,
        "text": "The H&P from day 1 documents iron deficiency",
        "ts": "1800000000.000100",
        "thread_ts": c.office_ts,
    }
    body = event_body(event, event_id="Ev0DUPLICATE")
    now = int(time.time())
    for retry in range(4):  # Slack's first delivery and its three retries, each signed anew
        assert scenario.run(body, timestamp=now - retry).response.status == 200

    # The restart: new services and a new app on the same database file.
    fresh = assemble_services(settings, services.codebook, services.clock, app_database.factory())
    restarted = Scenario(
        create_app(settings, fresh, listener_executor=listener_executor),
        fake_slack,
        listener_executor,
        signing_secret,
    )
    assert restarted.run(body, timestamp=now - 4).response.status == 200

    replies = relay.replies(c.id)
    assert [(r.text, r.author_id) for r in replies] == [(event["text"], NORTH_STAFF.user_id)]
    db = relay._db_factory()
    try:
        relayed = [r for r in outbox.for_clarification(db, c.id) if r.dedupe_key == f"reply:{replies[0].id}"]
    finally:
        db.close()
    assert len(relayed) == 1 and relayed[0].kind == "asker_thread"
    assert [
        call.method for call in fake_slack.calls if call.method.startswith("chat.")
    ] == []  # no refusal notes
