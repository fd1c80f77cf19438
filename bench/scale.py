"""More than one instance: `codedesk serve --http` processes sharing one database, one SIGKILLed mid-run.

    python bench/scale.py [--instances 2] [--commands 2000] [--clients 50] [--database-url URL | --postgres]
                          [--codes-db PATH] [--no-single] [--no-kill] [--queue-at-stop]

Starts `--instances` real `codedesk serve --http` processes on free ports, all on one app database (default: a
temp SQLite file, which is a legitimate same-host setup: WAL, busy timeouts; `--database-url` takes a SQLite path,
`sqlite:///path` or `postgresql://...`; `--postgres` starts a throwaway PostgreSQL cluster, scripts/throwaway_pg.py,
and stops it at the end) and one local stand-in for the Slack
Web API (tests/fake_slack.py). `--clients` concurrent clients send `--commands` signed requests, spread over the
instances as a load balancer would: `/code lookup` and `/code check`, `/clarify` (opens the form), the form's
submission (a clarification, posted to its office's channel and the coder's DM by the outbox) and the office's
answer (relayed to the coder). Half-way through, the last instance is SIGKILLed and restarted on its port; a
request it does not answer is sent again to the next instance, as a new delivery (Slack signs every delivery
anew; a person submits a form again). Every instance runs the scheduler, with the queue report and the overdue
follow-ups due every minute, so each slot is due on every instance at once.

Then it waits for the outbox to drain and prints throughput, ack p50/p99, and what was lost or duplicated:
- clarifications: every acknowledged one stored; none stored twice (a form sent again is the same one);
- answers: every acknowledged one stored;
- messages: every outbox row sent, and posted to Slack exactly once (each post names its row in its metadata);
  a row a job queued in the second between the drain and the SIGTERM is pending at the stop: the instances are
  started again (as the next deploy would) and must send it, and the figure says how many;
- job posts: one per (job, slot) run, whichever instances ran it;
- replies and forms: every acknowledged `/code` has its reply and every acknowledged `/clarify` its form (these
  are sent by the instance that acked them, from memory: an instance killed between the ack and the reply loses
  that reply, and the figure says how many).
Also counted, as what they are rather than loss: requests answered "something went wrong (error id ...)" (nothing
changed), form submissions answered "busy, nothing was saved" (submitted again), and answered requests whose
signature the replay guard had not got into the database by the end.
Then the same for one instance (`--no-single` skips it). Exit status 1 when anything was lost or duplicated.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_sdk.signature import SignatureVerifier  # noqa: E402

from bot import ids  # noqa: E402
from bot.console_slack import RESPONSE_URL_METHOD  # noqa: E402
from bot.jobs import schedules  # noqa: E402
from bot.lookups.codebook import CodeBook  # noqa: E402
from bot.relay.service import Actor, ClarificationService  # noqa: E402
from scripts.throwaway_pg import start_cluster  # noqa: E402
from storage import outbox  # noqa: E402
from storage.app_db import AppDatabase  # noqa: E402
from storage.db import write_transaction  # noqa: E402
from storage.roles import Role  # noqa: E402
from tests.clarify.driver import answer_values, clarify_values  # noqa: E402
from tests.fake_slack import FakeSlack  # noqa: E402
from tests.signing import slash_command_body, view_submission_body  # noqa: E402

TEAM = "T111"
OFFICE_TEAM = "TOFFICES"
ADMIN = Actor("UADMIN", TEAM)
LEAD = Actor("ULEAD", TEAM)
JOB_CHANNELS = {schedules.QUEUE_STATUS: "C0TEAM", schedules.OVERDUE: "C0LEADS"}
LOOKUPS = ("lookup heart attack", "lookup CHF", "lookup e119", "check E11.9 I10 dos:2025-03-01", "lookup J44")
# Each client's commands, in turn (an answer needs one of the client's questions still open, else a lookup).
PLAN = ("code", "ask", "code", "clarify", "code", "answer", "code", "code", "ask", "code")
GIVE_UP_SECONDS = 120.0  # a command no instance acknowledged within this is counted lost
DRAIN_SECONDS = 600.0
LEFTOVER_RESTARTS = 3  # a restart can meet a new minute's job slot in turn; three in a row is a real loss
CLARIFICATION_ID = re.compile(r"Clarification #(\d+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))] if ordered else 0.0


def coder(client: int) -> Actor:
    return Actor(f"UCODER{client:03d}", TEAM)


def doctor(office: int) -> Actor:
    return Actor(f"UDOC{office:03d}", OFFICE_TEAM)


def app_database(url: str | None, work: Path) -> AppDatabase:
    """The database all instances share: `--database-url` as a PostgreSQL URL, a path or `sqlite:///path`, else
    a temp SQLite file."""
    if url and url.startswith(("postgresql://", "postgres://")):
        return AppDatabase.of(work / "unused.sqlite", url)
    return AppDatabase.of(database_path(url, work))


def database_path(url: str | None, work: Path) -> Path:
    """The SQLite file all instances share: `--database-url` as a path or `sqlite:///path`, else a temp file."""
    if url is None:
        return work / "app.sqlite"
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite://"))
    if "://" in url:
        raise SystemExit(
            f"--database-url: {url.split('://')[0]}:// is not a database CodeDesk can use (SQLite: a path "
            "or sqlite:///path; PostgreSQL: postgresql://user:password@host:port/database)"
        )
    return Path(url)


# -- the instances -----------------------------------------------------------------------------------------
class Instance:
    """One `codedesk serve --http` child process on its own port; its log in a file (read when it fails)."""

    def __init__(self, number: int, env: dict[str, str], work: Path) -> None:
        self.number = number
        self.port = free_port()
        self.env = env
        self.log_path = work / f"instance-{number}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.cli",
                "serve",
                "--http",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.url + "/healthz", timeout=1) as answer,
            ):
                if answer.status == 200:
                    return
            if self.process is None or self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(
                    f"instance {self.number} did not start:\n{self.log_path.read_text()[-3000:]}"
                )
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def signal_stop(self) -> None:
        """SIGTERM, as a rolling restart sends it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def exit_status(self) -> int:
        """Once stopped (20 s at most, then SIGKILL: -9)."""
        if self.process is None:
            return -1
        try:
            return self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return -9


