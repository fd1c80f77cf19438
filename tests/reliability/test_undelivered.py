"""Messages Slack would not take are visible and can be acted on: `codedesk outbox list|retry|discard`, a line in
the queue status and the digest (issue #15: "nothing retries, surfaces or alerts on failed rows").

The failures are real: the outbox worker sends through a real WebClient to the fake Web API, which answers
not_in_channel for the office's channel until the bot is "invited". On both backends (tests/backends.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.cli import main
from bot.jobs.digest import post_daily_digest
from bot.jobs.queue_status import post_queue_status
from bot.jobs.schedules import save_schedule
from bot.lookups.codebook import CodeBook
from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from bot.services import web_api_send
from bot.settings import Settings
from storage import outbox
from storage.app_db import AppDatabase
from storage.clarifications import Answer
from storage.outbox import OutboxState
from tests.fake_slack import Call, FakeSlack
from tests.relay.conftest import CODER, MONDAY_9AM_CHICAGO, NORTH_STAFF, FakeClock, make_draft
from tests.reliability.world import populate


class Desk:
    def __init__(self, database: AppDatabase, fake: FakeSlack) -> None:
        self.database = database
        self.env = {"CODEDESK_DB": str(database.path)}
        if database.server is not None:
            self.env["CODEDESK_DATABASE_URL"] = database.server.url
        self.fake = fake
        self.clock = FakeClock(MONDAY_9AM_CHICAGO)
        self.service = ClarificationService(database.factory(), self.clock)
        self.world = populate(self.service)
        client = WebClient(token="xoxb-undelivered", base_url=fake.api_url, retry_handlers=[])
        self.worker = OutboxWorker(database.factory(), web_api_send(client), self.clock, lambda s: None)
        self.settings = Settings.from_env(self.env, mode="cli")

    @property
    def db_factory(self):  # type: ignore[no-untyped-def]
        return self.database.factory()

    def deliver(self, passes: int = 10) -> None:
        for _ in range(passes):
            self.worker.deliver_due(self.clock.now)
            self.clock.advance(seconds=1)

    def rows(self) -> list[outbox.OutboxRow]:
        db = self.database.connect()
        try:
            return [r for r in outbox.undelivered(db, include_pending=True)]
        finally:
            db.close()


@pytest.fixture
def desk(app_db: AppDatabase, fake_slack: FakeSlack) -> Desk:
    return Desk(app_db, fake_slack)


@pytest.fixture
def outside_the_channel(fake_slack: FakeSlack) -> Iterator[list[bool]]:
    """Until `invited[0]` is set, posts to C0NORTH answer not_in_channel (HTTP 200, as Slack does)."""
    invited = [False]
    original = fake_slack.before_reply

    def before_reply(call: Call):  # type: ignore[no-untyped-def]
        if not invited[0] and call.method == "chat.postMessage" and call.body.get("channel") == "C0NORTH":
            from bot.console_slack import CannedReply

            return CannedReply(200, {"ok": False, "error": "not_in_channel"})
        return original(call)

    fake_slack.before_reply = before_reply  # type: ignore[method-assign]
    yield invited


def run_cli(codebook: CodeBook, desk: Desk, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str]:
    for name, value in desk.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CODEDESK_CODES_DB", str(codebook.path))
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def set_channels(desk: Desk) -> None:
    db = desk.database.connect()
    try:
        for job, channel in (("queue_status", "C0TEAM"), ("digest", "C0LEADS")):
            save_schedule(
                db, job, cron="0 9 * * 1-5", channel=channel, enabled=True, by="U", at=desk.clock.now
            )
    finally:
        db.close()


def queued_text(desk: Desk, kind: str) -> str:
    db = desk.database.connect()
    try:
        [row] = [r for r in outbox.pending(db, limit=10_000) if r.kind == kind]
        return str(row.payload["text"])
    finally:
        db.close()


def test_a_failed_question_is_listed_shown_in_the_reports_retried_once_fixed_and_delivered(
    desk: Desk,
    outside_the_channel: list[bool],
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    fake_slack: FakeSlack,
) -> None:
    set_channels(desk)
    c = desk.service.ask(make_draft(desk.world.north.id), CODER, asker_channel="UCODER", idempotency_key="k")
    desk.service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "a")
    desk.deliver()
    failed = [r for r in desk.rows() if r.state is OutboxState.FAILED]
    assert [(r.kind, r.last_error) for r in failed] == [
        ("office_post", "not_in_channel"),
        ("office_update", "parent_failed"),
    ]
    # The coder was told at once, in a DM, with the fix; so were the leads (here: their digest channel).
    notes = {
        c.body["channel"]: c.body["text"]
        for c in fake_slack.calls_to("chat.postMessage")
        if "warning" in c.body["text"]
    }
    assert set(notes) == {"UCODER", "C0LEADS"}
    assert "invite the bot: `/invite @CodeDesk` in <#C0NORTH>" in notes["UCODER"]

    status, out = run_cli(codebook, desk, monkeypatch, "outbox", "list")
    assert status == 0
    assert out.splitlines()[0].startswith("Outbox: 2 failed (not discarded), 0 pending")
    assert "office_post" in out and "not_in_channel" in out
    assert "fix: invite the bot: `/invite @CodeDesk` in channel C0NORTH" in out

    for run in (post_queue_status, post_daily_digest):
        run(desk, desk.clock.now)  # type: ignore[arg-type]
    for kind in ("job_queue_status", "job_digest"):
        line = queued_text(desk, kind).splitlines()[-1]
        assert line.startswith(":warning: *2 messages could not be delivered*: <#C0NORTH> not_in_channel ×1")
        assert "parent_failed ×1" in line and "`codedesk outbox list`" in line

    outside_the_channel[0] = True  # the bot is invited
    status, out = run_cli(codebook, desk, monkeypatch, "outbox", "retry", "--channel", "C0NORTH")
    assert status == 0 and "2 message(s) will be sent again" in out
    desk.clock.now = datetime.now(UTC)  # the command queued them for the real time
    desk.deliver()
    assert [r for r in desk.rows() if r.state is not OutboxState.SENT] == []
    posted = [c.body for c in fake_slack.calls_to("chat.postMessage") if c.body["channel"] == "C0NORTH"]
    assert len(posted) == 2  # refused once, then posted once
    updates = [c.body for c in fake_slack.calls_to("chat.update") if c.body["channel"] == "C0NORTH"]
    assert len(updates) == 1 and updates[0]["ts"] == fake_slack.posts("C0NORTH")[0]["ts"]
    status, out = run_cli(codebook, desk, monkeypatch, "outbox", "list")
    assert out.splitlines()[0].startswith("Outbox: 0 failed")


def test_discarded_messages_leave_the_lists_but_stay_in_the_record(
    desk: Desk, outside_the_channel: list[bool], codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_channels(desk)
    desk.service.ask(make_draft(desk.world.north.id), CODER, asker_channel="UCODER", idempotency_key="k")
    desk.deliver()
    [failed] = [r for r in desk.rows() if r.state is OutboxState.FAILED]
    status, out = run_cli(codebook, desk, monkeypatch, "outbox", "discard", str(failed.id))
    assert status == 0 and f"Discarded rows {failed.id}" in out
    assert run_cli(codebook, desk, monkeypatch, "outbox", "list")[1].startswith("Outbox: 0 failed")
    post_queue_status(desk, desk.clock.now + timedelta(minutes=1))  # type: ignore[arg-type]
    assert "could not be delivered" not in queued_text(desk, "job_queue_status")
    db = desk.database.connect()
    try:
        row = outbox.get(db, failed.id)
    finally:
        db.close()
    assert row is not None and row.state is OutboxState.FAILED and row.discarded_at is not None


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["outbox", "retry"], 2, "say which messages to retry"),
        (["outbox", "retry", "--all", "3"], 2, "--all means every failed message"),
        (["outbox", "discard", "999"], 1, "row 999: not changed (no such row"),
    ],
)
def test_retry_and_discard_say_what_they_could_not_do(
    argv: list[str],
    status: int,
    message: str,
    desk: Desk,
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(codebook, desk, monkeypatch, *argv)[0] == status
    assert message in capsys.readouterr().err
