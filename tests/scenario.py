"""Running one signed request through the real app to the end, and the Slack calls it made."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App, BoltResponse

from bot.console_slack import IdleWaitingExecutor
from tests.fake_slack import Call, FakeSlack
from tests.signing import signed_request


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
    """Sign a body, dispatch it through the app, wait for the background work, return the Slack calls."""

    app: App
    slack: FakeSlack
    executor: IdleWaitingExecutor
    secret: str

    def run(self, body: str, *, timestamp: int | str | None = None) -> Outcome:
        mark = self.slack.mark()
        response = self.app.dispatch(signed_request(body, self.secret, timestamp))
        assert self.executor.wait_idle(10), "listeners still running after 10 s"
        calls = [c for c in self.slack.calls_since(mark) if c.method != "auth.test"]
        return Outcome(response, calls)
