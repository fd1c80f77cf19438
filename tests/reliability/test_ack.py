"""Ack under pressure: Slack gives an app 3 s to answer, whatever the Web API is doing meanwhile.

The server is the production wiring (`make_http_server`, Bolt's default listener pool): the fake Web API and
response_urls answer only after 10 s, and 30 `/code` commands arrive at once over HTTP. On both backends
(`pytest.mark.backends`, tests/backends.py): on PostgreSQL "another process holds the write lock" is another
connection's transaction holding an exclusive lock on the clarifications table.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot import ids
from bot.services import Services
from bot.settings import Settings
from storage.app_db import AppDatabase
from storage.backend import Database
from tests.clarify.driver import clarify_values
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.relay.conftest import CODER
from tests.reliability.slack_http import post, running_server, usage_rows
from tests.reliability.world import count, populate
from tests.signing import signed_headers, slash_command_body, view_submission_body

# Timed against Slack's 3 s ack window on the wall clock, so they run in the slow step and there alone, in one
# process (`.ci/run`: `pytest -m "slow and wallclock" -n 0`), not beside another worker competing for the cores.
pytestmark = [pytest.mark.backends, pytest.mark.slow, pytest.mark.wallclock]

COMMANDS = 30
SLOW_API_SECONDS = 10.0
ACK_LIMIT_SECONDS = 3.0


@pytest.fixture
def events_url(settings: Settings, services: Services, fake_lookups: None) -> Iterator[str]:
    with running_server(settings, services) as url:
        yield url


def load_now() -> str:
    """The machine's load when an ack-window test fails: a busy neighbour, not the app, may have eaten the 3 s."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


# Slack is not in the app's process: the 3 s are timed by a client in another process, so the test's own
# threads (100 clients waiting on their answers) do not compete with the server for this process's GIL.
_CLIENT = """
import json, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

def send(job):
    started = time.monotonic()
    request = urllib.request.Request(job["url"], data=job["body"].encode(), headers=job["headers"], method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return [status, time.monotonic() - started]

jobs = json.load(sys.stdin)
with ThreadPoolExecutor(len(jobs)) as pool:
    print(json.dumps(list(pool.map(send, jobs))))
"""


