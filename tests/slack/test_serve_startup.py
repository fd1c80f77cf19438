"""`codedesk serve` start-up: exactly the settings each mode needs, a rejected token told apart from Slack being
unreachable, and nothing (no job, no worker) started before Slack has accepted the tokens.

Real processes against the fake Slack; the token rejections are Slack's own answers (HTTP 200, ok false).
"""

from __future__ import annotations

import io
import logging
import signal
import socket
import urllib.request
from pathlib import Path

import pytest
from slack_bolt import BoltRequest
from slack_bolt.middleware.authorization.single_team_authorization import SingleTeamAuthorization
from slack_bolt.middleware.request_verification import RequestVerification
from slack_sdk import WebClient

from bot.app import create_app, use_auth_test
from bot.cli import main
from bot.console_slack import CannedReply
from bot.lookups.codebook import CodeBook
from bot.request_guard import VerifiedRequests
from bot.services import Services
from bot.settings import Settings
from bot.slack_check import SlackUnreachable, TokenRejected, check_bot_token, check_client, open_socket_url
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack, Fault
from tests.fake_socket_mode import SocketModeServer, envelope_for
from tests.signing import slash_command_body
from tests.slack.serve_process import (
    APP_TOKEN,
    BOT_TOKEN,
    ServeProcess,
    free_port,
    http_env,
    socket_env,
    wait_connected,
)


def exit_of(server: ServeProcess) -> tuple[int, str]:
    try:
        status, _ = server.wait_exit(30)
    finally:
        server.kill()
    return status, server.output


# -- building the app -----------------------------------------------------------------------------------------


def test_socket_mode_app_builds_without_a_secret_without_slack_and_without_bolts_warning(
    tmp_path: Path,
    fake_slack: FakeSlack,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": fake_slack.api_url,
        "CODEDESK_DB": str(tmp_path / "a.sqlite"),
    }
    for name, value in env.items():  # Bolt reads SLACK_BOT_TOKEN from the environment itself too
        monkeypatch.setenv(name, value)
    settings = Settings.from_env(env, mode="socket")
    with caplog.at_level(logging.DEBUG):
        app = create_app(settings, services)
    assert not any(isinstance(m, VerifiedRequests | RequestVerification) for m in app._middleware_list)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert fake_slack.calls == []  # nothing asked of Slack while building
    assert app.client.base_url == fake_slack.api_url


# -- the token checks -----------------------------------------------------------------------------------------


def test_token_checks_tell_a_rejected_token_from_an_unreachable_slack(
    fake_slack: FakeSlack, socket_slack: SocketModeServer, settings: Settings
) -> None:
    client = check_client(settings)
    assert check_bot_token(client, BOT_TOKEN).user_id == "U_BOT"
    assert open_socket_url(client, APP_TOKEN).startswith("ws://127.0.0.1:")

    for error in ("invalid_auth", "not_authed", "token_revoked", "account_inactive"):
        fake_slack.fail_with_error(error, method="auth.test")
        with pytest.raises(TokenRejected, match=rf"^Slack rejected SLACK_BOT_TOKEN \({error}"):
            check_bot_token(client, BOT_TOKEN)
    fake_slack.fail_with_error("missing_scope", method="apps.connections.open")
    with pytest.raises(TokenRejected, match=r"SLACK_APP_TOKEN \(missing_scope.*connections:write"):
        open_socket_url(client, APP_TOKEN)

    for fail in (
        lambda: fake_slack.fail_with_status(503, method="auth.test"),
        lambda: fake_slack.fail_with_status(500, method="auth.test"),
        lambda: fake_slack.fail_with_429(method="auth.test"),
        lambda: fake_slack.fail_with_error("service_unavailable", method="auth.test"),
    ):
        fail()
        with pytest.raises(SlackUnreachable):
            check_bot_token(client, BOT_TOKEN)
    fake_slack.stop()  # nothing listening at all
    with pytest.raises(SlackUnreachable, match="URLError"):
        check_bot_token(client, BOT_TOKEN)