# -- the clients -------------------------------------------------------------------------------------------
@dataclass
class Sent:
    kind: str
    number: int
    ack_seconds: list[float] = field(default_factory=list)  # of each answered attempt
    failed_attempts: int = 0  # connection refused or dropped: sent again to the next instance
    busy_attempts: int = 0  # "busy, nothing was saved": submitted again
    acked: bool = False
    answer: str = ""
    # the response_url / trigger id of each acknowledged attempt; the signature of each answered one
    keys: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    clarification_id: int | None = None  # an ask's id from its ack, an answer's target


class Load:
    def __init__(self, instances: list[Instance], slack: FakeSlack, secret: str, offices: int) -> None:
        self.instances = instances
        self.slack = slack
        self.verifier = SignatureVerifier(secret)
        self.offices = offices
        self.sent: list[Sent] = []
        self._lock = threading.Lock()
        self._last_stamp: dict[int, int] = {}

    def _stamp(self, number: int) -> str:
        """A timestamp this command has not used yet: a delivery sent again is signed anew (Slack's replay
        guard would rightly refuse the same signature twice)."""
        now = int(time.time())
        last = self._last_stamp.get(number)
        if last is not None and now <= last:
            time.sleep(last + 1 - time.time() + 0.01)
            now = last + 1
        self._last_stamp[number] = now
        return str(now)

    def deliver(self, sent: Sent, make_body: Callable[[int], str], first: int) -> None:
        """Send until an instance acknowledges it (the next instance after a failure), or give up."""
        started = time.monotonic()
        target = first
        attempt = 0
        while time.monotonic() - started < GIVE_UP_SECONDS:
            attempt += 1
            body = make_body(attempt)
            stamp = self._stamp(sent.number)
            headers: dict[str, str] = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": str(self.verifier.generate_signature(timestamp=stamp, body=body)),
            }
            instance = self.instances[target % len(self.instances)]
            request = urllib.request.Request(
                instance.url + "/slack/events", data=body.encode(), headers=headers, method="POST"
            )
            began = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, text = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, text = error.code, ""
            except (OSError, http.client.HTTPException):
                sent.failed_attempts += 1
                target += 1
                time.sleep(0.05 if len(self.instances) > 1 else 0.25)
                continue
            if status != 200:  # 5xx from an instance going down: a load balancer's next try
                sent.failed_attempts += 1
                target += 1
                continue
            sent.ack_seconds.append(time.monotonic() - began)
            sent.signatures.append(headers["X-Slack-Signature"])
            if "nothing was saved" in text:
                sent.busy_attempts += 1
                time.sleep(0.2)
                continue
            sent.acked, sent.answer = True, text
            sent.keys.append(f"{sent.number}-{attempt}")
            return

    def body_for(self, sent: Sent, actor: Actor, office: int) -> Callable[[int], str]:
        """The body of each attempt at `sent` (attempt 1, 2 ...): a command gets a new response_url and trigger
        id per delivery, as Slack gives; a form submitted again is the same form (the same view id)."""
        number = sent.number
        if sent.kind in ("code", "clarify"):
            command, text = (
                ("/code", LOOKUPS[number % len(LOOKUPS)])
                if sent.kind == "code"
                else (ids.CLARIFY_COMMAND, "")
            )
            return lambda attempt: slash_command_body(
                command,
                text,
                user_id=actor.user_id,
                response_url=self.slack.response_url(f"{number}-{attempt}"),
                trigger_id=f"{number}-{attempt}",
            )
        if sent.kind == "ask":
            values = clarify_values(office + 1, codes="D64.9", review=True)
            form = view_submission_body(
                ids.CLARIFY_MODAL, values, user_id=actor.user_id, team_id=TEAM, view_id=f"VASK{number}"
            )
        else:
            who = doctor(office)
            form = view_submission_body(
                ids.ANSWER_MODAL,
                answer_values("Acute blood loss anemia", "Per the H/H trend."),
                private_metadata=json.dumps({"id": sent.clarification_id, "mode": "answer"}),
                user_id=who.user_id,
                team_id=who.team_id,
                view_id=f"VANS{number}",
            )
        return lambda attempt: form

    def run_client(self, client: int, commands: int, clients: int, halfway: Callable[[], None]) -> None:
        actor = coder(client)
        office = client % self.offices
        open_questions: list[int] = []
        for k, number in enumerate(range(client, commands, clients)):
            kind = PLAN[k % len(PLAN)]
            if kind == "answer" and not open_questions:
                kind = "code"
            sent = Sent(kind, number)
            if kind == "answer":
                sent.clarification_id = open_questions.pop(0)
            if number == commands // 2:
                halfway()
            self.deliver(sent, self.body_for(sent, actor, office), first=number)
            if kind == "ask" and sent.acked:
                found = CLARIFICATION_ID.search(sent.answer)
                if found:
                    sent.clarification_id = int(found.group(1))
                    open_questions.append(sent.clarification_id)
            with self._lock:
                self.sent.append(sent)


