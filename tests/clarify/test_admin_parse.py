"""Parsing /codedesk text: mentions, office settings, members, roles."""

from __future__ import annotations

from datetime import time

import pytest

from bot.commands.admin_parse import (
    AdminHelp,
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
    UsageError,
    parse_admin_command,
    parse_channel,
    parse_hours,
    parse_sla,
    parse_user,
    tokenize,
)
from storage.roles import Role


@pytest.mark.parametrize(
    ("token", "channel"),
    [
        ("<#C0123ABC|north-clinic>", "C0123ABC"),
        ("<#C0123ABC>", "C0123ABC"),
        ("<#G0123ABC|private>", "G0123ABC"),
        ("C0123ABCD", "C0123ABCD"),
        ("#C0123ABCD", "C0123ABCD"),
        ("#north-clinic", None),
        ("<@U123>", None),
        ("North", None),
    ],
)
def test_channels(token: str, channel: str | None) -> None:
    assert parse_channel(token) == channel


@pytest.mark.parametrize(
    ("token", "user"),
    [
        ("<@U0123ABC>", "U0123ABC"),
        ("<@W0123ABC|dr.lee>", "W0123ABC"),
        ("U0123ABC", "U0123ABC"),
        ("@U0123ABC", "U0123ABC"),
        ("@dr.lee", None),
        ("<#C0123ABC>", None),
    ],
)
def test_users(token: str, user: str | None) -> None:
    assert parse_user(token) == user


def test_hours_and_sla() -> None:
    assert parse_hours("08:00-17:00") == (time(8), time(17))
    assert parse_hours("7:30 - 16:15") == (time(7, 30), time(16, 15))
    assert isinstance(parse_hours("17:00-08:00"), UsageError)
    assert isinstance(parse_hours("25:00-26:00"), UsageError)
    assert isinstance(parse_hours("9 to 5"), UsageError)
    assert parse_sla("72h") == (72.0, "h")
    assert parse_sla("3d") == (3.0, "d")
    assert parse_sla("3 days") == (3.0, "d")
    assert parse_sla("1.5 hours") == (1.5, "h")
    refused = parse_sla("48")  # a bare number: days or hours? never guessed
    assert isinstance(refused, UsageError) and "`sla:48d` or `sla:48h`" in refused.message
    assert isinstance(parse_sla("100d"), UsageError)
    assert isinstance(parse_sla("0h"), UsageError)
    assert isinstance(parse_sla("1000h"), UsageError)


def test_tokenize_keeps_quotes() -> None:
    assert tokenize('office edit North name:"North Clinic West" "A B"') == [
        "office",
        "edit",
        "North",
        'name:"North Clinic West"',
        '"A B"',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", AdminHelp()),
        ("help", AdminHelp()),
        ("office list", OfficeList()),
        (
            "office add North Clinic <#C0NORTH1|north> tz:America/Chicago hours:07:30-16:00 sla:48h",
            OfficeAdd(
                "North Clinic", "C0NORTH1", OfficeSettings("America/Chicago", time(7, 30), time(16), 48.0)
            ),
        ),
        ("office add Smith &amp; Jones <#C0SJ1234>", OfficeAdd("Smith & Jones", "C0SJ1234")),
        ("office remove North Clinic", OfficeRemove("North Clinic")),
        (
            "office edit North Clinic sla:24h",
            OfficeEdit("North Clinic", settings=OfficeSettings(sla_hours=24.0)),
        ),
        ('office edit North name:"North West"', OfficeEdit("North", new_name="North West")),
        ("office edit North active:yes", OfficeEdit("North", active=True)),
        ("office edit North <#C0NEW123>", OfficeEdit("North", channel_id="C0NEW123")),
        (
            "office member add North Clinic <@U0DOC1|doc> <@W0DOC2>",
            MemberChange(True, "North Clinic", ("U0DOC1", "W0DOC2")),
        ),
        ("office member remove North <@U0DOC1>", MemberChange(False, "North", ("U0DOC1",))),
        ("role grant <@U0LEE1|lee> lead", RoleGrant("U0LEE1", Role.LEAD)),
        ("role grant U0LEE1 ADMIN", RoleGrant("U0LEE1", Role.ADMIN)),
        ("role revoke <@U0LEE1>", RoleRevoke("U0LEE1")),
        ("role list", RoleList()),
        ("schedule list", Delegated(("schedule", "list"))),
        (
            "schedules set digest 0 8 * * 1-5 <#C0LEADS1>",
            Delegated(("schedule", "set", "digest", "0", "8", "*", "*", "1-5", "<#C0LEADS1>")),
        ),
        ("timezone America/Denver", Delegated(("timezone", "America/Denver"))),
    ],
)
def test_commands(text: str, expected: object) -> None:
    assert parse_admin_command(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("office add North", "Pick the office's channel"),
        ("office add <#C0NORTH1>", "Name the office"),
        ("office add North #north-clinic", "pick it from Slack's autocomplete"),
        ("office add North <#C0A12345> <#C0B12345>", "one channel"),
        ("office add North <#C0NORTH1> tz:Mars/Base", "not a time zone"),
        ("office add North <#C0NORTH1> tz:America", "not a time zone"),
        ("office add North <#C0NORTH1> tz:" + "a/" * 450 + "b", "not a time zone"),
        ("office add North <#C0NORTH1> tz:../../etc/passwd", "not a time zone"),
        ("office add North <#C0NORTH1> hours:9-5", "office hours"),
        ("office add North <#C0NORTH1> sla:soon", "business hours"),
        ("office add North <#C0NORTH1> extra", "office name first"),
        ("office add North <#C0NORTH1> colour:blue", "`colour:` is not an option"),
        ("office edit North", "Say what to change"),
        ("office edit North active:maybe", "active:yes"),
        ("office remove North <#C0NORTH1>", "only the office name"),
        ("office fly", "I don't know `office fly`"),
        ("office", "Try `/codedesk office"),
        ("office member add North", "Try `/codedesk office member add"),
        ("office member add North @dr.lee", "pick people from Slack's autocomplete"),
        ("role grant @lee lead", "pick the person"),
        ("role grant <@U0LEE1> boss", "not a role"),
        ("role grant <@U0LEE1>", "Try `/codedesk role grant"),
        ("role", "Try `/codedesk role grant"),
        ("jump", "I don't know `jump`"),
        ("x" * 1001, "too long"),
    ],
)
def test_bad_commands_say_what_to_type(text: str, says: str) -> None:
    result = parse_admin_command(text)
    assert isinstance(result, UsageError), result
    assert says in result.message
