"""The APScheduler wiring: triggers and defaults, schedule changes picked up, events logged without text."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.jobs import schedules
from bot.jobs.scheduler import (
    CATCH_UP_JOB_ID,
    MISFIRE_GRACE_SECONDS,
    PRUNE_JOB_ID,
    SYNC_JOB_ID,
    build_scheduler,
    log_job_event,
    run_latest_slot,
    start_scheduler,
    stop_scheduler,
    sync_schedules,
)
from bot.jobs.schedules import DIGEST, JOB_NAMES, OVERDUE, QUEUE_STATUS
from bot.jobs.slots import RunStatus
from bot.relay.work_calendar import team_calendar
from storage.backend import Instant
from storage.db import write_transaction
from tests.jobs.conftest import CHICAGO, LEADS_CHANNEL, TEAM_CHANNEL, JobsDeps, query, set_channel


@pytest.fixture
def scheduler(deps: JobsDeps) -> BackgroundScheduler:
    built = build_scheduler(deps)
    yield built
    stop_scheduler(built, wait=False)


def test_every_job_has_its_cron_trigger_in_the_team_zone(scheduler: BackgroundScheduler) -> None:
    ids = {job.id for job in scheduler.get_jobs()}
    assert ids == {*JOB_NAMES, SYNC_JOB_ID, CATCH_UP_JOB_ID, PRUNE_JOB_ID}
    digest = scheduler.get_job(DIGEST).trigger
    assert isinstance(digest, CronTrigger)
    assert str(digest.timezone) == CHICAGO
    assert "day_of_week='mon,tue,wed,thu,fri'" in repr(digest) and "hour='8'" in repr(digest)
    assert str(scheduler.timezone) == CHICAGO


def test_jobs_coalesce_run_alone_and_have_a_grace_time(scheduler: BackgroundScheduler) -> None:
    scheduler.start(paused=True)
    for name in (QUEUE_STATUS, OVERDUE, DIGEST):
        job = scheduler.get_job(name)
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, MISFIRE_GRACE_SECONDS)


def test_changes_in_the_schedules_table_are_picked_up(scheduler: BackgroundScheduler, deps: JobsDeps) -> None:
    before = repr(scheduler.get_job(OVERDUE).trigger)
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL, enabled=False)
    db = deps.db_factory()
    db.execute(
        "INSERT INTO job_schedules (job, cron, channel, enabled, updated_by, updated_at) "
        "VALUES ('overdue', '*/30 * * * *', ?, 1, 'ULEAD', ?)",
        [LEADS_CHANNEL, Instant(1793631600000000)],
    )
    db.execute(
        "INSERT INTO job_settings (key, value, updated_by, updated_at) VALUES ('team_tz', 'Europe/London', "
        "'ULEAD', ?)",
        [Instant(1793631600000000)],
    )
    db.close()
    sync_schedules(scheduler, deps)
    assert scheduler.get_job(QUEUE_STATUS) is None
    overdue = scheduler.get_job(OVERDUE).trigger
    assert repr(overdue) != before and "minute='*/30'" in repr(overdue)
    assert str(scheduler.get_job(DIGEST).trigger.timezone) == "Europe/London"


def test_errors_and_misfires_are_logged_by_id_without_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="codedesk.jobs")
    due = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    secret = "Patient text that must never reach a log"
    log_job_event(JobExecutionEvent(EVENT_JOB_ERROR, DIGEST, "default", due, exception=ValueError(secret)))
    log_job_event(JobExecutionEvent(EVENT_JOB_MISSED, QUEUE_STATUS, "default", due))
    text = caplog.text
    assert "job digest" in text and "ValueError" in text and "job queue_status missed" in text
    assert secret not in text


def test_start_and_stop(deps: JobsDeps) -> None:
    scheduler = start_scheduler(deps, paused=True)
    assert scheduler.running
    stop_scheduler(scheduler)
    assert not scheduler.running
    stop_scheduler(scheduler)  # stopping twice is harmless


def test_a_firing_runs_the_latest_slot_at_the_clock_time(
    scheduler: BackgroundScheduler, deps: JobsDeps
) -> None:
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL)
    deps.clock.now = datetime(2026, 11, 2, 15, 0, 5, tzinfo=UTC)  # Monday 09:00:05 in Chicago
    job = scheduler.get_job(QUEUE_STATUS)
    job.func(*job.args)
    job.func(*job.args)  # a second instance, or a retry: same slot
    rows = query(deps, "SELECT job, slot, messages FROM job_runs")
    assert rows == [(QUEUE_STATUS, "2026-11-02T15:00:00.000000+00:00", 1)]


def test_a_schedule_skips_the_team_holidays_unless_told_otherwise(deps: JobsDeps) -> None:
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL)
    thanksgiving = datetime(2026, 11, 26, 15, 0, 5, tzinfo=UTC)  # Thursday 09:00:05 in Chicago
    assert run_latest_slot(deps, QUEUE_STATUS, thanksgiving) is None
    assert run_latest_slot(deps, OVERDUE, thanksgiving) is not None  # follows each office's calendar instead
    friday = datetime(2026, 11, 27, 15, 0, 5, tzinfo=UTC)
    ran = run_latest_slot(deps, QUEUE_STATUS, friday)
    assert ran is not None and ran.status is RunStatus.RAN

    db = deps.db_factory()
    try:
        with write_transaction(db):
            schedules.save_schedule(
                db,
                QUEUE_STATUS,
                cron=schedules.DEFAULT_CRONS[QUEUE_STATUS],
                channel=TEAM_CHANNEL,
                enabled=True,
                by="ULEAD",
                at=thanksgiving,
                skip_holidays=False,
            )
        trigger = schedules.crontab_trigger(schedules.DEFAULT_CRONS[QUEUE_STATUS], "America/Chicago")
        skipper = schedules.holiday_skipper(
            schedules.get_schedule(db, DIGEST), team_calendar(db), "America/Chicago"
        )
    finally:
        db.close()
    assert run_latest_slot(deps, QUEUE_STATUS, thanksgiving) is not None
    # Listing the next runs leaves the holiday out for a schedule that skips it.
    wednesday_evening = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    assert [t.day for t in schedules.fire_times(trigger, wednesday_evening, 2, skipper)] == [27, 27]
    assert [t.day for t in schedules.fire_times(trigger, wednesday_evening, 2)] == [26, 26]
