"""The digest's figures against a small fixture computed by hand.

Digest run Tuesday 3 November 2026 08:00 CST: the period is Monday 2 November (00:00-24:00 Chicago).
North Clinic: Chicago 08:00-17:00. South Surgery: London 09:00-17:00. Turnaround in each office's hours.

    A north UCODER  asked Mon 09:00          answered Mon 11:00 ->  2 h   resolved (changed) Mon 12:00
    B north UCODER  asked Fri 16:00 CDT      answered Mon 10:00 ->  3 h   (1 Fri + 2 Mon) resolved (confirmed) Mon 15:00
    C north UCODER2 asked Mon 08:00          answered Mon 16:00 ->  8 h   resolved (disagreed) Mon 16:30
    D south UCODER2 asked Thu 14:00 GMT      answered Mon 10:00 GMT -> 12 h (3 Thu + 8 Fri + 1 Mon)
    E north UCODER  asked Mon 10:00          closed unanswered Mon 14:00
    F north UCODER  asked Mon 13:00          open, due Tue 13:00
    G north UCODER  asked Thu 1 Oct          open, overdue
    H north UCODER  asked Fri 09:00 CDT      answered Sun 12:00 (outside the period) -> 8 h

Period: opened A C E F = 4; answered A B C D = 4, turnarounds [2, 3, 8, 12]: median 5.5, p90 8 + 0.7 * 4 = 10.8;
resolved A B C = 3; closed E = 1; response 4 / (4 + 1) = 80 %; agreement (agreed A B of the answered with an
outcome A B C) 2 / 3 = 67 %, D awaiting an outcome; open F G = 2, overdue G = 1.
"""

from __future__ import annotations

import base64
import struct
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.chart import PNG_SIGNATURE
from bot.jobs.digest import (
    UPLOAD_METHOD,
    Digest,
    digest_period,
    gather_digest,
    percentile,
    post_daily_digest,
    send_file_upload,
    with_file_uploads,
)
from bot.jobs.schedules import DIGEST
from bot.relay.service import ClarificationService
from bot.relay.work_calendar import WorkCalendar
from storage import check_stats
from storage.clarifications import Outcome
from storage.usage import record_use
from tests.jobs.conftest import (
    CHICAGO,
    CODER,
    CODER2,
    LEADS_CHANNEL,
    NORTH_STAFF,
    SOUTH_STAFF,
    TEAM_TZ,
    Desk,
    JobsDeps,
    World,
    chicago,
    london,
    outbox_rows,
    set_channel,
)

TUESDAY_0800 = datetime(2026, 11, 3, 8, 0, tzinfo=ZoneInfo(CHICAGO))


@pytest.fixture
def fixture_ids(deps: JobsDeps, world: World, desk: Desk, service: ClarificationService) -> dict[str, int]:
    def resolve(c_id: int, at: datetime, outcome: Outcome, asker: Any = CODER) -> None:
        desk.clock.now = at
        service.resolve(c_id, asker, outcome)

    a = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))
    desk.answer(a, chicago(2026, 11, 2, 11, 0), NORTH_STAFF)
    b = desk.ask(world.north, chicago(2026, 10, 30, 16, 0))
    desk.answer(b, chicago(2026, 11, 2, 10, 0), NORTH_STAFF)
    resolve(a.id, chicago(2026, 11, 2, 12, 0), Outcome.CHANGED)
    resolve(b.id, chicago(2026, 11, 2, 15, 0), Outcome.CONFIRMED)
    c = desk.ask(world.north, chicago(2026, 11, 2, 8, 0), asker=CODER2)
    desk.answer(c, chicago(2026, 11, 2, 16, 0), NORTH_STAFF)
    resolve(c.id, chicago(2026, 11, 2, 16, 30), Outcome.DISAGREED, CODER2)
    d = desk.ask(world.south, london(2026, 10, 29, 14, 0), asker=CODER2)
    desk.answer(d, london(2026, 11, 2, 10, 0), SOUTH_STAFF)
    e = desk.ask(world.north, chicago(2026, 11, 2, 10, 0))
    desk.clock.now = chicago(2026, 11, 2, 14, 0)
    service.close_unanswered(e.id, CODER, "The encounter was billed without the query.")
    f = desk.ask(world.north, chicago(2026, 11, 2, 13, 0))
    g = desk.ask(world.north, chicago(2026, 10, 1, 10, 0))
    h = desk.ask(world.north, chicago(2026, 10, 30, 9, 0))
    desk.answer(h, chicago(2026, 11, 1, 12, 0), NORTH_STAFF)

    db = deps.db_factory()
    try:
        for _ in range(3):
            record_use(db, CODER.user_id, "lookup", "heart attack", chicago(2026, 11, 2, 10, 0))
        for _ in range(2):  # Monday evening in Chicago is already Tuesday in UTC
            record_use(db, CODER.user_id, "check", None, chicago(2026, 11, 2, 23, 30))
        record_use(db, CODER.user_id, "lookup", "chf", chicago(2026, 11, 1, 23, 59))
        record_use(db, CODER.user_id, "check", None, chicago(2026, 11, 3, 0, 0))
        check_stats.add_failures(db, ["header_code", "invalid_on_dos"], chicago(2026, 11, 2, 10, 0))
        check_stats.add_failures(db, ["header_code", "header_code"], chicago(2026, 11, 2, 11, 0))
        check_stats.add_failures(db, ["age_conflict"], chicago(2026, 11, 1, 11, 0))
    finally:
        db.close()
    return {"a": a.id, "b": b.id, "c": c.id, "d": d.id, "e": e.id, "f": f.id, "g": g.id, "h": h.id}


