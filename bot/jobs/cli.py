"""`codedesk jobs run <job> [--now ISO-TIME]` and `codedesk jobs list`.

Without Slack configured (no SLACK_BOT_TOKEN) a run is a preview: the messages are printed and nothing is queued
or recorded, so a later real run still posts. With Slack configured the messages are queued in the outbox (the
running `codedesk serve` sends them) and the rows created are listed. Exit status 2 for an unknown job or time.

`--now` runs the job as of that time, and its messages are queued to go now (never held for that time: a row
held for the future would hold every later message of its channel behind it). A `--now` in the future can only
be previewed: a real run would post reminders that are not due yet and record the ladder's steps as taken.
`--save-chart DIR` writes the digest's chart into an existing folder (a missing one is not created: it is
refused before the job runs, as is a file or a folder this user cannot write).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from bot.settings import Settings

if TYPE_CHECKING:  # imported where used, so `codedesk --help` stays fast
    from bot.jobs.slots import JobResult
    from storage.backend import Database

# The job names for the help text, without importing the scheduler (a test checks them against the schedules).
JOB_NAMES_FOR_HELP = ("queue_status", "overdue", "digest", "data_coverage", "code_changes")

EXIT_OK, EXIT_USAGE = 0, 2
FUTURE_TOLERANCE = timedelta(minutes=1)  # a --now this close to the clock is "now"


@dataclass(frozen=True)
class CliDeps:
    """Just what jobs need: no code book, no Slack client."""

    settings: Settings
    db_factory: Callable[[], Database]


def add_jobs_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    jobs = subparsers.add_parser(
        "jobs", help="run or list the scheduled jobs (queue status, overdue, digest)"
    )
    actions = jobs.add_subparsers(dest="jobs_action", metavar="ACTION")
    jobs.set_defaults(func=partial(_help, jobs))

    run = actions.add_parser("run", help="run one job now, by hand")
    run.add_argument("job", help=", ".join(JOB_NAMES_FOR_HELP))
    run.add_argument(
        "--now", help="run as if it were this time (ISO 8601; without an offset, in the team time zone)"
    )
    run.add_argument("--preview", action="store_true", help="print the messages; queue and record nothing")
    run.add_argument(
        "--as-scheduled",
        action="store_true",
        help="run the schedule's latest slot (posts nothing if the scheduler already ran it)",
    )
    run.add_argument("--save-chart", metavar="DIR", help="write the digest chart (PNG) into this directory")
    run.set_defaults(func=cmd_jobs_run)

    listing = actions.add_parser("list", help="schedules, channels, next and last runs")
    listing.add_argument("--now", help="list next runs after this time (ISO 8601)")
    listing.set_defaults(func=cmd_jobs_list)


def _help(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    parser.print_help(out)
    return EXIT_USAGE


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def parse_now(text: str | None, tz: str) -> datetime:
    """`--now`: aware as given; naive in the team time zone; absent: the real clock."""
    from bot.jobs.schedules import ScheduleError

    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleError(
            f"--now: {text!r} is not an ISO time such as 2026-11-02T09:00 or 2026-11-02T15:00Z"
        ) from None
    return moment.replace(tzinfo=ZoneInfo(tz)) if moment.tzinfo is None else moment


def _open(settings: Settings) -> tuple[CliDeps, str]:
    from bot.jobs import schedules
    from bot.services import app_database

    database = app_database(settings)
    database.migrate()
    deps = CliDeps(settings=settings, db_factory=database.factory())
    db = deps.db_factory()
    try:
        tz = schedules.team_tz(db, settings.team_tz)
    finally:
        db.close()
    return deps, tz


def _slot(deps: CliDeps, job: str, now: datetime, tz: str) -> str | None:
    from bot.jobs import schedules, slots

    db = deps.db_factory()
    try:
        schedule = schedules.get_schedule(db, job)
    finally:
        db.close()
    fire_time = schedules.latest_fire_time(schedules.crontab_trigger(schedule.cron, tz), now)
    return None if fire_time is None else slots.scheduled_slot(fire_time)


def chart_folder_problem(folder: Path) -> str | None:
    """Why charts cannot be written into `folder` (None when they can): checked before the job runs."""
    if not folder.exists():
        return (
            f"--save-chart {folder}: no such folder (it is not created for you): create it, or name another"
        )
    if not folder.is_dir():
        return f"--save-chart {folder} is a file: name a folder to write the chart into"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"--save-chart {folder}: this user cannot write into that folder: name another"
    return None


def cmd_jobs_run(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.jobs import schedules
    from bot.jobs.registry import JOBS
    from bot.jobs.report_text import local_time
    from bot.jobs.schedules import ScheduleError

    job = str(args.job).lower().replace("-", "_")
    if job not in JOBS:
        return _fail(f"unknown job {args.job!r}: choose one of {', '.join(schedules.JOB_NAMES)}")
    if args.save_chart:
        problem = chart_folder_problem(Path(args.save_chart))
        if problem is not None:
            return _fail(problem + " (nothing was run)")
    deps, tz = _open(settings)
    try:
        now = parse_now(args.now, tz)
        slot = _slot(deps, job, now, tz) if args.as_scheduled else None
    except ScheduleError as exc:
        return _fail(str(exc))
    if args.as_scheduled and slot is None:
        return _fail(f"{job} has no scheduled slot before {now.isoformat()}")
    preview = bool(args.preview or not settings.bot_token)
    real_now = datetime.now(UTC)
    if not preview and now > real_now + FUTURE_TOLERANCE:
        return _fail(
            f"--now {local_time(now, tz)} is in the future: a run by hand posts now, so a future time can only be "
            "previewed (add --preview)"
        )
    result = JOBS[job].run(deps, now, slot=slot, preview=preview)
    if result.outbox_ids:
        _send_now(deps, result.outbox_ids, real_now)
    _print_result(result, now, tz, preview and not args.preview, out)
    if args.save_chart:
        for name, data in result.attachments.items():
            target = Path(args.save_chart) / name
            try:
                target.write_bytes(data)
            except OSError as exc:
                return _fail(f"--save-chart: could not write {target}: {exc.strerror or exc}")
            print(f"chart written to {target}", file=out)
    return EXIT_OK


def _send_now(deps: CliDeps, ids: tuple[int, ...], at: datetime) -> None:
    """The run's rows go now, with their retry window from now, whatever `--now` said."""
    from storage import outbox
    from storage.db import write_transaction

    db = deps.db_factory()
    try:
        with write_transaction(db):
            outbox.send_now(db, ids, at=at)
    finally:
        db.close()


