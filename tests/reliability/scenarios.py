"""The fault scenarios, parameterised by scale: the tests run them small, bench/reliability.py runs them large.

Each returns a result whose `problems()` is empty when nothing was lost, duplicated or half-written, and whose
`line()` is the one-line figure the bench prints.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
import signal
import sqlite3
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import OutboxWorker
from bot.relay.service import (
    Actor,
    AlreadyAnswered,
    ClarificationService,
    InvalidTransition,
    ListFilter,
)
from bot.services import web_api_send
from storage import outbox
from storage.clarifications import Answer, ClarificationState, ReplySide
from storage.db import DatabaseBusy
from storage.outbox import NewOutboxMessage, OutboxState
from storage.usage import UsageRecorder
from tests.fake_slack import FakeSlack
from tests.relay.conftest import LEAD, FakeClock, make_draft
from tests.reliability.world import (
    CLINICAL_OPTIONS,
    Organisation,
    Store,
    as_store,
    ask_one,
    count,
    half_written,
    integrity,
    prepare_database,
    rows,
    store_arg,
    utc_now,
)


def _no_sleep(seconds: float) -> None:
    pass


class RecordingSend:
    """An in-process Web API for the outbox: answers ok with a fresh ts and records every call (thread-safe)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._ts = itertools.count(1)

    def __call__(self, method: str, payload: dict[str, Any]) -> Mapping[str, Any]:
        with self._lock:
            self.calls.append((method, payload))
            ts = payload.get("ts") or f"{1700000000 + next(self._ts)}.000100"
        return {"ok": True, "channel": payload.get("channel"), "ts": ts}


def drain(
    worker: OutboxWorker, clock: FakeClock, store: Store, *, step: float = 2.0, limit: int = 10_000
) -> None:
    """Run delivery passes (advancing the fake clock) until no row is pending."""
    for _ in range(limit):
        if not count(store, "SELECT count(*) FROM outbox WHERE state = 'pending'"):
            return
        worker.deliver_due(clock.now)
        clock.advance(seconds=step)
    raise AssertionError(f"outbox still pending after {limit} passes")


def outbox_states(store: Store) -> dict[OutboxState, int]:
    db = store.connect()
    try:
        return outbox.counts(db)
    finally:
        db.close()


# ---- crash safety: SIGKILL a writer at random moments ---------------------------------------------------


@dataclass
class CrashResult:
    kills: int = 0
    acknowledged: Counter[str] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    integrity: str = "not checked"
    unexpected_exits: list[str] = field(default_factory=list)
    messages: int = 0
    sends: int = 0
    undelivered: int = 0
    seconds: float = 0.0

    @property
    def duplicated(self) -> int:
        return self.sends - (self.messages - self.undelivered)

    def problems(self) -> list[str]:
        found = [*self.missing, *self.half_written, *self.unexpected_exits]
        if self.integrity != "ok":
            found.append(f"integrity_check: {self.integrity}")
        if self.duplicated or self.undelivered:
            found.append(f"outbox: {self.duplicated} sent twice, {self.undelivered} not delivered")
        return found

    def line(self) -> str:
        writes = ", ".join(f"{n} {kind}" for kind, n in sorted(self.acknowledged.items()))
        return (
            f"crash safety: {self.kills} SIGKILLs of a writer process, {sum(self.acknowledged.values())} "
            f"acknowledged writes ({writes}), then {self.messages} outbox messages delivered after restart, "
            f"{self.seconds:.0f} s -> lost {len(self.missing)}, half-written {len(self.half_written)}, "
            f"duplicated {self.duplicated}, undelivered {self.undelivered}, integrity_check {self.integrity}"
        )


_WRITERS: ForkServerContext | None = None


def _writers() -> ForkServerContext:
    """Where writers start: a fork server (started on first use, for the test session) that imported
    tests.reliability.crash_writer once; each writer is a fresh process forked from it."""
    global _WRITERS
    if _WRITERS is None:
        context = multiprocessing.get_context("forkserver")
        assert isinstance(context, ForkServerContext)
        context.set_forkserver_preload(["tests.reliability.crash_writer"])
        _WRITERS = context
    return _WRITERS


