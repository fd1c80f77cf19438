"""Tokens and secrets never reach logs or error messages, and HTTP mode refuses to start without a signing secret.

tests/slack/test_errors.py shows the formatter redacts a token logged on purpose. Here the whole path runs as
`codedesk serve --http` runs it (configure_logging at DEBUG, the waitress server, a failing handler whose
payload and exception carry tokens), and the real command is started without its signing secret.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bot.commands.code as code
from bot.app import configure_logging
from bot.outbox import OutboxWorker
from bot.services import Services
from bot.settings import Settings
from storage import outbox
from storage.outbox import NewOutboxMessage, OutboxState
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.relay.conftest import FakeClock
from tests.reliability.corpus import TOKEN
from tests.reliability.slack_http import post, running_server
from tests.signing import signed_headers, slash_command_body

PASTED = "xoxb-1111111111-2222222222-PastedByMistake0"
APP_TOKEN = "xapp-1-A0123-4567-PastedByMistake1"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def debug_log(settings: Settings) -> Iterator[io.StringIO]:
    """The server's log output exactly as `serve_http` configures it, at DEBUG."""
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging(dataclasses.replace(settings, log_level="DEBUG"), stream)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def secrets_in(text: str, settings: Settings) -> list[str]:
    return [s for s in (*settings.secrets(), PASTED, APP_TOKEN) if s in text] + TOKEN.findall(text)


def test_a_failing_handler_with_tokens_in_its_payload_logs_and_says_none_of_them(
    settings: Settings,
    services: Services,
    fake_slack: FakeSlack,
    signing_secret: str,
    debug_log: io.StringIO,
    fake_lookups: None,
    monkeypatch: pytest.MonkeyPatch,
    injects_secrets: None,
) -> None:
    def failing_find_codes(book: object, query: str, *args: Any, **kwargs: Any) -> list[Any]:
        raise RuntimeError(f"search backend refused {query!r} with {settings.bot_token}")

    monkeypatch.setattr(code, "find_codes", failing_find_codes)
    text = f"{PASTED} {APP_TOKEN} {settings.bot_token} {signing_secret}"
    body = slash_command_body("/code", text, response_url=fake_slack.response_url("t"))
    mark = fake_slack.mark()
    with running_server(settings, services) as url:
        status, answer = post(url, body, signed_headers(body, signing_secret))
        [reply] = fake_slack.wait_for_method(RESPONSE_URL_METHOD, since=mark)

    assert (status, answer) == (200, "")
    assert "error id" in reply.body["text"]
    assert secrets_in(reply.body["text"], settings) == []
    output = debug_log.getvalue()
    assert "Traceback" in output and "RuntimeError" in output  # the failure is logged in full...
    assert secrets_in(output, settings) == []  # ...without a token or the secret


def test_an_outbox_failure_quoting_the_token_is_logged_and_stored_without_it(
    settings: Settings,
    db_factory: Any,
    relay_clock: FakeClock,
    debug_log: io.StringIO,
    injects_secrets: None,
) -> None:
    db = db_factory()
    message = NewOutboxMessage(
        "note", "C0NORTH", "chat.postMessage", {"channel": "C0NORTH", "text": "x"}, "k"
    )
    outbox.enqueue(db, message, now=relay_clock.now)
    db.close()

    def send(method: str, payload: dict[str, Any]) -> dict[str, Any]:
        raise ValueError(f"client misconfigured: token={settings.bot_token} app={APP_TOKEN}")

    OutboxWorker(db_factory, send, relay_clock, lambda s: None).deliver_due(relay_clock.now)
    db = db_factory()
    row = outbox.find_by_dedupe_key(db, "k")
    db.close()
    assert row is not None and row.state is OutboxState.FAILED
    assert secrets_in(str(row.last_error), settings) == []
    output = debug_log.getvalue()
    assert "ValueError" in output and secrets_in(output, settings) == []


# ---- start-up -----------------------------------------------------------------------------------------------


def codedesk(args: list[str], env: dict[str, str], home: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("codedesk", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "bot.cli"]
    base = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*command, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=home,
        check=False,
    )


@pytest.mark.parametrize("secret", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_http_mode_refuses_to_start_without_a_signing_secret(secret: str | None, tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-" + "7" * 24, "CODEDESK_DB": str(tmp_path / "app.sqlite")}
    if secret is not None:
        env["SLACK_SIGNING_SECRET"] = secret
    done = codedesk(["serve", "--http", "--host", "127.0.0.1", "--port", "0"], env, tmp_path)

    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SLACK_SIGNING_SECRET" in lines[0], done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert env["SLACK_BOT_TOKEN"] not in done.stderr + done.stdout
    assert not (tmp_path / "app.sqlite").exists()  # refused before touching anything


def test_a_wrong_kind_of_token_is_refused_without_echoing_it(tmp_path: Path) -> None:
    env = {
        "SLACK_BOT_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": "s" * 32,
        "CODEDESK_DB": str(tmp_path / "a.sqlite"),
    }
    done = codedesk(["serve", "--http", "--port", "0"], env, tmp_path)

    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SLACK_BOT_TOKEN" in lines[0], done.stderr
    assert APP_TOKEN not in done.stderr + done.stdout and env["SLACK_SIGNING_SECRET"] not in done.stderr
