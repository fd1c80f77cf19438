"""The one error handler: the user gets an ephemeral message with an error id; the log has the id, no text."""

from __future__ import annotations

import io
import logging
import re

import pytest

import bot.commands.code as code
from bot.app import RedactingFormatter, configure_logging, redact
from bot.settings import Settings
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.scenario import Scenario
from tests.signing import slash_command_body

ERROR_TEXT = re.compile(
    r"^Something went wrong on our side \(error id ([0-9a-f]{8})\)\. "
    r"Nothing was changed; try again or tell your lead the id\.$"
)


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("lookup backend exploded")


def test_failure_tells_the_user_the_error_id_and_logs_it_without_the_text(
    scenario: Scenario,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(code, "find_codes", _explode)
    caplog.set_level(logging.INFO)

    outcome = scenario.run(
        slash_command_body("/code", "patient-private words", response_url=fake_slack.response_url("c"))
    )

    assert outcome.response.status == 200  # acked before the failure
    reply = outcome.only(RESPONSE_URL_METHOD).body
    assert reply["response_type"] == "ephemeral"
    match = ERROR_TEXT.match(reply["text"])
    assert match, reply["text"]
    error_id = match.group(1)
    records = [r for r in caplog.records if error_id in r.getMessage()]
    assert records and records[0].exc_info is not None
    assert "command /code" in records[0].getMessage()
    assert "patient-private" not in caplog.text


def test_falls_back_to_chat_post_ephemeral_when_response_url_is_refused(
    scenario: Scenario, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_slack.fail_with_status(404, count=2, method=RESPONSE_URL_METHOD)

    outcome = scenario.run(
        slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("c"))
    )

    assert [c.method for c in outcome.calls] == [
        RESPONSE_URL_METHOD,
        RESPONSE_URL_METHOD,
        "chat.postEphemeral",
    ]
    ephemeral = outcome.only("chat.postEphemeral").body
    assert ephemeral["channel"] == "C111" and ephemeral["user"] == "W111"
    assert ERROR_TEXT.match(ephemeral["text"])


def test_redact_hides_tokens_and_the_signing_secret() -> None:
    text = "token xoxb-123-456-abcDEF and xapp-1-A1-2-ff, xoxp-9-9 secret s3cr3t-value"
    assert redact(text, ["s3cr3t-value"]) == "token [redacted] and [redacted], [redacted] secret [redacted]"


def test_logging_never_prints_tokens_even_in_tracebacks(settings: Settings) -> None:
    stream = io.StringIO()
    handler = configure_logging(settings, stream)
    try:
        try:
            raise ValueError(f"bad token {settings.bot_token} / {settings.signing_secret}")
        except ValueError:
            logging.getLogger("codedesk.test").exception("failed with %s", settings.bot_token)
    finally:
        logging.getLogger().removeHandler(handler)
    out = stream.getvalue()
    assert "failed with [redacted]" in out
    assert settings.bot_token and settings.bot_token not in out
    assert settings.signing_secret and settings.signing_secret not in out
    assert isinstance(handler.formatter, RedactingFormatter)