def _kill_one(
    store: Store, run_id: str, seed: int, rng: random.Random, max_run: float, *, after_a_write: bool = False
) -> tuple[list[str], str]:
    """Start the writer, SIGKILL it at a random moment; returns its complete stdout lines and any surprise.

    `after_a_write`: the random moment comes after the writer acknowledged its first question (so a run on
    a loaded machine, where the writer may not finish a write within `max_run`, still kills mid-work)."""
    from tests.reliability.crash_writer import run_forked

    with tempfile.TemporaryFile() as stderr:
        read_end, write_end = os.pipe()
        child_out, child_err = Connection(write_end), Connection(os.dup(stderr.fileno()))
        proc = _writers().Process(
            target=run_forked, args=(child_out, child_err, [store_arg(store), run_id, str(seed)])
        )
        try:
            proc.start()
        finally:
            child_out.close()  # the writer holds the only write end now: its death is the pipe's end
            child_err.close()
        with os.fdopen(read_end, "rb") as stdout:
            read_first = b""
            if rng.random() < 0.1 and not after_a_write:
                time.sleep(rng.uniform(0.0, 0.3))  # sometimes while it starts up and recovers the WAL
            else:
                stdout.readline()  # "ready" (or EOF if it died: reported below)
                while after_a_write:  # up to its first acknowledged question (or EOF)
                    line = stdout.readline()
                    read_first += line
                    if not line or line.startswith(b"asked "):
                        break
                time.sleep(rng.uniform(0.0, max_run))
            proc.kill()
            out = read_first + stdout.read()
        proc.join()
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    text = out.decode()
    lines = text.split("\n")[:-1]  # a line without its newline was not acknowledged
    surprise = ""
    if proc.exitcode != -signal.SIGKILL:
        surprise = f"writer {run_id} exited {proc.exitcode}: {errors[-2000:]}"
    proc.close()
    return lines, surprise


def _missing(store: Store, acknowledged: Sequence[str]) -> list[str]:
    clarifications = {row[0] for row in rows(store, "SELECT id FROM clarifications")}
    replies = {(row[0], row[1]) for row in rows(store, "SELECT id, source_event_id FROM replies")}
    reply_ids = {reply_id for reply_id, _ in replies}
    audits = {(row[0], row[1]) for row in rows(store, "SELECT clarification_id, action FROM audit")}
    missing = []
    for line in acknowledged:
        kind, *values = line.split()
        if kind == "ready":
            continue
        if kind == "asked":
            present = int(values[0]) in clarifications
        elif kind == "reply":
            present = (int(values[0]), values[1]) in replies
        elif kind == "more_info":
            present = int(values[0]) in reply_ids
        else:
            action = {"answered": "answered", "resolved": "resolved", "closed": "closed_unanswered"}[kind]
            present = (int(values[0]), action) in audits
        if not present:
            missing.append(f"acknowledged but missing: {line}")
    return missing


