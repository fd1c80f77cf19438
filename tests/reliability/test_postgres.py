"""PostgreSQL's own faults and its concurrency: bad URLs, a server that cannot be reached at start, a connection
lost mid-run, and two instances delivering one outbox (each message sent once, per-channel order kept)."""

from __future__ import annotations

import io
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.cli import main
from bot.lookups.codebook import CodeBook
from bot.outbox import OutboxWorker
from bot.serve import BackgroundHttpServer, make_http_server
from bot.services import build_services
from bot.settings import Settings
from scripts.throwaway_pg import free_port
from storage import job_runs, outbox, schema
from storage.backend import Instant, PgServer, parse_url
from storage.db import DatabaseUnavailable, write_transaction
from storage.outbox import NewOutboxMessage, OutboxState
from tests.backends import PgSession
from tests.fake_slack import FakeSlack as SlackApiFake
from tests.relay.test_outbox_worker import FakeSlack
from tests.reliability.test_health import health

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def pg(pg_session: PgSession | None) -> PgSession:
    if pg_session is None:
        pytest.skip("no PostgreSQL: set CODEDESK_TEST_DATABASE_URL (CI starts a throwaway cluster)")
    pg_session.fresh()
    return pg_session


def run_cli(monkeypatch: pytest.MonkeyPatch, url: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("CODEDESK_DATABASE_URL", url)
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue(), ""


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://codedesk:s3cret-pw@db.example:3306/codedesk", "only PostgreSQL is supported"),
        ("postgresql://codedesk@db.example:5432/codedesk", "has no password for user codedesk"),
        ("postgresql://codedesk:s3cret-pw@db.example:5432/", "names no database"),
        ("postgresql://codedesk:s3cret-pw@db.example:port/codedesk", "port that is not a number"),
    ],
)
def test_a_bad_url_is_one_clear_line_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, said: str
) -> None:
    status, out, _ = run_cli(monkeypatch, url, "migrate")
    err = capsys.readouterr().err
    assert status == 2
    assert said in err and "CODEDESK_DATABASE_URL" in err
    assert len(err.strip().splitlines()) == 1
    assert "s3cret-pw" not in err + out


def test_an_unreachable_server_at_start_is_one_line_naming_host_and_port_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()  # nothing listens there
    status, out, _ = run_cli(
        monkeypatch, f"postgresql://codedesk:s3cret-pw@127.0.0.1:{port}/codedesk", "migrate"
    )
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot reach the PostgreSQL database at 127.0.0.1:{port}" in err
    assert len(err.strip().splitlines()) == 1
    assert "s3cret-pw" not in err + out


def test_migrate_on_postgresql_says_where_and_applies_nothing_twice(
    pg: PgSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run_cli(monkeypatch, pg.url, "migrate")
    assert status == 0
    assert "already at schema version" in out
    assert f"PostgreSQL {parse_url(pg.url).where}" in out
    assert parse_url(pg.url).password not in out


def test_a_connection_lost_mid_run_is_unavailable_saves_nothing_and_the_next_one_works(pg: PgSession) -> None:
    db = pg.server.connect()
    (pid,) = db.execute("SELECT pg_backend_pid()").fetchone()
    killer = pg.server.connect()
    with (
        pytest.raises(DatabaseUnavailable, match="cannot reach the PostgreSQL database"),
        write_transaction(db),
    ):
        outbox.enqueue(db, NewOutboxMessage("n", "C1", "chat.postMessage", {"text": "x"}, "lost"), now=NOW)
        killer.execute("SELECT pg_terminate_backend(?)", [pid])
        outbox.enqueue(db, NewOutboxMessage("n", "C1", "chat.postMessage", {"text": "y"}, "lost-2"), now=NOW)
    db.close()
    killer.close()
    again = pg.server.connect()  # the pool drops the dead connection and makes a new one
    try:
        assert outbox.counts(again)[OutboxState.PENDING] == 0  # nothing half-written
    finally:
        again.close()


def test_the_outbox_resumes_when_the_database_returns(pg: PgSession) -> None:
    slack = FakeSlack()
    db = pg.server.connect()
    outbox.enqueue(
        db, NewOutboxMessage("n", "C1", "chat.postMessage", {"channel": "C1", "text": "a"}, "a"), now=NOW
    )
    db.close()
    killer = pg.server.connect()
    killer.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid != pg_backend_pid()"
    )
    killer.close()
    worker = OutboxWorker(pg.server.connect, slack, lambda: NOW, lambda _s: None, channel_interval=0)
    for _ in range(3):  # the first pass may meet a connection the server dropped; a later one sends
        try:
            if worker.deliver_due(NOW).sent:
                break
        except DatabaseUnavailable:
            continue
    worker.wait_idle()
    assert [p["text"] for p in slack.posts()] == ["a"]


