"""Set-up without syntax: the App Home's Admin section, the Add/Edit office modal and the Schedules modal.

Pure functions on slack_sdk.models. Units are spelled out everywhere a number is asked for: the turnaround is a
number plus "business days" or "business hours", counted in the office's opening hours and working days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot import ids
from bot.render.mrkdwn import escape, truncate

MAX_SELECT_OPTIONS = 100
# Offered in the time-zone menu (any IANA zone an office already has is added to it).
TIME_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "America/Halifax",
    "America/Toronto",
    "America/Vancouver",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Manila",
    "Australia/Sydney",
    "UTC",
)
WEEKDAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNIT_DAYS, UNIT_HOURS = "days", "hours"


class OfficeField:
    """block_id (= action_id) of each input of the office modal."""

    NAME = "office_name"
    CHANNEL = "office_channel"
    MEMBERS = "office_members"
    TZ = "office_tz"
    OPENS = "office_opens"
    CLOSES = "office_closes"
    SLA = "office_sla"
    SLA_UNIT = "office_sla_unit"
    HOLIDAYS = "office_holidays"


class ScheduleField:
    JOB = ids.SCHEDULE_JOB
    DAYS = "schedule_days"
    TIME = "schedule_time"
    CHANNEL = "schedule_channel"
    ENABLED = "schedule_enabled"
    HOLIDAYS = "schedule_holidays"
    CRON = "schedule_cron"


def _plain(text: str, limit: int = 75) -> PlainTextObject:
    return PlainTextObject(text=truncate(text, limit))


def _option(text: str, value: str) -> Option:
    return Option(text=_plain(text), value=value[:150])


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _modal(
    title: str, callback_id: str, blocks: Sequence[Block], submit: str, metadata: str
) -> dict[str, Any]:
    return View(
        type="modal",
        callback_id=callback_id,
        title=_plain(title, 24),
        submit=_plain(submit, 24),
        close=_plain("Cancel", 24),
        private_metadata=metadata,
        blocks=list(blocks),
    ).to_dict()


# ---- the App Home's Admin section ----------------------------------------------------------------------


@dataclass(frozen=True)
class AdminHome:
    """What the Admin section shows (admins and leads only): the offices to pick from, one line per job."""

    offices: Sequence[tuple[int, str]]  # (id, name)
    schedule_lines: Sequence[str] = ()


def admin_home_blocks(admin: AdminHome) -> list[Block]:
    elements: list[Any] = [
        ButtonElement(text=_plain("Add office"), action_id=ids.ADMIN_ADD_OFFICE, value="new", style="primary")
    ]
    options = [_option(name, str(office_id)) for office_id, name in admin.offices][:MAX_SELECT_OPTIONS]
    if options:
        elements.append(
            StaticSelectElement(
                action_id=ids.ADMIN_EDIT_OFFICE, placeholder=_plain("Edit office…"), options=options
            )
        )
    elements.append(ButtonElement(text=_plain("Schedules"), action_id=ids.ADMIN_SCHEDULES, value="schedules"))
    blocks: list[Block] = [
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(
                text="*Admin* (leads and admins): offices, who answers for them, their hours and turnaround; "
                "when the jobs post."
            )
        ),
        ActionsBlock(block_id=ids.HOME_ADMIN_BLOCK, elements=elements),
    ]
    if admin.schedule_lines:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=truncate("\n".join(admin.schedule_lines), 3000))])
        )
    return blocks


# ---- the office modal ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeForm:
    """What the office modal starts with: empty for "Add office", the office's values for "Edit office"."""

    office_id: int | None = None
    name: str = ""
    channel_id: str | None = None
    members: Sequence[str] = ()
    tz: str = "America/New_York"
    opens: time = time(8, 0)
    closes: time = time(17, 0)
    sla_amount: float = 3.0
    sla_unit: str = UNIT_DAYS
    holidays: str = ""  # the office's own region; empty: the team's
    team_holidays: str = "US"
    zones: Sequence[str] = field(default_factory=tuple)


