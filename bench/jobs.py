"""Scheduled-jobs benchmark: each job once against 10,000 open and 200,000 closed clarifications.

    python bench/jobs.py [--open 10000] [--closed 200000] [--seed 7] [--backend sqlite|postgresql]

`--backend postgresql` runs the same on PostgreSQL: a throwaway cluster (scripts/throwaway_pg.py), or the
database named by CODEDESK_DATABASE_URL when it is set (its tables must not exist yet).

Seeds a temporary database with fast bulk inserts (40 offices in six time zones, 120 coders, two years of
history with audit and outbox rows, usage and check failures), then times, once each: the queue status, the
overdue follow-ups (first run, when every overdue question gets its first reminder, and the steady state a
quarter of an hour later) and the daily digest with its chart. Target: each under 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bot.jobs import schedules, slots  # noqa: E402
from bot.jobs.digest import post_daily_digest  # noqa: E402
from bot.jobs.overdue import post_overdue_followups  # noqa: E402
from bot.jobs.queue_status import post_queue_status  # noqa: E402
from bot.jobs.slots import JobResult  # noqa: E402
from bot.relay.business_time import add_business_hours  # noqa: E402
from bot.relay.work_calendar import preload  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.app_db import AppDatabase  # noqa: E402
from storage.backend import Database, execute_many, is_postgres  # noqa: E402
from storage.db import write_transaction  # noqa: E402
from storage.relay_tables import from_db_time, to_db_time  # noqa: E402

TEAM_TZ = "America/New_York"
NOW = datetime(2026, 11, 3, 9, 0, tzinfo=ZoneInfo(TEAM_TZ))  # a Tuesday: the digest covers Monday
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles")
OFFICES, CODERS = 40, 120


@dataclass(frozen=True)
class Office:
    id: int
    tz: str
    open: clock_time
    close: clock_time
    sla_hours: float


@dataclass(frozen=True)
class BenchDeps:
    settings: Settings
    db_factory: Callable[[], Database]


def weekday_moment(rng: random.Random, end: datetime, max_days: float) -> datetime:
    """A moment up to `max_days` before `end`, during a weekday's working hours (UTC)."""
    while True:
        moment = end - timedelta(days=rng.random() * max_days)
        local = moment.astimezone(ZoneInfo(TEAM_TZ))
        if local.weekday() < 5 and 8 <= local.hour < 18:
            return moment.astimezone(UTC)


def seed_offices(db: Database, rng: random.Random) -> list[Office]:
    created = to_db_time(NOW - timedelta(days=800))
    offices = []
    for number in range(1, OFFICES + 1):
        tz = "Europe/London" if number % 10 == 0 else rng.choice(ZONES)
        office = Office(number, tz, clock_time(8), clock_time(17), rng.choice((24.0, 48.0, 72.0, 72.0)))
        db.execute(
            "INSERT INTO offices (id, name, channel_id, tz, open, close, sla_hours, active, created_at) "
            "VALUES (?, ?, ?, ?, '08:00', '17:00', ?, 1, ?)",
            [number, f"Office {number:02d}", f"C0OFFICE{number:02d}", tz, office.sla_hours, created],
        )
        offices.append(office)
    return offices


