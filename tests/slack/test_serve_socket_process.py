"""`codedesk serve` in Socket Mode as a real process, set up exactly as the README says: two tokens, no secret.

The process connects to the local Socket Mode fake (FakeSlack's apps.connections.open hands it a ws:// URL),
answers `/code lookup heart attack` through it, survives Slack's refresh, and stops cleanly on SIGTERM/SIGINT.
"""

from __future__ import annotations

import signal
from pathlib import Path

from bot.lookups.codebook import CodeBook
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.fake_socket_mode import SocketModeServer
from tests.signing import slash_command_body
from tests.slack.serve_process import (
    APP_TOKEN,
    BOT_TOKEN,
    ROOT,
    ServeProcess,
    base_env,
    codedesk_command,
    fake_slack_and_databases,
    socket_env,
    wait_connected,
)


def test_socket_mode_with_only_the_two_tokens_answers_a_lookup_and_stops_on_sigterm(
    codebook: CodeBook, fake_slack: FakeSlack, socket_slack: SocketModeServer, tmp_path: Path
) -> None:
    server = ServeProcess([], socket_env(tmp_path, fake_slack, codebook))
    try:
        wait_connected(server, socket_slack)
        body = slash_command_body("/code", "lookup heart attack", response_url=fake_slack.response_url("r1"))
        ack = socket_slack.deliver(body)
        assert ack.payload is None  # an empty ack; the answer goes to the response_url
        reply = fake_slack.wait_for_method(RESPONSE_URL_METHOD, timeout=10)[0]
        assert reply.path == "/response/r1"
        assert reply.body["response_type"] == "ephemeral"
        assert "I21.9" in reply.body["text"]

        # Slack replaces connections from time to time: a warning, then refresh_requested; the app reconnects
        # through a new apps.connections.open (each URL's ticket works once) and keeps answering.
        socket_slack.ask_to_reconnect("warning")
        socket_slack.ask_to_reconnect("refresh_requested")
        ack = socket_slack.deliver(
            slash_command_body("/code", "lookup chf", response_url=fake_slack.response_url("r2"))
        )
        assert ack.connection == socket_slack.connections[-1].number == 3
        fake_slack.wait_for(lambda calls: any(c.path == "/response/r2" for c in calls), timeout=10)
        assert len(fake_slack.calls_to("apps.connections.open")) == 3
        assert socket_slack.rejected_handshakes == 0

        status, seconds = server.stop(signal.SIGTERM)
    finally:
        server.kill()
    output = server.output
    assert status == 0, output
    assert seconds < 10
    assert "Traceback" not in output
    assert "will be unused" not in output  # Bolt's warning about a token given twice
    assert "signing" not in output.lower()
    assert BOT_TOKEN not in output and APP_TOKEN not in output
    assert "connected to Slack in Socket Mode" in output
    assert "stopped cleanly" in output


def test_the_readme_socket_mode_steps_are_what_this_test_runs(
    codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text()
    step = readme[readme.index("3. **Socket Mode**") : readme.index("**Or HTTP**")]
    block = step[step.index("```sh") + len("```sh") : step.index("```", step.index("```sh") + 5)]
    lines = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    exported = [line.removeprefix("export ").split("=")[0] for line in lines if line.startswith("export ")]
    commands = [line for line in lines if line and not line.startswith("export ")]
    env = socket_env(tmp_path, fake_slack, codebook)
    # what the test adds on top: where its fake Slack and databases are, and a bare process environment
    test_only = {*fake_slack_and_databases(tmp_path, fake_slack, codebook), *base_env(tmp_path)}
    assert sorted(exported) == sorted(set(env) - test_only) == ["SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"]
    assert commands == ["codedesk serve"]
    assert Path(codedesk_command()[0]).name == "codedesk"  # the process test runs that very command