def run_crash_scenario(
    target: Path | Store, *, kills: int, seed: int = 7, max_run: float = 0.08
) -> CrashResult:
    """`kills` writer processes, each SIGKILLed at a random moment; between kills the outbox sometimes
    delivers (as a server would); at the end the database is checked and the outbox drained exactly once."""
    started = time.monotonic()
    store = as_store(target)
    prepare_database(store)
    rng = random.Random(seed)
    result = CrashResult()
    acknowledged: list[str] = []
    sends = RecordingSend()
    clock = FakeClock(utc_now() + timedelta(days=1))
    worker = OutboxWorker(store.factory(), sends, clock, _no_sleep, channel_interval=0.0)
    for n in range(kills):
        # The last writer is killed only after a write if none was acknowledged yet, so the scenario
        # always kills a writer mid-work, however loaded the machine (under load 12 it once acknowledged nothing).
        nothing_yet = not any(line.startswith("asked ") for line in acknowledged)
        lines, surprise = _kill_one(
            store, f"r{n}", seed * 1_000_000 + n, rng, max_run, after_a_write=n == kills - 1 and nothing_yet
        )
        result.kills += 1
        acknowledged += lines
        if surprise:
            result.unexpected_exits.append(surprise)
        if rng.random() < 0.3:
            worker.deliver_due(clock.now)
            clock.advance(seconds=2)
    result.acknowledged = Counter(line.split()[0] for line in acknowledged if line != "ready")
    result.integrity = integrity(store)
    result.missing = _missing(store, acknowledged)
    result.half_written = half_written(store)
    # The restart: a fresh worker delivers what is still pending.
    restarted = OutboxWorker(store.factory(), sends, clock, _no_sleep, channel_interval=0.0)
    drain(restarted, clock, store)
    states = outbox_states(store)
    result.messages = sum(states.values())
    result.undelivered = result.messages - states[OutboxState.SENT]
    result.sends = len(sends.calls)
    result.seconds = time.monotonic() - started
    return result


# ---- rate limits: 429 storms against the outbox, over HTTP ----------------------------------------------


@dataclass(frozen=True)
class Storm:
    at: float  # simulated seconds after the start
    count: int  # that many calls answer 429
    retry_after: int


@dataclass(frozen=True)
class Attempt:
    at: float
    method: str
    channel: str
    text: str
    status: int
    retry_after: float | None


class WebApiSend:
    """The server's outbox `send` (bot.services.web_api_send over a WebClient without retry handlers, as
    `codedesk serve` builds it), recording each attempt at the worker's (fake) clock."""

    def __init__(self, client: WebClient, clock: Callable[[], datetime]) -> None:
        self.send = web_api_send(client)
        self.clock = clock
        self.start = clock()
        self.attempts: list[Attempt] = []

    def __call__(self, method: str, payload: dict[str, Any]) -> Mapping[str, Any]:
        at = (self.clock() - self.start).total_seconds()
        channel, text = str(payload.get("channel")), str(payload.get("text"))
        try:
            data = self.send(method, payload)
        except SlackApiError as e:
            wait = e.response.headers.get("Retry-After") or e.response.headers.get("retry-after")
            self.attempts.append(
                Attempt(at, method, channel, text, e.response.status_code, float(wait) if wait else None)
            )
            raise
        self.attempts.append(Attempt(at, method, channel, text, 200, None))
        return data


@dataclass
class RateLimitResult:
    messages: int
    channels: int
    attempts: list[Attempt]
    failed_rows: int
    simulated_seconds: float
    seconds: float

    @property
    def delivered(self) -> Counter[str]:
        return Counter(a.text for a in self.attempts if a.status == 200)

    @property
    def lost(self) -> int:
        return self.messages - len(self.delivered)

    @property
    def duplicated(self) -> int:
        return sum(n - 1 for n in self.delivered.values())

    @property
    def rate_limited(self) -> list[Attempt]:
        return [a for a in self.attempts if a.status == 429]

    def min_channel_gap(self) -> float:
        """The shortest time between two calls to one channel (Slack allows about one per second)."""
        gaps = [
            b.at - a.at
            for channel in {a.channel for a in self.attempts}
            for a, b in itertools.pairwise([x for x in self.attempts if x.channel == channel])
        ]
        return min(gaps, default=float("inf"))

    def early_retries(self) -> list[tuple[Attempt, Attempt]]:
        """Calls made after a 429 (same method) while its Retry-After was still running."""
        return [
            (limited, later)
            for n, limited in enumerate(self.attempts)
            if limited.status == 429
            for later in self.attempts[n + 1 :]
            if later.method == limited.method and later.at < limited.at + (limited.retry_after or 0.0)
        ]

    def problems(self) -> list[str]:
        found = []
        if self.lost or self.duplicated or self.failed_rows:
            found.append(f"lost {self.lost}, duplicated {self.duplicated}, gave up on {self.failed_rows}")
        if self.min_channel_gap() < 1.0:
            found.append(f"two calls to one channel {self.min_channel_gap():.2f} s apart")
        found += [
            f"call at {b.at:.1f}s inside the Retry-After of a 429 at {a.at:.1f}s"
            for a, b in self.early_retries()
        ]
        return found

    def line(self) -> str:
        waits = sorted({int(a.retry_after or 0) for a in self.rate_limited})
        return (
            f"rate limits: {self.messages} messages to {self.channels} channels through {len(self.rate_limited)} "
            f"HTTP 429s (Retry-After {', '.join(map(str, waits)) or '-'} s), {len(self.attempts)} calls over "
            f"{self.simulated_seconds:.0f} simulated s, {self.seconds:.0f} s -> lost {self.lost}, duplicated "
            f"{self.duplicated}, gave up {self.failed_rows}, calls inside a Retry-After wait "
            f"{len(self.early_retries())}, shortest gap between calls to one channel {self.min_channel_gap():.1f} s"
        )


