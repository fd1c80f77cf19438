"""Run a job at most once per (job, time slot), with its outgoing messages in the same transaction.

The slot is claimed in `job_runs` (primary key (job, slot), `storage.job_runs`) inside the `BEGIN IMMEDIATE`
transaction that also stores the job's outbox rows, before anything is posted: a restart, a misfire catch-up or
a second instance running the same slot finds the row and posts nothing, and a job that fails leaves no claim
behind.
Scheduled runs use the cron fire time as the slot; a run by hand uses `manual:<now>`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from bot.jobs import schedules
from bot.settings import Settings
from storage import job_runs, outbox
from storage.backend import Database
from storage.db import write_transaction
from storage.outbox import NewOutboxMessage
from storage.relay_tables import instant_text

NO_CHANNEL = "(no channel set)"


class JobDeps(Protocol):
    """What a job needs; `bot.services.Services` has both."""

    @property
    def settings(self) -> Settings: ...

    @property
    def db_factory(self) -> Callable[[], Database]: ...


@dataclass(frozen=True)
class Outgoing:
    """One message a job wants sent: becomes one outbox row (or is printed, in a preview)."""

    kind: str
    channel: str
    method: str
    payload: Mapping[str, Any]
    dedupe_key: str
    clarification_id: int | None = None
    parent_id: int | None = None
    parent_ts_field: str | None = None

    @property
    def text(self) -> str:
        return str(self.payload.get("text") or self.payload.get("initial_comment") or "")


@dataclass(frozen=True)
class JobContext:
    job: str
    slot: str
    now: datetime
    team_tz: str
    channel: str | None
    preview: bool

    def target_channel(self) -> str | None:
        """The job's channel; in a preview a placeholder, so the text can be shown before one is set."""
        return self.channel or (NO_CHANNEL if self.preview else None)


@dataclass(frozen=True)
class JobOutput:
    messages: tuple[Outgoing, ...] = ()
    notes: tuple[str, ...] = ()  # counts and ids only: they are logged
    attachments: Mapping[str, bytes] = field(default_factory=dict)  # e.g. the chart, for a preview to save


JobBody = Callable[[Database, JobContext], JobOutput]


class RunStatus(StrEnum):
    RAN = "ran"
    ALREADY_RAN = "already_ran"
    PREVIEW = "preview"


@dataclass(frozen=True)
class JobResult:
    job: str
    slot: str
    status: RunStatus
    messages: tuple[Outgoing, ...] = ()
    outbox_ids: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    attachments: Mapping[str, bytes] = field(default_factory=dict)


def scheduled_slot(fire_time: datetime) -> str:
    return instant_text(fire_time)


def manual_slot(now: datetime) -> str:
    return f"manual:{instant_text(now)}"


def last_slot(db: Database, job: str) -> str | None:
    return job_runs.last_slot(db, job)


class _Discard(Exception):
    """Rolls the transaction back (slot already taken, or a preview) while carrying the result out."""

    def __init__(self, result: JobResult) -> None:
        super().__init__(result.status.value)
        self.result = result


def _outbox_message(message: Outgoing) -> NewOutboxMessage:
    return NewOutboxMessage(
        kind=message.kind,
        channel=message.channel,
        method=message.method,
        payload=message.payload,
        dedupe_key=message.dedupe_key,
        clarification_id=message.clarification_id,
        parent_id=message.parent_id,
        parent_ts_field=message.parent_ts_field,
    )


def _claim_and_run(
    db: Database, deps: JobDeps, job: str, slot: str, now: datetime, body: JobBody, preview: bool
) -> JobResult:
    if not job_runs.claim_slot(db, job, slot, now):
        return JobResult(job=job, slot=slot, status=RunStatus.ALREADY_RAN)
    context = JobContext(
        job=job,
        slot=slot,
        now=now,
        team_tz=schedules.team_tz(db, deps.settings.team_tz),
        channel=schedules.get_schedule(db, job).channel,
        preview=preview,
    )
    output = body(db, context)
    if preview:
        return JobResult(
            job=job,
            slot=slot,
            status=RunStatus.PREVIEW,
            messages=output.messages,
            notes=output.notes,
            attachments=output.attachments,
        )
    ids = tuple(outbox.enqueue_many(db, [_outbox_message(m) for m in output.messages], now=now))
    job_runs.set_message_count(db, job, slot, len(ids))
    return JobResult(
        job=job,
        slot=slot,
        status=RunStatus.RAN,
        messages=output.messages,
        outbox_ids=ids,
        notes=output.notes,
        attachments=output.attachments,
    )


def run_in_slot(
    deps: JobDeps, job: str, slot: str, now: datetime, body: JobBody, *, preview: bool = False
) -> JobResult:
    """Claim (job, slot), run `body` and queue its messages, all in one transaction.

    `preview` runs the body and returns its messages without keeping anything (no claim, no outbox rows,
    no ladder steps): what `codedesk jobs run` shows when Slack is not configured.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    db = deps.db_factory()
    try:
        with write_transaction(db):
            result = _claim_and_run(db, deps, job, slot, now, body, preview)
            if result.status is not RunStatus.RAN:
                raise _Discard(result)
        return result
    except _Discard as discarded:
        return discarded.result
    finally:
        db.close()
