"""Delivers queued outbox rows to Slack: in order per channel, fair across channels, paced, retried, recorded.

Order and fairness: each pass reads the *head* of every channel (its lowest-id unsent row, storage.outbox), so a
backlog of thousands in one channel costs every other channel nothing; within a channel rows go strictly in id
order, at most one per `channel_interval` (Slack allows about one message a second per channel). The pacing
and Slack's Retry-After holds are kept in the database, so two servers on one database pace a channel together.
The server (`run_forever`) sends the heads of different channels on up to `senders` threads at once, so one
call that hangs (cut off after the client's timeout) holds up only its own channel.

Retries: HTTP 429 waits exactly Retry-After (and holds that method meanwhile); network errors, 5xx, an answer
that is not Slack's (not JSON: a proxy's page) and Slack's transient error names back off exponentially with jitter, capped at `max_delay`, until the row is older than
`give_up_after` (default 24 h, CODEDESK_OUTBOX_GIVE_UP_AFTER) - an outage of any length shorter than that loses
nothing. A token Slack rejects is retried the same way and logged as an error. Any other error names a problem
with this message or its channel (channel_not_found, not_in_channel, is_archived, invalid_blocks ...): the row
fails at once and the asker and the leads are told what to do (bot.outbox_notices); `codedesk outbox retry`
sends it again once fixed.

Delivery guarantee, honestly: a row is *claimed* (pending -> sending, committed) before the Web API call and
marked sent (committed) right after it, so two workers never send the same row and a sent row is never sent
again. chat.postMessage has no idempotency key, so an attempt whose outcome is unknown (the call timed out, the
connection dropped, Slack answered 5xx, or the worker died or was stopped mid-call) may have posted. Such a row
is marked `unsure_since`, and before it is posted again the worker looks for it in the channel (or thread):
each post carries message metadata naming its row, and conversations.history / conversations.replies return
it. Found: recorded as sent with its ts, not posted again. Not found: posted again. The search failing for a
transient reason: retried later, never posted blind. What remains: a post Slack accepted but does not yet show
in the channel's history when the search runs (the search runs at the retry, seconds to minutes after the
attempt), a search that cannot be made (a missing *:history scope: then the message is posted again), and the
digest's chart (a file upload, not searched). chat.update calls are idempotent and simply retried.
Stopping (`run_forever`'s event set): no new row is started; the sends in flight finish and are recorded, and a
send that cannot finish in time has its row released (`release_in_flight`, marked unsure) for the next run.
A thread reply or chat.update waits for its parent row and gets the parent's `ts` (and real channel id).

The claim lease (how long a `sending` row stays claimed before another worker may take it: a killed instance's
row, which holds its channel meanwhile) follows from the Slack call timeout T (CALL_TIMEOUT_SECONDS, the
client's): `lease_for(T)` = (1 + the most requests one send makes) T + CLOCK_SKEW_MARGIN, i.e. 4 T + 10 s = 50 s
for T = 10 s (a chart upload is three requests; a post one), not minutes. Why no live instance's send can
overlap another's, worker A having claimed a row at A's time t0 (stored as `claimed_at`):
1. A starts a Slack call for the row (the post, an upload, a search for an earlier post) only if, cut off after
   T per request, it ends by t0 + lease - CLOCK_SKEW_MARGIN on A's clock (`_OutOfLease` otherwise: the attempt
   stops, nothing is posted, the row is retried later). So A's calls have all ended by then.
2. Another worker B releases the claim only when B's clock is past t0 + lease (`release_stale_claims`). With
   the instances' clocks within CLOCK_SKEW_MARGIN of each other (NTP keeps them within milliseconds), that is
   after A's last call ended. The released row is `unsure`: B looks for A's post in the channel before posting.
3. A's recording of its attempt, however late, applies only while nobody has claimed the row since
   (`storage.outbox.holds_claim`: still A's attempt number, not sent or failed); a row claimed again meanwhile
   is left to the worker that holds it now, whose search finds A's post.
What this leaves: a process paused (not killed) for longer than the lease between the check in 1 and its
request going out, and T being a socket timeout (a server trickling an answer byte by byte could outlast it;
Slack answers in one piece).
"""

