"""Delivers queued outbox rows to Slack: in order per channel, paced, retried, and recorded.

Delivery guarantee, honestly: a row is *claimed* (pending -> sending, committed) before the Web API call and
marked sent (committed) right after it, so two workers never send the same row and a sent row is never sent
again. The window between Slack accepting a message and our COMMIT is not covered: if the process dies there,
or Slack times out after posting, the row is sent again once its claim expires (`claim_lease`). Delivery is
therefore at-least-once with a window of milliseconds; a duplicate message is preferred to a lost question.

Errors: HTTP 429 waits for Retry-After (and holds that method and channel meanwhile); 5xx, Slack's transient
error names and network errors back off exponentially with jitter, capped; any other error (channel_not_found,
not_in_channel, invalid_blocks...) marks the row failed with the error name, for a person to look at.
Stopping (`run_forever`'s event set): no new row is started; the send in flight is finished and recorded, and
if it cannot finish in time `release_in_flight()` puts its row back to pending for the next run (the same
at-least-once window as a crash, without the claim lease's wait).
Rows in a channel go out in id order, at most one per `channel_interval` (Slack allows ~1 message/s/channel).
A thread reply or chat.update waits for its parent row and gets the parent's `ts` (and real channel id).
"""

from __future__ import annotations

import http.client
import logging
import random
import threading
import urllib.error
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils
from slack_sdk.errors import SlackApiError

from storage import outbox
from storage.db import write_transaction
from storage.outbox import OutboxRow, OutboxState

log = logging.getLogger(__name__)

Send = Callable[[str, dict[str, Any]], Mapping[str, Any]]

TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    urllib.error.URLError,
    ConnectionError,
    TimeoutError,
    http.client.HTTPException,
    OSError,
)


@dataclass
class DeliveryReport:
    """What one pass did, by outbox row id; `waiting`: rows held back (not due, paced, parent unsent)."""

    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    waiting: int = 0


@dataclass(frozen=True)
class _Result:
    response: Mapping[str, Any] | None = None
    error: str | None = None
    transient: bool = False
    retry_after: float | None = None  # Slack's Retry-After: wait exactly that long


def _header(headers: Any, name: str) -> str | None:
    if not isinstance(headers, Mapping):
        return None
    for key, value in headers.items():
        if str(key).lower() == name.lower():
            if isinstance(value, list | tuple):
                return str(value[0]) if value else None
            return str(value)
    return None


def _retry_after(headers: Any) -> float | None:
    raw = _header(headers, "Retry-After")
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except ValueError:
        return None


