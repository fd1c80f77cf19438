"""Queue status for the team channel: open clarifications by office and by coder, their age, what is overdue.

Age is counted in whole business days (the office calendar's working days, in its time zone) since it was asked; a bucket
holds its lower bound: <1d is "asked today", 1-3d is 1 or 2 days, 3-7d is 3 to 6 days, 7d+ is 7 or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.jobs import report_text
from bot.jobs.schedules import QUEUE_STATUS
from bot.jobs.slots import JobContext, JobDeps, JobOutput, JobResult, Outgoing, manual_slot, run_in_slot
from bot.outbox_notices import undelivered_line
from bot.relay.business_time import WorkingDay, WorkingDayCount, weekday
from bot.relay.messages import escape, mention
from bot.relay.work_calendar import office_calendar
from storage import offices, outbox, reports
from storage.backend import Database
from storage.offices import Office
from storage.reports import OpenClarification

BUCKET_LABELS = ("<1d", "1-3d", "3-7d", "7d+")
_BUCKET_STARTS = (0, 1, 3, 7)
OLDEST_SHOWN = 10
OFFICES_SHOWN = 25


def age_bucket(business_days: int) -> int:
    """Index into BUCKET_LABELS."""
    index = 0
    for number, start in enumerate(_BUCKET_STARTS):
        if business_days >= start:
            index = number
    return index


@dataclass
class QueueLine:
    """Open and overdue counts of one office or one coder, with the age buckets."""

    open: int = 0
    overdue: int = 0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKET_LABELS))

    def add(self, bucket: int, overdue: bool) -> None:
        self.open += 1
        self.overdue += int(overdue)
        self.buckets[bucket] += 1


@dataclass(frozen=True)
class AgedItem:
    item: OpenClarification
    business_days: int
    overdue: bool


@dataclass(frozen=True)
class QueueSummary:
    total: QueueLine
    by_office: dict[int, QueueLine]
    by_coder: dict[str, QueueLine]
    oldest: list[AgedItem]


def summarise_queue(
    items: Iterable[OpenClarification],
    office_by_id: Mapping[int, Office],
    now: datetime,
    working_days: Mapping[int, WorkingDay] | None = None,
) -> QueueSummary:
    """Pure: the counts the message shows, for open `items` at `now`; ages count each office's working days
    (`working_days` by office id: its calendar's; weekdays when not given)."""
    total = QueueLine()
    by_office: dict[int, QueueLine] = {}
    by_coder: dict[str, QueueLine] = {}
    aged: list[AgedItem] = []
    counts: dict[int, WorkingDayCount] = {}
    for item in items:
        office = office_by_id[item.office_id]
        zone = ZoneInfo(office.tz)
        if office.id not in counts:
            working_day = (working_days or {}).get(office.id, weekday)
            counts[office.id] = WorkingDayCount(working_day, now.astimezone(zone).date())
        days = counts[office.id].after(item.created_at.astimezone(zone).date())
        overdue = item.due_at < now
        bucket = age_bucket(days)
        total.add(bucket, overdue)
        by_office.setdefault(item.office_id, QueueLine()).add(bucket, overdue)
        by_coder.setdefault(item.asker_id, QueueLine()).add(bucket, overdue)
        aged.append(AgedItem(item, days, overdue))
    aged.sort(key=lambda found: (found.item.created_at, found.item.id))
    return QueueSummary(total=total, by_office=by_office, by_coder=by_coder, oldest=aged[:OLDEST_SHOWN])


def _oldest_line(found: AgedItem, office: Office) -> str:
    item = found.item
    link = report_text.message_link(office.channel_id, item.office_ts, f"#{item.id}")
    late = " · *overdue*" if found.overdue else ""
    days = "asked today" if found.business_days == 0 else report_text.business_days(found.business_days)
    return (
        f"• {link} {escape(office.name)} · `{escape(item.encounter_ref)}` · asked by {mention(item.asker_id)}"
        f" · {days}{late}"
    )


def queue_status_text(
    summary: QueueSummary, office_by_id: Mapping[int, Office], now: datetime, tz: str
) -> str:
    """Pure: the message for the team channel."""
    lines = [f"*Clarification queue* · {report_text.local_time(now, tz)}"]
    total = summary.total
    if total.open == 0:
        lines.append("No open clarifications.")
        return "\n".join(lines)
    ages = " · ".join(f"{label} {count}" for label, count in zip(BUCKET_LABELS, total.buckets, strict=True))
    lines.append(f"*{total.open} open*, *{total.overdue} overdue*. Age in business days: {ages}")

    office_rows = sorted(
        summary.by_office.items(), key=lambda pair: (-pair[1].open, office_by_id[pair[0]].name.lower())
    )
    lines.append("*By office*")
    lines.append(
        report_text.table(
            ["office", "open", "overdue", *BUCKET_LABELS],
            [
                [report_text.clip(office_by_id[office_id].name), line.open, line.overdue, *line.buckets]
                for office_id, line in office_rows[:OFFICES_SHOWN]
            ],
        )
    )
    more = report_text.more_line(OFFICES_SHOWN, len(office_rows), "offices")
    if more:
        lines.append(more)

    coder_rows = sorted(summary.by_coder.items(), key=lambda pair: (-pair[1].open, -pair[1].overdue, pair[0]))
    lines.append("*By coder*")
    for asker_id, line in coder_rows[: report_text.MAX_TABLE_ROWS]:
        overdue = f" ({line.overdue} overdue)" if line.overdue else ""
        lines.append(f"• {mention(asker_id)} {line.open} open{overdue}")
    more = report_text.more_line(report_text.MAX_TABLE_ROWS, len(coder_rows), "coders")
    if more:
        lines.append(more)

    lines.append("*Oldest*")
    lines.extend(_oldest_line(found, office_by_id[found.item.office_id]) for found in summary.oldest)
    return "\n".join(lines)


def queue_status_body(db: Database, context: JobContext) -> JobOutput:
    channel = context.target_channel()
    if channel is None:
        return JobOutput(notes=("no channel set for queue_status",))
    office_by_id = {office.id: office for office in offices.list_offices(db, include_inactive=True)}
    working_days = {office_id: office_calendar(db, office_id).is_working_day for office_id in office_by_id}
    summary = summarise_queue(reports.open_clarifications(db), office_by_id, context.now, working_days)
    text = queue_status_text(summary, office_by_id, context.now, context.team_tz)
    undelivered = undelivered_line(outbox.failed_groups(db))
    if undelivered:
        text += "\n" + undelivered
    message = Outgoing(
        kind="job_queue_status",
        channel=channel,
        method="chat.postMessage",
        payload={"channel": channel, "text": text, "unfurl_links": False, "unfurl_media": False},
        dedupe_key=f"job:{QUEUE_STATUS}:{context.slot}",
    )
    return JobOutput(
        messages=(message,), notes=(f"open={summary.total.open}", f"overdue={summary.total.overdue}")
    )


def post_queue_status(
    deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    return run_in_slot(deps, QUEUE_STATUS, slot or manual_slot(now), now, queue_status_body, preview=preview)