from __future__ import annotations

import http.client
import logging
import random
import re
import socket
import threading
import urllib.error
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from slack_sdk.errors import SlackApiError

from bot import outbox_notices
from bot.slack_check import not_slacks_answer
from storage import clarifications, outbox
from storage.backend import Database
from storage.db import DatabaseProblem, DatabaseUnavailable, write_transaction
from storage.outbox import Claim, OutboxRow, OutboxState

log = logging.getLogger(__name__)

Send = Callable[[str, dict[str, Any]], Mapping[str, Any]]

TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
# The token or the app's scopes, not the message: retried (a person fixes the install), logged as errors.
AUTH_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "missing_scope",
        "no_permission",
        "team_access_not_granted",
    }
)
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    urllib.error.URLError,
    ConnectionError,
    TimeoutError,
    http.client.HTTPException,
    OSError,
)
METADATA_EVENT = "codedesk_outbox"
SEARCH_PAGES = 5  # x 200 messages: how far back a channel is searched for an unsure post
_USER_ID = re.compile(r"^[UW][A-Z0-9_]+$")
DEFAULT_GIVE_UP_AFTER = timedelta(hours=24)
CALL_TIMEOUT_SECONDS = 10  # the Web API client's timeout for the outbox's calls (bot.services.outbox_client)
CLOCK_SKEW_MARGIN = timedelta(seconds=10)  # how far apart two instances' clocks may be (see the lease above)


# Sends that make more than one HTTP request, each cut off after the timeout: the digest's chart upload
# (bot.jobs.digest.UPLOAD_METHOD: files_upload_v2 asks for an upload URL, uploads, completes).
REQUESTS_PER_SEND = {"files.uploadV2": 3}


def requests_per_send(method: str) -> int:
    return REQUESTS_PER_SEND.get(method, 1)


def lease_for(call_timeout: float) -> timedelta:
    """The claim lease for Slack calls cut off after `call_timeout` seconds per request: the longest send may
    start up to `call_timeout` after the claim and then run its requests, and the instances' clocks may differ
    by CLOCK_SKEW_MARGIN."""
    longest = max(REQUESTS_PER_SEND.values(), default=1)
    return timedelta(seconds=(1 + longest) * call_timeout) + CLOCK_SKEW_MARGIN


class _OutOfLease(Exception):
    """A Slack call for a claimed row would not end before its claim may expire: not started."""


class Outcome(StrEnum):
    SENT = "sent"
    RATELIMITED = "ratelimited"
    TRANSIENT = "transient"
    AUTH = "auth"
    PERMANENT = "permanent"


@dataclass
class DeliveryReport:
    """What one pass did, by outbox row id; `waiting`: channel heads held back (not due, paced, held by a
    Retry-After, parent unsent). A channel whose head is being sent counts in none of these."""

    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    waiting: int = 0


@dataclass(frozen=True)
class _Result:
    outcome: Outcome
    response: Mapping[str, Any] | None = None
    error: str | None = None
    retry_after: float | None = None  # Slack's Retry-After: wait exactly that long
    maybe_posted: bool = False  # the call's outcome is unknown: Slack may have acted on it
    found: bool = False  # an earlier unsure attempt was found in the channel


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


def _never_reached_slack(exc: BaseException) -> bool:
    """A connection refused or a name that does not resolve: the request surely never reached Slack."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


class _NotOk(Exception):
    """An `ok: false` answer to a search call."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(str(data.get("error") or "not_ok"))
        self.data = data