# -- one run -----------------------------------------------------------------------------------------------
@dataclass
class Figures:
    label: str
    commands: int
    clients: int
    seconds: float = 0.0
    acks: list[float] = field(default_factory=list)
    failed_over: int = 0
    busy: int = 0
    not_acked: int = 0
    problems: list[str] = field(default_factory=list)
    clarifications: int = 0
    answers: int = 0
    messages: int = 0
    lost_messages: int = 0
    duplicated_messages: int = 0
    job_slots: int = 0
    job_posts: int = 0
    duplicated_job_posts: int = 0
    lost_records: int = 0
    duplicated_records: int = 0
    lost_replies: int = 0
    error_replies: int = 0  # "Something went wrong on our side (error id ...)": told, nothing changed
    code_commands: int = 0
    guard_unrecorded: int = 0
    drain_seconds: float = 0.0
    stop_statuses: list[int] = field(default_factory=list)
    sent_after_restart: int = (
        0  # queued between the drain and the SIGTERM (a job slot), sent by the next start
    )

    def lines(self) -> list[str]:
        acks = self.acks
        return [
            f"{self.label}: {self.commands} signed commands from {self.clients} clients in {self.seconds:.1f} s "
            f"({self.commands / self.seconds:.0f}/s); outbox drained {self.drain_seconds:.1f} s later",
            f"  ack: p50 {percentile(acks, 50) * 1000:.0f} ms  p99 {percentile(acks, 99) * 1000:.0f} ms  "
            f"max {max(acks, default=0) * 1000:.0f} ms  over 3 s: {sum(a > 3 for a in acks)}; "
            f"sent again after a dropped connection: {self.failed_over}; busy, sent again: {self.busy}; "
            f"never acknowledged: {self.not_acked}",
            f"  stored: {self.clarifications} clarifications, {self.answers} answers; lost {self.lost_records}, "
            f"duplicated {self.duplicated_records}",
            f"  messages: {self.messages} posted; lost {self.lost_messages}, duplicated {self.duplicated_messages}",
            f"  job posts: {self.job_posts} for {self.job_slots} (job, slot) runs; duplicated "
            f"{self.duplicated_job_posts}",
            f"  /code replies and /clarify forms not sent after their ack (instance killed in between): "
            f'{self.lost_replies}; answered "something went wrong (error id)": {self.error_replies} '
            f"(of {self.code_commands} /code and {self.commands - self.code_commands} others); "
            f"answered requests whose signature is not in the database at the end: {self.guard_unrecorded}",
            f"  stop (SIGTERM) exit statuses: {self.stop_statuses}; queued after the drain and pending at the stop, "
            f"sent after a restart: {self.sent_after_restart}",
        ]