@pytest.fixture
def digest(deps: JobsDeps, fixture_ids: dict[str, int]) -> Digest:
    db = deps.db_factory()
    try:
        return gather_digest(db, TUESDAY_0800, TEAM_TZ)
    finally:
        db.close()


def test_percentile_interpolates_between_closest_ranks() -> None:
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([2, 3, 8, 12], 0.5) == 5.5
    assert percentile([12, 2, 8, 3], 0.9) == pytest.approx(10.8)
    assert percentile([float(n) for n in range(1, 11)], 0.9) == pytest.approx(9.1)


def test_the_period_is_the_previous_weekday_and_monday_covers_the_weekend() -> None:
    assert digest_period(TUESDAY_0800, CHICAGO) == (chicago(2026, 11, 2, 0, 0), chicago(2026, 11, 3, 0, 0))
    start, end = digest_period(chicago(2026, 11, 2, 8, 0), CHICAGO)
    assert (start, end) == (chicago(2026, 10, 30, 0, 0), chicago(2026, 11, 2, 0, 0))
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=3, hours=1)  # clocks went back


def test_the_period_skips_the_team_holidays() -> None:
    """The Friday after Thanksgiving reports on Wednesday and Thursday (the holiday, when the digest is skipped);
    the Monday after Christmas (a Friday) on Thursday 24 December to Sunday, when a lead closed Christmas Eve
    too: then it starts on Wednesday the 23rd."""
    us = WorkCalendar(region="US")
    friday = chicago(2026, 11, 27, 8, 0)
    assert digest_period(friday, CHICAGO, us) == (chicago(2026, 11, 25, 0, 0), chicago(2026, 11, 27, 0, 0))
    monday = chicago(2026, 12, 28, 8, 0)
    assert digest_period(monday, CHICAGO, us)[0] == chicago(2026, 12, 24, 0, 0)
    closed_eve = WorkCalendar(region="US", closed={date(2026, 12, 24): "Christmas Eve"})
    assert digest_period(monday, CHICAGO, closed_eve)[0] == chicago(2026, 12, 23, 0, 0)


def test_team_figures_match_the_hand_computation(digest: Digest) -> None:
    t = digest.total
    assert (t.opened, t.answered, t.resolved, t.closed_unanswered) == (4, 4, 3, 1)
    assert sorted(t.turnarounds) == pytest.approx([2.0, 3.0, 8.0, 12.0])
    assert t.median == pytest.approx(5.5)
    assert t.p90 == pytest.approx(10.8)
    assert t.response_rate == pytest.approx(0.8)
    assert (t.agreed, t.disagreed, t.awaiting_outcome) == (2, 1, 1)
    assert t.agreement_rate == pytest.approx(2 / 3)
    assert (t.open_now, t.overdue_now) == (2, 1)
    assert (digest.lookups, digest.checks) == (3, 2)
    assert digest.failures == [("header_code", 2), ("invalid_on_dos", 1)]


def test_office_and_coder_figures(digest: Digest, world: World, fixture_ids: dict[str, int]) -> None:
    north, south = digest.by_office[world.north.id], digest.by_office[world.south.id]
    assert (north.opened, north.answered, north.closed_unanswered, north.agreed) == (4, 3, 1, 2)
    assert (north.median, north.p90) == (pytest.approx(3.0), pytest.approx(7.0))
    assert north.response_rate == pytest.approx(0.75)
    assert (north.open_now, north.overdue_now) == (2, 1)
    assert north.agreement_rate == pytest.approx(2 / 3)
    # D has an answer but no recorded outcome: neither agreement nor disagreement.
    assert (south.answered, south.median, south.agreement_rate, south.response_rate) == (1, 12.0, None, 1.0)

    coder, coder2 = digest.by_coder[CODER.user_id], digest.by_coder[CODER2.user_id]
    assert (coder.opened, coder.answered, coder.agreed, coder.closed_unanswered) == (3, 2, 2, 1)
    assert (coder.open_now, coder.overdue_now, coder.median) == (2, 1, 2.5)
    assert (coder2.opened, coder2.answered, coder2.agreed, coder2.median) == (1, 2, 0, 10.0)
    assert (coder2.disagreed, coder2.awaiting_outcome, coder2.agreement_rate) == (1, 1, 0.0)
    assert [item.id for item in digest.overdue] == [fixture_ids["g"]]