def test_after_a_restart_every_dead_connection_of_a_grown_pool_is_replaced_at_once(pg: PgSession) -> None:
    """A busy spell grows the pool (here to its 20); the server then drops every connection (a restart, a
    failover). The next request gets a working connection inside its own deadline (the request path's 1.5 s):
    the dead idle ones are discarded one after another. (Before, the pool's check waited 1, 2, 4 ... s between
    two dead ones: the request failed as "every database connection was in use", and the outbox tests after the
    concurrency scenario timed out.)"""
    held = [pg.server.connect() for _ in range(20)]
    for db in held:
        db.close()
    killer = psycopg.connect(pg.server.target.conninfo(), autocommit=True)
    try:
        killer.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid != pg_backend_pid()"
        )
    finally:
        killer.close()
    db = pg.server.connect(busy_timeout_ms=1500)
    try:
        assert db.execute("SELECT 1").fetchone()[0] == 1
    finally:
        db.close()


def test_two_instances_send_each_message_once_in_channel_order(pg: PgSession) -> None:
    """Two servers (two pools) deliver one outbox at once: every row is claimed by exactly one of them
    (FOR UPDATE SKIP LOCKED), and within a channel the rows go in id order."""
    db = pg.server.connect()
    for n in range(60):
        channel = f"C{n % 4}"
        outbox.enqueue(
            db,
            NewOutboxMessage("n", channel, "chat.postMessage", {"channel": channel, "text": str(n)}, f"k{n}"),
            now=NOW,
        )
    db.close()
    sent: list[tuple[str, str]] = []
    lock = threading.Lock()

    def send(method: str, payload: dict[str, Any]) -> dict[str, Any]:
        with lock:
            sent.append((payload["channel"], payload["text"]))
        return {"ok": True, "ts": f"{len(sent)}.0001", "channel": payload["channel"]}

    servers = [PgServer(parse_url(pg.url), max_size=4) for _ in range(2)]
    clock = [NOW]
    workers = [
        OutboxWorker(server.connect, send, lambda: clock[0], lambda _s: None, channel_interval=0)
        for server in servers
    ]
    try:
        for _ in range(40):
            threads = [
                threading.Thread(target=w.dispatch_due, args=(clock[0], threading.Event())) for w in workers
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
            for worker in workers:
                worker.wait_idle()
            clock[0] += timedelta(seconds=1)
            if len(sent) >= 60:
                break
    finally:
        for server in servers:
            server.close()
    assert sorted(int(text) for _, text in sent) == list(range(60))  # each once
    for channel in ("C0", "C1", "C2", "C3"):
        in_channel = [int(text) for c, text in sent if c == channel]
        assert in_channel == sorted(in_channel)


def test_serve_and_migrate_refuse_a_newer_schema_on_postgresql(
    pg: PgSession, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = schema.CURRENT_VERSION + 1
    db = pg.server.connect()
    db.execute(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'from the future', ?)",
        [newer, Instant(0)],
    )
    db.close()
    try:
        status, _, _ = run_cli(monkeypatch, pg.url, "migrate")
        err = capsys.readouterr().err
        assert status == 2
        assert f"has schema version {newer}, newer than this CodeDesk knows" in err
        assert f"PostgreSQL {parse_url(pg.url).where}" in err
        with pytest.raises(schema.SchemaTooNew):
            build_services(Settings.from_env({"CODEDESK_DATABASE_URL": pg.url}, mode="cli"))
    finally:
        db = pg.server.connect()
        db.execute("DELETE FROM schema_version WHERE version = ?", [newer])
        db.close()


def test_healthz_checks_the_postgresql_database(
    pg: PgSession, tmp_path: Path, codebook: CodeBook, fake_slack: SlackApiFake, signing_secret: str
) -> None:
    codes = tmp_path / "codes.sqlite"
    codes.symlink_to(codebook.path)
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-health",
            "SLACK_SIGNING_SECRET": signing_secret,
            "SLACK_API_URL": fake_slack.api_url,
            "CODEDESK_DATABASE_URL": pg.url,
            "CODEDESK_CODES_DB": str(codes),
        },
        mode="http",
    )
    services = build_services(settings)
    server = make_http_server(settings, services, "127.0.0.1", 0, asyncore_loop_timeout=0.05)
    with BackgroundHttpServer(server) as running:
        assert health(running.url) == (200, "ok")
        # The schema table gone stands for a database that no longer answers the probe.
        db = pg.server.connect()
        db.execute("ALTER TABLE schema_version RENAME TO schema_version_away")
        db.close()
        try:
            status, text = health(running.url)
        finally:
            db = pg.server.connect()
            db.execute("ALTER TABLE schema_version_away RENAME TO schema_version")
            db.close()
        assert status == 503
        assert "database" in text
        assert parse_url(pg.url).password not in text