def set_up(app_db: AppDatabase, clients: int, offices: int) -> None:
    """The organisation (admin, lead, coders, offices and their doctors) and every-minute job schedules."""
    app_db.migrate()
    now = datetime.now(UTC)
    relay = ClarificationService(app_db.factory(), lambda: now)
    relay.bootstrap_admin(ADMIN.user_id)
    relay.grant_role(ADMIN, LEAD.user_id, Role.LEAD)
    for client in range(clients):
        relay.grant_role(LEAD, coder(client).user_id, Role.CODER)
    for office in range(offices):
        made = relay.add_office(
            ADMIN, name=f"Office {office + 1}", channel_id=f"C0OFFICE{office:03d}", tz="America/Chicago"
        )
        assert made.id == office + 1
        relay.add_office_member(ADMIN, made.id, doctor(office).user_id, OFFICE_TEAM)
    db = app_db.connect()
    try:
        with write_transaction(db):
            for job in schedules.JOB_NAMES:
                channel = JOB_CHANNELS.get(job)
                schedules.save_schedule(
                    db,
                    job,
                    cron="* * * * *",
                    channel=channel,
                    enabled=channel is not None,
                    by=ADMIN.user_id,
                    at=now,
                    skip_holidays=False,
                )
    finally:
        db.close()


