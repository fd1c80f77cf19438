"""The tests' fake Slack Web API: bot.console_slack.SlackStandIn plus knobs for slowness and failures.

Like bolt-python's tests/mock_web_api_server: a real HTTP server on 127.0.0.1 (port 0) that a real
`WebClient(base_url=fake.api_url)` talks to; every call is recorded (method, parsed body, headers without the
Authorization value) so tests assert on the exact Web API calls. With `socket_mode` set (a
tests.fake_socket_mode.SocketModeServer), `apps.connections.open` answers with a fresh ws:// URL on it, as Slack
answers with its wss:// one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from bot.console_slack import RESPONSE_URL_METHOD, Call, CannedReply, SlackStandIn
from tests.fake_socket_mode import SocketModeServer

__all__ = ["RESPONSE_URL_METHOD", "Call", "FakeSlack"]


@dataclass
class _Failure:
    status: int
    remaining: int
    retry_after: int | None
    method: str | None
    error: str = "fatal_error"


Fault = Literal["refuse", "drop", "accept_then_fail", "accept_then_drop", "accept_then_hang"]
"""How a call goes wrong in an outage: `refuse` answers 503 without acting, `drop` closes the connection without
acting or answering; the `accept_then_*` ones act (a post is posted) and then answer 503, drop the connection, or
hang for `hang_seconds` before answering (the client's timeout decides what it sees)."""


class FakeSlack(SlackStandIn):
    def __init__(self) -> None:
        super().__init__(bot_user_id="U_BOT", team_id="T111", bot_id="B_BOT")
        self.outage: Callable[[Call], Fault | None] | None = None  # set: each call may fail as it says
        self.hang_seconds = 30.0
        self.delay_seconds = 0.0
        self.method_delays: dict[str, float] = {}  # per Web API method, in place of delay_seconds
        self._failures: list[_Failure] = []
        self._lock = threading.Lock()
        self.socket_mode: SocketModeServer | None = None

    def fail_with_429(self, count: int = 1, retry_after: int = 1, method: str | None = None) -> None:
        """The next `count` calls (to `method`, or any) answer 429 ratelimited with Retry-After."""
        with self._lock:
            self._failures.append(_Failure(429, count, retry_after, method))

    def fail_with_status(self, code: int, count: int = 1, method: str | None = None) -> None:
        """The next `count` calls (to `method`, or any) answer HTTP `code`."""
        with self._lock:
            self._failures.append(_Failure(code, count, None, method))

    def fail_with_error(self, error: str, count: int = 1, method: str | None = None) -> None:
        """The next `count` calls (to `method`, or any) answer HTTP 200 `{"ok": false, "error": error}`, as Slack
        answers a rejected token (invalid_auth, token_revoked ...)."""
        with self._lock:
            self._failures.append(_Failure(200, count, None, method, error))

    def _apps_connections_open(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode is None:
            return {"ok": False, "error": "socket_mode_not_enabled"}
        return {"ok": True, "url": self.socket_mode.open_url()}

    def before_reply(self, call: Call) -> CannedReply | None:
        delay = self.method_delays.get(call.method, self.delay_seconds)
        if delay:
            time.sleep(delay)
        fault = self.outage(call) if self.outage is not None else None
        if fault is not None:
            return self._fault(call, fault)
        with self._lock:
            failure = next(
                (f for f in self._failures if f.remaining > 0 and f.method in (None, call.method)), None
            )
            if failure is None:
                return None
            failure.remaining -= 1
        if failure.status == 429:
            return CannedReply(
                429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(failure.retry_after)}
            )
        return CannedReply(failure.status, {"ok": False, "error": failure.error})

    def _fault(self, call: Call, fault: Fault) -> CannedReply:
        if fault.startswith("accept_then_"):
            answer = self.answer(call)  # Slack acts on the call (a post is posted) ...
            if fault == "accept_then_hang":
                time.sleep(self.hang_seconds)
                return answer
        if fault in ("drop", "accept_then_drop"):
            return CannedReply(0, "")
        return CannedReply(503, {"ok": False, "error": "service_unavailable"})

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Every message that was posted (whatever the client was told), in order, per channel or all."""
        with self._posted_lock:
            if channel is not None:
                return list(self.posted.get(channel, []))
            return [m for messages in self.posted.values() for m in messages]

    # ---- conveniences for assertions ----

    def methods(self, since: int = 0) -> list[str]:
        return [c.method for c in self.calls_since(since)]

    def calls_to(self, method: str, since: int = 0) -> list[Call]:
        return [c for c in self.calls_since(since) if c.method == method]

    def wait_for_method(
        self, method: str, count: int = 1, *, since: int = 0, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until `count` calls to `method` arrived; returns them."""
        self.wait_for(
            lambda calls: sum(c.method == method for c in calls) >= count, since=since, timeout=timeout
        )
        return self.calls_to(method, since)
