"""/codedesk through signed requests: offices, members (with their own team), roles, and the schedule route."""

from __future__ import annotations

from datetime import date

import pytest

import bot.commands.admin as admin
from bot import ids
from bot.relay.service import Actor, ClarificationService
from bot.services import Services
from storage.roles import Role
from tests.clarify.conftest import World
from tests.clarify.driver import ADMIN, CODER, GUEST, LEAD, Relay
from tests.fake_slack import FakeSlack


def codedesk(r: Relay, text: str, actor: Actor = ADMIN) -> str:
    return r.reply_text(r.command(text, actor=actor, command=ids.ADMIN_COMMAND))


def test_office_add_list_edit_remove(relay_driver: Relay, relay: ClarificationService) -> None:
    r = relay_driver
    added = codedesk(
        r, "office add East Clinic <#C0EAST12|east-clinic> tz:America/Denver hours:07:00-15:30 sla:48h"
    )
    assert "Added East Clinic" in added and '/codedesk office member add "East Clinic"' in added
    assert "48 business hours (5.6 business days of 8.5 h)" in added
    east = next(o for o in relay.list_offices() if o.name == "East Clinic")
    assert (east.channel_id, east.tz, east.sla_hours) == ("C0EAST12", "America/Denver", 48.0)
    assert (east.open.isoformat(), east.close.isoformat()) == ("07:00:00", "15:30:00")

    listed = codedesk(r, "office list", actor=CODER)
    assert "*East Clinic* in <#C0EAST12> · America/Denver · 07:00–15:30" in listed

    edited = codedesk(r, 'office edit east clinic name:"East Clinic & Lab" sla:24h', actor=LEAD)
    assert "*East Clinic &amp; Lab*" in edited and "24 business hours" in edited

    removed = codedesk(r, "office remove East Clinic & Lab")
    assert "no new questions go to it" in removed
    assert "East Clinic & Lab" not in [o.name for o in relay.list_offices()]
    assert "_removed_" in codedesk(r, "office list")
    assert "Updated" in codedesk(r, "office edit East Clinic &amp; Lab active:yes")


def test_office_defaults_come_from_the_team(
    relay_driver: Relay, relay: ClarificationService, services: Services
) -> None:
    codedesk(relay_driver, "office add West <#C0WEST12>")
    west = next(o for o in relay.list_offices() if o.name == "West")
    assert (west.tz, west.sla_hours) == (services.settings.team_tz, 72.0)


def test_office_errors_are_clear(relay_driver: Relay, world: World) -> None:
    r = relay_driver
    assert "already belongs to North Clinic" in codedesk(r, "office add Second <#C0NORTH>")
    assert "An office called North Clinic already exists" in codedesk(
        r, "office add north clinic <#C0OTHER1>"
    )
    assert "There is no office called Nowhere" in codedesk(r, "office edit Nowhere sla:10h")
    assert "Say whether `10` is business days or hours" in codedesk(r, "office edit North Clinic sla:10")
    assert "pick it from Slack's autocomplete" in codedesk(r, "office add X #x-clinic")
    assert "Only admins and leads can manage offices." in codedesk(r, "office add X <#C0XXXXX1>", actor=CODER)
    assert "Only CodeDesk staff can list the offices." in codedesk(r, "office list", actor=GUEST)


def test_members_are_added_with_their_own_team(
    relay_driver: Relay, relay: ClarificationService, fake_slack: FakeSlack, world: World
) -> None:
    fake_slack.users["U0EASTDOC"] = {"id": "U0EASTDOC", "team_id": "TEAST", "name": "doc"}
    outcome = relay_driver.command(
        "office member add North Clinic <@U0EASTDOC|doc> <@U0LOCAL1>", actor=LEAD, command=ids.ADMIN_COMMAND
    )
    users_info = [c.body["user"] for c in outcome.calls if c.method == "users.info"]
    assert users_info == ["U0EASTDOC", "U0LOCAL1"]
    reply = relay_driver.reply_text(outcome)
    assert "<@U0EASTDOC> now answers for North Clinic." in reply
    assert "<@U0LOCAL1> now answers for North Clinic." in reply
    assert [o.name for o in relay.offices_of(Actor("U0EASTDOC", "TEAST"))] == ["North Clinic"]
    assert relay.offices_of(Actor("U0EASTDOC", "T111")) == []

    again = codedesk(relay_driver, "office member add North Clinic <@U0EASTDOC>", actor=LEAD)
    assert "already answers" in again
    gone = codedesk(relay_driver, "office member remove North Clinic <@U0EASTDOC>", actor=LEAD)
    assert "no longer answers" in gone
    assert relay.offices_of(Actor("U0EASTDOC", "TEAST")) == []


def test_a_coder_cannot_change_members_and_users_info_is_not_called(
    relay_driver: Relay, world: World
) -> None:
    outcome = relay_driver.command(
        "office member add North Clinic <@U0X12345>", actor=CODER, command=ids.ADMIN_COMMAND
    )
    assert "Only admins and leads can manage offices." in relay_driver.reply_text(outcome)
    assert "users.info" not in [c.method for c in outcome.calls]


