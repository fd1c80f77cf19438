"""`codedesk serve --http` as a real process, set up as the README says (bot token and signing secret): it starts
its outbox worker and scheduler, serves /healthz, answers a signed `/code lookup heart attack`, refuses an unsigned
one, and stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.signing import signed_headers, slash_command_body
from tests.slack.serve_process import BOT_TOKEN, SIGNING_SECRET, ServeProcess, free_port, http_env


def post(url: str, body: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_serve_http_runs_the_jobs_answers_a_lookup_and_stops_on_sigterm(
    codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    port = free_port()
    server = ServeProcess(
        ["--http", "--host", "127.0.0.1", "--port", str(port)], http_env(tmp_path, fake_slack, codebook)
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert urllib.request.urlopen(f"{base}/healthz", timeout=1).read() == b"ok"
                break
            except OSError:
                assert server.process.poll() is None, server.output
                assert time.monotonic() < deadline, server.output
                time.sleep(0.2)
        body = slash_command_body("/code", "lookup heart attack", response_url=fake_slack.response_url("h1"))
        assert (
            post(f"{base}/slack/events", body, {"content-type": "application/x-www-form-urlencoded"}) == 401
        )
        assert post(f"{base}/slack/events", body, signed_headers(body, SIGNING_SECRET)) == 200
        reply = fake_slack.wait_for_method(RESPONSE_URL_METHOD, timeout=10)[0]
        assert reply.path == "/response/h1" and "I21.9" in reply.body["text"]
        status, seconds = server.stop(signal.SIGTERM)
    finally:
        server.kill()
    output = server.output
    assert status == 0, output
    assert seconds < 10
    assert "scheduler started:" in output
    for job in ("queue_status", "overdue", "digest"):
        assert f"job {job} scheduled" in output
    assert BOT_TOKEN not in output and SIGNING_SECRET not in output
    assert "Traceback" not in output and "will be unused" not in output
    assert "stopped cleanly" in output


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_http_finishes_a_request_in_hand_when_stopped(
    signum: int, codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """The signal arrives while a command waits on a slow Web API: its ack and reply still go out, then exit 0."""
    port = free_port()
    server = ServeProcess(
        ["--http", "--host", "127.0.0.1", "--port", str(port)], http_env(tmp_path, fake_slack, codebook)
    )
    try:
        server.wait_for_line("serving /slack/events")
        fake_slack.method_delays[RESPONSE_URL_METHOD] = 1.5  # the reply is under way when the signal comes
        body = slash_command_body("/code", "lookup chf", response_url=fake_slack.response_url("slow"))
        assert (
            post(f"http://127.0.0.1:{port}/slack/events", body, signed_headers(body, SIGNING_SECRET)) == 200
        )
        fake_slack.wait_for_method(
            RESPONSE_URL_METHOD, timeout=10
        )  # the reply has reached Slack, not returned
        server.process.send_signal(signum)
        status, _ = server.wait_exit(15)
    finally:
        server.kill()
    assert status == 0, server.output
    assert "stopped cleanly" in server.output  # the listener's reply finished before the exit
    assert "still running" not in server.output
