"""The leads' daily digest: the previous business day's figures, per office and per coder, with a chart.

Period: from midnight (team time zone) of the team's previous working day to midnight today, so Monday's digest
covers Friday to Sunday and no weekend activity is missed; Tuesday's covers Monday; the Friday after Thanksgiving
covers Wednesday and Thursday (the team calendar: weekends, public holidays, the days a lead closed).
Definitions (the message states them too):
- opened / answered / resolved: created_at / answered_at / resolved_at in the period; closed unanswered: the
  `closed_unanswered` audit events in the period (a clarification has no close-time column).
- response rate = answered / (answered + closed unanswered), both in the period.
- agreement rate, as CDI programs measure it: of the clarifications answered in the period whose asker has
  recorded the outcome, the share agreed (code changed or confirmed) among agreed + disagreed + clinically
  undetermined; answered ones still without an outcome are counted apart ("awaiting outcome"), never as agreed.
- turnaround: business hours of the office (its calendar) from asking to the answer, for those answered in the
  period; median and p90 by linear interpolation between closest ranks.
The chart covers the 14 days ending with the period: questions opened per day (bars) and the median turnaround
of the answers given that day (line). It is uploaded as a second outbox row (method UPLOAD_METHOD).
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.jobs import report_text
from bot.jobs.chart import ChartDay, turnaround_volume_chart
from bot.jobs.schedules import DIGEST
from bot.jobs.slots import JobContext, JobDeps, JobOutput, JobResult, Outgoing, manual_slot, run_in_slot
from bot.outbox_notices import undelivered_line
from bot.relay.business_time import business_days_between, business_hours_between
from bot.relay.messages import escape, mention, when
from bot.relay.work_calendar import WorkCalendar, office_calendar, team_calendar
from storage import check_stats, offices, outbox, reports
from storage.backend import Database
from storage.clarifications import Outcome
from storage.offices import Office
from storage.reports import OverdueClarification
from storage.usage import usage_counts

UPLOAD_METHOD = "files.uploadV2"
CHART_DAYS = 14
OVERDUE_SHOWN = 10
FAILURES_SHOWN = 5
OFFICES_SHOWN = 25


# -- figures ------------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower, upper = math.floor(position), math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@dataclass
class Figures:
    """One row of the digest: the whole team, an office or a coder."""

    opened: int = 0
    answered: int = 0
    resolved: int = 0
    closed_unanswered: int = 0
    agreed: int = 0  # answered in the period, outcome agreed (code changed or confirmed)
    disagreed: int = 0  # answered in the period, outcome disagreed or clinically undetermined
    awaiting_outcome: int = 0  # answered in the period, no outcome recorded yet
    turnarounds: list[float] = field(default_factory=list)
    open_now: int = 0
    overdue_now: int = 0

    @property
    def response_rate(self) -> float | None:
        finished = self.answered + self.closed_unanswered
        return None if finished == 0 else self.answered / finished

    @property
    def outcomes(self) -> int:
        """Answered queries with a recorded outcome: the agreement rate's denominator."""
        return self.agreed + self.disagreed

    @property
    def agreement_rate(self) -> float | None:
        return None if self.outcomes == 0 else self.agreed / self.outcomes

    @property
    def median(self) -> float | None:
        return percentile(self.turnarounds, 0.5)

    @property
    def p90(self) -> float | None:
        return percentile(self.turnarounds, 0.9)

    @property
    def activity(self) -> int:
        return self.opened + self.answered + self.closed_unanswered + self.open_now


@dataclass(frozen=True)
class Digest:
    start: datetime
    end: datetime
    now: datetime
    total: Figures
    by_office: dict[int, Figures]
    by_coder: dict[str, Figures]
    overdue: list[OverdueClarification]
    lookups: int
    checks: int
    failures: list[tuple[str, int]]
    chart_days: list[ChartDay]
    calendars: Mapping[int, WorkCalendar] = field(default_factory=dict)