class OutboxWorker:
    """One per process. `send(method, payload)` makes the Web API call and returns the response data (e.g. a
    wrapper around `WebClient.api_call(method, json=payload).data`); `clock` and `sleep` are injected so tests
    never wait. Pacing state is per worker, in memory."""

    def __init__(
        self,
        db_factory: Callable[[], sqlite_utils.Database],
        send: Send,
        clock: Callable[[], datetime],
        sleep: Callable[[float], None],
        *,
        rand: Callable[[], float] = random.random,
        channel_interval: float = 1.0,
        base_delay: float = 2.0,
        max_delay: float = 300.0,
        max_attempts: int = 10,
        claim_lease: timedelta = timedelta(minutes=5),
        poll_interval: float = 0.5,
        batch: int = 200,
    ) -> None:
        self._db_factory = db_factory
        self._send = send
        self._clock = clock
        self._sleep = sleep
        self._rand = rand
        self._channel_interval = timedelta(seconds=channel_interval)
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._max_attempts = max_attempts
        self._claim_lease = claim_lease
        self._poll_interval = poll_interval
        self._batch = batch
        self._last_send: dict[str, datetime] = {}
        self._method_blocked_until: dict[str, datetime] = {}
        self._in_flight: int | None = None  # the row whose Web API call is under way

    def backoff(self, attempts: int) -> float:
        """Seconds before retry number `attempts`: exponential, capped, with "equal jitter" (half fixed)."""
        delay = min(self._max_delay, self._base_delay * 2 ** max(0, attempts - 1))
        return delay / 2 + self._rand() * delay / 2

    def _call(self, method: str, payload: dict[str, Any]) -> _Result:
        try:
            response = self._send(method, payload)
        except SlackApiError as exc:
            data = exc.response
            status = getattr(data, "status_code", None)
            error = str(data.get("error") or f"http_{status}") if data is not None else "slack_api_error"
            if status == 429 or error == "ratelimited":
                wait = _retry_after(getattr(data, "headers", None))
                return _Result(error="ratelimited", transient=True, retry_after=wait)
            transient = (isinstance(status, int) and status >= 500) or error in TRANSIENT_ERRORS
            return _Result(error=error, transient=transient)
        except NETWORK_ERRORS as exc:
            return _Result(error=type(exc).__name__, transient=True)
        except Exception as exc:  # a bug or a client-side error: retrying would not help
            log.exception("outbox send raised %s", type(exc).__name__)
            return _Result(error=f"unexpected_{type(exc).__name__}")
        if not response.get("ok", True):
            error = str(response.get("error") or "not_ok")
            return _Result(error=error, transient=error in TRANSIENT_ERRORS)
        return _Result(response=response)

    def _held(self, row: OutboxRow, now: datetime) -> bool:
        if row.next_attempt_at > now:
            return True
        blocked = self._method_blocked_until.get(row.method)
        if blocked is not None and blocked > now:
            return True
        last = self._last_send.get(row.channel)
        return last is not None and now - last < self._channel_interval

    def deliver_due(self, now: datetime, stop: threading.Event | None = None) -> DeliveryReport:
        """Send what is due at `now`: pending rows in id order, each channel strictly in order.

        Once `stop` is set no further row is started (the rest stay pending for the next run)."""
        report = DeliveryReport()
        db = self._db_factory()
        try:
            with write_transaction(db):
                released = outbox.release_stale_claims(db, claimed_before=now - self._claim_lease)
            if released:
                log.warning("outbox: %d expired claims released (those rows may be sent twice)", released)
            held_channels: set[str] = set()
            for row in outbox.pending(db, limit=self._batch):
                if stop is not None and stop.is_set():
                    break
                if row.channel in held_channels or self._held(row, now):
                    held_channels.add(row.channel)
                    report.waiting += 1
                    continue
                payload = dict(row.payload)
                if row.parent_id is not None:
                    parent = outbox.get(db, row.parent_id)
                    if parent is None or parent.state is OutboxState.FAILED:
                        with write_transaction(db):
                            outbox.mark_failed(db, row.id, error="parent_failed")
                        report.failed.append(row.id)
                        continue
                    if parent.state is not OutboxState.SENT or not parent.sent_ts:
                        held_channels.add(row.channel)
                        report.waiting += 1
                        continue
                    payload[row.parent_ts_field or "thread_ts"] = parent.sent_ts
                    payload["channel"] = parent.sent_channel or payload.get("channel", row.channel)
                self._deliver(db, row, payload, now, report, held_channels)
        finally:
            db.close()
        return report

    def _deliver(
        self,
        db: sqlite_utils.Database,
        row: OutboxRow,
        payload: dict[str, Any],
        now: datetime,
        report: DeliveryReport,
        held_channels: set[str],
    ) -> None:
        with write_transaction(db):
            if not outbox.claim(db, row.id, now=now):
                return  # another worker has it
        attempts = row.attempts + 1
        self._last_send[row.channel] = now
        self._in_flight = row.id
        try:
            result = self._call(row.method, payload)
            self._record(db, row, payload, result, attempts, now, report, held_channels)
        finally:
            self._in_flight = None

    def _record(
        self,
        db: sqlite_utils.Database,
        row: OutboxRow,
        payload: dict[str, Any],
        result: _Result,
        attempts: int,
        now: datetime,
        report: DeliveryReport,
        held_channels: set[str],
    ) -> None:
        with write_transaction(db):
            if result.response is not None:
                ts = result.response.get("ts")
                channel = result.response.get("channel") or payload.get("channel")
                outbox.mark_sent(
                    db,
                    row,
                    ts=str(ts) if ts else None,
                    channel=str(channel) if channel else None,
                    now=self._clock(),
                )
                report.sent.append(row.id)
                log.info("outbox: sent row %d (%s %s)", row.id, row.kind, row.method)
                return
            error = result.error or "unknown"
            rate_limited = error == "ratelimited"
            # Slack's 429 says "wait", never "give up": a rate-limited row is retried however long the storm.
            if not rate_limited and (not result.transient or attempts >= self._max_attempts):
                reason = error if not result.transient else f"gave_up_after_{attempts}_attempts: {error}"
                outbox.mark_failed(db, row.id, error=reason)
                report.failed.append(row.id)
                log.warning("outbox: row %d failed: %s", row.id, reason)
                return
            if result.retry_after is not None:
                wait = result.retry_after
                self._method_blocked_until[row.method] = now + timedelta(seconds=wait)
            else:
                wait = self.backoff(attempts)
            outbox.reschedule(db, row.id, next_attempt_at=now + timedelta(seconds=wait), error=error)
            report.retried.append(row.id)
            held_channels.add(row.channel)
            log.info("outbox: row %d retry in %.1fs (%s)", row.id, wait, error)

    def release_in_flight(self) -> int | None:
        """The row whose send is still under way back to pending (for a stop that cannot wait for it); its id,
        or None when nothing was in flight or it got recorded first."""
        row_id = self._in_flight
        if row_id is None:
            return None
        db = self._db_factory()
        try:
            with write_transaction(db):
                released = outbox.release_claim(db, row_id)
        finally:
            db.close()
        return row_id if released else None

    def run_forever(self, stop_event: threading.Event) -> None:
        """The server's delivery loop; a failing pass is logged and retried, never fatal."""
        while not stop_event.is_set():
            try:
                self.deliver_due(self._clock(), stop_event)
            except Exception:
                log.exception("outbox: delivery pass failed")
            self._sleep(self._poll_interval)