def classify(exc: BaseException) -> _Result:
    """What a failed Web API call means for the row."""
    if isinstance(exc, _OutOfLease):
        return _Result(Outcome.TRANSIENT, error="out_of_lease")
    if isinstance(exc, _NotOk):
        return _answer(exc.data)
    if isinstance(exc, SlackApiError):
        data = exc.response
        status = getattr(data, "status_code", None)
        error = str(data.get("error") or "") if data is not None else ""
        if status == 429 or error == "ratelimited":
            wait = _retry_after(getattr(data, "headers", None))
            return _Result(Outcome.RATELIMITED, error="ratelimited", retry_after=wait)
        if isinstance(status, int) and status >= 500:
            return _Result(Outcome.TRANSIENT, error=error or f"http_{status}", maybe_posted=True)
        if not_slacks_answer(error):  # a proxy's page, not Slack's answer: like a network error
            return _Result(Outcome.TRANSIENT, error=f"not_json_http_{status}", maybe_posted=True)
        if error in TRANSIENT_ERRORS:
            return _Result(Outcome.TRANSIENT, error=error, maybe_posted=True)
        if error in AUTH_ERRORS:
            return _Result(Outcome.AUTH, error=error)
        if not error:  # a 4xx without a Slack error: a proxy or a wrong URL, not this message
            return _Result(Outcome.TRANSIENT, error=f"http_{status}")
        return _Result(Outcome.PERMANENT, error=error)
    if isinstance(exc, NETWORK_ERRORS):
        return _Result(
            Outcome.TRANSIENT, error=type(exc).__name__, maybe_posted=not _never_reached_slack(exc)
        )
    log.error("outbox send raised %s", type(exc).__name__, exc_info=exc)  # a bug: retrying will not help
    return _Result(Outcome.PERMANENT, error=f"unexpected_{type(exc).__name__}")


def _answer(response: Mapping[str, Any]) -> _Result:
    if response.get("ok", True):
        return _Result(Outcome.SENT, response=response)
    error = str(response.get("error") or "not_ok")
    if error in TRANSIENT_ERRORS:
        return _Result(Outcome.TRANSIENT, error=error, maybe_posted=error != "ratelimited")
    if error in AUTH_ERRORS:
        return _Result(Outcome.AUTH, error=error)
    return _Result(Outcome.PERMANENT, error=error)


def horizon_label(horizon: timedelta) -> str:
    hours = horizon.total_seconds() / 3600
    return f"{hours:g}h" if hours >= 1 else f"{horizon.total_seconds() / 60:g}m"