def digest_period(now: datetime, tz: str, calendar: WorkCalendar | None = None) -> tuple[datetime, datetime]:
    """[midnight of the team's previous working day, midnight today), in time zone `tz`; without a calendar
    the previous weekday."""
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    previous = (calendar or WorkCalendar(region=None)).previous_working_day(today)
    return datetime.combine(previous, time(0), tzinfo=zone), datetime.combine(today, time(0), tzinfo=zone)


@dataclass(frozen=True)
class _Answered:
    office_id: int
    asker_id: str
    answered_at: datetime
    hours: float
    outcome: Outcome | None


def _answered(
    db: Database,
    start: datetime,
    end: datetime,
    office_by_id: Mapping[int, Office],
    calendar_by_id: Mapping[int, WorkCalendar],
) -> list[_Answered]:
    found = []
    for row in reports.answered_between(db, start, end):
        office = office_by_id[row.office_id]
        found.append(
            _Answered(
                office_id=row.office_id,
                asker_id=row.asker_id,
                answered_at=row.answered_at,
                hours=business_hours_between(
                    row.created_at,
                    row.answered_at,
                    office.tz,
                    office.open,
                    office.close,
                    calendar_by_id[office.id].is_working_day,
                ),
                outcome=Outcome(row.outcome) if row.state == "resolved" and row.outcome else None,
            )
        )
    return found


def gather_digest(db: Database, now: datetime, tz: str) -> Digest:
    start, end = digest_period(now, tz, team_calendar(db))
    office_by_id = {office.id: office for office in offices.list_offices(db, include_inactive=True)}
    calendar_by_id = {office_id: office_calendar(db, office_id) for office_id in office_by_id}
    total = Figures()
    by_office: dict[int, Figures] = {}
    by_coder: dict[str, Figures] = {}

    def rows_for(office_id: int, asker_id: str) -> tuple[Figures, Figures, Figures]:
        return total, by_office.setdefault(office_id, Figures()), by_coder.setdefault(asker_id, Figures())

    for owner in reports.asked_between(db, start, end):
        for figures in rows_for(*owner):
            figures.opened += 1
    for owner in reports.resolved_between(db, start, end):
        for figures in rows_for(*owner):
            figures.resolved += 1
    for owner in reports.closed_unanswered_between(db, start, end):
        for figures in rows_for(*owner):
            figures.closed_unanswered += 1

    chart_start = end - timedelta(days=CHART_DAYS)
    answered_recently = _answered(db, chart_start, end, office_by_id, calendar_by_id)
    for answer in answered_recently:
        if answer.answered_at < start:
            continue
        for figures in rows_for(answer.office_id, answer.asker_id):
            figures.answered += 1
            if answer.outcome is None:
                figures.awaiting_outcome += 1
            elif answer.outcome.agreed:
                figures.agreed += 1
            else:
                figures.disagreed += 1
            figures.turnarounds.append(answer.hours)

    for counts in reports.open_counts(db, now):
        for figures in rows_for(counts.office_id, counts.asker_id):
            figures.open_now += counts.open
            figures.overdue_now += counts.overdue

    overdue = reports.most_overdue(db, now, OVERDUE_SHOWN)
    usage = Counter(usage_counts(db, start, end))  # the hourly counters: every use counts, not only kept rows
    return Digest(
        start=start,
        end=end,
        now=now,
        total=total,
        by_office=by_office,
        by_coder=by_coder,
        overdue=overdue,
        lookups=usage["lookup"],
        checks=usage["check"],
        failures=check_stats.top_failures(db, start, end, FAILURES_SHOWN),
        chart_days=_chart_days(db, chart_start, end, tz, answered_recently),
        calendars=calendar_by_id,
    )


