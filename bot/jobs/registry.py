"""The jobs by name (their tables are created with every other at start-up: `storage.schema`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.jobs import schedules
from bot.jobs.code_data import post_code_changes, post_data_coverage
from bot.jobs.digest import post_daily_digest
from bot.jobs.overdue import post_overdue_followups
from bot.jobs.queue_status import post_queue_status
from bot.jobs.slots import JobDeps, JobResult


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
