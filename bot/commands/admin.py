"""`/codedesk`: offices, office members and roles (leads and admins), and the route to schedules.

Thin: parse with bot.commands.admin_parse, call ClarificationService (which checks the caller's role and
audits every change and refusal), reply ephemerally. `schedule ...` and `timezone ...` belong to
bot.commands.schedule, imported only when used.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import time, timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import ids
from bot.commands.admin_parse import (
    HELP_LINES,
    AdminCommand,
    AdminHelp,
    CalendarDays,
    Delegated,
    MemberChange,
    OfficeAdd,
    OfficeEdit,
    OfficeList,
    OfficeRemove,
    OfficeSettings,
    RoleGrant,
    RoleList,
    RoleRevoke,
    TeamHolidays,
    UsageError,
    parse_admin_command,
)
from bot.commands.clarify_parse import actor_of
from bot.errors import reported_errors
from bot.relay.service import Action, Actor, ClarificationService, RelayError, ValidationFailed
from bot.relay.work_calendar import RegionError, parse_region, region_label
from bot.render.clarify_blocks import (
    admin_help_reply,
    business_day_hours,
    calendar_reply,
    mrkdwn_reply,
    notice_reply,
    office_line,
    offices_reply,
    roles_reply,
    sla_text,
)
from bot.render.code_blocks import Reply
from bot.services import Services
from storage import roles
from storage.calendars import NO_REGION
from storage.offices import Office
from storage.roles import Role

log = logging.getLogger(__name__)

SCHEDULE_MODULE = "bot.commands.schedule"
SCHEDULES_UNAVAILABLE = "Schedules are not available in this build."
DEFAULT_OPEN, DEFAULT_CLOSE, DEFAULT_SLA = time(8, 0), time(17, 0), 72.0
TeamOf = Callable[[str], str | None]


def schedule_handler() -> Callable[[Services, str, list[str]], str] | None:
    """bot.commands.schedule.handle_schedule_command, or None when this build has no schedules."""
    try:
        module = importlib.import_module(SCHEDULE_MODULE)
    except ModuleNotFoundError as error:
        if error.name != SCHEDULE_MODULE:
            raise
        return None
    handler: Callable[[Services, str, list[str]], str] | None = getattr(
        module, "handle_schedule_command", None
    )
    return handler


class AdminHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.relay: ClarificationService = services.relay()

    def on_command(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            actor = actor_of(body)
            reply = self.reply_for(parse_admin_command(body.get("text") or ""), actor, _team_lookup(client))
            respond(text=reply["text"], blocks=reply["blocks"], response_type="ephemeral")

    def reply_for(self, command: AdminCommand | UsageError, actor: Actor, team_of: TeamOf) -> Reply:
        try:
            return self._reply(command, actor, team_of)
        except ValidationFailed as failed:
            return notice_reply(" ".join(failed.errors.values()) or failed.message)
        except RelayError as error:
            return notice_reply(error.message)

    def _reply(self, command: AdminCommand | UsageError, actor: Actor, team_of: TeamOf) -> Reply:
        if isinstance(command, UsageError):
            return notice_reply(command.message)
        if isinstance(command, AdminHelp):
            return admin_help_reply(HELP_LINES)
        if isinstance(command, Delegated):
            handler = schedule_handler()
            if handler is None:
                return notice_reply(SCHEDULES_UNAVAILABLE)
            return mrkdwn_reply(handler(self.services, actor.user_id, list(command.args)))
        if isinstance(command, OfficeList):
            return self._office_list(actor)
        if isinstance(command, OfficeAdd):
            return self._office_add(command, actor)
        if isinstance(command, OfficeEdit | OfficeRemove):
            return self._office_change(command, actor)
        if isinstance(command, MemberChange):
            return self._members(command, actor, team_of)
        if isinstance(command, CalendarDays):
            return self._calendar_days(command, actor)
        if isinstance(command, TeamHolidays):
            return self._team_holidays(command, actor)
        return self._roles(command, actor)

    # ---- offices ----

    def _find_office(self, name: str) -> Office | None:
        wanted = name.strip().casefold()
        return next(
            (o for o in self.relay.list_offices(include_inactive=True) if o.name.casefold() == wanted), None
        )

    def _office_list(self, actor: Actor) -> Reply:
        lead = self.relay.authorize(actor, Action.MANAGE_OFFICES, record=False).allowed
        if not lead and self.relay.role_of(actor.user_id) is None:
            return notice_reply("Only CodeDesk staff can list the offices.")
        found = self.relay.list_offices(include_inactive=lead)
        return offices_reply(found, {office.id: self.relay.calendar(office.id) for office in found})

    def _office_add(self, command: OfficeAdd, actor: Actor) -> Reply:
        settings = command.settings
        region = _region_choice(settings.holidays)
        opens, closes = settings.open_ or DEFAULT_OPEN, settings.close or DEFAULT_CLOSE
        office = self.relay.add_office(
            actor,
            name=command.name,
            channel_id=command.channel_id,
            tz=settings.tz or self.services.settings.team_tz,
            open_=opens,
            close=closes,
            sla_hours=_sla_hours(settings, opens, closes) or DEFAULT_SLA,
        )
        if region is not None:
            self.relay.set_holiday_region(actor, office.id, region)
        return notice_reply(
            f"Added {office.name}: answers due within {sla_text(office)}. Invite CodeDesk to its channel, then "
            f'add the people who answer with `/codedesk office member add "{office.name}" @person`.'
        )

    def _office_change(self, command: OfficeEdit | OfficeRemove, actor: Actor) -> Reply:
        office = self._find_office(command.name)
        if office is None:
            return notice_reply(
                f"There is no office called {command.name}. `/codedesk office list` shows them."
            )
        if isinstance(command, OfficeRemove):
            self.relay.remove_office(actor, office.id)
            return notice_reply(
                f"Removed {office.name}: no new questions go to it; its clarifications and history are kept. "
                f"`/codedesk office edit {office.name} active:yes` brings it back."
            )
        settings = command.settings
        region = _region_choice(settings.holidays)
        edited = self.relay.edit_office(
            actor,
            office.id,
            name=command.new_name,
            channel_id=command.channel_id,
            tz=settings.tz,
            open_=settings.open_,
            close=settings.close,
            sla_hours=_sla_hours(settings, settings.open_ or office.open, settings.close or office.close),
            active=command.active,
        )
        if region is not None:
            self.relay.set_holiday_region(actor, office.id, None if region == FOLLOW_TEAM else region)
        calendar = self.relay.calendar(office.id)
        return mrkdwn_reply("Updated:\n" + office_line(edited, calendar))

    # ---- calendars ----

    def _calendar_days(self, command: CalendarDays, actor: Actor) -> Reply:
        office_id: int | None = None
        name = "the team"
        if command.office is not None:
            office = self._find_office(command.office)
            if office is None:
                return notice_reply(
                    f"There is no office called {command.office}. `/codedesk office list` shows them."
                )
            office_id, name = office.id, office.name
        if command.verb == "list":
            decision = self.relay.authorize(actor, Action.MANAGE_OFFICES, record=False)
            if not decision.allowed and self.relay.role_of(actor.user_id) is None:
                return notice_reply("Only CodeDesk staff can see the calendars.")
            today = self.services.today()
            first = command.days[0] if command.days else today
            last = command.days[-1] if command.days else today + timedelta(days=LISTED_DAYS)
            return calendar_reply(name, self.relay.calendar(office_id), first, last)
        lines = self.relay.change_days(
            actor, office_id, command.days, closed=command.verb == "add", note=command.note
        )
        tail = "Due dates from now on count these days; questions already asked keep their due time."
        return notice_reply("\n".join([*lines, tail]))

    def _team_holidays(self, command: TeamHolidays, actor: Actor) -> Reply:
        if command.region is None:
            calendar = self.relay.calendar(None)
            return notice_reply(
                f"The team's public holidays: {region_label(calendar)}. Offices follow it unless they have "
                "their own (`holidays:` on `/codedesk office edit`)."
            )
        region = _region_choice(command.region)
        if region == FOLLOW_TEAM:
            return notice_reply("Give the team a region, e.g. `/codedesk team holidays US`, or `none`.")
        calendar = self.relay.set_holiday_region(actor, None, region)
        return notice_reply(
            f"The team's public holidays are now {region_label(calendar)}: scheduled posts that skip holidays "
            "and offices without a region of their own follow it."
        )

    def _members(self, command: MemberChange, actor: Actor, team_of: TeamOf) -> Reply:
        office = self._find_office(command.office)
        if office is None:
            return notice_reply(
                f"There is no office called {command.office}. `/codedesk office list` shows them."
            )
        decision = self.relay.authorize(actor, Action.MANAGE_OFFICES, office)
        if not decision.allowed:
            return notice_reply(decision.reason)
        lines = []
        for user_id in command.user_ids:
            team_id = team_of(user_id)
            if team_id is None:
                lines.append(f"I couldn't find <@{user_id}> in Slack; nothing changed for them.")
            elif command.add:
                added = self.relay.add_office_member(actor, office.id, user_id, team_id)
                lines.append(
                    f"<@{user_id}> now answers for {office.name}."
                    if added
                    else f"<@{user_id}> already answers for {office.name}."
                )
            else:
                removed = self.relay.remove_office_member(actor, office.id, user_id, team_id)
                lines.append(
                    f"<@{user_id}> no longer answers for {office.name}."
                    if removed
                    else f"<@{user_id}> was not a member of {office.name}."
                )
        return notice_reply("\n".join(lines))

    # ---- roles ----

    def _roles(self, command: RoleGrant | RoleRevoke | RoleList, actor: Actor) -> Reply:
        if isinstance(command, RoleGrant):
            self.relay.grant_role(actor, command.user_id, command.role)
            return notice_reply(f"<@{command.user_id}> is now {_article(command.role)} {command.role.value}.")
        if isinstance(command, RoleRevoke):
            removed = self.relay.revoke_role(actor, command.user_id)
            if not removed:
                return notice_reply(f"<@{command.user_id}> has no CodeDesk role.")
            return notice_reply(f"<@{command.user_id}> no longer has a CodeDesk role.")
        if self.relay.role_of(actor.user_id) not in (Role.ADMIN, Role.LEAD):
            return notice_reply("Only admins and leads can list roles.")
        db = self.services.db_factory()
        try:
            grants = roles.list_roles(db)
        finally:
            db.close()
        return roles_reply([(grant.user_id, grant.role.value) for grant in grants])


FOLLOW_TEAM = "team"
LISTED_DAYS = 365


def _region_choice(text: str | None) -> str | None:
    """The `holidays:` option as stored: a canonical region, `none`, FOLLOW_TEAM; None when not given.
    An unknown region is refused before anything changes."""
    if text is None:
        return None
    if text.strip().lower() == FOLLOW_TEAM:
        return FOLLOW_TEAM
    try:
        region = parse_region(text)
    except RegionError as error:
        raise ValidationFailed({"holidays": str(error)}) from None
    return region or NO_REGION


def _sla_hours(settings: OfficeSettings, opens: time, closes: time) -> float | None:
    """Business hours of the turnaround: as given, or business days times the office's opening hours."""
    if settings.sla_hours is not None:
        return settings.sla_hours
    if settings.sla_days is not None:
        return settings.sla_days * business_day_hours(opens, closes)
    return None


def _article(role: Role) -> str:
    return "an" if role is Role.ADMIN else "a"


def _team_lookup(client: WebClient) -> TeamOf:
    """The user's own team from users.info: a Slack Connect guest belongs to their office's workspace."""

    def team_of(user_id: str) -> str | None:
        try:
            user = client.users_info(user=user_id).get("user") or {}
        except SlackApiError as error:
            log.warning("users.info failed for a member change: %s", error.response.get("error"))
            return None
        team = user.get("team_id")
        return str(team) if team else None

    return team_of


def register(app: App, services: Services) -> None:
    app.command(ids.ADMIN_COMMAND)(AdminHandlers(services).on_command)