def _chart_days(
    db: Database, start: datetime, end: datetime, tz: str, answered: Sequence[_Answered]
) -> list[ChartDay]:
    zone = ZoneInfo(tz)
    first = start.astimezone(zone).date()
    days = [first + timedelta(days=offset) for offset in range(CHART_DAYS)]
    volume: Counter[date] = Counter(
        moment.astimezone(zone).date() for moment in reports.asked_times(db, start, end)
    )
    hours: dict[date, list[float]] = {}
    for answer in answered:
        hours.setdefault(answer.answered_at.astimezone(zone).date(), []).append(answer.hours)
    return [ChartDay(day, volume[day], percentile(hours.get(day, []), 0.5)) for day in days]


# -- the message --------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _period_label(digest: Digest, tz: str) -> str:
    zone = ZoneInfo(tz)
    first = digest.start.astimezone(zone).date()
    last = (digest.end - timedelta(seconds=1)).astimezone(zone).date()
    if first == last:
        return report_text.day_label(first)
    return f"{report_text.day_label(first)} – {report_text.day_label(last)}"


def digest_text(digest: Digest, office_by_id: Mapping[int, Office], tz: str) -> str:
    """Pure: the message for the leads' channel."""
    t = digest.total
    lines = [
        f"*Daily digest* · {_period_label(digest, tz)}",
        f"Opened *{t.opened}* · answered *{t.answered}* · resolved *{t.resolved}* · "
        f"closed unanswered *{t.closed_unanswered}*",
        f"Response rate {report_text.rate(t.answered, t.answered + t.closed_unanswered)} · "
        f"agreement rate {report_text.rate(t.agreed, t.outcomes)}"
        + (f" ({t.awaiting_outcome} awaiting an outcome)" if t.awaiting_outcome else "")
        + " · "
        f"turnaround median {report_text.hours(t.median)}, p90 {report_text.hours(t.p90)} (business hours)",
        f"Open now *{t.open_now}*, overdue *{t.overdue_now}* · lookups {digest.lookups} · checks {digest.checks}",
    ]
    if digest.failures:
        failures = " · ".join(f"`{escape(rule)}` {count}" for rule, count in digest.failures)
        lines.append(f"Most frequent check failures: {failures}")

    office_rows = sorted(
        ((office_id, figures) for office_id, figures in digest.by_office.items() if figures.activity),
        key=lambda pair: (-pair[1].activity, office_by_id[pair[0]].name.lower()),
    )
    if office_rows:
        lines.append("*By office*")
        lines.append(
            report_text.table(
                ["office", "opened", "answered", "closed", "resp", "agree", "median h", "p90 h", "overdue"],
                [
                    [
                        report_text.clip(office_by_id[office_id].name, 20),
                        f.opened,
                        f.answered,
                        f.closed_unanswered,
                        _percent(f.response_rate),
                        _percent(f.agreement_rate),
                        "–" if f.median is None else f"{f.median:.1f}",
                        "–" if f.p90 is None else f"{f.p90:.1f}",
                        f.overdue_now,
                    ]
                    for office_id, f in office_rows[:OFFICES_SHOWN]
                ],
            )
        )
        more = report_text.more_line(OFFICES_SHOWN, len(office_rows), "offices")
        if more:
            lines.append(more)

    coder_rows = sorted(
        ((asker_id, figures) for asker_id, figures in digest.by_coder.items() if figures.activity),
        key=lambda pair: (-pair[1].activity, pair[0]),
    )
    if coder_rows:
        lines.append("*By coder*")
        for asker_id, f in coder_rows[: report_text.MAX_TABLE_ROWS]:
            lines.append(
                f"• {mention(asker_id)}: opened {f.opened} · answered {f.answered} · "
                f"closed {f.closed_unanswered} · agreement {_percent(f.agreement_rate)} · "
                f"median {report_text.hours(f.median)} · open {f.open_now} ({f.overdue_now} overdue)"
            )
        more = report_text.more_line(report_text.MAX_TABLE_ROWS, len(coder_rows), "coders")
        if more:
            lines.append(more)

    if digest.overdue:
        lines.append(f"*Overdue* ({t.overdue_now})")
        for item in digest.overdue:
            office = office_by_id[item.office_id]
            link = report_text.message_link(office.channel_id, item.office_ts, f"#{item.id}")
            days = business_days_between(
                item.due_at, digest.now, office.tz, digest.calendars[office.id].is_working_day
            )
            lines.append(
                f"• {link} {escape(office.name)} · asked by {mention(item.asker_id)} · due {when(item.due_at)} "
                f"({report_text.business_days(days)} ago)"
            )
    lines.append(
        "_Response rate: answered ÷ (answered + closed unanswered). Agreement rate: answers the coder recorded as "
        "agreed (code changed or confirmed) ÷ answers with a recorded outcome (agreed, disagreed, clinically "
        "undetermined). Turnaround: office business hours (its calendar) from question to answer._"
    )
    return "\n".join(lines)


