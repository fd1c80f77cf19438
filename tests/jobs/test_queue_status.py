"""Queue status: counts by office and coder, ages in business days, overdue, the oldest items with links."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.queue_status import (
    BUCKET_LABELS,
    age_bucket,
    post_queue_status,
    queue_status_text,
    summarise_queue,
)
from bot.jobs.schedules import QUEUE_STATUS
from storage import clarifications, offices, reports
from storage.db import write_transaction
from tests.jobs.conftest import (
    CHICAGO,
    CODER,
    CODER2,
    LONDON,
    NORTH_STAFF,
    TEAM_CHANNEL,
    TEAM_TZ,
    Desk,
    JobsDeps,
    World,
    chicago,
    outbox_rows,
    set_channel,
)

WEDNESDAY_1000 = datetime(2026, 11, 4, 10, 0, tzinfo=ZoneInfo(CHICAGO))


@pytest.mark.parametrize(("days", "bucket"), [(0, 0), (1, 1), (2, 1), (3, 2), (6, 2), (7, 3), (30, 3)])
def test_age_buckets_hold_their_lower_bound(days: int, bucket: int) -> None:
    assert age_bucket(days) == bucket


@pytest.fixture
def queue(deps: JobsDeps, world: World, desk: Desk) -> dict[str, int]:
    today = desk.ask(world.north, chicago(2026, 11, 4, 8, 30))  # 0 business days
    tuesday = desk.ask(world.north, chicago(2026, 11, 3, 9, 0), asker=CODER2)  # 1
    monday = desk.ask(world.south, datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo(LONDON)))  # 2
    friday = desk.ask(world.north, chicago(2026, 10, 30, 9, 0))  # 3 (Mon, Tue, Wed)
    old = desk.ask(world.north, chicago(2026, 10, 26, 9, 0))  # 7
    answered = desk.ask(world.north, chicago(2026, 10, 20, 9, 0))
    desk.answer(answered, chicago(2026, 10, 20, 10, 0), NORTH_STAFF)
    db = deps.db_factory()
    try:
        with write_transaction(db):
            clarifications.set_message_ts(db, old.id, "office_ts", "1761400000.123456")
    finally:
        db.close()
    return {"today": today.id, "tuesday": tuesday.id, "monday": monday.id, "friday": friday.id, "old": old.id}


def test_counts_ages_and_overdue(deps: JobsDeps, world: World, queue: dict[str, int]) -> None:
    db = deps.db_factory()
    try:
        office_by_id = {office.id: office for office in offices.list_offices(db)}
        summary = summarise_queue(reports.open_clarifications(db), office_by_id, WEDNESDAY_1000)
    finally:
        db.close()
    assert (summary.total.open, summary.total.buckets) == (5, [1, 2, 1, 1])
    # Due one business day after asking: all but today's are past due on Wednesday 10:00.
    assert summary.total.overdue == 4
    north, south = summary.by_office[world.north.id], summary.by_office[world.south.id]
    assert (north.open, north.overdue, north.buckets) == (4, 3, [1, 1, 1, 1])
    assert (south.open, south.overdue) == (1, 1)
    assert (summary.by_coder[CODER.user_id].open, summary.by_coder[CODER2.user_id].open) == (4, 1)
    assert [found.item.id for found in summary.oldest][:2] == [queue["old"], queue["friday"]]
    assert [found.business_days for found in summary.oldest] == [7, 3, 2, 1, 0]


def test_the_message(deps: JobsDeps, world: World, queue: dict[str, int]) -> None:
    db = deps.db_factory()
    try:
        office_by_id = {office.id: office for office in offices.list_offices(db)}
        summary = summarise_queue(reports.open_clarifications(db), office_by_id, WEDNESDAY_1000)
    finally:
        db.close()
    text = queue_status_text(summary, office_by_id, WEDNESDAY_1000, TEAM_TZ)
    assert text.startswith("*Clarification queue* · Wed 4 Nov 2026 10:00 CST")
    assert "*5 open*, *4 overdue*" in text
    assert " · ".join(f"{label} {n}" for label, n in zip(BUCKET_LABELS, [1, 2, 1, 1], strict=True)) in text
    assert "North Clinic" in text and "South Surgery" in text
    assert f"• <@{CODER.user_id}> 4 open (3 overdue)" in text
    link = f"<https://slack.com/archives/C0NORTH/p1761400000123456|#{queue['old']}>"
    assert f"• {link} North Clinic" in text and "7 business days · *overdue*" in text
    assert f"#{queue['today']} North Clinic" in text and "asked today" in text
    assert f"#{queue['tuesday']} North Clinic" in text and "1 business day · *overdue*" in text


def test_an_empty_queue_says_so(deps: JobsDeps, world: World) -> None:
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL)
    result = post_queue_status(deps, WEDNESDAY_1000)
    assert "No open clarifications." in result.messages[0].text


def test_the_job_posts_to_the_team_channel_only_when_one_is_set(
    deps: JobsDeps, world: World, queue: dict[str, int]
) -> None:
    unset = post_queue_status(deps, WEDNESDAY_1000)
    assert unset.outbox_ids == () and unset.notes == ("no channel set for queue_status",)
    set_channel(deps, QUEUE_STATUS, TEAM_CHANNEL)
    result = post_queue_status(deps, WEDNESDAY_1000.replace(minute=1))
    [row] = outbox_rows(deps, "job_queue_status")
    assert row.id == result.outbox_ids[0] and row.channel == TEAM_CHANNEL
    assert row.payload["unfurl_links"] is False
    assert "open=5" in result.notes and "overdue=4" in result.notes