def timed_posts(url: str, bodies: list[str], secret: str) -> list[tuple[int, float]]:
    """Every body sent at once from another process; (status, seconds to the answer) of each, in order."""
    jobs = [{"url": url, "body": body, "headers": signed_headers(body, secret)} for body in bodies]
    done = subprocess.run(
        [sys.executable, "-c", _CLIENT], input=json.dumps(jobs), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return [(int(status), float(seconds)) for status, seconds in json.loads(done.stdout)]


def test_every_command_is_acked_within_3_s_while_the_web_api_takes_10_s(
    events_url: str, fake_slack: FakeSlack, signing_secret: str, app_database: AppDatabase
) -> None:
    fake_slack.delay_seconds = SLOW_API_SECONDS
    mark = fake_slack.mark()
    bodies = [
        slash_command_body(
            "/code", "heart attack", user_id=f"W{n:03d}", response_url=fake_slack.response_url(n)
        )
        for n in range(COMMANDS)
    ]
    try:
        results = timed_posts(events_url, bodies, signing_secret)

        slow = [
            (n, round(seconds, 1)) for n, (_, seconds) in enumerate(results) if seconds >= ACK_LIMIT_SECONDS
        ]
        assert [status for status, _ in results] == [200] * COMMANDS
        assert slow == [], f"acks slower than {ACK_LIMIT_SECONDS} s (command, seconds): {slow}"
        # ...and the work still completes: every command's reply reaches its response_url.
        replies = fake_slack.wait_for_method(RESPONSE_URL_METHOD, COMMANDS, since=mark, timeout=30)
        assert sorted(c.path for c in replies) == sorted(f"/response/{n}" for n in range(COMMANDS))
        assert len(usage_rows(app_database)) == COMMANDS
    finally:
        # Let the listeners still queued finish while this test's fixtures (fake lookups) are in place.
        fake_slack.delay_seconds = 0
        fake_slack.wait_for_method(RESPONSE_URL_METHOD, COMMANDS, since=mark, timeout=60)


# -- issue #15: a stalled Web API must not turn acks into 404s; a busy database must not make "saved" a lie --


def test_100_lookups_while_the_web_api_does_not_answer_are_all_acked_in_time(
    events_url: str, fake_slack: FakeSlack, signing_secret: str
) -> None:
    """Before: acks ran on 64 listener workers; with every worker waiting on a reply Slack did not take, the
    other 36 commands were never acked (HTTP 404, which Slack shows as dispatch_failed)."""
    fake_slack.delay_seconds = SLOW_API_SECONDS
    mark = fake_slack.mark()
    bodies = [
        slash_command_body(
            "/code", "heart attack", user_id=f"W{n:03d}", response_url=fake_slack.response_url(n)
        )
        for n in range(100)
    ]
    try:
        results = timed_posts(events_url, bodies, signing_secret)
        statuses = sorted({status for status, _ in results})
        slow = [round(seconds, 1) for _, seconds in results if seconds >= ACK_LIMIT_SECONDS]
        times = sorted(seconds for _, seconds in results)
        spread = f"ack p50 {times[50]:.2f} s, p90 {times[90]:.2f} s, max {times[-1]:.2f} s; {load_now()}"
        assert statuses == [200] and slow == [], spread
    finally:
        fake_slack.delay_seconds = 0
        fake_slack.wait_for_method(RESPONSE_URL_METHOD, 100, since=mark, timeout=60)


def clarifications_stored(database: AppDatabase) -> int:
    return count(database, "SELECT count(*) FROM clarifications")


class WriteLock:
    """Another process's long write transaction, held for `seconds`: SQLite's write lock (BEGIN IMMEDIATE); on
    PostgreSQL an exclusive lock on `table` (reads go on, no row can be added or changed)."""

    def __init__(self, database: AppDatabase, seconds: float, table: str = "clarifications") -> None:
        self.lock = threading.Lock()
        self.held = True
        self.pg: Database | None = None
        self.conn: sqlite3.Connection | None = None
        if database.is_postgres:
            self.pg = database.connect()
            self.pg.execute("BEGIN")
            self.pg.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        else:
            self.conn = sqlite3.connect(database.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("BEGIN IMMEDIATE")
        self.timer = threading.Timer(seconds, self.release)
        self.timer.start()

    def release(self) -> None:
        with self.lock:
            if self.held:
                (self.pg or self.conn).execute("ROLLBACK")  # type: ignore[union-attr]
                self.held = False

    def __enter__(self) -> WriteLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.release()
        (self.pg or self.conn).close()  # type: ignore[union-attr]


@pytest.fixture
def clarify_world(services: Services) -> None:
    populate(services.relay())


def submit_question(url: str, secret: str, view_id: str) -> tuple[int, dict[str, Any], float]:
    body = view_submission_body(
        ids.CLARIFY_MODAL, clarify_values(1), user_id=CODER.user_id, team_id=CODER.team_id, view_id=view_id
    )
    started = time.monotonic()
    status, text = post(url, body, signed_headers(body, secret), timeout=60)
    return status, (json.loads(text) if text else {}), time.monotonic() - started


@pytest.mark.parametrize("held", [1.0, 5.0])
def test_a_question_submitted_while_another_process_holds_the_write_lock_is_saved_or_not_and_says_which(
    held: float, events_url: str, signing_secret: str, app_database: AppDatabase, clarify_world: None
) -> None:
    """Before: the handler waited up to 10 s for the lock, saved the question and posted it, and acked at
    3.01 s - Slack had already shown the coder an error (HTTP 404) for something that happened. Now the answer
    comes inside Slack's 3 s and is true: saved (the lock was freed in time) or "busy, nothing was saved"."""
    with WriteLock(app_database, held):
        status, answer, seconds = submit_question(events_url, signing_secret, f"V{int(held)}")
    assert status == 200 and seconds < ACK_LIMIT_SECONDS, (status, seconds)
    shown = json.dumps(answer)
    if held < ACK_LIMIT_SECONDS - 1:
        assert answer["response_action"] == "update" and "is saved and will be posted" in shown
        assert clarifications_stored(app_database) == 1
    else:
        assert "busy and nothing was saved" in shown and "is saved" not in shown
        assert clarifications_stored(app_database) == 0
        # The same form submitted again once the lock is free is saved (once).
        status, answer, _ = submit_question(events_url, signing_secret, f"V{int(held)}")
        assert status == 200 and answer["response_action"] == "update"
        assert clarifications_stored(app_database) == 1


def test_a_question_saved_just_before_the_database_gets_busy_is_told_saved(
    events_url: str,
    signing_secret: str,
    app_database: AppDatabase,
    services: Services,
    clarify_world: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The question is saved; then another process takes the write lock before the handler's bookkeeping (the
    codes' use counts, the team's picks) can write, until past the ack budget. Before: that bookkeeping's
    "busy" turned the answer into "busy and nothing was saved" while the question was stored and then posted;
    now the bookkeeping is lost (logged) and the coder is told the truth: saved."""
    relay = services.relay()
    ask = relay.ask
    locks: list[WriteLock] = []

    def ask_then_someone_else_writes(*args: Any, **kwargs: Any) -> Any:
        asked = ask(*args, **kwargs)
        locks.append(WriteLock(app_database, 5.0, table="code_use_daily"))
        return asked

    monkeypatch.setattr(relay, "ask", ask_then_someone_else_writes)
    try:
        status, answer, seconds = submit_question(events_url, signing_secret, "VSAVED")
    finally:
        for lock in locks:
            lock.__exit__()
    assert len(locks) == 1  # the question was saved, then the lock was taken
    assert status == 200 and seconds < ACK_LIMIT_SECONDS, (status, seconds)
    shown = json.dumps(answer)
    assert answer["response_action"] == "update" and "is saved and will be posted" in shown, shown
    assert "nothing was saved" not in shown
    assert clarifications_stored(app_database) == 1
