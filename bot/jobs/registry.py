"""The jobs by name, and the one call that creates every table they use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import sqlite_utils

from bot.jobs import schedules
from bot.jobs.code_data import migrate_code_data_jobs, post_code_changes, post_data_coverage
from bot.jobs.digest import post_daily_digest
from bot.jobs.overdue import migrate_overdue_steps, post_overdue_followups
from bot.jobs.queue_status import post_queue_status
from bot.jobs.slots import JobDeps, JobResult, migrate_job_runs
from storage.check_stats import migrate_check_stats
from storage.db import Migration, migrate
from storage.relay_tables import migrate_relay
from storage.usage import migrate_usage


class JobFunction(Protocol):
    def __call__(
        self, deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
    ) -> JobResult: ...


@dataclass(frozen=True)
class JobSpec:
    name: str
    run: JobFunction
    description: str
    channel_role: str  # what the schedule's channel is used for
    catch_up_within: timedelta  # after downtime, the latest missed slot still runs if this recent


JOBS: dict[str, JobSpec] = {
    spec.name: spec
    for spec in (
        JobSpec(
            schedules.QUEUE_STATUS,
            post_queue_status,
            "open clarifications by office and coder, ages, overdue, oldest items",
            "team channel",
            timedelta(hours=3),
        ),
        JobSpec(
            schedules.OVERDUE,
            post_overdue_followups,
            "reminders for overdue clarifications, then escalation to the leads",
            "leads' channel for escalations",
            timedelta(hours=1),
        ),
        JobSpec(
            schedules.DIGEST,
            post_daily_digest,
            "the leads' daily digest with a 14-day chart",
            "leads' channel",
            timedelta(hours=12),
        ),
        JobSpec(
            schedules.DATA_COVERAGE,
            post_data_coverage,
            "warns 30, 7 and 1 days before today's date of service passes the end of the loaded code data",
            "leads' channel",
            timedelta(hours=12),
        ),
        JobSpec(
            schedules.CODE_CHANGES,
            post_code_changes,
            "after an import and on the first day of a fiscal year or quarter: codes the team used that changed",
            "leads' channel",
            timedelta(hours=12),
        ),
    )
}
assert tuple(JOBS) == schedules.JOB_NAMES


def get_job(name: str) -> JobSpec:
    return JOBS[schedules.require_job(name)]


def run_job(
    deps: JobDeps, name: str, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    """Run job `name` at `now` (a manual slot unless `slot` is given); ScheduleError for an unknown name."""
    return get_job(name).run(deps, now, slot=slot, preview=preview)


def _create_read_indexes(db: sqlite_utils.Database) -> None:
    """Indexes on the relay's tables for the jobs' reads: the open queue (a small covering index, so a report
    never walks the 200,000 closed rows) and the digest's date ranges."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS clarifications_open_queue ON clarifications "
        "(due_at, office_id, asker_id, created_at, encounter_ref, office_ts) WHERE state = 'open'"
    )
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_created ON clarifications (created_at)")
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_answered ON clarifications (answered_at)")
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_resolved ON clarifications (resolved_at)")
    db.execute("CREATE INDEX IF NOT EXISTS audit_action_at ON audit (action, at)")


READ_INDEXES: tuple[Migration, ...] = (_create_read_indexes,)


def migrate_read_indexes(db: sqlite_utils.Database) -> int:
    return migrate(db, "job_read_indexes", READ_INDEXES)


_MIGRATIONS: tuple[Callable[[sqlite_utils.Database], int], ...] = (
    migrate_relay,
    migrate_usage,
    migrate_check_stats,
    migrate_job_runs,
    schedules.migrate_schedules,
    migrate_overdue_steps,
    migrate_read_indexes,
    migrate_code_data_jobs,
)


def prepare_job_tables(db: sqlite_utils.Database) -> int:
    """Create or update every table the jobs read and write (idempotent); returns the steps applied."""
    return sum(step(db) for step in _MIGRATIONS)


def prepare(deps: JobDeps) -> None:
    db = deps.db_factory()
    try:
        prepare_job_tables(db)
    finally:
        db.close()
