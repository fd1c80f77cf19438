"""Slack failing for longer and messier than a storm of 429s: an outage of minutes to hours, a backlog in one
channel, a call that never answers, the server stopped by SIGTERM while it sends.

Like tests/reliability/scenarios.py, each scenario is parameterised by scale: the tests run it small,
bench/reliability.py large. Every message goes through the real OutboxWorker and a real WebClient (the one
`codedesk serve` builds) over HTTP to the fake Web API (tests/fake_slack.py), which keeps what was posted; a
message is identified in Slack by the metadata every outbox post carries (its row's dedupe key), so "lost" and
"duplicated" are counted from what Slack holds, not from what the worker believes.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from slack_sdk import WebClient

from bot.lookups.codebook import CodeBook
from bot.outbox import CALL_TIMEOUT_SECONDS, METADATA_EVENT, OutboxWorker
from bot.relay.service import ClarificationService
from bot.serve import OutboxThread
from bot.services import web_api_send
from storage import outbox
from storage.db import write_transaction
from storage.outbox import NewOutboxMessage, OutboxState
from tests.fake_slack import Call, FakeSlack, Fault
from tests.relay.conftest import FakeClock
from tests.reliability.world import (
    Organisation,
    Store,
    as_store,
    ask_one,
    count,
    prepare_database,
    rows,
    store_env,
    utc_now,
)

OUTAGE_FAULTS: tuple[Fault, ...] = ("refuse", "drop", "accept_then_fail", "accept_then_drop")
FAULT_NAMES = {
    "refuse": "503",
    "drop": "dropped",
    "accept_then_fail": "posted then 503",
    "accept_then_drop": "posted then dropped",
    "accept_then_hang": "posted then hung",
}


def outbox_client(slack: FakeSlack, timeout: int = CALL_TIMEOUT_SECONDS) -> WebClient:
    """The client `codedesk serve` gives the outbox (bot.services.outbox_client): no retries of its own, a
    short timeout."""
    return WebClient(token="xoxb-fault-scenario", base_url=slack.api_url, retry_handlers=[], timeout=timeout)


def posts_by_key(slack: FakeSlack) -> Counter[str]:
    """How many times each outbox message (by its dedupe key) is in Slack, whatever the worker was told."""
    found: Counter[str] = Counter()
    for message in slack.posts():
        meta = message.get("metadata") or {}
        if meta.get("event_type") == METADATA_EVENT:
            found[str((meta.get("event_payload") or {}).get("key"))] += 1
    return found


def queued_posts(store: Store) -> list[str]:
    """The dedupe key of every post the outbox was given."""
    return [
        str(key) for (key,) in rows(store, "SELECT dedupe_key FROM outbox WHERE method = 'chat.postMessage'")
    ]


def states(store: Store) -> dict[OutboxState, int]:
    db = store.connect()
    try:
        return outbox.counts(db)
    finally:
        db.close()


@dataclass
class Delivery:
    """What Slack holds against what was queued."""

    expected: list[str]
    posted: Counter[str]

    @property
    def lost(self) -> int:
        return len(set(self.expected) - set(self.posted))

    @property
    def duplicated(self) -> int:
        return sum(n - 1 for n in self.posted.values())

    def problems(self) -> list[str]:
        found = []
        if self.lost:
            found.append(f"{self.lost} of {len(self.expected)} messages never posted")
        found += [f"{key} posted {n} times" for key, n in sorted(self.posted.items()) if n > 1]
        return found


# ---- an outage of minutes or hours, on a simulated clock --------------------------------------------------


@dataclass
class OutageResult:
    minutes: float
    questions: int
    delivery: Delivery
    faults: Counter[str]
    states: dict[OutboxState, int]
    last_post_after_recovery: float  # simulated seconds from the end of the outage to the last post
    simulated_seconds: float
    seconds: float

    def problems(self) -> list[str]:
        found = self.delivery.problems()
        left = {s.value: n for s, n in self.states.items() if s is not OutboxState.SENT and n}
        if left:
            found.append(f"rows not sent: {left}")
        return found

    def line(self) -> str:
        faults = ", ".join(f"{FAULT_NAMES[f]} {n}" for f, n in sorted(self.faults.items()))
        d = self.delivery
        return (
            f"outage {self.minutes:g} min: {self.questions} questions asked before and during it "
            f"({len(d.expected)} posts), {sum(self.faults.values())} calls failed ({faults}) -> delivered after "
            f"recovery {len(set(d.posted) & set(d.expected))}/{len(d.expected)} (the last "
            f"{self.last_post_after_recovery / 60:.1f} simulated min after it), lost {d.lost}, duplicated "
            f"{d.duplicated}, gave up {self.states[OutboxState.FAILED]}; {self.simulated_seconds / 60:.0f} "
            f"simulated min in {self.seconds:.0f} s"
        )


def run_outage_scenario(
    target: Path | Store,
    slack: FakeSlack,
    *,
    minutes: float,
    questions: int = 30,
    offices: int = 6,
    before: float = 60.0,
    seed: int = 7,
) -> OutageResult:
    """Slack fails every call for `minutes` (simulated), starting `before` seconds in: each call is refused
    (503), dropped, or posted and then answered 503 or dropped (the client cannot tell which). `questions`
    clarifications are asked evenly from the start to the end of the outage; then Slack recovers and the
    worker runs until nothing is left to send (or an hour passes).

    The worker's clock is simulated and each pass jumps to the next moment something is due, so hours cost
    seconds; the calls are real HTTP."""
    started = time.monotonic()
    rng = random.Random(seed)
    store = as_store(target)
    org = prepare_database(store, offices_count=offices, coders=4)
    clock = FakeClock(utc_now())
    t0 = clock.now
    down_from, down_until = t0 + timedelta(seconds=before), t0 + timedelta(seconds=before + minutes * 60)
    faults: Counter[str] = Counter()
    lock = threading.Lock()

    def outage(call: Call) -> Fault | None:
        if not down_from <= clock.now < down_until:
            return None
        with lock:
            fault = rng.choice(OUTAGE_FAULTS)
            faults[fault] += 1
        return fault

    slack.outage = outage
    service = ClarificationService(store.factory(), clock)
    worker = OutboxWorker(
        store.factory(),
        web_api_send(outbox_client(slack)),
        clock,
        lambda _: None,
        rand=random.Random(seed).random,
    )
    span = (down_until - t0).total_seconds()
    ask_at = [t0 + timedelta(seconds=span * n / questions) for n in range(questions)]
    ask_rng = random.Random(seed + 1)
    last_post = t0
    try:
        while True:
            while ask_at and ask_at[0] <= clock.now:
                ask_one(service, org, ask_rng, f"outage-{len(ask_at)}")
                ask_at.pop(0)
            if worker.deliver_due(clock.now).sent:
                last_post = clock.now
            waiting = count(store, "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')")
            if (not waiting and not ask_at and clock.now >= down_until) or clock.now > down_until + timedelta(
                hours=1
            ):
                break
            clock.now = max(
                clock.now + timedelta(seconds=0.5), _next_event(store, clock.now, ask_at, down_until)
            )
    finally:
        slack.outage = None
    return OutageResult(
        minutes=minutes,
        questions=questions,
        delivery=Delivery(queued_posts(store), posts_by_key(slack)),
        faults=faults,
        states=states(store),
        last_post_after_recovery=max(0.0, (last_post - down_until).total_seconds()),
        simulated_seconds=(clock.now - t0).total_seconds(),
        seconds=time.monotonic() - started,
    )


def _next_event(store: Store, now: datetime, ask_at: list[datetime], down_until: datetime) -> datetime:
    """The next moment anything can happen: a channel's head due, a question asked, Slack back. (Only heads
    are sent; a row behind its channel's head keeps the time it was queued.)"""
    db = store.connect()
    try:
        heads = [h.next_attempt_at for h in outbox.channel_heads(db) if h.state is OutboxState.PENDING]
    finally:
        db.close()
    return min([*heads, *ask_at[:1], *([down_until] if now < down_until else [])], default=now)