class OutboxWorker:
    """One per process. `send(method, payload)` makes the Web API call and returns the response data (e.g. a
    wrapper around `WebClient.api_call(method, json=payload).data`, with a short timeout); `clock` and
    `sleep` are injected so tests never wait. Pacing and holds are in the database (storage.outbox)."""

    def __init__(
        self,
        db_factory: Callable[[], Database],
        send: Send,
        clock: Callable[[], datetime],
        sleep: Callable[[float], None],
        *,
        rand: Callable[[], float] = random.random,
        channel_interval: float = 1.0,
        base_delay: float = 2.0,
        max_delay: float = 300.0,
        give_up_after: timedelta = DEFAULT_GIVE_UP_AFTER,
        call_timeout: float = CALL_TIMEOUT_SECONDS,
        poll_interval: float = 0.5,
        senders: int = 4,
        notices: bool = True,
    ) -> None:
        self._db_factory = db_factory
        self._send = send
        self._clock = clock
        self._sleep = sleep
        self._rand = rand
        self._channel_interval = timedelta(seconds=channel_interval)
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._give_up_after = give_up_after
        self._call_timeout = timedelta(seconds=call_timeout)
        self._claim_lease = lease_for(call_timeout)
        self._poll_interval = poll_interval
        self._senders = max(1, senders)
        self._notices = notices
        self._lock = threading.Condition()
        self._in_flight: dict[
            int, str
        ] = {}  # row id -> channel, for the rows whose Web API call is under way

    @property
    def give_up_after(self) -> timedelta:
        return self._give_up_after

    @property
    def claim_lease(self) -> timedelta:
        return self._claim_lease

    def backoff(self, attempts: int) -> float:
        """Seconds before retry number `attempts`: exponential, capped, with "equal jitter" (half fixed)."""
        delay = min(self._max_delay, self._base_delay * 2 ** max(0, attempts - 1))
        return delay / 2 + self._rand() * delay / 2

    # -- a pass ------------------------------------------------------------------------------------------------

    def deliver_due(self, now: datetime, stop: threading.Event | None = None) -> DeliveryReport:
        """Send what is due at `now`, one channel after another on this thread: each channel's head, if due.

        Once `stop` is set no further row is started (the rest stay pending for the next run)."""
        report = DeliveryReport()
        db = self._db_factory()
        try:
            self._release_stale_claims(db, now)
            for head in outbox.channel_heads(db):
                if stop is not None and stop.is_set():
                    break
                claimed = self._claim(db, head, now, report)
                if claimed is not None:
                    self._send_and_record(db, claimed[0], claimed[1], now, report)
        finally:
            db.close()
        return report

    def dispatch_due(self, now: datetime, stop: threading.Event | None = None) -> int:
        """The server's pass: each due head is sent on a sender thread (at most `senders` at once, one per
        channel), and the pass returns without waiting for them. Returns how many sends it started."""
        started = 0
        db = self._db_factory()
        try:
            self._release_stale_claims(db, now)
            for head in outbox.channel_heads(db):
                if stop is not None and stop.is_set():
                    break
                with self._lock:
                    if len(self._in_flight) >= self._senders:
                        break
                    if head.channel in self._in_flight.values():
                        continue
                claimed = self._claim(db, head, now, DeliveryReport())
                if claimed is None:
                    continue
                row, payload = claimed
                with self._lock:
                    self._in_flight[row.id] = row.channel
                threading.Thread(
                    target=self._send_on_thread,
                    args=(row, payload, now),
                    name=f"codedesk-outbox-send-{row.id}",
                    daemon=True,
                ).start()
                started += 1
        finally:
            db.close()
        return started

    def _release_stale_claims(self, db: Database, now: datetime) -> None:
        with write_transaction(db):
            released = outbox.release_stale_claims(db, claimed_before=now - self._claim_lease)
        if released:
            log.warning(
                "outbox: %d expired claims released (each is looked for in Slack before a resend)", released
            )

    def _claim(
        self, db: Database, row: OutboxRow, now: datetime, report: DeliveryReport
    ) -> tuple[OutboxRow, dict[str, Any]] | None:
        """The head `row` claimed with its payload ready, or None (not due, busy, paced, held, parent unsent;
        a row whose parent failed fails with it)."""
        if row.state is not OutboxState.PENDING:
            return None  # its channel's head is being sent (here or by another worker)
        if row.next_attempt_at > now:
            report.waiting += 1
            return None
        payload = dict(row.payload)
        if row.parent_id is not None:
            parent = outbox.get(db, row.parent_id)
            if parent is None or parent.state is OutboxState.FAILED:
                with write_transaction(db):
                    outbox.mark_failed(db, row.id, error="parent_failed")
                report.failed.append(row.id)
                return None
            if parent.state is not OutboxState.SENT or not parent.sent_ts:
                report.waiting += 1
                return None
            payload[row.parent_ts_field or "thread_ts"] = parent.sent_ts
            payload["channel"] = parent.sent_channel or payload.get("channel", row.channel)
        with write_transaction(db):
            claim = outbox.claim_head(db, row, now=now, channel_interval=self._channel_interval)
        if claim is not Claim.CLAIMED:
            report.waiting += 1
            return None
        return row, payload

    def _send_on_thread(self, row: OutboxRow, payload: dict[str, Any], now: datetime) -> None:
        try:
            db = self._db_factory()
            try:
                self._send_and_record(db, row, payload, now, DeliveryReport())
            finally:
                db.close()
        except Exception:
            log.exception("outbox: sending row %d failed (it is released when its claim expires)", row.id)
        finally:
            with self._lock:
                self._in_flight.pop(row.id, None)
                self._lock.notify_all()

    def _send_and_record(
        self,
        db: Database,
        row: OutboxRow,
        payload: dict[str, Any],
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        with self._lock:
            self._in_flight[row.id] = row.channel
        try:
            # `now` is when the row was claimed (its claimed_at): no call may end after the claim can expire.
            ends_by = now + self._claim_lease - CLOCK_SKEW_MARGIN
            result = self._attempt(row, payload, ends_by)
            self._record(db, row, payload, result, row.attempts + 1, max(now, self._clock()), report)
        finally:
            with self._lock:
                self._in_flight.pop(row.id, None)
                self._lock.notify_all()

    # -- one attempt -----------------------------------------------------------------------------------------

    def _attempt(self, row: OutboxRow, payload: dict[str, Any], ends_by: datetime) -> _Result:
        """Search for an earlier unsure post, then post (or call); every call ended by `ends_by`."""
        if row.unsure_since is not None and row.method == "chat.postMessage":
            earlier = self._find_posted(row, payload, ends_by)
            if earlier is not None:
                return earlier
        if row.method == "chat.postMessage":
            payload = {**payload, "metadata": self._metadata(row)}
        return self._call(row.method, payload, ends_by)

    def _slack(self, method: str, payload: dict[str, Any], ends_by: datetime) -> Mapping[str, Any]:
        """A Web API call that surely ends (cut off by the timeout) by `ends_by`; `_OutOfLease` instead of
        one that might not."""
        if self._clock() + requests_per_send(method) * self._call_timeout > ends_by:
            raise _OutOfLease(method)
        return self._send(method, payload)

    @staticmethod
    def _metadata(row: OutboxRow) -> dict[str, Any]:
        """Carried by every post, invisible to readers: how an unsure post is found again (no text, no PHI)."""
        return {
            "event_type": METADATA_EVENT,
            "event_payload": {"row": row.id, "key": row.dedupe_key, "queue": row.channel},
        }

    def _call(self, method: str, payload: dict[str, Any], ends_by: datetime) -> _Result:
        try:
            response = self._slack(method, payload, ends_by)
        except Exception as exc:
            return classify(exc)
        return _answer(response)

    def _find_posted(self, row: OutboxRow, payload: dict[str, Any], ends_by: datetime) -> _Result | None:
        """Look for an earlier attempt of `row` in its channel (or thread). A _Result when it was found (sent)
        or the search failed for a transient reason (try later, never post blind); None to post."""
        try:
            return self._search(row, payload, ends_by)
        except Exception as exc:
            known = (_NotOk, _OutOfLease, SlackApiError, *NETWORK_ERRORS)
            result = classify(exc) if isinstance(exc, known) else None
        if result is not None and result.outcome in (Outcome.TRANSIENT, Outcome.RATELIMITED):
            log.info("outbox: could not search for row %d (%s): trying later", row.id, result.error)
            return _Result(result.outcome, error=f"search: {result.error}", retry_after=result.retry_after)
        log.warning(
            "outbox: cannot search the channel for row %d (%s): posting it again may duplicate it",
            row.id,
            result.error if result is not None else "unreadable answer",
        )
        return None

    def _search(self, row: OutboxRow, payload: dict[str, Any], ends_by: datetime) -> _Result | None:
        channel = str(payload.get("channel") or row.channel)
        thread_ts = payload.get("thread_ts")
        if _USER_ID.match(channel):  # a DM queued to a user id: its conversation id
            opened = self._checked("conversations.open", {"users": channel}, ends_by)
            channel = str((opened.get("channel") or {}).get("id") or channel)
        cursor: str | None = None
        for _ in range(SEARCH_PAGES):
            args: dict[str, Any] = {"channel": channel, "limit": 200, "include_all_metadata": True}
            if thread_ts:
                args["ts"] = thread_ts
            if cursor:
                args["cursor"] = cursor
            data = self._checked(
                "conversations.replies" if thread_ts else "conversations.history", args, ends_by
            )
            for message in data.get("messages") or []:
                meta = message.get("metadata") or {}
                if meta.get("event_type") != METADATA_EVENT:
                    continue
                found = meta.get("event_payload") or {}
                if found.get("key") == row.dedupe_key:
                    log.info(
                        "outbox: row %d was posted already (found in the channel): not posted again", row.id
                    )
                    response = {"ok": True, "ts": message.get("ts"), "channel": channel}
                    return _Result(Outcome.SENT, response=response, found=True)
                earlier = found.get("row")
                same_queue = not thread_ts and found.get("queue") == row.channel
                if same_queue and isinstance(earlier, int) and earlier < row.id:
                    return None  # newest first: past this channel's earlier posts, so ours is not there
            cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "") or None
            if not cursor:
                return None
        return None

    def _checked(self, method: str, args: dict[str, Any], ends_by: datetime) -> Mapping[str, Any]:
        """A search call; an `ok: false` answer raised like the client raises it."""
        data = self._slack(method, args, ends_by)
        if not data.get("ok", True):
            raise _NotOk(data)
        return data

    # -- recording -------------------------------------------------------------------------------------------

    def _record(
        self,
        db: Database,
        row: OutboxRow,
        payload: dict[str, Any],
        result: _Result,
        attempts: int,
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        with write_transaction(db):
            if row.clarification_id is not None:
                clarifications.lock_for_change(db, row.clarification_id)  # the relay's lock order
            if not outbox.holds_claim(db, row.id, attempt=attempts):
                log.warning(
                    "outbox: row %d's claim expired before its attempt (%s) was recorded: left to its new claim",
                    row.id,
                    result.outcome.value,
                )
                return
            if result.outcome is Outcome.SENT and result.response is not None:
                ts = result.response.get("ts")
                channel = result.response.get("channel") or payload.get("channel")
                outbox.mark_sent(
                    db, row, ts=str(ts) if ts else None, channel=str(channel) if channel else None, now=now
                )
                report.sent.append(row.id)
                log.info("outbox: sent row %d (%s %s)", row.id, row.kind, row.method)
                return
            error = result.error or "unknown"
            if result.outcome is Outcome.PERMANENT:
                self._fail(db, row, error, now)
                report.failed.append(row.id)
                return
            if now - row.window_start >= self._give_up_after:
                self._fail(db, row, f"gave_up_after_{horizon_label(self._give_up_after)}: {error}", now)
                report.failed.append(row.id)
                return
            if result.outcome is Outcome.RATELIMITED and result.retry_after is not None:
                wait = result.retry_after
                outbox.hold_method(db, row.method, until=now + timedelta(seconds=wait))
            else:
                wait = self.backoff(attempts)
            if result.outcome is Outcome.AUTH:
                log.error(
                    "outbox: Slack refused the bot token (%s): row %d retried in %.0f s", error, row.id, wait
                )
            unsure = (
                row.claimed_at or now if result.maybe_posted and row.method == "chat.postMessage" else None
            )
            outbox.reschedule(
                db, row.id, next_attempt_at=now + timedelta(seconds=wait), error=error, unsure_since=unsure
            )
            report.retried.append(row.id)
            log.info("outbox: row %d retry in %.1fs (%s)", row.id, wait, error)

    def _fail(self, db: Database, row: OutboxRow, error: str, now: datetime) -> None:
        outbox.mark_failed(db, row.id, error=error)
        log.warning("outbox: row %d (%s) failed: %s", row.id, row.kind, error)
        if self._notices:
            told = outbox_notices.queue_failure_notices(db, row, error, now)
            if told:
                log.info("outbox: row %d: %d notice(s) queued for the asker and the leads", row.id, told)

    # -- stopping --------------------------------------------------------------------------------------------

    def in_flight(self) -> list[int]:
        with self._lock:
            return sorted(self._in_flight)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once no send is under way."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._in_flight, timeout)

    def release_in_flight(self) -> list[int]:
        """The rows whose sends are still under way back to pending, marked unsure (for a stop that cannot
        wait for them); their ids, without those recorded meanwhile."""
        ids = self.in_flight()
        if not ids:
            return []
        released = []
        db = self._db_factory()
        try:
            with write_transaction(db):
                released = [row_id for row_id in ids if outbox.release_claim(db, row_id)]
        finally:
            db.close()
        return released

    def run_forever(self, stop_event: threading.Event) -> None:
        """The server's delivery loop; a failing pass is logged and retried, never fatal. Once stopped, it
        returns when the sends in flight have been recorded."""
        told = ""
        while not stop_event.is_set():
            try:
                self.dispatch_due(self._clock(), stop_event)
                told = ""
            except (
                DatabaseProblem,
                DatabaseUnavailable,
            ) as exc:  # e.g. the database deleted, or its server unreachable: said once, not each pass
                if str(exc) != told:
                    log.error("outbox: nothing can be sent: %s", exc)
                    told = str(exc)
            except Exception:
                log.exception("outbox: delivery pass failed")
            self._sleep(self._poll_interval)
        self.wait_idle()