def sla_in_form(sla_hours: float, opens: time, closes: time) -> tuple[float, str]:
    """An office's stored turnaround as the form shows it: whole business days when it is some, else hours."""
    day = (closes.hour * 60 + closes.minute - opens.hour * 60 - opens.minute) / 60
    days = sla_hours / day if day else 0
    if day and days == int(days):
        return days, UNIT_DAYS
    return sla_hours, UNIT_HOURS


def _number(value: float) -> str:
    return f"{value:g}"


def office_modal(form: OfficeForm) -> dict[str, Any]:
    zones = list(dict.fromkeys([*TIME_ZONES, *form.zones, form.tz]))[:MAX_SELECT_OPTIONS]
    zone_options = [_option(zone.replace("_", " "), zone) for zone in zones]
    units = [
        _option("business days (the office's opening hours)", UNIT_DAYS),
        _option("business hours", UNIT_HOURS),
    ]
    editing = form.office_id is not None
    blocks: list[Block] = [
        InputBlock(
            block_id=OfficeField.NAME,
            label=_plain("Office name", 2000),
            element=PlainTextInputElement(
                action_id=OfficeField.NAME,
                initial_value=form.name or None,
                max_length=80,
                placeholder=_plain("e.g. Main St Clinic"),
            ),
        ),
        InputBlock(
            block_id=OfficeField.CHANNEL,
            label=_plain("Its Slack channel", 2000),
            hint=_plain("Questions to this office are posted here; invite CodeDesk to it.", 2000),
            element=ConversationSelectElement(
                action_id=OfficeField.CHANNEL,
                placeholder=_plain("Pick a channel"),
                initial_conversation=form.channel_id,
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        ),
        InputBlock(
            block_id=OfficeField.MEMBERS,
            label=_plain("People who answer for it", 2000),
            optional=True,
            hint=_plain(
                "Usually Slack Connect guests from the office; only they can answer its questions.", 2000
            ),
            element=UserMultiSelectElement(
                action_id=OfficeField.MEMBERS,
                placeholder=_plain("Pick people"),
                initial_users=list(form.members) or None,
            ),
        ),
        InputBlock(
            block_id=OfficeField.TZ,
            label=_plain("Time zone", 2000),
            element=StaticSelectElement(
                action_id=OfficeField.TZ,
                options=zone_options,
                initial_option=next(o for o in zone_options if o.value == form.tz),
            ),
        ),
        InputBlock(
            block_id=OfficeField.OPENS,
            label=_plain("Opens at", 2000),
            element=TimePickerElement(action_id=OfficeField.OPENS, initial_time=_hhmm(form.opens)),
        ),
        InputBlock(
            block_id=OfficeField.CLOSES,
            label=_plain("Closes at", 2000),
            element=TimePickerElement(action_id=OfficeField.CLOSES, initial_time=_hhmm(form.closes)),
        ),
        InputBlock(
            block_id=OfficeField.SLA,
            label=_plain("Answers are due within", 2000),
            hint=_plain(
                "Counted only while the office is open: its hours, weekdays, and not on its holidays.", 2000
            ),
            element=NumberInputElement(
                action_id=OfficeField.SLA,
                is_decimal_allowed=True,
                initial_value=_number(form.sla_amount),
                min_value="0.25",
                max_value="720",
            ),
        ),
        InputBlock(
            block_id=OfficeField.SLA_UNIT,
            label=_plain("…counted in", 2000),
            element=RadioButtonsElement(
                action_id=OfficeField.SLA_UNIT,
                options=units,
                initial_option=units[0] if form.sla_unit == UNIT_DAYS else units[1],
            ),
        ),
        InputBlock(
            block_id=OfficeField.HOLIDAYS,
            label=_plain("Public holidays", 2000),
            optional=True,
            hint=_plain(
                f"A country or state code such as US-IL or GB-ENG, or none. Empty: the team's ({form.team_holidays}). "
                'Single days: `/codedesk office closed add "<name>" 2026-12-24`.',
                2000,
            ),
            element=PlainTextInputElement(
                action_id=OfficeField.HOLIDAYS,
                initial_value=form.holidays or None,
                max_length=12,
                placeholder=_plain("e.g. US-IL"),
            ),
        ),
    ]
    title = "Edit office" if editing else "Add office"
    metadata = "" if form.office_id is None else str(form.office_id)
    return _modal(title, ids.OFFICE_MODAL, blocks, "Save" if editing else "Add office", metadata)


# ---- the Schedules modal -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleForm:
    job: str
    jobs: Sequence[tuple[str, str]]  # (name, description)
    days: Sequence[int] = (0, 1, 2, 3, 4)  # Monday = 0
    at: time = time(8, 0)
    cron: str = ""  # prefilled only when days and a time cannot say it
    channel: str | None = None
    enabled: bool = True
    skip_holidays: bool = True
    team_tz: str = "America/New_York"
    summary: str = ""


def schedule_modal(form: ScheduleForm) -> dict[str, Any]:
    jobs = [_option(f"{name}: {description}", name) for name, description in form.jobs]
    days = [_option(label, str(number)) for number, label in enumerate(WEEKDAY_LABELS)]
    on = _option("Posts are on", "on")
    skip = _option("Skip the team's holidays", "skip")
    blocks: list[Block] = [
        InputBlock(
            block_id=ScheduleField.JOB,
            label=_plain("Job", 2000),
            dispatch_action=True,
            element=StaticSelectElement(
                action_id=ScheduleField.JOB,
                options=jobs,
                initial_option=next(o for o in jobs if o.value == form.job),
            ),
        ),
    ]
    if form.summary:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=escape(form.summary))]))
    blocks += [
        InputBlock(
            block_id=ScheduleField.DAYS,
            label=_plain("Days", 2000),
            optional=True,
            element=CheckboxesElement(
                action_id=ScheduleField.DAYS,
                options=days,
                initial_options=[days[day] for day in form.days] or None,
            ),
        ),
        InputBlock(
            block_id=ScheduleField.TIME,
            label=_plain(f"Time ({form.team_tz})", 2000),
            optional=True,
            element=TimePickerElement(action_id=ScheduleField.TIME, initial_time=_hhmm(form.at)),
        ),
        InputBlock(
            block_id=ScheduleField.CHANNEL,
            label=_plain("Channel it posts to", 2000),
            optional=True,
            element=ConversationSelectElement(
                action_id=ScheduleField.CHANNEL,
                placeholder=_plain("Pick a channel"),
                initial_conversation=form.channel,
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        ),
        InputBlock(
            block_id=ScheduleField.ENABLED,
            label=_plain("On or off", 2000),
            optional=True,
            element=CheckboxesElement(
                action_id=ScheduleField.ENABLED, options=[on], initial_options=[on] if form.enabled else None
            ),
        ),
        InputBlock(
            block_id=ScheduleField.HOLIDAYS,
            label=_plain("Holidays", 2000),
            optional=True,
            element=CheckboxesElement(
                action_id=ScheduleField.HOLIDAYS,
                options=[skip],
                initial_options=[skip] if form.skip_holidays else None,
            ),
        ),
        InputBlock(
            block_id=ScheduleField.CRON,
            label=_plain("Advanced: a cron schedule", 2000),
            optional=True,
            hint=_plain(
                "Five fields: minute hour day month weekday, e.g. 0 9,13 * * 1-5 for 09:00 and 13:00 on weekdays. "
                "When filled in it is used instead of the days and time above; empty it to use them.",
                2000,
            ),
            element=PlainTextInputElement(
                action_id=ScheduleField.CRON, initial_value=form.cron or None, max_length=100
            ),
        ),
    ]
    return _modal("Schedules", ids.SCHEDULE_MODAL, blocks, "Save", form.job)
