"""Set-up by modals: the App Home's Admin section opens "Add office", "Edit office" and "Schedules".

Thin handlers: the office modal goes through ClarificationService (which checks the caller is a lead or admin,
validates and audits), the schedules modal through bot.commands.schedule (the same checks and audit as
`/codedesk schedule set`). Errors come back under the modal's fields; a refusal replaces the modal with a notice.
A submission's writes commit inside Slack's budget or save nothing (bot.commands.ack_budget), and the ack says
which; an office's members, which need Slack to look each one up, are changed after the ack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import ids
from bot.commands.ack_budget import BUSY, is_busy_error, within_budget
from bot.commands.clarify_parse import actor_of, clicked_value, selected_value, state_values, text_value
from bot.commands.schedule import job_schedules, save_job_schedule
from bot.errors import describe_request, reported_errors
from bot.jobs import schedules
from bot.jobs.registry import JOBS
from bot.jobs.schedules import ScheduleError
from bot.relay.business_time import opening_hours
from bot.relay.service import Action, Actor, ClarificationService, RelayError, ValidationFailed
from bot.relay.work_calendar import RegionError, parse_region, region_label
from bot.render.admin_blocks import (
    UNIT_DAYS,
    OfficeField,
    OfficeForm,
    ScheduleField,
    ScheduleForm,
    office_modal,
    schedule_modal,
    sla_in_form,
)
from bot.render.clarify_blocks import notice_view, sla_text
from bot.services import Services
from storage.calendars import NO_REGION

log = logging.getLogger(__name__)
MAX_MEMBERS = 30
AckArgs = dict[str, Any]
_OFFICE_ERRORS = {
    "name": OfficeField.NAME,
    "channel_id": OfficeField.CHANNEL,
    "tz": OfficeField.TZ,
    "close": OfficeField.CLOSES,
    "sla_hours": OfficeField.SLA,
    "holidays": OfficeField.HOLIDAYS,
    "region": OfficeField.HOLIDAYS,
}


def _element(values: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    block = values.get(block_id) or {}
    return next(iter(block.values()), {}) if block else {}


def _time(values: Mapping[str, Any], block_id: str) -> time | None:
    raw = _element(values, block_id).get("selected_time")
    if not isinstance(raw, str):
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        return None


def _channel(values: Mapping[str, Any], block_id: str) -> str | None:
    element = _element(values, block_id)
    raw = element.get("selected_conversation") or element.get("selected_channel")
    return str(raw) if raw else None


def _ticked(values: Mapping[str, Any], block_id: str) -> list[str]:
    return [str(o.get("value")) for o in _element(values, block_id).get("selected_options") or []]


def _errors(errors: Mapping[str, str]) -> AckArgs:
    return {"response_action": "errors", "errors": dict(errors)}


def _notice(title: str, message: str, callback_id: str, *, mrkdwn: bool = False) -> AckArgs:
    return {"response_action": "update", "view": notice_view(title, message, callback_id, mrkdwn=mrkdwn)}


@dataclass(frozen=True)
class _MemberChanges:
    """The members an office modal asked for, changed after the ack; `title` and `message` are the notice's."""

    actor: Actor
    office_id: int
    wanted: list[str]
    title: str
    message: str


class AdminModalHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.relay: ClarificationService = services.relay()

    def _may_manage(self, actor: Actor) -> str | None:
        decision = self.relay.authorize(actor, Action.MANAGE_OFFICES)
        return None if decision.allowed else decision.reason

    # ---- opening the modals ----

    def _open(
        self, client: WebClient, body: Mapping[str, Any], view: dict[str, Any], callback_id: str
    ) -> None:
        refusal = self._may_manage(actor_of(body))
        if refusal:
            view = notice_view("CodeDesk", refusal, callback_id)
        client.views_open(trigger_id=str(body["trigger_id"]), view=view)

    def _zones(self) -> list[str]:
        return [office.tz for office in self.relay.list_offices(include_inactive=True)]

    def on_add_office(self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        with reported_errors(body, context, client, None):
            team = self.relay.calendar(None)
            form = OfficeForm(
                tz=self.services.settings.team_tz, team_holidays=region_label(team), zones=self._zones()
            )
            self._open(client, body, office_modal(form), ids.OFFICE_MODAL)

    def office_form(self, office_id: int) -> OfficeForm:
        office = next(o for o in self.relay.list_offices(include_inactive=True) if o.id == office_id)
        amount, unit = sla_in_form(office.sla_hours, office.open, office.close)
        own = self.relay.calendar(office.id)
        team = self.relay.calendar(None)
        return OfficeForm(
            office_id=office.id,
            name=office.name,
            channel_id=office.channel_id,
            members=[member.user_id for member in self.relay.office_members(office.id)],
            tz=office.tz,
            opens=office.open,
            closes=office.close,
            sla_amount=amount,
            sla_unit=unit,
            holidays=(own.region or NO_REGION) if own.region != team.region else "",
            team_holidays=region_label(team),
            zones=self._zones(),
        )

    def on_edit_office(self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        with reported_errors(body, context, client, None):
            raw = clicked_value(body)
            if not raw.isdigit() or not any(
                o.id == int(raw) for o in self.relay.list_offices(include_inactive=True)
            ):
                client.views_open(
                    trigger_id=str(body["trigger_id"]),
                    view=notice_view("CodeDesk", "That office no longer exists.", ids.OFFICE_MODAL),
                )
                return
            self._open(client, body, office_modal(self.office_form(int(raw))), ids.OFFICE_MODAL)

    def schedule_form(self, job: str) -> ScheduleForm:
        found, tz = job_schedules(self.services)
        schedule = next(s for s in found if s.job == job)
        simple = schedules.days_and_time(schedule.cron)
        summary = f"Now: `{schedule.cron}`" + (" (the default)" if schedule.is_default else "")
        return ScheduleForm(
            job=job,
            jobs=[(name, spec.description) for name, spec in JOBS.items()],
            days=simple[0] if simple else (0, 1, 2, 3, 4),
            at=simple[1] if simple else time(8, 0),
            cron="" if simple else schedule.cron,
            channel=schedule.channel,
            enabled=schedule.enabled,
            skip_holidays=schedule.skip_holidays,
            team_tz=tz,
            summary=summary,
        )

    def on_schedules(self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        with reported_errors(body, context, client, None):
            self._open(client, body, schedule_modal(self.schedule_form(schedules.DIGEST)), ids.SCHEDULE_MODAL)

    def on_schedule_job(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        """The job menu changed: refill the form with that job's schedule."""
        ack()
        with reported_errors(body, context, client, None):
            job = clicked_value(body)
            view = body.get("view") or {}
            if job not in JOBS or not view.get("id"):
                return
            client.views_update(view_id=str(view["id"]), view=schedule_modal(self.schedule_form(job)))

    # ---- submissions ----

    def on_office_submitted(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        """Saved or not inside Slack's budget (bot.commands.ack_budget), and the ack says which. The members are
        changed after the ack (each new one is looked up in Slack, which may be slow) and the notice is then
        updated with who was added or removed."""
        response, members = _saved_in_budget(
            context, body, "office", ids.OFFICE_MODAL, lambda: self._office_response(body, view)
        )
        ack(**response)
        if members is not None:
            with reported_errors(body, context, client, None):
                notes = self._sync_members(members.actor, members.office_id, members.wanted, client)
                if view.get("id"):
                    message = "\n".join([members.message, *notes])
                    client.views_update(
                        view_id=str(view["id"]), view=notice_view(members.title, message, ids.OFFICE_MODAL)
                    )

    def _office_response(
        self, body: Mapping[str, Any], view: Mapping[str, Any]
    ) -> tuple[AckArgs, _MemberChanges | None]:
        values = state_values(view)
        actor = actor_of(body)
        raw_id = str(view.get("private_metadata") or "")
        office_id = int(raw_id) if raw_id.isdigit() else None
        errors: dict[str, str] = {}
        opens, closes = _time(values, OfficeField.OPENS), _time(values, OfficeField.CLOSES)
        if opens is None:
            errors[OfficeField.OPENS] = "Pick the opening time."
        if closes is None:
            errors[OfficeField.CLOSES] = "Pick the closing time."
        elif opens is not None and closes <= opens:
            errors[OfficeField.CLOSES] = "Closing time must be after opening time."
        raw_amount = text_value(values, OfficeField.SLA).strip()
        try:
            amount = float(raw_amount)
        except ValueError:
            amount = 0.0
        unit = selected_value(values, OfficeField.SLA_UNIT) or UNIT_DAYS
        if not 0 < amount <= (90 if unit == UNIT_DAYS else 720):
            errors[OfficeField.SLA] = (
                "Give the turnaround as 1 to 90 business days."
                if unit == UNIT_DAYS
                else "Give the turnaround as 1 to 720 business hours."
            )
        region: str | None = None
        raw_region = text_value(values, OfficeField.HOLIDAYS).strip()
        if raw_region:
            try:
                region = parse_region(raw_region) or NO_REGION
            except RegionError as error:
                errors[OfficeField.HOLIDAYS] = str(error)
        channel = _channel(values, OfficeField.CHANNEL)
        if channel is None:
            errors[OfficeField.CHANNEL] = "Pick the office's channel."
        members = list(dict.fromkeys(_element(values, OfficeField.MEMBERS).get("selected_users") or []))
        if len(members) > MAX_MEMBERS:
            errors[OfficeField.MEMBERS] = f"Pick at most {MAX_MEMBERS} people here; add more with /codedesk."
        if errors:
            return _errors(errors), None
        assert opens is not None and closes is not None and channel is not None
        hours = amount * opening_hours(opens, closes) if unit == UNIT_DAYS else amount
        name = text_value(values, OfficeField.NAME)
        tz = selected_value(values, OfficeField.TZ) or self.services.settings.team_tz
        try:
            if office_id is None:
                office = self.relay.add_office(
                    actor, name=name, channel_id=channel, tz=tz, open_=opens, close=closes, sla_hours=hours
                )
            else:
                office = self.relay.edit_office(
                    actor,
                    office_id,
                    name=name,
                    channel_id=channel,
                    tz=tz,
                    open_=opens,
                    close=closes,
                    sla_hours=hours,
                )
        except ValidationFailed as failed:
            shown = {
                _OFFICE_ERRORS.get(key, OfficeField.NAME): message for key, message in failed.errors.items()
            }
            return _errors(shown), None
        except RelayError as error:
            return _notice("Not saved", error.message, ids.OFFICE_MODAL), None
        # The office is saved: from here on the answer says so, and says what else was not saved.
        unsaved = self._set_holidays(actor, office.id, region)
        verb = "Added" if office_id is None else "Saved"
        message = (
            f"{verb} {office.name}: answers due within {sla_text(office)}, public holidays "
            f"{region_label(self.relay.calendar(office.id))}." + (f"\n{unsaved}" if unsaved else "")
        )
        wanted = [str(m) for m in members]
        current = {member.user_id for member in self.relay.office_members(office.id)}
        if set(wanted) == current:
            return _notice(verb, message, ids.OFFICE_MODAL), None
        following = "\nMembers: looking up the people in Slack; this note will say who now answers."
        changes = _MemberChanges(actor, office.id, wanted, verb, message)
        return _notice(verb, message + following, ids.OFFICE_MODAL), changes

    def _set_holidays(self, actor: Actor, office_id: int, region: str | None) -> str | None:
        """The office's public holidays saved; None, or what to tell the person when they could not be."""
        try:
            self.relay.set_holiday_region(actor, office_id, region)
        except Exception as error:
            if not is_busy_error(error):
                log.error("office modal: the holidays were not saved", exc_info=True)
            why = "CodeDesk was busy" if is_busy_error(error) else "something went wrong"
            return f"Its public holidays were not saved ({why}): open Edit office and save it again."
        return None

    def _sync_members(self, actor: Actor, office_id: int, wanted: list[str], client: WebClient) -> list[str]:
        current = {member.user_id: member.team_id for member in self.relay.office_members(office_id)}
        notes = []
        for user_id in wanted:
            if user_id in current:
                continue
            try:
                team = (client.users_info(user=user_id).get("user") or {}).get("team_id")
            except SlackApiError as error:
                log.warning("users.info failed in the office modal: %s", error.response.get("error"))
                team = None
            if not team:
                notes.append(f"I couldn't find <@{user_id}> in Slack; they were not added.")
                continue
            notes.append(
                self._member_change(
                    partial(self.relay.add_office_member, actor, office_id, user_id, str(team)),
                    f"<@{user_id}> now answers for this office.",
                    f"<@{user_id}> was not added",
                )
            )
        for user_id, team in current.items():
            if user_id not in wanted:
                notes.append(
                    self._member_change(
                        partial(self.relay.remove_office_member, actor, office_id, user_id, team),
                        f"<@{user_id}> no longer answers for this office.",
                        f"<@{user_id}> was not removed",
                    )
                )
        return notes

    @staticmethod
    def _member_change(change: Callable[[], object], done: str, not_done: str) -> str:
        try:
            change()
        except Exception as error:
            if not is_busy_error(error):
                raise
            return f"{not_done} (CodeDesk was busy): open Edit office and save it again."
        return done

    def on_schedule_submitted(
        self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
    ) -> None:
        """Saved or not inside Slack's budget (one write), and the ack says which."""
        response, _ = _saved_in_budget(
            context, body, "schedule", ids.SCHEDULE_MODAL, lambda: (self._schedule_response(body, view), None)
        )
        ack(**response)

    def _schedule_response(self, body: Mapping[str, Any], view: Mapping[str, Any]) -> AckArgs:
        values = state_values(view)
        job = selected_value(values, ScheduleField.JOB) or str(view.get("private_metadata") or "")
        if job not in JOBS:
            return _errors({ScheduleField.JOB: "Choose a job."})
        cron = " ".join(text_value(values, ScheduleField.CRON).split())
        if not cron:
            days = [int(day) for day in _ticked(values, ScheduleField.DAYS) if day.isdigit()]
            at = _time(values, ScheduleField.TIME)
            if not days:
                return _errors({ScheduleField.DAYS: "Tick at least one day (or give a cron schedule below)."})
            if at is None:
                return _errors({ScheduleField.TIME: "Pick the time (or give a cron schedule below)."})
            cron = schedules.cron_for(days, at)
        try:
            reply = save_job_schedule(
                self.services,
                actor_of(body).user_id,
                job,
                cron=cron,
                channel=_channel(values, ScheduleField.CHANNEL),
                enabled=bool(_ticked(values, ScheduleField.ENABLED)),
                skip_holidays=bool(_ticked(values, ScheduleField.HOLIDAYS)),
            )
        except ScheduleError as error:
            field = (
                ScheduleField.CRON if text_value(values, ScheduleField.CRON).strip() else ScheduleField.TIME
            )
            return _errors({field: str(error)})
        return _notice("Saved", reply, ids.SCHEDULE_MODAL, mrkdwn=True)  # as /codedesk schedule set replies


def register(app: App, services: Services) -> None:
    handlers = AdminModalHandlers(services)
    app.action(ids.ADMIN_ADD_OFFICE)(handlers.on_add_office)
    app.action(ids.ADMIN_EDIT_OFFICE)(handlers.on_edit_office)
    app.action(ids.ADMIN_SCHEDULES)(handlers.on_schedules)
    app.action(ids.SCHEDULE_JOB)(handlers.on_schedule_job)
    app.view(ids.OFFICE_MODAL)(handlers.on_office_submitted)
    app.view(ids.SCHEDULE_MODAL)(handlers.on_schedule_submitted)


def _saved_in_budget(
    context: BoltContext,
    body: dict[str, Any],
    modal: str,
    modal_id: str,
    save: Callable[[], tuple[AckArgs, _MemberChanges | None]],
) -> tuple[AckArgs, _MemberChanges | None]:
    """`save` inside Slack's ack budget; when it cannot finish, the ack says nothing was saved (busy) or changed."""
    try:
        with within_budget(context):
            return save()
    except Exception as error:
        if is_busy_error(error):
            log.warning("%s modal: database busy past the ack budget, nothing saved", modal)
            return _notice("Not saved", BUSY, modal_id), None
        log.error("%s modal failed: %s", modal, describe_request(body), exc_info=True)
        return _notice("Not saved", "Something went wrong; nothing was changed.", modal_id), None