def run(
    label: str,
    *,
    instances: int,
    commands: int,
    clients: int,
    codes_db: Path,
    database_url: str | None,
    kill: bool,
    queue_at_stop: bool = False,
) -> Figures:
    figures = Figures(label, commands, clients)
    work = Path(tempfile.mkdtemp(prefix="codedesk-scale-"))
    app_db = app_database(database_url, work)
    offices = max(1, clients // 2)
    set_up(app_db, clients, offices)
    secret = secrets.token_hex(16)
    slack = FakeSlack()
    slack.start()
    servers: list[Instance] = []
    try:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))},
            "SLACK_BOT_TOKEN": "xoxb-bench-not-a-real-token",
            "SLACK_SIGNING_SECRET": secret,
            "SLACK_API_URL": slack.api_url,
            "CODEDESK_DB": str(app_db.path),
            **({"CODEDESK_DATABASE_URL": str(database_url)} if app_db.is_postgres else {}),
            "CODEDESK_CODES_DB": str(codes_db),
            "CODEDESK_LOG_LEVEL": "WARNING",
            "CODEDESK_ENV_FILE": "none",
        }
        servers.extend(Instance(n, env, work) for n in range(instances))
        for server in servers:
            server.start()
        for server in servers:
            server.wait_healthy()
        load = Load(servers, slack, secret, offices)
        victim = servers[-1]

        killer = threading.Thread(target=kill_and_restart, args=(victim,), daemon=True)

        def halfway() -> None:
            if kill:
                killer.start()

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(lambda c: load.run_client(c, commands, clients, halfway), range(clients)))
        figures.seconds = time.monotonic() - started
        if killer.ident is not None:
            killer.join()
        victim.wait_healthy()  # the restarted instance is serving (its outbox and jobs running)
        figures.drain_seconds = wait_for_outbox(app_db, started + figures.seconds)
        time.sleep(1.0)  # replies sent after their acks arrive
        figures.stop_statuses = stop_all(servers)
        if queue_at_stop:
            queue_a_message_at_the_stop(app_db)
        deliver_what_the_stop_left(servers, app_db, figures)
        check(figures, load, slack, app_db)
        if any(status != 0 for status in figures.stop_statuses):
            figures.problems.append(f"an instance did not stop cleanly: {figures.stop_statuses}")
        for server in servers:
            logged = server.log_path.read_text()
            for line in logged.splitlines():
                if " ERROR " in line and "error id" not in line:
                    figures.problems.append(f"{server.log_path.name}: {line[:200]}")
    finally:
        for server in servers:  # a run that failed half-way leaves no server behind
            if server.process is not None and server.process.poll() is None:
                server.process.kill()
                server.process.wait(10)
        slack.stop()
        app_db.close()
    if figures.problems:
        figures.problems.append(f"the run's database and the instances' logs are kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def kill_and_restart(victim: Instance) -> None:
    victim.kill()
    time.sleep(1.0)
    victim.start()


def stop_all(servers: list[Instance]) -> list[int]:
    """SIGTERM every instance at once, as a deploy does; their exit statuses."""
    for server in servers:
        server.signal_stop()
    return [server.exit_status() for server in servers]


def open_outbox_rows(app_db: AppDatabase) -> int:
    db = app_db.connect()
    try:
        return int(
            db.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')").fetchone()[0]
        )
    finally:
        db.close()


def queue_a_message_at_the_stop(app_db: AppDatabase) -> None:
    """`--queue-at-stop`: what a job does when its slot comes due in the second before the SIGTERM (a pending row
    the stopped instances never sent), made certain instead of left to the clock."""
    db = app_db.connect()
    try:
        outbox.enqueue(
            db,
            outbox.NewOutboxMessage(
                kind="bench_queued_at_stop",
                channel="C0OFFICE000",
                method="chat.postMessage",
                payload={"channel": "C0OFFICE000", "text": "queued in the second before the stop"},
                dedupe_key="bench:queued-at-the-stop",
            ),
            now=datetime.now(UTC),
        )
    finally:
        db.close()


def deliver_what_the_stop_left(servers: list[Instance], app_db: AppDatabase, figures: Figures) -> None:
    """A row queued after the drain (an every-minute job whose slot came due in the second before the SIGTERM)
    is still pending at the stop. It is durable, not lost: start the instances again, as the next deploy does,
    and they must send it. Only what is still unsent after that counts as lost (`check`)."""
    for _ in range(LEFTOVER_RESTARTS):
        left = open_outbox_rows(app_db)
        if left == 0:
            return
        figures.sent_after_restart += left
        for server in servers:
            server.start()
        for server in servers:
            server.wait_healthy()
        wait_for_outbox(app_db, time.monotonic())
        time.sleep(1.0)
        statuses = stop_all(servers)
        if any(status != 0 for status in statuses):
            figures.problems.append(f"an instance did not stop cleanly after the restart: {statuses}")


def wait_for_outbox(app_db: AppDatabase, since: float) -> float:
    """Seconds from the last command until no outbox row is left to send."""
    while time.monotonic() - since < DRAIN_SECONDS:
        if open_outbox_rows(app_db) == 0:
            return time.monotonic() - since
        time.sleep(0.25)
    raise SystemExit(f"the outbox did not drain within {DRAIN_SECONDS:.0f} s")


def check(figures: Figures, load: Load, slack: FakeSlack, app_db: AppDatabase) -> None:
    """What was lost or duplicated, from the database and what the stand-in Slack received."""
    sent = load.sent
    figures.acks = [a for s in sent for a in s.ack_seconds]
    figures.failed_over = sum(s.failed_attempts for s in sent)
    figures.busy = sum(s.busy_attempts for s in sent)
    figures.not_acked = sum(not s.acked for s in sent)
    db = app_db.connect()
    try:
        stored = {int(i): str(a) for i, a in db.execute("SELECT id, asker_id FROM clarifications")}
        answered = {
            int(i) for (i,) in db.execute("SELECT id FROM clarifications WHERE answered_at IS NOT NULL")
        }
        rows = db.execute("SELECT id, state, method, channel FROM outbox").fetchall()
        runs = db.execute("SELECT job, slot, messages FROM job_runs").fetchall()
        # Every answered attempt passed the guard (the run is shorter than the 5 minutes before rows expire).
        recorded = {str(sig) for (sig,) in db.execute("SELECT signature FROM seen_signatures")}
        figures.guard_unrecorded = sum(sig not in recorded for s in sent for sig in s.signatures)
    finally:
        db.close()

    asks = [s for s in sent if s.kind == "ask"]
    acked_ids = [s.clarification_id for s in asks if s.acked]
    missing = [i for i in acked_ids if i is None or i not in stored]
    figures.clarifications = len(stored)
    figures.answers = len(answered)
    lost_answers = [
        s.clarification_id
        for s in sent
        if s.kind == "answer" and s.acked and s.clarification_id not in answered
    ]
    figures.lost_records = len(missing) + len(lost_answers) + sum(not s.acked for s in asks)
    figures.duplicated_records = max(0, len(stored) - len(asks)) + (len(acked_ids) - len(set(acked_ids)))
    if missing or lost_answers:
        figures.problems.append(
            f"acknowledged but not stored: clarifications {missing}, answers {lost_answers}"
        )

    unsent = [r for r in rows if r[1] != "sent"]
    job_channels = set(JOB_CHANNELS.values())
    posts = Counter(
        int(m["metadata"]["event_payload"]["row"])
        for m in slack.posts()
        if isinstance(m.get("metadata"), dict) and "row" in m["metadata"].get("event_payload", {})
    )
    posted_rows = [r for r in rows if r[2] == "chat.postMessage" and r[1] == "sent"]
    never_posted = [r[0] for r in posted_rows if posts[r[0]] == 0]
    figures.messages = sum(posts.values())
    figures.lost_messages = len(unsent) + len(never_posted)
    figures.duplicated_messages = sum(n - 1 for n in posts.values() if n > 1)
    if unsent or never_posted:
        figures.problems.append(
            f"outbox rows not sent {[r[:2] for r in unsent][:10]}, never posted {never_posted[:10]}"
        )
    if figures.duplicated_messages:
        figures.problems.append(f"rows posted more than once: {[r for r, n in posts.items() if n > 1][:10]}")

    job_rows = {r[0] for r in rows if r[3] in job_channels}
    figures.job_posts = sum(n for row, n in posts.items() if row in job_rows)
    figures.job_slots = len(runs)
    figures.duplicated_job_posts = sum(n - 1 for row, n in posts.items() if row in job_rows and n > 1) + max(
        0, len(job_rows) - sum(int(r[2]) for r in runs)
    )

    replies = Counter(c.path.rsplit("/", 1)[-1] for c in slack.calls if c.method == RESPONSE_URL_METHOD)
    forms = Counter(str(c.body.get("trigger_id")) for c in slack.calls if c.method == "views.open")
    lost_replies = [k for s in sent if s.kind == "code" for k in s.keys if replies[k] == 0]
    figures.code_commands = sum(s.kind == "code" for s in sent)
    figures.error_replies = sum(
        "error id" in json.dumps(c.body) for c in slack.calls if c.method == RESPONSE_URL_METHOD
    ) + sum("error id" in s.answer for s in sent)
    lost_forms = [k for s in sent if s.kind == "clarify" for k in s.keys if forms[k] == 0]
    figures.lost_replies = len(lost_replies) + len(lost_forms)
    doubled = [k for k, n in (replies + forms).items() if n > 1]
    if doubled:
        figures.problems.append(f"replies or forms sent twice: {doubled[:10]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--database-url",
        help="the shared app database: a SQLite path, sqlite:///path or postgresql://... (default: a temp SQLite file)",
    )
    where.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL cluster and share it"
    )
    parser.add_argument(
        "--codes-db", type=Path, help="a prepared code database (default: built in a temp dir)"
    )
    parser.add_argument("--no-single", action="store_true", help="skip the one-instance run")
    parser.add_argument("--no-kill", action="store_true", help="kill no instance mid-run")
    parser.add_argument(
        "--queue-at-stop",
        action="store_true",
        help="queue one message after the stop, as a job slot due in the second before it does; the restart must send it",
    )
    args = parser.parse_args(argv)
    if args.instances < 1 or args.commands < 1 or args.clients < 1:
        parser.error("--instances, --commands and --clients must be at least 1")
    if (
        args.database_url
        and "://" in args.database_url
        and not args.database_url.startswith(("sqlite:///", "postgresql://", "postgres://"))
    ):
        parser.error(
            f"--database-url: {args.database_url.split('://')[0]}:// is not a database CodeDesk can use "
            "(SQLite: a path or sqlite:///path; PostgreSQL: postgresql://user:password@host:port/database)"
        )
    with contextlib.ExitStack() as stack:
        if args.postgres:
            cluster = start_cluster()
            stack.callback(cluster.stop)
            args.database_url = cluster.url
        return _run_all(args)