def _print_result(result: JobResult, now: datetime, tz: str, no_slack: bool, out: TextIO) -> None:
    from bot.jobs.report_text import local_time
    from bot.jobs.slots import RunStatus

    when = local_time(now, tz)
    if result.status is RunStatus.ALREADY_RAN:
        print(f"{result.job} already ran for slot {result.slot}; nothing was queued.", file=out)
        return
    if result.status is RunStatus.PREVIEW:
        why = " (Slack is not configured)" if no_slack else ""
        print(f"Preview of {result.job} at {when}{why}: nothing was queued or recorded.", file=out)
    else:
        ids = ", ".join(str(row_id) for row_id in result.outbox_ids) or "none"
        print(
            f"{result.job} ran at {when}: {len(result.outbox_ids)} message(s) queued (outbox rows {ids}); "
            "`codedesk serve` sends them.",
            file=out,
        )
    if result.notes:
        print("notes: " + " ".join(result.notes), file=out)
    for message in result.messages:
        thread = " (thread reply)" if message.parent_id or message.payload.get("thread_ts") else ""
        if message.method == "chat.postMessage":
            print(f"\n--- to {message.channel}{thread} [{message.kind}] ---", file=out)
            print(message.text, file=out)
        else:
            size = len(str(message.payload.get("content_base64", ""))) * 3 // 4
            print(
                f"\n--- {message.method} {message.payload.get('filename')} (~{size} bytes) to {message.channel} ---",
                file=out,
            )
            print(message.text, file=out)


def cmd_jobs_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.jobs import schedules, slots
    from bot.jobs.registry import JOBS
    from bot.jobs.report_text import local_time
    from bot.jobs.schedules import ScheduleError
    from bot.relay.work_calendar import region_label, team_calendar

    deps, tz = _open(settings)
    try:
        now = parse_now(args.now, tz)
    except ScheduleError as exc:
        return _fail(str(exc))
    db = deps.db_factory()
    try:
        calendar = team_calendar(db)
        print(f"Team time zone: {tz} · team holidays: {region_label(calendar)}", file=out)
        for schedule in schedules.list_schedules(db):
            spec = JOBS[schedule.job]
            trigger = schedules.crontab_trigger(schedule.cron, tz)
            skipper = schedules.holiday_skipper(schedule, calendar, tz)
            upcoming = schedules.fire_times(trigger, now, 1, skipper)
            state = "on" if schedule.enabled else "off"
            default = " (default)" if schedule.is_default else ""
            holidays = "skips team holidays" if schedule.skip_holidays else "runs on holidays"
            print(
                f"{schedule.job:<13} {state:<3} {schedule.cron}{default} · {holidays} · {spec.channel_role}: "
                f"{schedule.channel or 'not set'} · next: "
                f"{local_time(upcoming[0], tz) if upcoming and schedule.enabled else '-'} · "
                f"last run: {slots.last_slot(db, schedule.job) or 'never'}",
                file=out,
            )
            print(f"{'':<17} {spec.description}", file=out)
    finally:
        db.close()
    return EXIT_OK