def test_chart_days_are_the_fourteen_days_ending_with_the_period(digest: Digest) -> None:
    days = {day.day: day for day in digest.chart_days}
    assert [day.day for day in digest.chart_days] == [
        date(2026, 10, 20) + timedelta(days=n) for n in range(14)
    ]
    assert days[date(2026, 11, 2)].volume == 4
    assert days[date(2026, 10, 30)].volume == 2  # B and H
    assert days[date(2026, 10, 29)].volume == 1  # D, asked 09:00 Chicago time
    assert days[date(2026, 11, 2)].turnaround_hours == pytest.approx(5.5)
    assert days[date(2026, 11, 1)].turnaround_hours == pytest.approx(8.0)  # H, answered on the Sunday
    assert days[date(2026, 10, 28)].turnaround_hours is None
    assert sum(day.volume for day in digest.chart_days) == 7


def test_the_job_posts_the_digest_and_uploads_the_chart(deps: JobsDeps, fixture_ids: dict[str, int]) -> None:
    set_channel(deps, DIGEST, LEADS_CHANNEL)
    result = post_daily_digest(deps, TUESDAY_0800)
    assert len(result.outbox_ids) == 2
    message, chart = outbox_rows(deps, "job_digest")
    assert (message.method, message.channel, chart.method, chart.channel) == (
        "chat.postMessage",
        LEADS_CHANNEL,
        UPLOAD_METHOD,
        LEADS_CHANNEL,
    )
    text = str(message.payload["text"])
    for expected in (
        "*Daily digest* · Mon 2 Nov",
        "Opened *4* · answered *4* · resolved *3* · closed unanswered *1*",
        "Response rate 80% (4/5)",
        "agreement rate 67% (2/3) (1 awaiting an outcome)",
        "median 5.5 h, p90 10.8 h",
        "Open now *2*, overdue *1* · lookups 3 · checks 2",
        "`header_code` 2 · `invalid_on_dos` 1",
        "North Clinic",
        f"<@{CODER2.user_id}>: opened 1 · answered 2",
        f"#{fixture_ids['g']}",
    ):
        assert expected in text
    png = base64.b64decode(str(chart.payload["content_base64"]))
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == (640, 360)
    assert chart.payload["filename"] == "digest-2026-11-02.png"
    assert result.attachments == {"digest-2026-11-02.png": png}


def test_no_channel_means_no_digest(deps: JobsDeps, fixture_ids: dict[str, int]) -> None:
    result = post_daily_digest(deps, TUESDAY_0800)
    assert result.outbox_ids == () and "no channel set for digest" in result.notes


class FakeUploader:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def files_upload_v2(self, **kwargs: Any) -> dict[str, Any]:
        self.calls.append(kwargs)
        return {"ok": True, "file": {"id": "F1"}}


def test_chart_rows_are_uploaded_and_other_rows_sent_as_before() -> None:
    uploader = FakeUploader()
    sent: list[str] = []

    def send_message(method: str, payload: dict[str, Any]) -> dict[str, Any]:
        sent.append(method)
        return {"ok": True, "ts": "1.2"}

    send = with_file_uploads(uploader, send_message)
    payload = {
        "channel": "C0LEADS",
        "filename": "chart.png",
        "title": "Chart",
        "initial_comment": "caption",
        "content_base64": base64.b64encode(b"\x89PNG...").decode(),
    }
    assert send(UPLOAD_METHOD, payload) == {"ok": True, "file": {"id": "F1"}}
    assert send("chat.postMessage", {"channel": "C1", "text": "hi"})["ts"] == "1.2"
    assert uploader.calls == [
        {
            "content": b"\x89PNG...",
            "channel": "C0LEADS",
            "filename": "chart.png",
            "title": "Chart",
            "initial_comment": "caption",
        }
    ]
    assert sent == ["chat.postMessage"]
    assert send_file_upload(uploader, {**payload, "thread_ts": "9.9"}) == {"ok": True, "file": {"id": "F1"}}
    assert uploader.calls[-1]["thread_ts"] == "9.9"
