"""The first thing every HTTP request meets: Slack's signature, checked so that it fails closed, and replays.

Bolt's own RequestVerification lets an unparsable timestamp raise (the app's error handler then answered the
unverified body) and runs after the SSL-check middleware (an unsigned `ssl_check=1` got 200). This one runs
first, turns every failure into 401, and answers a replay of a request already handled with an empty 200
(Slack's signature covers the timestamp, so a replay within the 5-minute window is the only one possible).

Only HTTP requests are signed: create_app installs the guard in HTTP mode (and the console, which signs what it
sends) and never in Socket Mode, where requests arrive over the app's own authenticated WebSocket and there is
no signing secret to check them with.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.middleware.request_verification import RequestVerification
from slack_sdk.signature import SignatureVerifier

REPLAY_WINDOW_SECONDS = 60 * 5 + 30  # Slack's 5 minutes, plus clock skew
MAX_REMEMBERED = 200_000


class SeenSignatures:
    """Signatures of requests already handled, forgotten once they could no longer be replayed.

    Kept in memory: one process serves one app. (Several instances behind a load balancer would each
    catch replays sent to themselves only.)
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, signature: str) -> bool:
        now = self._clock()
        with self._lock:
            while self._seen and (
                next(iter(self._seen.values())) < now - REPLAY_WINDOW_SECONDS
                or len(self._seen) > MAX_REMEMBERED
            ):
                self._seen.popitem(last=False)
            if signature in self._seen:
                return False
            self._seen[signature] = now
            return True


class VerifiedRequests(Middleware):
    def __init__(self, signing_secret: str, seen: SeenSignatures | None = None) -> None:
        self.verifier = SignatureVerifier(signing_secret=signing_secret)
        self.seen = seen or SeenSignatures()

    def valid(self, body: str | bytes, timestamp: str, signature: str) -> bool:
        """Slack's signature over `body` exactly as received (bytes need not be UTF-8), within the 5-minute
        window; no replay check."""
        try:
            if not timestamp.isdigit() or abs(self.verifier.clock.now() - int(timestamp)) > 60 * 5:
                return False
            raw = body if isinstance(body, bytes) else body.encode("utf-8")
            secret = self.verifier.signing_secret.encode("utf-8")
            digest = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
            return hmac.compare_digest(f"v0={digest}", signature)
        except (ValueError, TypeError, OverflowError):
            return False

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        timestamp = req.headers.get("x-slack-request-timestamp", [""])[0]
        signature = req.headers.get("x-slack-signature", [""])[0]
        if not self.valid(req.raw_body, timestamp, signature):
            return BoltResponse(status=401, body="")
        if not self.seen.first_time(signature):
            return BoltResponse(status=200, body="")
        return next()


def guard_of(app: App) -> VerifiedRequests | None:
    """The guard `install` put in front of `app` (the HTTP entry point checks raw bytes with it first)."""
    middleware: list[Middleware] = app._middleware_list
    return next((m for m in middleware if isinstance(m, VerifiedRequests)), None)


def install(app: App, signing_secret: str) -> None:
    """Put VerifiedRequests first in the app's middleware, in place of Bolt's RequestVerification.

    Bolt has no public way to order its built-in middleware, so this edits its list; a test fails if a Bolt
    upgrade changes that list's shape.
    """
    middleware: list[Middleware] = app._middleware_list
    kept = [m for m in middleware if not isinstance(m, RequestVerification)]
    middleware[:] = [VerifiedRequests(signing_secret), *kept]