@pytest.mark.parametrize("fault", ["drop", "accept_then_hang"])
def test_a_dropped_connection_or_no_answer_at_start_up_is_unreachable_not_a_rejected_token(
    fault: Fault, fake_slack: FakeSlack, settings: Settings
) -> None:
    """Slack closing the connection, or taking the call and never answering (cut off by the client's timeout):
    retried with backoff like a 5xx, never a crash and never "rejected"."""
    client = WebClient(base_url=settings.slack_api_url, retry_handlers=[], timeout=1)
    fake_slack.hang_seconds = 2.0
    fake_slack.outage = lambda call: fault
    with pytest.raises(SlackUnreachable):
        check_bot_token(client, BOT_TOKEN)
    with pytest.raises(SlackUnreachable):
        open_socket_url(client, APP_TOKEN)
    fake_slack.outage = None
    assert check_bot_token(client, BOT_TOKEN).user_id == "U_BOT"


def test_an_answer_that_is_not_slacks_at_start_up_is_unreachable_not_a_rejected_token(
    fake_slack: FakeSlack, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proxy's page (HTTP 200, HTML) where Slack's JSON should be. Before: slack_sdk's "non-JSON" error was
    read as Slack rejecting the token, and `codedesk serve` exited 2 ("Slack rejected SLACK_BOT_TOKEN (Received a
    response in a non-JSON format ...)") instead of waiting for Slack."""
    page = CannedReply(
        200, "<html><body>Service temporarily unavailable</body></html>", {"Content-Type": "text/html"}
    )
    pages = [page, page]
    answer = fake_slack.before_reply
    monkeypatch.setattr(fake_slack, "before_reply", lambda call: pages.pop() if pages else answer(call))
    client = check_client(settings)
    with pytest.raises(SlackUnreachable, match=r"^HTTP 200, an answer that is not Slack's \(not JSON\)$"):
        check_bot_token(client, BOT_TOKEN)
    with pytest.raises(SlackUnreachable):
        open_socket_url(client, APP_TOKEN)
    assert check_bot_token(client, BOT_TOKEN).user_id == "U_BOT"


def test_serve_without_the_app_token_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "a.sqlite"))
    assert main(["serve"], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: SLACK_APP_TOKEN is not set")
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    assert main(["serve"], io.StringIO()) == 2
    assert capsys.readouterr().err.startswith("error: SLACK_BOT_TOKEN is not set")


# -- real processes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "setting"), [("auth.test", "SLACK_BOT_TOKEN"), ("apps.connections.open", "SLACK_APP_TOKEN")]
)
def test_a_rejected_token_stops_start_up_with_one_line_before_any_job_or_worker(
    method: str,
    setting: str,
    codebook: CodeBook,
    fake_slack: FakeSlack,
    socket_slack: SocketModeServer,
    tmp_path: Path,
) -> None:
    fake_slack.fail_with_error("invalid_auth", count=100, method=method)
    status, output = exit_of(ServeProcess([], socket_env(tmp_path, fake_slack, codebook)))
    assert status == 2, output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: Slack rejected {setting} (invalid_auth): " + errors[0].split("): ", 1)[1]]
    assert "(see .env.example)" in errors[0]
    assert "Traceback" not in output
    assert "scheduler started" not in output and "job " not in output  # no job ran
    assert socket_slack.connections == []
    assert len(fake_slack.calls_to(method)) == 1  # a rejection is not retried
    assert BOT_TOKEN not in output and APP_TOKEN not in output