def test_metacharacters_are_stored_verbatim_and_a_nul_as_a_replacement_character(pg: PgSession) -> None:
    """PostgreSQL text cannot hold U+0000 (SQLite can): it is stored as U+FFFD rather than failing the request;
    every other character, SQL metacharacters included, is stored and read back as sent."""
    meta = (
        "Robert'); DROP TABLE clarifications;-- \"x\" \\ % _ /* */ ` ?1 :name @p $1 NULL '' OR 1=1 %s %(x)s"
    )
    db = pg.server.connect()
    try:
        key = outbox.enqueue(
            db, NewOutboxMessage("n", "C1", "chat.postMessage", {"text": meta}, meta + "\x00"), now=NOW
        )
        row = outbox.get(db, key)
        assert row is not None
        assert row.payload["text"] == meta
        assert row.dedupe_key == meta + "\ufffd"
        # The same key again is the same row (the replacement is the same each time).
        again = outbox.enqueue(
            db, NewOutboxMessage("n", "C1", "chat.postMessage", {"text": "other"}, meta + "\x00"), now=NOW
        )
        assert again == key
    finally:
        db.close()


def test_a_job_slot_is_claimed_by_one_instance_when_two_race(pg: PgSession) -> None:
    """Two instances run the same (job, slot) at once: the second waits for the first's transaction and then
    finds the slot taken, so the job's messages are queued once."""
    servers = [PgServer(parse_url(pg.url), max_size=2) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def run(server: PgServer) -> None:
        db = server.connect()
        try:
            with write_transaction(db):
                barrier.wait()
                claimed = job_runs.claim_slot(db, "digest", "2026-11-02T15:00", NOW)
                if claimed:
                    outbox.enqueue(
                        db,
                        NewOutboxMessage("digest", "C0LEADS", "chat.postMessage", {"text": "d"}, "digest"),
                        now=NOW,
                    )
                    time.sleep(0.3)  # the other instance is now waiting on the key
                results.append(claimed)
        finally:
            db.close()

    threads = [threading.Thread(target=run, args=(server,)) for server in servers]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        for server in servers:
            server.close()
    assert sorted(results) == [False, True]
    db = pg.server.connect()
    try:
        assert outbox.counts(db)[OutboxState.PENDING] == 1
    finally:
        db.close()


def test_recording_a_send_takes_the_clarification_before_its_outbox_row_as_the_relay_does(
    pg: PgSession,
) -> None:
    """A relay change locks its clarification, then queues a message threaded under one of its rows (the
    foreign key check locks that parent row). The worker recording the parent's delivery wrote the parent row
    first, then the ts onto the clarification: under the concurrency scenario (tests/reliability/
    test_concurrency.py) the two waited on each other and PostgreSQL killed a coder's reply as a deadlock ("the
    database was busy (DeadlockDetected)"). Now the recording takes the clarification first: while a change
    holds it, the recording waits without having touched the outbox row, and both commit."""
    from bot.outbox import OutboxWorker
    from bot.relay.service import ClarificationService
    from storage import clarifications
    from tests.relay.conftest import CODER, make_draft
    from tests.reliability.world import populate

    service = ClarificationService(pg.server.connect, lambda: NOW)
    world = populate(service)
    c = service.ask(make_draft(world.north.id), CODER, asker_channel="DCODER", idempotency_key="k")
    db = pg.server.connect()
    [post] = [r for r in outbox.for_clarification(db, c.id) if r.kind == "office_post"]
    db.close()
    sends: list[str] = []

    def send(method: str, payload: dict[str, Any]) -> dict[str, Any]:
        sends.append(payload["channel"])
        return {"ok": True, "ts": "1800000000.000100", "channel": payload["channel"]}

    worker = OutboxWorker(pg.server.connect, send, lambda: NOW, lambda _s: None, channel_interval=0)
    change, watcher = pg.server.connect(), pg.server.connect()
    failures: list[BaseException] = []

    def deliver() -> None:
        try:
            worker.deliver_due(NOW)
        except BaseException as exc:  # reported below
            failures.append(exc)

    def recording_waits() -> bool:
        row = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query LIKE '%clarifications%'"
        ).fetchone()
        return bool(row[0])

    try:
        with write_transaction(change):
            assert clarifications.get_for_change(change, c.id) is not None
            thread = threading.Thread(target=deliver)
            thread.start()
            deadline = time.monotonic() + 10
            while not recording_waits() and time.monotonic() < deadline:
                time.sleep(0.02)
            assert recording_waits()  # sent, and its recording waits for the clarification
            # ...without having written the outbox row: the change can still lock it (NOWAIT: busy otherwise).
            change.execute("SELECT id FROM outbox WHERE id = ? FOR NO KEY UPDATE NOWAIT", [post.id])
            outbox.enqueue(
                change,
                NewOutboxMessage(
                    "office_thread",
                    "C0NORTH",
                    "chat.postMessage",
                    {"channel": "C0NORTH", "text": "a reply"},
                    "reply:test",
                    clarification_id=c.id,
                    parent_id=post.id,
                    parent_ts_field="thread_ts",
                ),
                now=NOW,
            )
        thread.join(timeout=10)
    finally:
        change.close()
        watcher.close()
    assert failures == []
    assert sends[:1] == ["C0NORTH"]
    db = pg.server.connect()
    try:
        assert outbox.get(db, post.id).state is OutboxState.SENT  # type: ignore[union-attr]
        assert outbox.find_by_dedupe_key(db, "reply:test") is not None
        assert clarifications.get(db, c.id).office_ts == "1800000000.000100"  # type: ignore[union-attr]
    finally:
        db.close()
