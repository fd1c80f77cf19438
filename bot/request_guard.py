"""The first thing every HTTP request meets: Slack's signature, checked so that it fails closed, and replays.

Bolt's own RequestVerification lets an unparsable timestamp raise (the app's error handler then answered the
unverified body) and runs after the SSL-check middleware (an unsigned `ssl_check=1` got 200). This one runs
first, turns every failure into 401, and answers a replay of a request already handled with an empty 200
(Slack's signature covers the timestamp, so a replay within the 5-minute window is the only one possible).

The signatures already handled are kept in the app database (`storage.seen_signatures`), so a replay is
recognised whichever instance behind a load balancer it reaches. Each instance also remembers the signatures it
handled itself: if the database cannot record one (busy past the request's wait, or unreachable), the request is
still checked against that memory and served, with a warning in the log, rather than refused for a check that is
defence in depth (Slack's signature and its 5-minute window are checked first, always).

Only HTTP requests are signed: create_app installs the guard in HTTP mode (and the console, which signs what it
sends) and never in Socket Mode, where requests arrive over the app's own authenticated WebSocket and there is
no signing secret to check them with.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.middleware.request_verification import RequestVerification
from slack_sdk.signature import SignatureVerifier

from storage import seen_signatures
from storage.backend import Database, is_postgres
from storage.db import DatabaseProblem, write_transaction
from storage.db_problems import DatabaseBusy, DeadlinePassed

log = logging.getLogger("codedesk.request_guard")

REPLAY_WINDOW_SECONDS = 60 * 5 + 30  # Slack's 5 minutes, plus clock skew
MAX_REMEMBERED = 200_000
PRUNE_EVERY_SECONDS = 60.0  # how often an instance deletes the database's expired signatures


class Seen(Protocol):
    def first_time(self, signature: str) -> bool: ...


class SeenSignatures:
    """Signatures of requests this process handled, forgotten once they could no longer be replayed (in memory:
    the fallback of SharedSeenSignatures, and the guard of an app built without a database)."""

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


class SharedSeenSignatures:
    """Signatures already handled by any instance: one `INSERT OR IGNORE` into the app database per request.

    This runs before the ack, so it waits at most WAIT_SECONDS for the database (a modal submission's own 2 s
    budget starts after it). A signature not recorded in that time is served (this instance's memory still
    catches a replay sent to it) and recorded late by a short-lived thread, within a second or two: until then a
    replay reaching another instance is not recognised. A late record that finds the signature already there
    means exactly that happened; both are counted and logged at most once a minute (never per request).

    Expired rows are deleted at most once per PRUNE_EVERY_SECONDS per instance, by the request that finds the
    time has come (one indexed DELETE, also waiting at most WAIT_SECONDS), so the table holds about five minutes
    of requests.

    The wait is short: an insert takes about 0.2 ms, and every request holds one of the server's 16 threads
    while it waits. With 0.25 s, 100 `/code` commands at once on SQLite - each listener recording its use and the
    codes it showed in write transactions - kept the lock busy, each ack waited its full 0.25 s, and the burst
    queued behind the threads: acks at p50 4.5 s, past Slack's 3 s (tests/reliability/test_ack.py, on an idle
    machine). With 0.02 s the same burst is acked within a second and the signatures are recorded late instead.
    """

    WAIT_SECONDS = 0.02
    LATE_EVERY_SECONDS = 0.5

    def __init__(
        self,
        db_factory: Callable[[], Database],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db_factory = db_factory
        self.clock = clock
        self.monotonic = monotonic
        self.local = SeenSignatures(monotonic)
        self._lock = threading.Lock()
        self._next_prune = monotonic()
        self._pending: list[tuple[str, datetime]] = []
        self._recorder: threading.Thread | None = None
        self._per_thread = threading.local()
        self.recorded_late = 0
        self.served_twice = 0
        self._logged = (0, 0)
        self._next_warning = monotonic()

    def first_time(self, signature: str) -> bool:
        if not self.local.first_time(signature):
            return False
        now = self.clock()
        try:
            db = self._connection()
            try:
                with write_transaction(db, deadline=time.monotonic() + self.WAIT_SECONDS):
                    first = seen_signatures.record_first(db, signature, now)
                if self._prune_due():
                    with write_transaction(db, deadline=time.monotonic() + self.WAIT_SECONDS):
                        seen_signatures.forget_before(db, now - timedelta(seconds=REPLAY_WINDOW_SECONDS))
            except BaseException:
                self._drop_connection()
                raise
            if is_postgres(db):  # a pooled connection goes back to the pool; only SQLite's is worth keeping
                self._drop_connection()
        except (DatabaseProblem, DatabaseBusy, DeadlinePassed, sqlite3.Error):
            self._record_later(signature, now)
            return True
        return first

    def _connection(self) -> Database:
        """This thread's connection, kept between requests on SQLite: opening one costs about 3 ms (its pragmas),
        the insert itself 0.2 ms. A connection that failed is closed and the next request opens another.
        (PostgreSQL's come from a pool and are given back after each request.)"""
        db: Database | None = getattr(self._per_thread, "db", None)
        if db is None:
            db = self._per_thread.db = self.db_factory()
        return db

    def _drop_connection(self) -> None:
        db: Database | None = getattr(self._per_thread, "db", None)
        self._per_thread.db = None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _prune_due(self) -> bool:
        with self._lock:
            now = self.monotonic()
            if now < self._next_prune:
                return False
            self._next_prune = now + PRUNE_EVERY_SECONDS
            return True

    def _record_later(self, signature: str, at: datetime) -> None:
        with self._lock:
            self._pending.append((signature, at))
            if self._recorder is None or not self._recorder.is_alive():
                self._recorder = threading.Thread(
                    target=self._record_pending, name="codedesk-replay-guard", daemon=True
                )
                self._recorder.start()

    def _record_pending(self) -> None:
        """Until nothing is pending: record what the requests could not, in one transaction per round (waiting
        as long as background work does); signatures that have expired meanwhile are dropped."""
        while True:
            time.sleep(self.LATE_EVERY_SECONDS)
            with self._lock:
                cutoff = self.clock() - timedelta(seconds=REPLAY_WINDOW_SECONDS)
                batch = [(sig, at) for sig, at in self._pending if at >= cutoff]
                self._pending.clear()
                if not batch:
                    self._recorder = None
                    return
            try:
                db = self.db_factory()
                try:
                    with write_transaction(db):
                        twice = sum(not seen_signatures.record_first(db, sig, at) for sig, at in batch)
                finally:
                    db.close()
            except (DatabaseProblem, DatabaseBusy, DeadlinePassed, sqlite3.Error):
                with self._lock:
                    self._pending[:0] = batch  # the next round tries again
                continue
            with self._lock:
                self.recorded_late += len(batch)
                self.served_twice += twice
            self._warn()

    def _warn(self) -> None:
        with self._lock:
            now = self.monotonic()
            if now < self._next_warning:
                return
            self._next_warning = now + PRUNE_EVERY_SECONDS
            late, twice = self.recorded_late - self._logged[0], self.served_twice - self._logged[1]
            self._logged = (self.recorded_late, self.served_twice)
        log.warning(
            "replay guard: %d request signature(s) recorded late (the database was busy), %d of them already "
            "recorded by another instance (a replay served twice)",
            late,
            twice,
        )


class VerifiedRequests(Middleware):
    def __init__(self, signing_secret: str, seen: Seen | None = None) -> None:
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


def install(app: App, signing_secret: str, seen: Seen | None = None) -> None:
    """Put VerifiedRequests first in the app's middleware, in place of Bolt's RequestVerification; `seen` is
    where handled signatures are kept (create_app gives SharedSeenSignatures over the app database).

    Bolt has no public way to order its built-in middleware, so this edits its list; a test fails if a Bolt
    upgrade changes that list's shape.
    """
    middleware: list[Middleware] = app._middleware_list
    kept = [m for m in middleware if not isinstance(m, RequestVerification)]
    middleware[:] = [VerifiedRequests(signing_secret, seen), *kept]