def clarification_rows(
    rng: random.Random, offices: list[Office], open_count: int, closed_count: int
) -> Iterator[tuple[object, ...]]:
    weights = [1 / (rank + 1) for rank in range(len(offices))]  # a few busy offices, many quiet ones
    coders = [f"UCODER{number:03d}" for number in range(CODERS)]
    for number in range(1, open_count + closed_count + 1):
        office = rng.choices(offices, weights)[0]
        coder = rng.choice(coders)
        is_open = number <= open_count
        asked = weekday_moment(rng, NOW, rng.expovariate(1 / 20) if is_open else 730)
        if is_open:
            due = add_business_hours(asked, office.sla_hours, office.tz, office.open, office.close)
            state, answered, resolved, outcome = "open", None, None, None
        else:
            due = asked + timedelta(days=3)
            answered = asked + timedelta(hours=rng.expovariate(1 / 30))
            roll = rng.random()
            if roll < 0.08:
                state, answered, resolved, outcome = "closed_unanswered", None, None, None
            elif roll < 0.2:
                state, resolved, outcome = "answered", None, None
            else:
                state = "resolved"
                resolved = answered + timedelta(hours=rng.expovariate(1 / 8))
                outcome = "changed" if rng.random() < 0.45 else "confirmed"
        yield (
            number,
            office.id,
            f"ENC-{number:07d}",
            json.dumps(["D64.9"]),
            "Can the type of anemia be further specified?",
            "open_ended",
            "[]",
            "Hgb 7.1 g/dL, 2 units PRBC transfused.",
            coder,
            "TCODERS",
            f"D{coder}",
            state,
            to_db_time(due),
            to_db_time(asked),
            None if answered is None else to_db_time(answered),
            None if answered is None else json.dumps({"choice": None, "text": "Acute blood loss anemia."}),
            None if answered is None else f"UOFFICE{office.id:02d}",
            None if resolved is None else to_db_time(resolved),
            outcome,
            "No answer after three calls." if state == "closed_unanswered" else None,
            f"{1_700_000_000 + number}.000100",
            f"{1_700_000_000 + number}.000200",
        )


