"""Closing the Socket Mode connection at a stop ends, whatever slack_sdk's receive loop was doing.

slack_sdk's receive-loop runner wakes every 0.1 s and, while the socket is still open, starts a new loop that first
marks the session state live again; its close then joins that thread without a limit. When closing took longer
than that (a loaded machine), the stop hung: seen in CI as `codedesk serve` still running 20 s after SIGINT.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App

from bot.serve import DrainingSocketModeHandler
from tests.fake_socket_mode import SocketModeServer


@pytest.fixture
def connected() -> Iterator[tuple[DrainingSocketModeHandler, SocketModeServer]]:
    app = App(token="xoxb-not-real", signing_secret="not-real", token_verification_enabled=False)
    with SocketModeServer() as socket_slack:
        handler = DrainingSocketModeHandler(app, "xapp-1-not-real")
        handler.client.wss_uri = socket_slack.open_url()
        handler.connect()
        socket_slack.wait_connected()
        try:
            yield handler, socket_slack
        finally:
            handler.close_within(5)


def test_a_close_slower_than_the_runners_wake_up_still_ends(
    connected: tuple[DrainingSocketModeHandler, SocketModeServer],
) -> None:
    handler, _ = connected
    client: Any = handler.client
    disconnect = client.disconnect

    def slow_disconnect() -> None:
        time.sleep(0.5)  # the runner wakes meanwhile, with the socket still open
        disconnect()

    client.disconnect = slow_disconnect
    assert handler.close_within(5) is True
    assert not client.is_connected()


def test_a_plain_close_ends_and_the_server_sees_the_connection_go(
    connected: tuple[DrainingSocketModeHandler, SocketModeServer],
) -> None:
    handler, socket_slack = connected
    assert handler.close_within(5) is True
    deadline = time.monotonic() + 5
    while socket_slack.live() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert socket_slack.live() == []
