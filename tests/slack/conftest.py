"""Fixtures for the Slack-side tests: the Socket Mode end of the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_slack import FakeSlack
from tests.fake_socket_mode import SocketModeServer


@pytest.fixture
def socket_slack(fake_slack: FakeSlack) -> Iterator[SocketModeServer]:
    """A Socket Mode server that FakeSlack's apps.connections.open points to."""
    with SocketModeServer() as server:
        fake_slack.socket_mode = server
        yield server