def run_rate_limit_scenario(
    target: Path | Store,
    slack: FakeSlack,
    *,
    messages: int,
    channels: int,
    storms: Sequence[Storm],
    step: float = 0.1,
    seed: int = 7,
) -> RateLimitResult:
    """`messages` queued round-robin to `channels` channels, delivered by one OutboxWorker through a real
    WebClient to the fake Web API, which answers 429 + Retry-After during the storms."""
    started = time.monotonic()
    clock = FakeClock(utc_now())
    store = as_store(target)
    store.migrate()
    db = store.connect()
    try:
        for n in range(messages):
            channel = f"C0RATE{n % channels}"
            message = NewOutboxMessage(
                kind="bench",
                channel=channel,
                method="chat.postMessage",
                payload={"channel": channel, "text": f"message {n}"},
                dedupe_key=f"rate:{n}",
            )
            outbox.enqueue(db, message, now=clock.now)
    finally:
        db.close()
    client = WebClient(token="xoxb-rate-limit-scenario", base_url=slack.api_url, retry_handlers=[])
    send = WebApiSend(client, clock)
    worker = OutboxWorker(store.factory(), send, clock, _no_sleep, rand=random.Random(seed).random)
    waiting = sorted(storms, key=lambda s: s.at)
    elapsed = 0.0
    while count(store, "SELECT count(*) FROM outbox WHERE state = 'pending'") and elapsed < 3600:
        while waiting and waiting[0].at <= elapsed:
            storm = waiting.pop(0)
            slack.fail_with_429(storm.count, storm.retry_after, method="chat.postMessage")
        worker.deliver_due(clock.now)
        clock.advance(seconds=step)
        elapsed += step
    return RateLimitResult(
        messages=messages,
        channels=channels,
        attempts=send.attempts,
        failed_rows=outbox_states(store)[OutboxState.FAILED],
        simulated_seconds=elapsed,
        seconds=time.monotonic() - started,
    )


# ---- duplicate delivery: Slack retries, double clicks, a restart in between -----------------------------


@dataclass
class DuplicateResult:
    events: int
    answers: int
    asks: int
    copies: int
    deliveries: int
    effects: Counter[str]  # what was stored, by the key of the delivery that caused it
    errors: list[str]
    half_written: list[str]
    seconds: float

    @property
    def lost(self) -> int:
        return self.events + self.answers + self.asks - len(self.effects)

    @property
    def duplicated(self) -> int:
        return sum(n - 1 for n in self.effects.values())

    def problems(self) -> list[str]:
        found = [*self.errors, *self.half_written]
        if self.lost or self.duplicated:
            found.append(f"lost {self.lost}, duplicated {self.duplicated}")
        return found

    def line(self) -> str:
        return (
            f"duplicate delivery: {self.events} thread-message events, {self.answers} answer clicks and "
            f"{self.asks} question submissions, each delivered {self.copies}x concurrently and once more after a "
            f"restart ({self.deliveries} deliveries), {self.seconds:.0f} s -> effects {sum(self.effects.values())}, "
            f"lost {self.lost}, duplicated {self.duplicated}, errors {len(self.errors)}"
        )


