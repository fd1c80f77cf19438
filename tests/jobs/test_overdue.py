"""The escalation ladder: reminder, second reminder a business day later, then the leads; each step once, ever.

North Clinic (Chicago, 08:00-17:00) has a 9-hour SLA, South Surgery (London, 09:00-17:00) an 8-hour one: one
business day each, so the due times below can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.jobs import slots
from bot.jobs.overdue import LadderPosition, Step, business_day_hours, next_step, post_overdue_followups
from bot.jobs.schedules import OVERDUE
from bot.jobs.slots import JobResult, RunStatus
from bot.relay.service import ClarificationService
from storage import audit
from storage.clarifications import Clarification
from tests.jobs.conftest import (
    ADMIN,
    CODER,
    LEAD,
    LEADS_CHANNEL,
    NORTH_STAFF,
    Desk,
    JobsDeps,
    World,
    chicago,
    london,
    outbox_rows,
    query,
    set_channel,
)


def quarter_hours(start: datetime, end: datetime) -> Iterator[datetime]:
    moment = start.astimezone(UTC)
    while moment <= end:
        yield moment
        moment += timedelta(minutes=15)


def run(deps: JobsDeps, now: datetime) -> JobResult:
    return post_overdue_followups(deps, now, slot=slots.scheduled_slot(now))


def steps_taken(deps: JobsDeps, c: Clarification) -> list[tuple[int, datetime]]:
    rows = query(deps, "SELECT step, at FROM overdue_steps WHERE clarification_id = ? ORDER BY step", [c.id])
    return [(int(str(step)), datetime.fromisoformat(str(at))) for step, at in rows]


@pytest.fixture(autouse=True)
def leads_channel(deps: JobsDeps, world: World) -> None:
    set_channel(deps, OVERDUE, LEADS_CHANNEL)


def test_the_ladder_runs_each_step_once_however_often_the_job_runs(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    c = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    assert c.due_at == chicago(2026, 11, 3, 9, 0)  # one business day later
    for now in quarter_hours(chicago(2026, 11, 2, 9, 0), chicago(2026, 11, 6, 17, 0)):
        run(deps, now)
        if now.minute == 0:
            run(deps, now)  # a second instance firing the same slot
            post_overdue_followups(deps, now)  # and someone running it by hand

    assert steps_taken(deps, c) == [
        (Step.FIRST_REMINDER, chicago(2026, 11, 3, 9, 15)),  # first run after the due time
        (Step.SECOND_REMINDER, chicago(2026, 11, 4, 9, 15)),  # one business day later
        (Step.ESCALATION, chicago(2026, 11, 5, 9, 15)),  # and one more
    ]
    office = outbox_rows(deps, "overdue_reminder")
    asker = outbox_rows(deps, "overdue_asker_note")
    leads = outbox_rows(deps, "overdue_escalation")
    assert [row.created_at for row in office] == [chicago(2026, 11, 3, 9, 15), chicago(2026, 11, 4, 9, 15)]
    assert len(asker) == 3 and len(leads) == 1
    assert leads[0].channel == LEADS_CHANNEL and leads[0].created_at == chicago(2026, 11, 5, 9, 15)

    # Reminders are replies in the question's thread; the asker's notes in their tracking message's thread.
    post = query(deps, "SELECT id FROM outbox WHERE dedupe_key = ?", [f"clarification:{c.id}:office_post"])
    tracking = query(
        deps, "SELECT id FROM outbox WHERE dedupe_key = ?", [f"clarification:{c.id}:asker_tracking"]
    )
    assert {(row.parent_id, row.parent_ts_field, row.channel) for row in office} == {
        (post[0][0], "thread_ts", "C0NORTH")
    }
    assert {row.parent_id for row in asker} == {tracking[0][0]}
    assert "Reminder" in office[0].payload["text"] and f"#{c.id}" in office[0].payload["text"]
    assert "Second reminder" in office[1].payload["text"]
    escalation = leads[0].payload["text"]
    assert "Escalation" in escalation and "North Clinic" in escalation and f"<@{CODER.user_id}>" in escalation

    db = deps.db_factory()
    actions = [entry.action for entry in audit.for_clarification(db, c.id)]
    db.close()
    assert actions[-3:] == ["overdue_reminder", "overdue_second_reminder", "overdue_escalated"]


def test_sla_and_ladder_across_a_weekend_and_the_end_of_dst_in_chicago(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    # Friday 30 October 16:00 CDT; clocks go back on Sunday 1 November. 1 hour on Friday + 8 on Monday.
    c = desk.ask(world.north, chicago(2026, 10, 30, 16, 0))
    assert c.due_at == datetime(2026, 11, 2, 22, 0, tzinfo=UTC)  # Monday 16:00 CST (UTC-6)
    assert run(deps, chicago(2026, 11, 2, 16, 0)).outbox_ids == ()  # due, not yet past due
    assert len(run(deps, chicago(2026, 11, 2, 16, 15)).outbox_ids) == 2
    # One business day after Monday 16:15 is Tuesday 16:15 (45 minutes on Monday, 8 h 15 on Tuesday).
    assert run(deps, chicago(2026, 11, 3, 16, 0)).outbox_ids == ()
    assert len(run(deps, chicago(2026, 11, 3, 16, 15)).outbox_ids) == 2
    assert [step for step, _ in steps_taken(deps, c)] == [1, 2]


def test_sla_and_ladder_across_a_weekend_and_the_end_of_dst_in_london(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    # Friday 23 October 16:00 BST; clocks go back on Sunday 25 October. 1 hour on Friday + 7 on Monday.
    c = desk.ask(world.south, london(2026, 10, 23, 16, 0))
    assert c.due_at == datetime(2026, 10, 26, 16, 0, tzinfo=UTC)  # Monday 16:00 GMT
    assert run(deps, london(2026, 10, 26, 16, 0)).outbox_ids == ()
    assert len(run(deps, london(2026, 10, 26, 16, 15)).outbox_ids) == 2
    assert run(deps, london(2026, 10, 27, 16, 0)).outbox_ids == ()
    assert len(run(deps, london(2026, 10, 27, 16, 15)).outbox_ids) == 2
    assert run(deps, london(2026, 10, 28, 16, 0)).outbox_ids == ()
    escalation = run(deps, london(2026, 10, 28, 16, 15))
    assert [message.kind for message in escalation.messages] == ["overdue_escalation", "overdue_asker_note"]


def test_sla_across_the_start_of_dst_in_both_zones(world: World, desk: Desk) -> None:
    # Chicago springs forward on Sunday 8 March 2026, London on Sunday 29 March.
    north = desk.ask(world.north, chicago(2026, 3, 6, 12, 0))  # 5 h Friday + 4 h Monday
    assert north.due_at == chicago(2026, 3, 9, 12, 0) == datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
    south = desk.ask(world.south, london(2026, 3, 27, 15, 0))  # 2 h Friday + 6 h Monday
    assert south.due_at == london(2026, 3, 30, 15, 0) == datetime(2026, 3, 30, 14, 0, tzinfo=UTC)


def test_office_reminders_wait_for_business_hours(world: World) -> None:
    due = chicago(2026, 11, 2, 16, 0)
    north = world.north
    assert next_step(LadderPosition(), due, north, chicago(2026, 11, 2, 17, 0)) is None  # closing time
    assert next_step(LadderPosition(), due, north, chicago(2026, 11, 2, 23, 0)) is None
    assert next_step(LadderPosition(), due, north, chicago(2026, 11, 3, 7, 59)) is None
    assert next_step(LadderPosition(), due, north, chicago(2026, 11, 3, 8, 0)) is Step.FIRST_REMINDER
    friday_due = chicago(2026, 11, 6, 16, 0)
    assert next_step(LadderPosition(), friday_due, north, chicago(2026, 11, 7, 10, 0)) is None  # Saturday
    assert next_step(LadderPosition(), friday_due, north, chicago(2026, 11, 9, 8, 0)) is Step.FIRST_REMINDER
    first = LadderPosition(Step.FIRST_REMINDER, chicago(2026, 11, 6, 16, 30))
    assert next_step(first, friday_due, north, chicago(2026, 11, 9, 16, 29)) is None
    assert next_step(first, friday_due, north, chicago(2026, 11, 9, 16, 30)) is Step.SECOND_REMINDER
    escalated = LadderPosition(Step.ESCALATION, chicago(2026, 11, 10, 16, 30))
    assert next_step(escalated, friday_due, north, chicago(2026, 12, 1, 12, 0)) is None


def test_an_escalation_waits_for_a_leads_channel_and_then_goes_out_once(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    c = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    set_channel(deps, OVERDUE, None)
    run(deps, chicago(2026, 11, 3, 9, 15))
    run(deps, chicago(2026, 11, 4, 9, 15))
    waiting = run(deps, chicago(2026, 11, 5, 9, 15))
    assert waiting.outbox_ids == () and "escalation_waiting_for_channel=1" in waiting.notes
    assert [step for step, _ in steps_taken(deps, c)] == [1, 2]
    set_channel(deps, OVERDUE, LEADS_CHANNEL)
    assert len(run(deps, chicago(2026, 11, 5, 9, 30)).outbox_ids) == 2
    assert run(deps, chicago(2026, 11, 5, 9, 45)).outbox_ids == ()
    assert len(outbox_rows(deps, "overdue_escalation")) == 1


def test_answered_questions_are_not_chased(deps: JobsDeps, world: World, desk: Desk) -> None:
    early = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    late = desk.ask(world.north, chicago(2026, 11, 2, 9, 30))
    desk.answer(early, chicago(2026, 11, 2, 15, 0), NORTH_STAFF)
    run(deps, chicago(2026, 11, 3, 9, 45))
    desk.answer(late, chicago(2026, 11, 3, 10, 0), NORTH_STAFF)
    for now in quarter_hours(chicago(2026, 11, 3, 10, 0), chicago(2026, 11, 6, 17, 0)):
        run(deps, now)
    assert steps_taken(deps, early) == []
    assert [step for step, _ in steps_taken(deps, late)] == [1]


def test_a_reopened_question_gets_a_new_ladder(
    deps: JobsDeps, world: World, desk: Desk, service: ClarificationService
) -> None:
    c = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    run(deps, chicago(2026, 11, 3, 9, 15))
    desk.answer(c, chicago(2026, 11, 3, 10, 0), NORTH_STAFF)
    desk.clock.now = chicago(2026, 11, 4, 9, 0)
    reopened = service.reopen(c.id, LEAD, "The answer names a different encounter.")
    assert reopened.due_at == chicago(2026, 11, 5, 9, 0)
    for now in quarter_hours(chicago(2026, 11, 4, 9, 0), chicago(2026, 11, 5, 12, 0)):
        run(deps, now)
    rows = query(
        deps, "SELECT due_at, step FROM overdue_steps WHERE clarification_id = ? ORDER BY at", [c.id]
    )
    assert [step for _, step in rows] == [1, 1]
    assert len({due for due, _ in rows}) == 2


def test_a_removed_office_is_not_reminded_and_its_questions_go_to_the_leads(
    deps: JobsDeps, world: World, desk: Desk, service: ClarificationService
) -> None:
    c = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    service.remove_office(ADMIN, world.north.id)
    result = run(deps, chicago(2026, 11, 3, 9, 15))
    assert [message.kind for message in result.messages] == ["overdue_escalation", "overdue_asker_note"]
    assert "office has been removed" in result.messages[0].text
    assert [step for step, _ in steps_taken(deps, c)] == [Step.ESCALATION]
    assert run(deps, chicago(2026, 11, 4, 9, 15)).outbox_ids == ()


def test_a_preview_records_no_step(deps: JobsDeps, world: World, desk: Desk) -> None:
    c = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    preview = post_overdue_followups(deps, chicago(2026, 11, 3, 9, 15), preview=True)
    assert preview.status is RunStatus.PREVIEW and len(preview.messages) == 2
    assert steps_taken(deps, c) == [] and outbox_rows(deps, "overdue") == []


def test_a_business_day_is_the_office_opening_hours(world: World) -> None:
    assert business_day_hours(world.north) == 9.0
    assert business_day_hours(world.south) == 8.0


def test_no_reminder_on_thanksgiving_and_the_ladder_counts_working_days(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    # North Clinic follows the team's default calendar (US). Asked the day before Thanksgiving at 09:00 with
    # a one-business-day SLA: due Friday 09:00, not on the holiday.
    c = desk.ask(world.north, chicago(2026, 11, 25, 9, 0))
    assert c.due_at == chicago(2026, 11, 27, 9, 0)
    for now in quarter_hours(chicago(2026, 11, 26, 0, 0), chicago(2026, 11, 26, 23, 45)):
        assert run(deps, now).outbox_ids == ()  # nothing on Thanksgiving itself
    assert run(deps, chicago(2026, 11, 27, 9, 0)).outbox_ids == ()
    assert len(run(deps, chicago(2026, 11, 27, 9, 15)).outbox_ids) == 2
    # The second reminder one working day later: Monday (the weekend does not count), not Saturday.
    assert run(deps, chicago(2026, 11, 30, 9, 0)).outbox_ids == ()
    assert len(run(deps, chicago(2026, 11, 30, 9, 15)).outbox_ids) == 2


def test_a_day_the_lead_closed_holds_the_reminders(
    deps: JobsDeps, world: World, desk: Desk, service: ClarificationService
) -> None:
    c = desk.ask(world.north, chicago(2026, 12, 22, 9, 0))
    assert c.due_at == chicago(2026, 12, 23, 9, 0)
    service.change_days(LEAD, world.north.id, [chicago(2026, 12, 23).date()], closed=True, note="staff day")
    assert run(deps, chicago(2026, 12, 23, 10, 0)).outbox_ids == ()  # past due, but the office is closed
    assert run(deps, chicago(2026, 12, 24, 8, 0)).outbox_ids != ()  # open again on Christmas Eve
