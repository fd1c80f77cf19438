"""APScheduler 3 wiring: it only decides *when*; the jobs are plain functions of (deps, now).

Each firing runs the latest slot <= now of the job's current schedule (read from the database, so a change made
with `/codedesk schedule` on any instance applies everywhere within SYNC_SECONDS). At start-up the latest slot of
each job runs once if it was missed and is recent enough (a digest missed during a restart still goes out, three
missed queue reports do not become three posts). A schedule that skips the team's holidays posts nothing on
them (catch-up included). Slots are recorded by `bot.jobs.slots`, so a second instance
or a catch-up racing a normal run posts nothing twice. The listener logs job ids and times, never message text.
Housekeeping (`bot.jobs.maintenance`: expired event keys and request signatures) runs hourly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs import schedules
from bot.jobs.maintenance import PRUNE_EVERY, prune_expired_keys
from bot.jobs.registry import JOBS
from bot.jobs.slots import JobDeps, JobResult, RunStatus, scheduled_slot
from bot.relay.work_calendar import team_calendar

log = logging.getLogger("codedesk.jobs")

MISFIRE_GRACE_SECONDS = 600
SYNC_SECONDS = 60
SYNC_JOB_ID = "sync_schedules"
CATCH_UP_JOB_ID = "catch_up"
PRUNE_JOB_ID = "prune_keys"


class SchedulerDeps(JobDeps, Protocol):
    @property
    def clock(self) -> Callable[[], datetime]: ...


def planned_triggers(deps: JobDeps) -> dict[str, CronTrigger]:
    """The trigger of every enabled job, from the schedules table and the team time zone."""
    db = deps.db_factory()
    try:
        tz = schedules.team_tz(db, deps.settings.team_tz)
        enabled = [schedule for schedule in schedules.list_schedules(db) if schedule.enabled]
    finally:
        db.close()
    return {schedule.job: schedules.crontab_trigger(schedule.cron, tz) for schedule in enabled}


def run_latest_slot(deps: JobDeps, name: str, now: datetime) -> JobResult | None:
    """Run job `name` for the latest slot of its schedule at or before `now`, if that slot is still recent
    (within the job's catch-up window) and the job is enabled. None when there is nothing to run."""
    trigger = planned_triggers(deps).get(name)
    if trigger is None:
        return None
    fire_time = schedules.latest_fire_time(trigger, now)
    spec = JOBS[name]
    if fire_time is None or now - fire_time > spec.catch_up_within:
        return None
    if falls_on_team_holiday(deps, name, fire_time):
        log.info("job %s slot %s: skipped, a team holiday", name, scheduled_slot(fire_time))
        return None
    result = spec.run(deps, now, slot=scheduled_slot(fire_time))
    log.info(
        "job %s slot %s: %s, %d outbox rows %s",
        name,
        result.slot,
        result.status.value,
        len(result.outbox_ids),
        " ".join(result.notes),
    )
    return result


def falls_on_team_holiday(deps: JobDeps, name: str, fire_time: datetime) -> bool:
    """Whether job `name` skips this fire time: its schedule skips holidays and the day (team time zone) is one
    on the team calendar."""
    db = deps.db_factory()
    try:
        schedule = schedules.get_schedule(db, name)
        tz = schedules.team_tz(db, deps.settings.team_tz)
        skipped = schedules.holiday_skipper(schedule, team_calendar(db), tz)
    finally:
        db.close()
    return skipped is not None and skipped(fire_time)


def run_missed_slots(deps: JobDeps, now: datetime) -> list[JobResult]:
    """Start-up catch-up: each job's latest slot once, when it was missed (already-run slots post nothing)."""
    ran = []
    for name in JOBS:
        result = run_latest_slot(deps, name, now)
        if result is not None and result.status is RunStatus.RAN:
            ran.append(result)
    return ran


def _fire(deps: SchedulerDeps, name: str) -> None:
    run_latest_slot(deps, name, deps.clock())


def _catch_up(deps: SchedulerDeps) -> None:
    run_missed_slots(deps, deps.clock())


def _prune(deps: SchedulerDeps) -> None:
    prune_expired_keys(deps.db_factory, deps.clock())


def sync_schedules(scheduler: BackgroundScheduler, deps: SchedulerDeps) -> None:
    """Make the scheduler's jobs match the schedules table (added, changed, switched off)."""
    planned = planned_triggers(deps)
    for name in JOBS:
        trigger = planned.get(name)
        existing = scheduler.get_job(name)
        if trigger is None:
            if existing is not None:
                existing.remove()
                log.info("job %s switched off", name)
            continue
        if existing is not None:
            if repr(existing.trigger) == repr(trigger):
                continue
            existing.remove()  # (replace_existing applies only once the scheduler has started)
        scheduler.add_job(_fire, trigger=trigger, args=[deps, name], id=name, name=name)
        log.info("job %s scheduled: %s", name, trigger)


def log_job_event(event: JobEvent) -> None:
    """Ids and times only: a job's messages may quote what people wrote."""
    when = getattr(event, "scheduled_run_time", None)
    if event.code == EVENT_JOB_ERROR:
        error = type(getattr(event, "exception", None)).__name__
        log.error("job %s (run due %s) failed: %s", event.job_id, when, error)
    elif event.code == EVENT_JOB_MISSED:
        log.warning("job %s missed its run due %s; the next run covers it", event.job_id, when)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("job %s still running at %s; this run was skipped", event.job_id, when)


def build_scheduler(deps: SchedulerDeps) -> BackgroundScheduler:
    """A scheduler with every enabled job, the schedule sync and a one-off catch-up; not started."""
    db = deps.db_factory()
    try:
        tz = schedules.team_tz(db, deps.settings.team_tz)
    finally:
        db.close()
    scheduler = BackgroundScheduler(
        timezone=ZoneInfo(tz),
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
    )
    scheduler.add_listener(log_job_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    sync_schedules(scheduler, deps)
    scheduler.add_job(
        sync_schedules,
        trigger=IntervalTrigger(seconds=SYNC_SECONDS, timezone=ZoneInfo(tz)),
        args=[scheduler, deps],
        id=SYNC_JOB_ID,
        name=SYNC_JOB_ID,
    )
    scheduler.add_job(_catch_up, args=[deps], id=CATCH_UP_JOB_ID, name=CATCH_UP_JOB_ID)
    scheduler.add_job(
        _prune,
        trigger=IntervalTrigger(seconds=PRUNE_EVERY.total_seconds(), timezone=ZoneInfo(tz)),
        args=[deps],
        id=PRUNE_JOB_ID,
        name=PRUNE_JOB_ID,
    )
    return scheduler


def start_scheduler(services: SchedulerDeps, *, paused: bool = False) -> BackgroundScheduler:
    """Start the jobs on a background thread (call once from `codedesk serve`)."""
    scheduler = build_scheduler(services)
    scheduler.start(paused=paused)
    log.info("scheduler started: %s", ", ".join(job.id for job in scheduler.get_jobs()))
    return scheduler


def stop_scheduler(
    scheduler: BackgroundScheduler, *, wait: bool = True, timeout: float | None = None
) -> bool:
    """Stop firing; with `wait`, let a running job finish (its transaction commits or rolls back whole), for
    at most `timeout` seconds when given. True when no job is left running (False: one still was at `timeout`;
    a process that exits then leaves its transaction uncommitted, so its slot is not recorded and runs again at
    the next start)."""
    if not scheduler.running:
        return True
    if not wait or timeout is None:
        scheduler.shutdown(wait=wait)
        return True
    stopping = threading.Thread(
        target=scheduler.shutdown, kwargs={"wait": True}, name="codedesk-scheduler-stop", daemon=True
    )
    stopping.start()
    stopping.join(max(0.0, timeout))
    return not stopping.is_alive()