@dataclass(frozen=True)
class _Delivery:
    kind: str  # "reply" | "answer" | "ask"
    target_id: int  # the clarification (reply, answer) or the office (ask)
    actor: Actor
    key: str
    side: ReplySide = ReplySide.ASKER


def run_duplicate_scenario(
    target: Path | Store, *, events: int, copies: int = 4, threads: int = 4, seed: int = 7
) -> DuplicateResult:
    """Thread messages (Slack event ids), answer clicks and question submissions (idempotency keys) each
    delivered `copies` times at once, then once more by a new service on the same file (a restart): each must
    have exactly one effect."""
    started = time.monotonic()
    rng = random.Random(seed)
    store = as_store(target)
    org = prepare_database(store)
    service = ClarificationService(store.factory(), utc_now)
    ids = [ask_one(service, org, rng, f"dup-{n}") for n in range(max(2, events // 20))]
    askers = {cid: service.get(cid) for cid in ids}
    plan: list[_Delivery] = []
    for n in range(events):
        cid = ids[n % len(ids)]
        c = askers[cid]
        if n % 2:
            plan.append(
                _Delivery("reply", cid, Actor(c.asker_id, c.asker_team), f"EvDUP{n}", ReplySide.ASKER)
            )
        else:
            staff = org.staff[c.office_id][0]
            plan.append(_Delivery("reply", cid, staff, f"EvDUP{n}", ReplySide.OFFICE))
    answers = [
        _Delivery("answer", cid, org.staff[askers[cid].office_id][n % 2], f"click-{cid}")
        for n, cid in enumerate(ids)
    ]
    asks = [
        _Delivery("ask", org.offices[n % 2].id, org.coders[n % 2], f"submit-{n}") for n in range(len(ids))
    ]
    errors: list[str] = []

    def deliver(target: ClarificationService, d: _Delivery) -> None:
        try:
            if d.kind == "reply":
                target.add_reply(d.target_id, d.side, d.actor, f"Message for {d.key}", d.key)
            elif d.kind == "answer":
                target.answer(d.target_id, d.actor, Answer(choice=CLINICAL_OPTIONS[0]), d.key)
            else:
                draft = make_draft(d.target_id, encounter_ref=f"ENC-{d.key}")
                target.ask(draft, d.actor, asker_channel=d.actor.user_id, idempotency_key=d.key)
        except Exception as e:
            errors.append(f"{d.kind} {d.key}: {type(e).__name__}: {e}")

    once = [*plan, *answers, *asks]
    first = once * copies
    rng.shuffle(first)
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(partial(deliver, service), first))
    restarted = ClarificationService(store.factory(), utc_now)
    for d in once:
        deliver(restarted, d)
    effects = Counter(str(e) for (e,) in rows(store, "SELECT source_event_id FROM replies"))
    effects.update(
        f"click-{c}" for (c,) in rows(store, "SELECT clarification_id FROM audit WHERE action = 'answered'")
    )
    effects.update(
        str(ref)[len("ENC-") :]
        for (ref,) in rows(
            store, "SELECT encounter_ref FROM clarifications WHERE encounter_ref LIKE 'ENC-submit-%'"
        )
    )
    return DuplicateResult(
        events=len(plan),
        answers=len(answers),
        asks=len(asks),
        copies=copies,
        deliveries=len(first) + len(once),
        effects=effects,
        errors=errors,
        half_written=half_written(store),
        seconds=time.monotonic() - started,
    )


# ---- concurrency: 16 threads of mixed reads and writes on one database file -----------------------------


@dataclass
class ConcurrencyResult:
    threads: int
    seconds: float
    operations: Counter[str]
    conflicts: Counter[str]
    locked: list[str]
    unexpected: list[str]
    lost: list[str]
    half_written: list[str]
    integrity: str

    def problems(self) -> list[str]:
        found = [*self.locked, *self.unexpected, *self.lost, *self.half_written]
        if self.integrity != "ok":
            found.append(f"integrity_check: {self.integrity}")
        return found

    def line(self) -> str:
        ops = ", ".join(f"{n} {kind}" for kind, n in self.operations.most_common())
        return (
            f"concurrency: {self.threads} threads of mixed reads and writes for {self.seconds:.0f} s, "
            f"{sum(self.operations.values())} operations ({ops}); {sum(self.conflicts.values())} lost answer "
            f"races told who won -> 'database is locked' seen by a caller {len(self.locked)}, unexpected errors "
            f"{len(self.unexpected)}, lost updates {len(self.lost)}, half-written {len(self.half_written)}"
        )


@dataclass
class _Ledger:
    """What the threads were told succeeded; compared with the database afterwards."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    operations: Counter[str] = field(default_factory=Counter)
    conflicts: Counter[str] = field(default_factory=Counter)
    asked: list[int] = field(default_factory=list)
    answered: dict[int, list[str]] = field(default_factory=dict)
    replies: dict[str, int] = field(default_factory=dict)
    usage: dict[str, list[str]] = field(default_factory=dict)
    locked: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def done(self, kind: str) -> None:
        with self.lock:
            self.operations[kind] += 1


def _open_of(service: ClarificationService, actor: Actor, rng: random.Random) -> int | None:
    found = service.list(ListFilter.OFFICE, actor, utc_now(), states=[ClarificationState.OPEN], limit=5)
    return rng.choice(found).id if found else None


def _worker_thread(
    n: int,
    store: Store,
    org: Organisation,
    deadline: float,
    ledger: _Ledger,
    sends: RecordingSend,
) -> None:
    rng = random.Random(n)
    service = ClarificationService(store.factory(), utc_now)
    usage = UsageRecorder(store.factory(), utc_now)
    worker = OutboxWorker(store.factory(), sends, utc_now, _no_sleep, channel_interval=0.0)
    # Thread n has role n % 4; same-role threads are spread over offices, so two staff race per office.
    coder = org.coders[(n // 4) % len(org.coders)]
    office = org.offices[(n // 4) % len(org.offices)]
    members = org.staff[office.id]
    staff = members[(n // (4 * len(org.offices))) % len(members)]
    user = f"UUSAGE{n}"
    role = n % 4
    for step in itertools.count():
        if time.monotonic() > deadline:
            return
        key = f"t{n}-{step}"
        kind = "?"
        try:
            choice = rng.random()
            if (role == 0 and choice < 0.5) or (role == 3 and choice < 0.15):
                kind = "ask"
                cid = ask_one(service, org, rng, key, office=office)
                with ledger.lock:
                    ledger.asked.append(cid)
            elif role == 1 and choice < 0.5:
                kind = "answer"
                target = _open_of(service, staff, rng)
                if target is not None:
                    try:
                        service.answer(target, staff, Answer(choice=rng.choice(CLINICAL_OPTIONS)), key)
                        with ledger.lock:
                            ledger.answered.setdefault(target, []).append(staff.user_id)
                    except AlreadyAnswered:
                        with ledger.lock:
                            ledger.conflicts["answer race lost"] += 1
            elif role in (0, 1) and choice < 0.8:
                kind = "reply"
                actor = coder if role == 0 else staff
                found = service.list(
                    ListFilter.MINE if role == 0 else ListFilter.OFFICE, actor, utc_now(), limit=5
                )
                if found:
                    c = rng.choice(found)
                    side = ReplySide.ASKER if role == 0 else ReplySide.OFFICE
                    try:
                        reply = service.add_reply(c.id, side, actor, f"Note {key}", f"Ev{key}")
                        if reply is not None:
                            with ledger.lock:
                                ledger.replies[f"Ev{key}"] = reply.id
                    except InvalidTransition:
                        with ledger.lock:
                            ledger.conflicts["reply to a finished clarification"] += 1
            elif role == 2 or choice < 0.85:
                kind = "read"
                listed = service.list(ListFilter.ALL, LEAD, utc_now(), limit=20)
                if listed:
                    c = rng.choice(listed)
                    service.history(c.id, LEAD)
                    service.replies(c.id, LEAD)
                usage.recent(user)
            elif role == 3 and choice < 0.95:
                kind = "deliver"
                worker.deliver_due(utc_now())
            else:
                kind = "usage"
                usage.record(user, "lookup", f"query {key}")
                with ledger.lock:
                    ledger.usage.setdefault(user, []).append(f"query {key}")
            ledger.done(kind)
        except (sqlite3.OperationalError, DatabaseBusy) as e:
            with ledger.lock:
                busy = "locked" in str(e) or isinstance(e, DatabaseBusy)
                (ledger.locked if busy else ledger.unexpected).append(f"{kind}: {e}")
        except Exception as e:
            with ledger.lock:
                ledger.unexpected.append(f"{kind}: {type(e).__name__}: {e}")


def run_concurrency_scenario(
    target: Path | Store, *, threads: int = 16, seconds: float = 3.0
) -> ConcurrencyResult:
    """Coders ask and reply, two staff per office race to answer the same open questions, leads read, outbox
    workers deliver and lookups are recorded, all at once for `seconds`; then every acknowledged write is
    looked for, and every answer must have exactly one winner."""
    store = as_store(target)
    org = prepare_database(store, offices_count=2, staff_per_office=2, coders=4)
    ledger = _Ledger()
    sends = RecordingSend()
    deadline = time.monotonic() + seconds
    pool = [
        threading.Thread(
            target=_worker_thread, args=(n, store, org, deadline, ledger, sends), name=f"load-{n}"
        )
        for n in range(threads)
    ]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    # Deliver what is left, so "each outbox row sent exactly once" covers every row.
    clock = FakeClock(utc_now() + timedelta(days=1))
    drain(OutboxWorker(store.factory(), sends, clock, _no_sleep, channel_interval=0.0), clock, store)
    return ConcurrencyResult(
        threads=threads,
        seconds=seconds,
        operations=ledger.operations,
        conflicts=ledger.conflicts,
        locked=ledger.locked,
        unexpected=ledger.unexpected,
        lost=_lost_updates(store, ledger, sends),
        half_written=half_written(store),
        integrity=integrity(store),
    )


def _lost_updates(store: Store, ledger: _Ledger, sends: RecordingSend) -> list[str]:
    lost: list[str] = []
    clarifications = {int(i) for (i,) in rows(store, "SELECT id FROM clarifications")}
    answered_by = dict(
        rows(store, "SELECT id, answered_by FROM clarifications WHERE answered_by IS NOT NULL")
    )
    replies = dict(rows(store, "SELECT source_event_id, id FROM replies"))
    usage: dict[str, list[str]] = {}
    for user, query in rows(store, "SELECT user_id, query FROM usage ORDER BY id"):
        usage.setdefault(user, []).append(query)
    sent = count(store, "SELECT count(*) FROM outbox WHERE state = 'sent'")
    queued = count(store, "SELECT count(*) FROM outbox")
    lost += [f"asked #{cid} is missing" for cid in ledger.asked if cid not in clarifications]
    for cid, winners in ledger.answered.items():
        if len(winners) != 1 or answered_by.get(cid) != winners[0]:
            lost.append(f"#{cid}: told {winners} they answered; stored answered_by={answered_by.get(cid)}")
    lost += [
        f"reply {event} is missing" for event, rid in ledger.replies.items() if replies.get(event) != rid
    ]
    for user, queries in ledger.usage.items():
        if usage.get(user, []) != queries[-50:]:
            lost.append(f"usage of {user}: recorded {len(queries)}, stored {len(usage.get(user, []))}")
    if sent != queued or len(sends.calls) != sent:
        lost.append(f"outbox: {queued} rows, {sent} sent, {len(sends.calls)} Web API calls")
    return lost