# ---- the server's delivery loop in real time: a backlog, a hung call ----------------------------------------


@contextmanager
def server_outbox(store: Store, slack: FakeSlack, *, call_timeout: int) -> Iterator[OutboxThread]:
    """The outbox as `codedesk serve` runs it (bot.serve.outbox_thread): the real clock, sender threads, the
    default poll interval, a client without retries and with a short timeout."""
    client = outbox_client(slack, call_timeout)
    thread = OutboxThread(lambda sleep: OutboxWorker(store.factory(), web_api_send(client), utc_now, sleep))
    with thread:
        yield thread


def _wait(predicate: Callable[[], bool], timeout: float) -> float | None:
    """Seconds until `predicate` held (polled every 10 ms), None if it did not within `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.01)
    return None


def _ask_and_time(
    service: ClarificationService, org: Organisation, slack: FakeSlack, office_index: int, key: str
) -> float | None:
    """Ask one question of an office; seconds until its office post is in Slack (None: not within 30 s)."""
    office = org.offices[office_index]
    before = len(slack.posts(office.channel_id))
    started = time.monotonic()
    ask_one(service, org, random.Random(key), key, office=office)
    waited = _wait(lambda: len(slack.posts(office.channel_id)) > before, 30.0)
    return None if waited is None else time.monotonic() - started


@dataclass
class BacklogResult:
    backlog: int
    latencies: list[float | None]
    backlog_sent: int
    seconds: float

    @property
    def slowest(self) -> float:
        return max((x for x in self.latencies if x is not None), default=float("inf"))

    def problems(self) -> list[str]:
        found = []
        if any(x is None for x in self.latencies):
            found.append("a question to the idle office was not posted within 30 s")
        elif self.slowest > 2.0:
            found.append(f"a question to the idle office took {self.slowest:.2f} s (over 2 s)")
        if not self.backlog_sent:
            found.append("the backlog's channel sent nothing meanwhile")
        return found

    def line(self) -> str:
        return (
            f"backlog: {self.backlog} rows queued to one office, {len(self.latencies)} new questions to another "
            f"-> each office post in Slack after at most {self.slowest:.2f} s (target 2 s); the backlog's "
            f"channel sent {self.backlog_sent} meanwhile (paced 1/s); {self.seconds:.0f} s"
        )


def run_backlog_scenario(
    target: Path | Store, slack: FakeSlack, *, backlog: int = 3000, questions: int = 5
) -> BacklogResult:
    """`backlog` rows (overdue reminders, say) queued to office 1's channel; while the server works through
    them, `questions` new questions to office 2, one a second, each timed from the ask to its post in Slack."""
    started = time.monotonic()
    store = as_store(target)
    org = prepare_database(store, offices_count=2, coders=2)
    busy = org.offices[0].channel_id
    db = store.connect()
    try:
        with write_transaction(db):
            for n in range(backlog):
                message = NewOutboxMessage(
                    kind="backlog",
                    channel=busy,
                    method="chat.postMessage",
                    payload={"channel": busy, "text": f"reminder {n}"},
                    dedupe_key=f"backlog:{n}",
                )
                outbox.enqueue(db, message, now=utc_now())
    finally:
        db.close()
    service = ClarificationService(store.factory(), utc_now)
    latencies: list[float | None] = []
    with server_outbox(store, slack, call_timeout=CALL_TIMEOUT_SECONDS):
        _wait(lambda: len(slack.posts(busy)) >= 2, 30.0)  # the backlog is being worked through
        for n in range(questions):
            latencies.append(_ask_and_time(service, org, slack, 1, f"new-{n}"))
            time.sleep(1.0)
    return BacklogResult(backlog, latencies, len(slack.posts(busy)), time.monotonic() - started)


@dataclass
class HungCallResult:
    call_timeout: int
    hang: float
    others: list[float | None]
    hung_recorded_after: float | None
    delivery: Delivery
    seconds: float

    def problems(self) -> list[str]:
        found = self.delivery.problems()
        if any(x is None for x in self.others) or max(self.slowest_other, 0.0) > 2.0:
            found.append(f"another channel waited {self.slowest_other:.2f} s behind the hung call")
        if self.hung_recorded_after is None:
            found.append("the hung call's row was never recorded as sent")
        return found

    @property
    def slowest_other(self) -> float:
        return max((x if x is not None else float("inf") for x in self.others), default=0.0)

    def line(self) -> str:
        recorded = "never" if self.hung_recorded_after is None else f"{self.hung_recorded_after:.1f} s"
        return (
            f"hung call: an office post Slack took and then did not answer for {self.hang:g} s (client timeout "
            f"{self.call_timeout:g} s); {len(self.others)} questions to another office meanwhile, each posted "
            f"within {self.slowest_other:.2f} s; the hung row recorded sent after {recorded} (found in the "
            f"channel) -> lost {self.delivery.lost}, duplicated {self.delivery.duplicated}; {self.seconds:.0f} s"
        )


def run_hung_call_scenario(
    target: Path | Store,
    slack: FakeSlack,
    *,
    call_timeout: int = CALL_TIMEOUT_SECONDS,
    hang: float = 30.0,
) -> HungCallResult:
    """The first post to office 1 is taken by Slack, whose answer then never comes (for `hang` s); while the
    client waits out its timeout, questions to office 2 go on, one every half second. The hung row must be
    found in the channel on its retry, not posted twice."""
    started = time.monotonic()
    store = as_store(target)
    org = prepare_database(store, offices_count=2, coders=2)
    hung_channel = org.offices[0].channel_id
    hung_once = threading.Event()

    def outage(call: Call) -> Fault | None:
        first = not hung_once.is_set()
        if first and call.method == "chat.postMessage" and call.body.get("channel") == hung_channel:
            hung_once.set()
            return "accept_then_hang"
        return None

    slack.hang_seconds = hang
    slack.outage = outage
    service = ClarificationService(store.factory(), utc_now)
    others: list[float | None] = []
    try:
        with server_outbox(store, slack, call_timeout=call_timeout):
            asked = time.monotonic()
            ask_one(
                service, org, random.Random(0), "first-1", office=org.offices[0]
            )  # (not "hung": the PHI guard reads it as a name)
            _wait(hung_once.is_set, 10.0)
            n = 0
            while time.monotonic() - asked < call_timeout + 1.0:
                others.append(_ask_and_time(service, org, slack, 1, f"other-{n}"))
                n += 1
                time.sleep(0.5)
            recorded = _wait(lambda: _office_post_sent(store, hung_channel), call_timeout + 30.0)
            hung_recorded_after = None if recorded is None else time.monotonic() - asked
            _wait(lambda: not count(store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), 30.0)
    finally:
        slack.outage = None
    return HungCallResult(
        call_timeout=call_timeout,
        hang=hang,
        others=others,
        hung_recorded_after=hung_recorded_after,
        delivery=Delivery(queued_posts(store), posts_by_key(slack)),
        seconds=time.monotonic() - started,
    )


def _office_post_sent(store: Store, channel: str) -> bool:
    return bool(
        count(
            store,
            "SELECT count(*) FROM outbox WHERE channel = ? AND kind = 'office_post' AND state = 'sent'",
            [channel],
        )
    )


def _hang_next_post(slack: FakeSlack, seconds: float = 15.0) -> threading.Event:
    """The next chat.postMessage is taken (posted) and then not answered for `seconds`; set once it hangs."""
    hanging = threading.Event()

    def outage(call: Call) -> Fault | None:
        if call.method != "chat.postMessage" or hanging.is_set():
            return None
        hanging.set()
        return "accept_then_hang"

    slack.hang_seconds = seconds
    slack.outage = outage
    return hanging


def _sent_at_least(store: Store, n: int) -> bool:
    return states(store)[OutboxState.SENT] >= n


# ---- SIGTERM / SIGINT while `codedesk serve` sends -----------------------------------------------------------


@dataclass
class StopResult:
    cycles: int
    questions: int
    call_seconds: float
    stops: list[tuple[int, float]] = field(default_factory=list)  # (exit status, seconds to exit)
    hung: int = 0  # stops that came while Slack held a post it had taken without answering
    released: int = 0  # sends still under way at a stop, released for the next run
    tracebacks: int = 0
    delivery: Delivery = field(default_factory=lambda: Delivery([], Counter()))
    final_states: dict[OutboxState, int] = field(default_factory=dict)
    seconds: float = 0.0

    def problems(self) -> list[str]:
        found = self.delivery.problems()
        found += [f"stop {n}: exit status {s}" for n, (s, _) in enumerate(self.stops) if s != 0]
        found += [f"stop {n}: took {t:.1f} s" for n, (_, t) in enumerate(self.stops) if t >= 10.0]
        if self.tracebacks:
            found.append(f"{self.tracebacks} runs printed a traceback")
        left = {s.value: n for s, n in self.final_states.items() if s is not OutboxState.SENT and n}
        if left:
            found.append(f"rows not sent at the end: {left}")
        return found

    def line(self) -> str:
        slowest = max((t for _, t in self.stops), default=0.0)
        statuses = Counter(s for s, _ in self.stops)
        return (
            f"SIGTERM/SIGINT: {self.cycles} runs of `codedesk serve --http` stopped while sending "
            f"({self.questions} questions, {len(self.delivery.expected)} posts; each Slack call {self.call_seconds:g} s), "
            f"exit status {dict(statuses)}, slowest stop {slowest:.1f} s (limit 10 s); {self.hung} stops came while "
            f"Slack held a post unanswered, {self.released} sends released at a stop -> after a last run lost {self.delivery.lost}, duplicated "
            f"{self.delivery.duplicated}; {self.seconds:.0f} s"
        )


def run_stop_scenario(
    target: Path | Store,
    slack: FakeSlack,
    *,
    codebook: CodeBook,
    home: Path,
    cycles: int = 10,
    questions_per_cycle: int = 6,
    call_seconds: float = 0.3,
    hang_every: int = 2,
    seed: int = 7,
) -> StopResult:
    """`cycles` times: questions queued, `codedesk serve --http` started (a real process; every Web API call
    takes `call_seconds`), stopped by SIGTERM or SIGINT at a random moment while it sends; then a last run sends
    the rest. Every `hang_every`-th stop (0: none) comes while Slack holds a post it has taken without answering
    (for 15 s, longer than the stop may wait): that send is released for the next run, which must find the post
    in the channel rather than post it again. Each stop must exit 0 within 10 s; in Slack every message exactly
    once."""
    from tests.slack.serve_process import ServeProcess, free_port, http_env

    started = time.monotonic()
    rng = random.Random(seed)
    store = as_store(target)
    org = prepare_database(store, offices_count=6, coders=4)
    service = ClarificationService(store.factory(), utc_now)
    result = StopResult(cycles=cycles, questions=0, call_seconds=call_seconds)

    def serve() -> ServeProcess:
        env = {**http_env(home, slack, codebook), **store_env(store)}
        return ServeProcess(["--http", "--host", "127.0.0.1", "--port", str(free_port())], env)

    slack.delay_seconds = call_seconds  # every call takes a while: sends are under way when the signal comes
    try:
        for cycle in range(cycles):
            for _ in range(questions_per_cycle):
                ask_one(service, org, rng, f"stop-{result.questions}")
                result.questions += 1
            server = serve()
            try:
                _wait(
                    partial(_sent_at_least, store, states(store)[OutboxState.SENT] + rng.randint(1, 4)), 60.0
                )
                if hang_every and cycle % hang_every == hang_every - 1:
                    _wait(_hang_next_post(slack).is_set, 30.0)
                    result.hung += 1
                time.sleep(rng.uniform(0.0, 0.4))  # somewhere inside a send
                result.stops.append(server.stop(signal.SIGTERM if cycle % 2 == 0 else signal.SIGINT))
            finally:
                server.kill()
                slack.outage = None
            result.released += server.output.count("released for the next run")
            result.tracebacks += "Traceback" in server.output
        slack.delay_seconds = 0.0
        last = serve()
        try:
            _wait(lambda: not count(store, "SELECT count(*) FROM outbox WHERE state != 'sent'"), 120.0)
            last.stop(signal.SIGTERM)
        finally:
            last.kill()
        result.tracebacks += "Traceback" in last.output
    finally:
        slack.delay_seconds = 0.0
    result.delivery = Delivery(queued_posts(store), posts_by_key(slack))
    result.final_states = states(store)
    result.seconds = time.monotonic() - started
    return result
