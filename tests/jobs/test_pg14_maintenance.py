"""Expired dedupe keys are pruned on a schedule, on SQLite and on PostgreSQL: event keys after two days, request
signatures after Slack's replay window; anything a Slack retry or a replay could still repeat is kept."""

from __future__ import annotations

from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs.maintenance import (
    PROCESSED_EVENTS_KEPT,
    PRUNE_EVERY,
    SIGNATURES_KEPT,
    Pruned,
    prune_expired_keys,
)
from bot.jobs.scheduler import PRUNE_JOB_ID, build_scheduler, stop_scheduler
from storage import processed_events, seen_signatures
from storage.db import write_transaction
from tests.jobs.conftest import JobsDeps, query


def test_expired_event_keys_and_signatures_are_pruned_and_recent_ones_kept(deps: JobsDeps) -> None:
    now = deps.clock.now
    db = deps.db_factory()
    try:
        with write_transaction(db):
            for key, age in (
                ("answer:old", PROCESSED_EVENTS_KEPT + timedelta(minutes=1)),
                ("answer:two-days", PROCESSED_EVENTS_KEPT - timedelta(minutes=1)),
                ("answer:retried", timedelta(minutes=5)),  # Slack's last retry of an event
            ):
                assert processed_events.claim_event(db, key, now - age)
            for signature, age in (
                ("v0=old", SIGNATURES_KEPT + timedelta(seconds=1)),
                ("v0=recent", SIGNATURES_KEPT - timedelta(seconds=1)),
            ):
                assert seen_signatures.record_first(db, signature, now - age)
    finally:
        db.close()

    assert prune_expired_keys(deps.db_factory, now) == Pruned(events=1, signatures=1)
    assert query(deps, "SELECT key FROM processed_events ORDER BY key") == [
        ("answer:retried",),
        ("answer:two-days",),
    ]
    assert query(deps, "SELECT signature FROM seen_signatures") == [("v0=recent",)]
    db = deps.db_factory()
    try:
        with write_transaction(db):
            assert not processed_events.claim_event(db, "answer:retried", now)  # still recognised as a repeat
    finally:
        db.close()
    assert prune_expired_keys(deps.db_factory, now) == Pruned(events=0, signatures=0)


def test_the_scheduler_prunes_every_hour(deps: JobsDeps) -> None:
    scheduler: BackgroundScheduler = build_scheduler(deps)
    try:
        job = scheduler.get_job(PRUNE_JOB_ID)
        assert job is not None and isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval == PRUNE_EVERY == timedelta(hours=1)
        job.func(*job.args)  # what the scheduler runs: the deps' clock and database
    finally:
        stop_scheduler(scheduler, wait=False)