def test_roles(relay_driver: Relay, relay: ClarificationService, world: World) -> None:
    r = relay_driver
    assert "<@U0NEW123> is now a coder." in codedesk(r, "role grant <@U0NEW123|new> coder", actor=LEAD)
    assert relay.role_of("U0NEW123") is Role.CODER
    assert "Only an admin can grant or remove the admin role." in codedesk(
        r, "role grant <@U0NEW123> admin", actor=LEAD
    )
    assert "Only admins and leads can change roles." in codedesk(
        r, "role grant <@U0NEW123> lead", actor=CODER
    )
    listed = codedesk(r, "role list", actor=LEAD)
    assert "<@UADMIN> · admin" in listed and "<@U0NEW123> · coder" in listed
    assert "Only admins and leads can list roles." in codedesk(r, "role list", actor=CODER)
    assert "no longer has a CodeDesk role" in codedesk(r, "role revoke <@U0NEW123>")
    assert "has no CodeDesk role" in codedesk(r, "role revoke <@U0NEW123>")
    assert "last admin" in codedesk(r, "role grant <@UADMIN> coder")


def test_help_and_usage_errors(relay_driver: Relay) -> None:
    assert "/codedesk office add" in codedesk(relay_driver, "help")
    assert "I don't know `dance`" in codedesk(relay_driver, "dance")


def test_schedules_are_routed_to_the_schedule_feature(
    relay_driver: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, list[str]]] = []

    def handle(services: Services, actor_user_id: str, args: list[str]) -> str:
        seen.append((actor_user_id, args))
        return "*Schedules*: digest at 08:00 in <#C0LEADS1>"

    monkeypatch.setattr(admin, "schedule_handler", lambda: handle)
    reply = relay_driver.command(
        "schedule set digest <#C0LEADS1|leads>", actor=LEAD, command=ids.ADMIN_COMMAND
    )
    assert seen == [("ULEAD", ["schedule", "set", "digest", "<#C0LEADS1|leads>"])]
    assert "digest at 08:00 in <#C0LEADS1>" in relay_driver.reply_text(reply)

    codedesk(relay_driver, "timezone America/Denver", actor=LEAD)
    assert seen[-1] == ("ULEAD", ["timezone", "America/Denver"])


def test_without_the_schedule_feature_it_says_so(
    relay_driver: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin, "SCHEDULE_MODULE", "bot.commands.no_such_schedule_module")
    assert "Schedules are not available in this build." in codedesk(relay_driver, "schedule list", actor=LEAD)


def test_office_and_team_calendars_through_slack(relay_driver: Relay, relay: ClarificationService) -> None:
    r = relay_driver
    closed = codedesk(r, 'office closed add "North Clinic" 2026-12-24 note:"Christmas Eve"', actor=LEAD)
    assert "2026-12-24 (Thu): North Clinic closed (Christmas Eve)" in closed
    north = next(o for o in relay.list_offices() if o.name == "North Clinic")
    assert relay.calendar(north.id).closed == {date(2026, 12, 24): "Christmas Eve"}

    listed = codedesk(r, 'office closed list "North Clinic" 2026-11-20..2026-12-31', actor=CODER)
    assert "2026-11-26 Thu: Thanksgiving Day" in listed and "2026-12-24 Thu: closed: Christmas Eve" in listed
    assert "2026-12-25 Fri: Christmas Day" in listed and "public holidays: US" in listed

    reopened = codedesk(r, 'office closed remove "North Clinic" 2026-10-12', actor=LEAD)
    assert "North Clinic open although it is Columbus Day" in reopened
    removed = codedesk(r, 'office closed remove "north clinic" 2026-12-24', actor=LEAD)
    assert "2026-12-24 (Thu): no longer a closed day of North Clinic" in removed

    region = codedesk(r, 'office edit "North Clinic" holidays:us-il', actor=LEAD)
    assert "holidays US-IL" in region
    assert "not a country" in codedesk(r, 'office edit "North Clinic" holidays:XX', actor=LEAD)
    assert "Give the date" in codedesk(r, 'office closed add "North Clinic"', actor=LEAD)
    assert "not a real date" in codedesk(r, 'office closed add "North Clinic" 2026-02-30', actor=LEAD)
    assert "Only admins and leads" in codedesk(r, 'office closed add "North Clinic" 2026-12-31', actor=CODER)

    assert "are now no public holidays" in codedesk(r, "team holidays none", actor=LEAD)
    assert relay.calendar(None).region is None
    assert "2026-12-31 (Thu): the team closed" in codedesk(r, "team closed add 2026-12-31", actor=LEAD)
    assert "2026-12-31 Thu: closed" in codedesk(r, "team closed list 2026-12-01..2026-12-31", actor=LEAD)