def test_unreachable_slack_is_retried_with_backoff_then_the_app_connects_and_answers(
    codebook: CodeBook, fake_slack: FakeSlack, socket_slack: SocketModeServer, tmp_path: Path
) -> None:
    fake_slack.fail_with_status(503, count=2, method="auth.test")
    fake_slack.fail_with_status(502, count=1, method="apps.connections.open")
    server = ServeProcess([], socket_env(tmp_path, fake_slack, codebook))
    try:
        wait_connected(server, socket_slack)
        socket_slack.deliver(
            slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("u"))
        )
        assert "I21.9" in fake_slack.wait_for_method(RESPONSE_URL_METHOD, timeout=10)[0].body["text"]
        status, _ = server.stop(signal.SIGINT)
    finally:
        server.kill()
    output = server.output
    assert status == 0, output
    waits = [line for line in output.splitlines() if "Slack could not be reached" in line]
    assert len(waits) == 3, output
    assert "to check SLACK_BOT_TOKEN (HTTP 503 fatal_error): trying again in 1 s" in waits[0]
    assert "trying again in 2 s" in waits[1]
    assert "to open a Socket Mode connection (HTTP 502" in waits[2]
    assert "rejected" not in output and "invalid" not in output
    # the jobs started only once Slack had accepted both tokens
    assert output.index("scheduler started") > output.index("Slack accepted SLACK_BOT_TOKEN")


def test_sigterm_while_slack_is_unreachable_exits_0_without_starting_anything(
    codebook: CodeBook, fake_slack: FakeSlack, socket_slack: SocketModeServer, tmp_path: Path
) -> None:
    fake_slack.fail_with_status(503, count=1000, method="auth.test")
    server = ServeProcess([], socket_env(tmp_path, fake_slack, codebook))
    try:
        server.wait_for_line("Slack could not be reached")
        status, seconds = server.stop(signal.SIGTERM)
    finally:
        server.kill()
    assert status == 0, server.output
    assert seconds < 10
    assert "scheduler started" not in server.output and "Traceback" not in server.output


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        ("unreachable", "Slack could not be reached to check SLACK_BOT_TOKEN (HTTP 503"),
        ("rejected", "Slack rejected SLACK_BOT_TOKEN (token_revoked; the token was revoked)"),
    ],
)
def test_http_serves_without_waiting_on_slack_and_says_what_it_found_about_the_token(
    failure: str, expected: str, codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    if failure == "unreachable":
        fake_slack.fail_with_status(503, count=1000, method="auth.test")
    else:
        fake_slack.fail_with_error("token_revoked", count=1000, method="auth.test")
    port = free_port()
    server = ServeProcess(
        ["--http", "--host", "127.0.0.1", "--port", str(port)], http_env(tmp_path, fake_slack, codebook)
    )
    try:
        server.wait_for_line("serving /slack/events")
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read() == b"ok"
        line = server.wait_for_line(expected)
        status, seconds = server.stop(signal.SIGTERM)
    finally:
        server.kill()
    assert status == 0, server.output
    assert seconds < 10
    assert ("ERROR" in line) == (failure == "rejected")
    if failure == "unreachable":
        assert "rejected" not in server.output
    assert "Traceback" not in server.output and "stopped cleanly" in server.output


def test_the_start_up_auth_test_is_handed_to_bolt_so_requests_do_not_ask_again(
    fake_slack: FakeSlack, socket_slack: SocketModeServer, services: Services, tmp_path: Path
) -> None:
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": fake_slack.api_url,
            "CODEDESK_DB": str(tmp_path / "a.sqlite"),
        },
        mode="socket",
    )
    app = create_app(settings, services)
    use_auth_test(app, check_bot_token(check_client(settings), BOT_TOKEN).auth_test)
    assert any(
        isinstance(m, SingleTeamAuthorization) and m.auth_test_result is not None
        for m in app._middleware_list
    )
    mark = fake_slack.mark()
    _kind, payload = envelope_for(
        slash_command_body("/code", "help", response_url=fake_slack.response_url("p"))
    )
    response = app.dispatch(BoltRequest(body=payload, mode="socket_mode"))
    assert response.status == 200
    fake_slack.wait_for_method(RESPONSE_URL_METHOD, since=mark)
    assert "auth.test" not in fake_slack.methods(since=mark)


def test_a_port_in_use_is_one_line(codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = ServeProcess(
            ["--http", "--host", "127.0.0.1", "--port", str(port)], http_env(tmp_path, fake_slack, codebook)
        )
        status, output = exit_of(server)
    assert status == 2, output
    assert f"error: cannot listen on 127.0.0.1:{port}: Address already in use" in output.splitlines()
    assert "Traceback" not in output