def seed(db: Database, open_count: int, closed_count: int, rng: random.Random) -> None:
    if not is_postgres(db):
        db.execute("PRAGMA cache_size = -262144")  # index pages stay in memory during the bulk load
        db.execute("PRAGMA synchronous = OFF")  # a throwaway database
    with write_transaction(db):
        offices = seed_offices(db, rng)
        rows = list(clarification_rows(rng, offices, open_count, closed_count))
        execute_many(
            db,
            "INSERT INTO clarifications (id, office_id, encounter_ref, codes, question, format, options, "
            "indicators, asker_id, asker_team, asker_channel, state, due_at, created_at, answered_at, answer, "
            "answered_by, resolved_at, outcome, close_reason, office_ts, asker_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        audit_rows: list[tuple[object, ...]] = []
        outbox_rows: list[tuple[object, ...]] = []
        for row in rows:
            c_id, office_id, coder, state, asked = row[0], row[1], row[8], row[11], row[13]
            audit_rows.append((c_id, coder, "asked", "{}", asked))
            if row[14] is not None:
                audit_rows.append((c_id, row[16], "answered", "{}", row[14]))
            if row[17] is not None:
                audit_rows.append((c_id, coder, "resolved", "{}", row[17]))
            if state == "closed_unanswered":
                closed = from_db_time(asked) + timedelta(days=4)
                audit_rows.append((c_id, coder, "closed_unanswered", "{}", to_db_time(closed)))
            for kind, channel, ts, target in (
                ("office_post", f"C0OFFICE{office_id:02d}", row[20], "office_ts"),
                ("asker_tracking", row[10], row[21], "asker_ts"),
            ):
                payload = json.dumps({"channel": channel, "text": f"Clarification #{c_id}"})
                outbox_rows.append(
                    (
                        kind,
                        channel,
                        payload,
                        f"clarification:{c_id}:{kind}",
                        asked,
                        ts,
                        channel,
                        asked,
                        c_id,
                        target,
                    )
                )
        execute_many(
            db,
            "INSERT INTO audit (clarification_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)",
            audit_rows,
        )
        execute_many(
            db,
            "INSERT INTO outbox (kind, channel, method, payload, dedupe_key, state, attempts, next_attempt_at, "
            "sent_ts, sent_channel, created_at, clarification_id, ts_target) "
            "VALUES (?, ?, 'chat.postMessage', ?, ?, 'sent', 1, ?, ?, ?, ?, ?, ?)",
            outbox_rows,
        )
        recent = NOW - timedelta(days=2)
        execute_many(
            db,
            "INSERT INTO usage (user_id, kind, query, created_at) VALUES (?, ?, ?, ?)",
            [
                (
                    f"UCODER{n % CODERS:03d}",
                    kind,
                    "heart attack" if kind == "lookup" else None,
                    to_db_time(moment),
                )
                for n in range(CODERS * 50)
                for kind in [rng.choice(("lookup", "lookup", "lookup", "check"))]
                for moment in [weekday_moment(rng, recent + timedelta(days=1), 3)]
            ],
        )
        rules = (
            "header_code",
            "invalid_on_dos",
            "seventh_character",
            "excludes1",
            "age_conflict",
            "sex_conflict",
        )
        execute_many(
            db,
            "INSERT INTO check_failures (rule, at) VALUES (?, ?)",
            [(rng.choice(rules), to_db_time(weekday_moment(rng, NOW, 120))) for _ in range(30_000)],
        )
        channels = {
            schedules.QUEUE_STATUS: "C0TEAM",
            schedules.OVERDUE: "C0LEADS",
            schedules.DIGEST: "C0LEADS",
        }
        for job, channel in channels.items():
            cron = schedules.DEFAULT_CRONS[job]
            schedules.save_schedule(db, job, cron=cron, channel=channel, enabled=True, by="UBENCH", at=NOW)
        if is_postgres(db):  # the ids above were given, not drawn from the identity sequences
            for table in ("offices", "clarifications"):
                db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
    db.execute("ANALYZE")


def timed(label: str, run: Callable[[], JobResult]) -> float:
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    notes = " ".join(result.notes)
    print(f"{label:<34} {seconds:6.3f} s   {len(result.outbox_ids):>6} outbox rows   {notes}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=10_000, help="open clarifications (default 10,000)")
    parser.add_argument("--closed", type=int, default=200_000, help="closed clarifications (default 200,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="codedesk-bench-jobs-"))
        path = Path(folder) / "bench.sqlite"
        url = None
        if args.backend == "postgresql":
            url = os.environ.get("CODEDESK_DATABASE_URL")
            if not url:
                from scripts.throwaway_pg import start_cluster

                cluster = start_cluster()
                stack.callback(cluster.stop)
                url = cluster.url
        database = AppDatabase.of(path, url)
        stack.callback(database.close)
        database.migrate()
        db = database.connect()
        started = time.perf_counter()
        seed(db, args.open, args.closed, random.Random(args.seed))
        db.close()
        if url is None:
            with path.open("rb+") as file:  # flush the bulk load now, not in the first job's checkpoint
                os.fsync(file.fileno())
        print(
            f"seeded {args.open:,} open + {args.closed:,} closed clarifications ({OFFICES} offices, {CODERS} coders) "
            f"on {database.describe() if url else 'SQLite'} in {time.perf_counter() - started:.1f} s; "
            f"now = {NOW.isoformat()}"
        )
        started = time.perf_counter()
        preload()  # what a server does when it starts (bot.services.build_relay)
        print(
            f"holiday tables loaded in {time.perf_counter() - started:.3f} s (once per process, at start-up)"
        )
        env = {"CODEDESK_DB": str(path), "CODEDESK_TEAM_TZ": TEAM_TZ}
        if url:
            env["CODEDESK_DATABASE_URL"] = url
        settings = Settings.from_env(env, mode="cli")
        deps = BenchDeps(settings=settings, db_factory=database.factory())
        later = NOW + timedelta(minutes=15)
        figures = [
            timed("queue status", lambda: post_queue_status(deps, NOW, slot=slots.scheduled_slot(NOW))),
            timed(
                "overdue (first run)",
                lambda: post_overdue_followups(deps, NOW, slot=slots.scheduled_slot(NOW)),
            ),
            timed(
                "overdue (15 minutes later)",
                lambda: post_overdue_followups(deps, later, slot=slots.scheduled_slot(later)),
            ),
            timed(
                "daily digest (with chart)",
                lambda: post_daily_digest(deps, NOW, slot=slots.scheduled_slot(NOW)),
            ),
        ]
        worst = max(figures)
        print(f"slowest job: {worst:.3f} s (target < 1 s): {'ok' if worst < 1 else 'TOO SLOW'}")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