def _run_all(args: argparse.Namespace) -> int:

    codes_db = args.codes_db or Path(tempfile.mkdtemp(prefix="codedesk-scale-codes-")) / "codes.sqlite"
    CodeBook.open(codes_db)  # prepared before any instance starts
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    on_server = bool(args.database_url) and args.database_url.startswith(("postgresql://", "postgres://"))
    runs = [(args.instances, "PostgreSQL" if on_server else args.database_url or "a temp SQLite file (WAL)")]
    if not args.no_single:
        runs.append((1, "a temp SQLite file (WAL)"))
    failed = False
    for count, where in runs:
        killed = "" if args.no_kill else ", one SIGKILLed half-way and restarted"
        label = f"{count} instance{'s' if count > 1 else ''} on {where}{killed}"
        figures = run(
            label,
            instances=count,
            commands=args.commands,
            clients=args.clients,
            codes_db=codes_db,
            database_url=args.database_url if count == args.instances else None,
            kill=not args.no_kill,
            queue_at_stop=args.queue_at_stop,
        )
        print("\n".join(figures.lines()), flush=True)
        if figures.problems:
            failed = True
            for problem in figures.problems:
                print(f"  PROBLEM: {problem}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    if args.codes_db is None:  # the code database this run prepared (about 200 MB)
        shutil.rmtree(codes_db.parent, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
