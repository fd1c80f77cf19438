"""Overdue follow-ups: the escalation ladder for open clarifications past their due time.

Ladder (due times are already counted in the office's business hours and calendar, see `bot.relay.business_time`
and `bot.relay.work_calendar`; the steps below count them the same way, so nobody is reminded on a holiday):
1. first reminder in the office's thread, and a note in the asker's thread, once the due time has passed and the
   office is open (nobody is pinged at night or at the weekend);
2. a second reminder, one further business day (the office's opening hours) after the first, office open;
3. escalation to the leads' channel (the `overdue` schedule's channel), one further business day after that.

Each step is recorded in `overdue_steps` (`storage.overdue_steps`) in the same transaction as its outbox rows
and audit row, so it is posted once whatever the number of runs. The ladder belongs to a due time: a reopened clarification gets a new due
time and so a new ladder. An escalation waiting for a leads' channel is not recorded; it goes out once one is set.
Offices removed since the question was asked get no reminders (their channel may be someone else's now): their
overdue questions go straight to the leads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum

from bot.jobs import report_text
from bot.jobs.schedules import OVERDUE
from bot.jobs.slots import JobContext, JobDeps, JobOutput, JobResult, Outgoing, manual_slot, run_in_slot
from bot.relay.business_time import (
    WorkingDay,
    add_business_hours,
    business_days_between,
    is_open,
    opening_hours,
    weekday,
)
from bot.relay.messages import escape, mention, when
from bot.relay.service import SYSTEM_ACTOR, MessageKind
from bot.relay.work_calendar import WorkCalendar, office_calendar
from storage import audit, offices, outbox, overdue_steps
from storage.backend import Database
from storage.offices import Office
from storage.relay_tables import instant_text

STEP_GAP_BUSINESS_DAYS = 1


class Step(IntEnum):
    FIRST_REMINDER = 1
    SECOND_REMINDER = 2
    ESCALATION = 3


_AUDIT_ACTIONS = {
    Step.FIRST_REMINDER: "overdue_reminder",
    Step.SECOND_REMINDER: "overdue_second_reminder",
    Step.ESCALATION: "overdue_escalated",
}


# -- the ladder as maths ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderPosition:
    """The last step taken for the current due time (None: no step yet)."""

    step: Step | None = None
    at: datetime | None = None


def business_day_hours(office: Office) -> float:
    return opening_hours(office.open, office.close)


def step_due_at(
    position: LadderPosition, due_at: datetime, office: Office, working_day: WorkingDay = weekday
) -> datetime | None:
    """When the next step becomes due (None after the escalation)."""
    if position.step is None or position.at is None:
        return due_at
    if position.step is Step.ESCALATION:
        return None
    gap = STEP_GAP_BUSINESS_DAYS * business_day_hours(office)
    return add_business_hours(position.at, gap, office.tz, office.open, office.close, working_day)


def next_step(
    position: LadderPosition,
    due_at: datetime,
    office: Office,
    now: datetime,
    working_day: WorkingDay = weekday,
) -> Step | None:
    """The step to take at `now`, if any. Office-facing steps wait for the office's business hours on one of
    its working days (`working_day`: the office calendar's)."""
    if not due_at < now:
        return None
    if not office.active:
        return None if position.step is Step.ESCALATION else Step.ESCALATION
    threshold = step_due_at(position, due_at, office, working_day)
    if threshold is None or now < threshold:
        return None
    step = Step.FIRST_REMINDER if position.step is None else Step(position.step + 1)
    if step is not Step.ESCALATION and not is_open(now, office.tz, office.open, office.close, working_day):
        return None
    return step


# -- the job ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueItem:
    id: int
    office_id: int
    asker_id: str
    asker_channel: str
    encounter_ref: str
    due_at: datetime
    office_ts: str | None
    asker_ts: str | None
    position: LadderPosition


def load_overdue(db: Database, now: datetime) -> list[OverdueItem]:
    return [
        OverdueItem(
            id=row.id,
            office_id=row.office_id,
            asker_id=row.asker_id,
            asker_channel=row.asker_channel,
            encounter_ref=row.encounter_ref,
            due_at=row.due_at,
            office_ts=row.office_ts,
            asker_ts=row.asker_ts,
            position=LadderPosition(
                step=None if row.last_step is None else Step(row.last_step), at=row.last_step_at
            ),
        )
        for row in overdue_steps.open_past_due(db, now)
    ]


def _thread_note(
    *,
    kind: str,
    channel: str,
    parent_id: int | None,
    known_ts: str | None,
    text: str,
    dedupe_key: str,
    clarification_id: int,
) -> Outgoing:
    """A reply in the thread of the clarification's original message: after its outbox row (`parent_id`) when
    we have it (the worker fills in the ts), else under the known ts, else (never posted) in the channel itself."""
    payload: dict[str, object] = {
        "channel": channel,
        "text": text,
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if parent_id is not None:
        return Outgoing(
            kind=kind,
            channel=channel,
            method="chat.postMessage",
            payload=payload,
            dedupe_key=dedupe_key,
            clarification_id=clarification_id,
            parent_id=parent_id,
            parent_ts_field="thread_ts",
        )
    if known_ts:
        payload["thread_ts"] = known_ts
    return Outgoing(
        kind=kind,
        channel=channel,
        method="chat.postMessage",
        payload=payload,
        dedupe_key=dedupe_key,
        clarification_id=clarification_id,
    )


def _parent_key(item_id: int, kind: MessageKind) -> str:
    return f"clarification:{item_id}:{kind}"


def office_reminder_text(item: OverdueItem, step: Step) -> str:
    if step is Step.FIRST_REMINDER:
        return (
            f"Reminder: clarification #{item.id} was due {when(item.due_at)} and has no answer yet. "
            "Please answer it with the *Answer* button on the question, or ask the coder for more information."
        )
    return (
        f"Second reminder: clarification #{item.id} was due {when(item.due_at)} and is still unanswered. "
        "Without an answer within a business day it goes to the coding leads."
    )


def asker_note_text(item: OverdueItem, office: Office, step: Step) -> str:
    name = escape(office.name)
    if step is Step.FIRST_REMINDER:
        return f"Clarification #{item.id} to {name} is past due; the office has been reminded."
    if step is Step.SECOND_REMINDER:
        return f"Clarification #{item.id} to {name} is still unanswered; the office got a second reminder."
    return f"Clarification #{item.id} to {name} has been escalated to the coding leads."


def escalation_text(
    item: OverdueItem, office: Office, now: datetime, working_day: WorkingDay = weekday
) -> str:
    days = business_days_between(item.due_at, now, office.tz, working_day)
    ago = "today" if days == 0 else f"{report_text.business_days(days)} ago"
    link = report_text.message_link(office.channel_id, item.office_ts, f"#{item.id}")
    reminded = "two reminders got no answer" if office.active else "its office has been removed"
    return (
        f"*Escalation:* clarification {link} to {escape(office.name)} (asked by {mention(item.asker_id)}, "
        f"encounter `{escape(item.encounter_ref)}`) was due {when(item.due_at)} ({ago}); {reminded}."
    )


def _messages_for_step(
    parents: Mapping[str, int],
    item: OverdueItem,
    office: Office,
    step: Step,
    context: JobContext,
    working_day: WorkingDay,
) -> list[Outgoing]:
    key = f"overdue:{item.id}:{instant_text(item.due_at)}:{int(step)}"
    found: list[Outgoing] = []
    if step is Step.ESCALATION:
        leads = context.target_channel()
        assert leads is not None
        found.append(
            Outgoing(
                kind="overdue_escalation",
                channel=leads,
                method="chat.postMessage",
                payload={
                    "channel": leads,
                    "text": escalation_text(item, office, context.now, working_day),
                    "unfurl_links": False,
                    "unfurl_media": False,
                },
                dedupe_key=f"{key}:leads",
                clarification_id=item.id,
            )
        )
    else:
        found.append(
            _thread_note(
                kind="overdue_reminder",
                channel=office.channel_id,
                parent_id=parents.get(_parent_key(item.id, MessageKind.OFFICE_POST)),
                known_ts=item.office_ts,
                text=office_reminder_text(item, step),
                dedupe_key=f"{key}:office",
                clarification_id=item.id,
            )
        )
    found.append(
        _thread_note(
            kind="overdue_asker_note",
            channel=item.asker_channel,
            parent_id=parents.get(_parent_key(item.id, MessageKind.ASKER_TRACKING)),
            known_ts=item.asker_ts,
            text=asker_note_text(item, office, step),
            dedupe_key=f"{key}:asker",
            clarification_id=item.id,
        )
    )
    return found


def _step_audit(item: OverdueItem, step: Step, now: datetime) -> audit.NewAuditEntry:
    return audit.NewAuditEntry(
        clarification_id=item.id,
        actor_id=SYSTEM_ACTOR,
        action=_AUDIT_ACTIONS[step],
        at=now,
        detail={"step": int(step), "due_at": item.due_at.astimezone(UTC).isoformat()},
    )


def overdue_body(db: Database, context: JobContext) -> JobOutput:
    """Decide every step first, then read the threads' parent rows in one query and record the steps and
    their audit rows in one statement each: a first run with thousands of overdue questions makes a handful of
    round trips to the database, not several per question."""
    office_by_id = {office.id: office for office in offices.list_offices(db, include_inactive=True)}
    calendar_by_id: dict[int, WorkCalendar] = {}
    taken: Counter[str] = Counter()
    due: list[tuple[OverdueItem, Office, Step, WorkingDay]] = []
    for item in load_overdue(db, context.now):
        office = office_by_id[item.office_id]
        if office.id not in calendar_by_id:
            calendar_by_id[office.id] = office_calendar(db, office.id)
        working_day = calendar_by_id[office.id].is_working_day
        step = next_step(item.position, item.due_at, office, context.now, working_day)
        if step is None:
            continue
        if step is Step.ESCALATION and context.target_channel() is None:
            taken["escalation_waiting_for_channel"] += 1
            continue
        due.append((item, office, step, working_day))
        taken[_AUDIT_ACTIONS[step]] += 1
    parents = outbox.ids_by_dedupe_key(
        db,
        (
            _parent_key(item.id, kind)
            for item, _, _, _ in due
            for kind in (MessageKind.OFFICE_POST, MessageKind.ASKER_TRACKING)
        ),
    )
    messages = [
        message
        for item, office, step, working_day in due
        for message in _messages_for_step(parents, item, office, step, context, working_day)
    ]
    overdue_steps.record_steps(
        db,
        [overdue_steps.StepTaken(item.id, item.due_at, int(step), context.now) for item, _, step, _ in due],
    )
    audit.append_many(db, [_step_audit(item, step, context.now) for item, _, step, _ in due])
    notes = tuple(f"{name}={count}" for name, count in sorted(taken.items()))
    return JobOutput(messages=tuple(messages), notes=notes)


def post_overdue_followups(
    deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    return run_in_slot(deps, OVERDUE, slot or manual_slot(now), now, overdue_body, preview=preview)
