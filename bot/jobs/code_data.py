"""Jobs that keep a team's code sets current, unasked.

`data_coverage` warns the leads' channel 30, 7 and 1 days before today's date of service passes the end of the
loaded data of any code system, and once when it has passed; each warning once per system, data end and
threshold (a newer import moves the data end, and the thresholds apply again).

`code_changes` posts, after an import and on the first day of a fiscal year or quarter, the codes this team used
in the last 90 days that were deleted, expanded into more specific codes or retitled, each with its
replacements and how often the team used it. Each announcement once (by the import, or the day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.jobs.schedules import CODE_CHANGES, DATA_COVERAGE
from bot.jobs.slots import (
    JobBody,
    JobContext,
    JobDeps,
    JobOutput,
    JobResult,
    Outgoing,
    manual_slot,
    run_in_slot,
)
from bot.lookups.changes import StoredChange, change_line, imported_releases, stored_changes
from bot.lookups.systems import SYSTEM_NAMES
from bot.relay.messages import escape
from storage import data_notices
from storage.backend import Database
from storage.usage import code_use_counts

if TYPE_CHECKING:
    from bot.lookups.codebook import CodeBook, Coverage

THRESHOLDS = (30, 7, 1, 0)  # days before today's date of service leaves the data; 0 = it has left
USED_WITHIN = timedelta(days=90)
MAX_LISTED = 40


def _book(deps: JobDeps) -> CodeBook:
    found = getattr(deps, "codebook", None)
    if found is not None:
        return found
    from bot.lookups.codebook import CodeBook

    return CodeBook.open(deps.settings.codes_db_path)


def _today(context: JobContext) -> date:
    return context.now.astimezone(ZoneInfo(context.team_tz)).date()


# ---- data_coverage ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageDue:
    system: str
    name: str
    through: date
    days_left: int  # days until today's date of service is outside the data (<= 0: it already is)
    threshold: int


def coverage_due(coverage: Coverage, today: date, already: set[tuple[str, str, int]]) -> list[CoverageDue]:
    """Pure: the warnings due today, the most urgent threshold reached per system, if not given before."""
    due: list[CoverageDue] = []
    for release in coverage.releases:
        days_left = (release.covers_through + timedelta(days=1) - today).days
        reached = [t for t in THRESHOLDS if days_left <= t]
        if not reached:
            continue
        threshold = min(reached)
        if (release.system, release.covers_through.isoformat(), threshold) in already:
            continue
        due.append(CoverageDue(release.system, release.name, release.covers_through, days_left, threshold))
    return due


def coverage_text(due: list[CoverageDue], today: date) -> str:
    lines = [":warning: *Code data coverage*"]
    for item in due:
        system = SYSTEM_NAMES.get(item.system, item.system)
        name = escape(item.name)
        if item.days_left <= 0:
            lines.append(
                f"• *{system}*: the loaded data ({name}) ends {item.through.isoformat()}; today's dates of service "
                f"({today.isoformat()}) are outside it, so checks on them cannot see codes added, deleted or "
                "expanded since. Import the newer release: `codedesk import <the CMS zip>`."
            )
        else:
            lines.append(
                f"• *{system}*: the loaded data ({name}) ends {item.through.isoformat()}: in {item.days_left} "
                f"day{'s' if item.days_left != 1 else ''} today's date of service passes it. Import the next "
                "release when CMS publishes it: `codedesk import <the CMS zip>`."
            )
    return "\n".join(lines)


def _coverage_body(deps: JobDeps) -> JobBody:
    def body(db: Database, context: JobContext) -> JobOutput:
        channel = context.target_channel()
        if channel is None:
            return JobOutput(notes=("no channel set for data_coverage",))
        today = _today(context)
        already = data_notices.coverage_warnings_given(db)
        due = coverage_due(_book(deps).coverage(), today, already)
        if not due:
            return JobOutput(notes=("coverage: nothing due",))
        for item in due:  # this threshold and every less urgent one are given
            given = [threshold for threshold in THRESHOLDS if threshold >= item.threshold]
            data_notices.record_coverage_warnings(db, item.system, item.through, given, context.now)
        message = Outgoing(
            kind="job_data_coverage",
            channel=channel,
            method="chat.postMessage",
            payload={"channel": channel, "text": coverage_text(due, today), "unfurl_links": False},
            dedupe_key=f"job:{DATA_COVERAGE}:{context.slot}",
        )
        return JobOutput(messages=(message,), notes=tuple(f"{d.system}:{d.threshold}" for d in due))

    return body


def post_data_coverage(
    deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    body = _coverage_body(deps)
    return run_in_slot(deps, DATA_COVERAGE, slot or manual_slot(now), now, body, preview=preview)


# ---- code_changes ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    trigger: str  # what the notice announces, once: "import:0003" or "period:2026-10-01"
    heading: str
    changes: list[StoredChange]


def period_start(today: date) -> str | None:
    """'fiscal year' or 'quarter' when today is the first day of one, else None."""
    if today.day != 1 or today.month not in (1, 4, 7, 10):
        return None
    return "fiscal year" if today.month == 10 else "quarter"


def due_notices(book: CodeBook, today: date, done: set[str]) -> list[Notice]:
    notices: list[Notice] = []
    for system, label, effective, origin in imported_releases(book):
        trigger = f"{origin}:{system}:{effective}"
        if trigger not in done:
            found = stored_changes(book, None, None, source=str(origin))
            heading = f"{SYSTEM_NAMES.get(system, system)} {label} was imported (effective {effective})"
            notices.append(Notice(trigger, heading, found))
    kind = period_start(today)
    trigger = f"period:{today.isoformat()}"
    if kind and trigger not in done:
        found = stored_changes(book, today, today, first_day_included=True)
        notices.append(Notice(trigger, f"A new {kind} starts today ({today.isoformat()})", found))
    return notices


def notice_text(notice: Notice, used: dict[str, dict[str, int]]) -> str | None:
    """The message, or None when nothing changed at all."""
    if not notice.changes:
        return None
    hits = [c for c in notice.changes if c.code in used]
    hits.sort(key=lambda c: (-sum(used[c.code].values()), c.system, c.code))
    lines = [f"*Code-set update*: {escape(notice.heading)}."]
    if not hits:
        lines.append(
            f"{len(notice.changes)} codes were deleted, expanded or retitled; none of them is a code your team "
            "used in the last 90 days."
        )
        return "\n".join(lines)
    lines.append(
        f"{len(hits)} of the {len(notice.changes)} deleted, expanded or retitled codes were used by your team "
        "in the last 90 days:"
    )
    lines.extend(f"• {escape(change_line(c, used[c.code]))}" for c in hits[:MAX_LISTED])
    if len(hits) > MAX_LISTED:
        lines.append(
            f"... and {len(hits) - MAX_LISTED} more: `codedesk changes --since <date>` lists them all."
        )
    return "\n".join(lines)


def _changes_body(deps: JobDeps) -> JobBody:
    def body(db: Database, context: JobContext) -> JobOutput:
        channel = context.target_channel()
        if channel is None:
            return JobOutput(notes=("no channel set for code_changes",))
        today = _today(context)
        done = data_notices.notices_given(db)
        notices = due_notices(_book(deps), today, done)
        if not notices:
            return JobOutput(notes=("code changes: nothing to announce",))
        used = code_use_counts(db, today - USED_WITHIN, today)
        messages: list[Outgoing] = []
        for notice in notices:
            data_notices.record_notice(db, notice.trigger, context.now)
            text = notice_text(notice, used)
            if text is None:
                continue
            messages.append(
                Outgoing(
                    kind="job_code_changes",
                    channel=channel,
                    method="chat.postMessage",
                    payload={"channel": channel, "text": text, "unfurl_links": False},
                    dedupe_key=f"job:{CODE_CHANGES}:{notice.trigger}",
                )
            )
        return JobOutput(messages=tuple(messages), notes=tuple(n.trigger for n in notices))

    return body


def post_code_changes(
    deps: JobDeps, now: datetime, *, slot: str | None = None, preview: bool = False
) -> JobResult:
    body = _changes_body(deps)
    return run_in_slot(deps, CODE_CHANGES, slot or manual_slot(now), now, body, preview=preview)