CHART_CAPTION = (
    f"Last {CHART_DAYS} days: bars = questions opened per day (left scale), "
    "line = median turnaround of that day's answers in business hours (right scale)."
)


def digest_body(db: Database, context: JobContext) -> JobOutput:
    channel = context.target_channel()
    if channel is None:
        return JobOutput(notes=("no channel set for digest",))
    office_by_id = {office.id: office for office in offices.list_offices(db, include_inactive=True)}
    digest = gather_digest(db, context.now, context.team_tz)
    text = digest_text(digest, office_by_id, context.team_tz)
    undelivered = undelivered_line(outbox.failed_groups(db))
    if undelivered:
        text += "\n" + undelivered
    png = turnaround_volume_chart(digest.chart_days)
    filename = f"digest-{digest.start.date().isoformat()}.png"
    key = f"job:{DIGEST}:{context.slot}"
    messages = (
        Outgoing(
            kind="job_digest",
            channel=channel,
            method="chat.postMessage",
            payload={"channel": channel, "text": text, "unfurl_links": False, "unfurl_media": False},
            dedupe_key=key,
        ),
        Outgoing(
            kind="job_digest_chart",
            channel=channel,
            method=UPLOAD_METHOD,
            payload={
                "channel": channel,
                "filename": filename,
                "title": f"Clarifications, last {CHART_DAYS} days",
                "initial_comment": CHART_CAPTION,
                "content_base64": base64.b64encode(png).decode("ascii"),
            },
            dedupe_key=f"{key}:chart",
        ),
    )
    return JobOutput(
        messages=messages,
        notes=(f"opened={digest.total.opened}", f"answered={digest.total.answered}"),
        attachments={filename: png},
    )


def post_daily_digest(
    deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    return run_in_slot(deps, DIGEST, slot or manual_slot(now), now, digest_body, preview=preview)


# -- delivering the chart -----------------------------------------------------------------------------------


class FileUploader(Protocol):
    def files_upload_v2(self, **kwargs: Any) -> Any: ...


def send_file_upload(client: FileUploader, payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """What the outbox's `send` does for method UPLOAD_METHOD: `files_upload_v2` with the decoded bytes."""
    options = {
        name: payload[name]
        for name in ("channel", "filename", "title", "initial_comment", "thread_ts")
        if payload.get(name)
    }
    response = client.files_upload_v2(content=base64.b64decode(payload["content_base64"]), **options)
    data = getattr(response, "data", response)
    return data if isinstance(data, Mapping) else {"ok": True}


def with_file_uploads(
    client: FileUploader, send: Callable[[str, dict[str, Any]], Mapping[str, Any]]
) -> Callable[[str, dict[str, Any]], Mapping[str, Any]]:
    """Wrap the outbox's `send` so chart rows are uploaded and everything else goes to `send` unchanged."""

    def send_or_upload(method: str, payload: dict[str, Any]) -> Mapping[str, Any]:
        if method == UPLOAD_METHOD:
            return send_file_upload(client, payload)
        return send(method, payload)

    return send_or_upload
