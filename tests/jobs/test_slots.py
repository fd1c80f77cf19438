"""Each (job, slot) posts once: repeated runs, racing instances, failures, previews and start-up catch-up."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlite_utils

from bot.jobs import slots
from bot.jobs.queue_status import post_queue_status
from bot.jobs.registry import run_job
from bot.jobs.scheduler import run_latest_slot, run_missed_slots
from bot.jobs.schedules import CODE_CHANGES, DATA_COVERAGE, DIGEST, OVERDUE, QUEUE_STATUS, ScheduleError
from bot.jobs.slots import JobContext, JobOutput, Outgoing, RunStatus, run_in_slot
from tests.jobs.conftest import (
    CHICAGO,
    LEADS_CHANNEL,
    TEAM_CHANNEL,
    JobsDeps,
    World,
    outbox_rows,
    query,
    set_channel,
)

MONDAY_0900 = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo(CHICAGO))
MONDAY_1130 = datetime(2026, 11, 2, 11, 30, tzinfo=ZoneInfo(CHICAGO))


@pytest.fixture(autouse=True)
def channels(deps: JobsDeps, world: World) -> None:
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL)
    set_channel(deps, DIGEST, LEADS_CHANNEL)
    set_channel(deps, OVERDUE, LEADS_CHANNEL)


def test_the_same_slot_twice_posts_once(deps: JobsDeps) -> None:
    slot = slots.scheduled_slot(MONDAY_0900)
    first = post_queue_status(deps, MONDAY_0900, slot=slot)
    again = post_queue_status(deps, MONDAY_0900.replace(minute=5), slot=slot)
    assert first.status is RunStatus.RAN and len(first.outbox_ids) == 1
    assert again.status is RunStatus.ALREADY_RAN and again.outbox_ids == ()
    assert len(outbox_rows(deps, "job_queue_status")) == 1
    assert query(deps, "SELECT job, slot, messages FROM job_runs") == [(QUEUE_STATUS, slot, 1)]


def test_two_instances_racing_for_one_slot_post_once(deps: JobsDeps) -> None:
    slot = slots.scheduled_slot(MONDAY_0900)
    start = threading.Barrier(4)
    statuses: list[RunStatus] = []

    def instance() -> None:
        start.wait()
        statuses.append(post_queue_status(deps, MONDAY_0900, slot=slot).status)

    threads = [threading.Thread(target=instance) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [RunStatus.ALREADY_RAN] * 3 + [RunStatus.RAN]
    assert len(outbox_rows(deps, "job_queue_status")) == 1


def test_a_failing_job_leaves_no_claim_so_the_slot_can_run_again(deps: JobsDeps) -> None:
    def broken(db: sqlite_utils.Database, context: JobContext) -> JobOutput:
        raise RuntimeError("boom")

    def working(db: sqlite_utils.Database, context: JobContext) -> JobOutput:
        message = Outgoing(
            "test", "C0TEST", "chat.postMessage", {"channel": "C0TEST", "text": "hi"}, "test:1"
        )
        return JobOutput(messages=(message,))

    with pytest.raises(RuntimeError):
        run_in_slot(deps, QUEUE_STATUS, "slot-1", MONDAY_0900, broken)
    assert query(deps, "SELECT count(*) FROM job_runs") == [(0,)]
    assert run_in_slot(deps, QUEUE_STATUS, "slot-1", MONDAY_0900, working).status is RunStatus.RAN
    assert len(outbox_rows(deps, "test")) == 1


def test_a_preview_keeps_nothing(deps: JobsDeps) -> None:
    slot = slots.scheduled_slot(MONDAY_0900)
    preview = post_queue_status(deps, MONDAY_0900, slot=slot, preview=True)
    assert preview.status is RunStatus.PREVIEW
    assert preview.messages and "Clarification queue" in preview.messages[0].text
    assert outbox_rows(deps) == []
    assert post_queue_status(deps, MONDAY_0900, slot=slot).status is RunStatus.RAN


def test_naive_now_is_refused(deps: JobsDeps) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        post_queue_status(deps, datetime(2026, 11, 2, 9, 0))


def test_after_downtime_each_job_runs_its_latest_missed_slot_once(deps: JobsDeps) -> None:
    # Down since Friday; back on Monday at 11:30. Missed: Friday 13:00 and Monday 09:00 queue status, Monday
    # 08:00 digest, every overdue quarter hour. Each job runs once, for its latest slot.
    ran = run_missed_slots(deps, MONDAY_1130)
    assert {(result.job, result.slot) for result in ran} == {
        (QUEUE_STATUS, slots.scheduled_slot(MONDAY_0900)),
        (DIGEST, slots.scheduled_slot(MONDAY_0900.replace(hour=8))),
        (OVERDUE, slots.scheduled_slot(MONDAY_1130)),
        (DATA_COVERAGE, slots.scheduled_slot(MONDAY_0900.replace(hour=7, minute=30))),
        (CODE_CHANGES, slots.scheduled_slot(MONDAY_0900.replace(hour=7, minute=15))),
    }
    assert len(outbox_rows(deps, "job_queue_status")) == 1
    assert len(outbox_rows(deps, "job_digest")) == 2  # the message and its chart
    assert run_missed_slots(deps, MONDAY_1130.replace(minute=40)) == []  # a second restart: nothing again


def test_a_slot_too_old_to_matter_is_not_caught_up(deps: JobsDeps) -> None:
    # Monday 08:30: the last queue status slot is Friday 13:00, beyond its 3-hour catch-up window.
    monday_0830 = MONDAY_0900.replace(hour=8, minute=30)
    assert run_latest_slot(deps, QUEUE_STATUS, monday_0830) is None
    assert outbox_rows(deps, "job_queue_status") == []


def test_the_scheduled_run_after_a_catch_up_of_the_same_slot_posts_nothing(deps: JobsDeps) -> None:
    caught_up = run_latest_slot(deps, QUEUE_STATUS, MONDAY_0900.replace(minute=2))
    on_time = run_latest_slot(deps, QUEUE_STATUS, MONDAY_0900.replace(minute=3))
    assert caught_up is not None and caught_up.status is RunStatus.RAN
    assert on_time is not None and on_time.status is RunStatus.ALREADY_RAN
    assert len(outbox_rows(deps, "job_queue_status")) == 1


def test_a_switched_off_job_does_not_run(deps: JobsDeps) -> None:
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL, enabled=False)
    assert run_latest_slot(deps, QUEUE_STATUS, MONDAY_0900) is None


def test_jobs_run_by_name(deps: JobsDeps) -> None:
    assert run_job(deps, QUEUE_STATUS, MONDAY_0900).status is RunStatus.RAN
    with pytest.raises(ScheduleError, match="no job called 'backup'"):
        run_job(deps, "backup", MONDAY_0900)
