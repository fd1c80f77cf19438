"""Running one request through the real app to the end, and the Slack calls it made.

Over HTTP (the default) the body is signed and dispatched as Slack would POST it; with `socket` set it goes as
the Socket Mode envelope Slack would send instead, over a real WebSocket to the real SocketModeHandler, and the
response is the ack that came back (tests.fake_socket_mode). Tests read `Outcome` the same way either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App, BoltResponse

from bot.console_slack import IdleWaitingExecutor
from tests.fake_slack import Call, FakeSlack
from tests.fake_socket_mode import SocketModeServer
from tests.signing import signed_request

NO_ACK = 0  # an Outcome's status when the app sent no ack over Socket Mode (over HTTP Bolt answers 404)


@dataclass
class Outcome:
    response: BoltResponse
    calls: list[Call]

    def only(self, method: str) -> Call:
        found = [c for c in self.calls if c.method == method]
        assert len(found) == 1, f"expected one {method} call, got {[c.method for c in self.calls]}"
        return found[0]


@dataclass
class Scenario:
    """Send a body through the app, wait for the background work, return the Slack calls."""

    app: App
    slack: FakeSlack
    executor: IdleWaitingExecutor
    secret: str
    socket: SocketModeServer | None = None  # set: over Socket Mode (no signature: `timestamp` is unused)

    def run(self, body: str, *, timestamp: int | str | None = None) -> Outcome:
        mark = self.slack.mark()
        if self.socket is None:
            response = self.app.dispatch(signed_request(body, self.secret, timestamp))
        else:
            ack = self.socket.deliver_or_none(body)
            response = ack.as_bolt_response() if ack else BoltResponse(status=NO_ACK, body="")
        assert self.executor.wait_idle(10), "listeners still running after 10 s"
        calls = [c for c in self.slack.calls_since(mark) if c.method != "auth.test"]
        return Outcome(response, calls)
