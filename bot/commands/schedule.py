"""`/codedesk schedule list|set ...` and `/codedesk timezone [<tz>]`: leads choose when jobs run and where they post.

    schedule list
    schedule set <job> <cron> [#channel]     e.g. schedule set queue_status 0 9,13 * * 1-5 #coding-team
    schedule set <job> #channel              keep the schedule, change the channel
    schedule set <job> default [#channel]    back to the default schedule
    schedule set <job> off | on
    schedule set <job> holidays:skip|run     whether it posts on the team's holidays
    timezone [<IANA zone>]                   e.g. timezone America/Chicago

Only leads and admins; a refusal is written to the audit log, like every change. The running scheduler picks
changes up within a minute (`bot.jobs.scheduler.SYNC_SECONDS`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.jobs import report_text, schedules
from bot.jobs.registry import JOBS
from bot.jobs.schedules import Schedule, ScheduleError
from bot.relay.messages import escape
from bot.relay.work_calendar import WorkCalendar, team_calendar
from storage import audit
from storage.backend import Database
from storage.db import write_transaction
from storage.roles import Role

if TYPE_CHECKING:
    from bot.services import Services

_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$|^([CG][A-Z0-9]{6,})$")
_ALIASES = {"queue": schedules.QUEUE_STATUS, "status": schedules.QUEUE_STATUS, "followups": schedules.OVERDUE}
NEXT_RUNS_SHOWN = 2

USAGE = (
    "Usage: `/codedesk schedule list`, `/codedesk schedule set JOB CRON #channel`, "
    "`/codedesk schedule set JOB off|on|default`, `/codedesk schedule set JOB holidays:skip|run`, "
    "`/codedesk timezone TZ`. "
    f"Jobs: {', '.join(schedules.JOB_NAMES)}. Cron has five fields: minute hour day month weekday "
    "(e.g. `0 9,13 * * 1-5` for 09:00 and 13:00 on weekdays)."
)
REFUSAL = "Only leads and admins can change or view job schedules."


def handle_schedule_command(services: Services, actor_user_id: str, args: Sequence[str]) -> str:
    """The reply (Slack mrkdwn) to `/codedesk schedule ...` or `/codedesk timezone ...`; `args` are the words
    after `/codedesk`, the first being `schedule` or `timezone`."""
    words = [word for word in args if word]
    area = words[0].lower() if words else "schedule"
    rest = words[1:] if area in ("schedule", "schedules", "timezone") else words
    now = services.clock()
    db = services.db_factory()
    try:
        role = services.relay().role_of(actor_user_id)
        if role not in (Role.ADMIN, Role.LEAD):
            _audit(db, actor_user_id, "refused", now, {"attempted": area, "reason": REFUSAL})
            return REFUSAL
        if area == "timezone":
            return _timezone(db, services, actor_user_id, rest, now)
        sub = rest[0].lower() if rest else "list"
        if sub == "list" and len(rest) <= 1:
            return _list(db, services, now)
        if sub == "set" and len(rest) >= 3:
            return _set(db, services, actor_user_id, rest[1], rest[2:], now)
        return USAGE
    except ScheduleError as exc:
        return str(exc)
    finally:
        db.close()


def _audit(db: Database, actor: str, action: str, now: datetime, detail: dict[str, Any]) -> None:
    with write_transaction(db):
        audit.append(db, clarification_id=None, actor_id=actor, action=action, at=now, detail=detail)


def _team_tz(db: Database, services: Services) -> str:
    return schedules.team_tz(db, services.settings.team_tz)


def _channel_id(token: str) -> str | None:
    match = _CHANNEL.match(token.strip())
    return None if match is None else match.group(1) or match.group(2)


def _job_name(word: str) -> str:
    name = word.lower().replace("-", "_")
    return schedules.require_job(_ALIASES.get(name, name))


def _describe(schedule: Schedule, tz: str, now: datetime, calendar: WorkCalendar) -> str:
    spec = JOBS[schedule.job]
    where = f"<#{schedule.channel}>" if schedule.channel else f"no channel ({spec.channel_role}) yet"
    if not schedule.enabled:
        return f"• *{schedule.job}*: off · `{schedule.cron}` · {where}"
    default = " (default)" if schedule.is_default else ""
    holidays = "skips team holidays" if schedule.skip_holidays else "runs on holidays"
    upcoming = schedules.fire_times(
        schedules.crontab_trigger(schedule.cron, tz),
        now,
        NEXT_RUNS_SHOWN,
        schedules.holiday_skipper(schedule, calendar, tz),
    )
    runs = ", ".join(report_text.local_time(moment, tz) for moment in upcoming) or "never"
    return f"• *{schedule.job}*: `{escape(schedule.cron)}`{default} · {holidays} · {where} · next {runs}"


def _list(db: Database, services: Services, now: datetime) -> str:
    tz = _team_tz(db, services)
    lines = [f"*Job schedules* (team time zone {tz})"]
    calendar = team_calendar(db)
    lines.extend(_describe(schedule, tz, now, calendar) for schedule in schedules.list_schedules(db))
    lines.append("Change one with `/codedesk schedule set JOB CRON #channel` or `... off`.")
    return "\n".join(lines)


def _cron_words(words: Sequence[str]) -> str:
    """Cron fields, whether typed bare or in quotes (`"0 9 * * 1-5"`)."""
    return " ".join(" ".join(word.strip('"') for word in words).split())


def _set(
    db: Database,
    services: Services,
    actor: str,
    job_word: str,
    words: Sequence[str],
    now: datetime,
) -> str:
    job = _job_name(job_word)
    tz = _team_tz(db, services)
    current = schedules.get_schedule(db, job)
    words = list(words)
    skip_holidays: bool | None = None
    for word in [w for w in words if w.lower().startswith("holidays:")]:
        choice = word.split(":", 1)[1].lower()
        if choice not in ("skip", "run"):
            raise ScheduleError("Write `holidays:skip` (no posts on team holidays) or `holidays:run`.")
        skip_holidays = choice == "skip"
        words.remove(word)
    channel = current.channel
    if words and (words[-1].startswith(("<#", "#")) or _channel_id(words[-1])):
        found = _channel_id(words[-1])
        if found is None:
            raise ScheduleError(
                f"I could not read the channel {escape(words[-1])}: pick it from Slack's # menu so it becomes a "
                "channel link (or give its id, e.g. C0123ABCD)."
            )
        channel = found
        words = words[:-1]
    cron, enabled = current.cron, True
    keyword = words[0].lower() if len(words) == 1 else None
    if keyword == "off":
        enabled = False
    elif keyword == "default":
        cron = schedules.DEFAULT_CRONS[job]
    elif words and keyword != "on":
        cron = _cron_words(words)
    saved = _save(db, actor, job, cron, channel, enabled, skip_holidays, tz, now)
    reply = [f"Saved. {_describe(saved, tz, now, team_calendar(db)).removeprefix('• ')}"]
    if saved.enabled and saved.channel is None:
        reply.append(
            f"It posts nowhere until you give it a channel: `/codedesk schedule set {job} #channel`."
        )
    reply.append("The scheduler picks this up within a minute.")
    return "\n".join(reply)


def _save(
    db: Database,
    actor: str,
    job: str,
    cron: str,
    channel: str | None,
    enabled: bool,
    skip_holidays: bool | None,
    tz: str,
    now: datetime,
) -> Schedule:
    """Check the cron (readable, not too frequent) and store it with its audit row in one transaction."""
    trigger = schedules.crontab_trigger(cron, tz)
    schedules.check_frequency(trigger, now)
    with write_transaction(db):
        saved = schedules.save_schedule(
            db,
            job,
            cron=cron,
            channel=channel,
            enabled=enabled,
            by=actor,
            at=now,
            skip_holidays=skip_holidays,
        )
        audit.append(
            db,
            clarification_id=None,
            actor_id=actor,
            action="schedule_changed",
            at=now,
            detail={
                "job": job,
                "cron": cron,
                "channel": channel,
                "enabled": enabled,
                "skip_holidays": saved.skip_holidays,
            },
        )
    return saved


def save_job_schedule(
    services: Services,
    actor_user_id: str,
    job: str,
    *,
    cron: str,
    channel: str | None,
    enabled: bool,
    skip_holidays: bool,
) -> str:
    """What the Schedules modal saves: the same checks, audit and reply as `/codedesk schedule set`.
    ScheduleError (its message written for the lead) when the cron or the caller's role will not do."""
    now = services.clock()
    db = services.db_factory()
    try:
        if services.relay().role_of(actor_user_id) not in (Role.ADMIN, Role.LEAD):
            _audit(db, actor_user_id, "refused", now, {"attempted": "schedule", "reason": REFUSAL})
            raise ScheduleError(REFUSAL)
        tz = _team_tz(db, services)
        saved = _save(
            db, actor_user_id, schedules.require_job(job), cron, channel, enabled, skip_holidays, tz, now
        )
        return f"Saved. {_describe(saved, tz, now, team_calendar(db)).removeprefix('• ')}"
    finally:
        db.close()


def job_schedules(services: Services) -> tuple[list[Schedule], str]:
    """Every job's schedule and the team time zone, for the modal."""
    db = services.db_factory()
    try:
        return schedules.list_schedules(db), _team_tz(db, services)
    finally:
        db.close()


def _timezone(db: Database, services: Services, actor: str, words: Sequence[str], now: datetime) -> str:
    current = _team_tz(db, services)
    if not words:
        return f"The team time zone is {current}. Change it with `/codedesk timezone <IANA zone>`."
    if len(words) != 1:
        return "Usage: `/codedesk timezone <IANA zone>`, e.g. `/codedesk timezone America/Chicago`."
    tz = words[0]
    schedules.require_tz(tz)
    with write_transaction(db):
        schedules.set_team_tz(db, tz, by=actor, at=now)
        audit.append(
            db,
            clarification_id=None,
            actor_id=actor,
            action="team_tz_changed",
            at=now,
            detail={"tz": tz, "previous": current},
        )
    return (
        f"The team time zone is now {tz} (was {current}). Job schedules and the digest's days follow it; "
        "offices keep their own time zones for due times."
    )
