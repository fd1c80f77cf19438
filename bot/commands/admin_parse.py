"""Parsing `/codedesk` text: offices, members, roles. Pure, unit-tested on its own.

Slack sends a picked channel as `<#C123|name>` and a picked user as `<@U123>` or `<@U123|name>` (the command
is registered with `should_escape: true`); bare ids (`C123ABC`, `U123ABC`) are accepted too, which is what the
console and scripts type. `&`, `<` and `>` arrive HTML-escaped and are unescaped in names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.roles import Role

MAX_COMMAND_CHARS = 1000

HELP_LINES = (
    '`/codedesk office add "<name>" #channel [tz:America/Chicago] [hours:08:00-17:00] [sla:3d|sla:24h] '
    "[holidays:US-IL]` (sla in business days `d` or business hours `h`)",
    '`/codedesk office edit "<name>" [name:"New name"] [#channel] [tz:...] [hours:...] [sla:...] '
    "[holidays:...|holidays:team] [active:yes]`",
    '`/codedesk office remove "<name>"` (questions and history are kept)',
    "`/codedesk office list` (or the Admin section of the App Home)",
    '`/codedesk office member add|remove "<name>" @user [@user ...]`',
    '`/codedesk office closed add|remove|list "<name>" [2026-12-24 | 2026-12-24..2026-12-31] [note:"..."]`',
    "`/codedesk team closed add|remove|list [DATE | DATE..DATE]`, `/codedesk team holidays US-NY|none`",
    "`/codedesk role grant @user admin|lead|coder`, `/codedesk role revoke @user`, `/codedesk role list`",
    "`/codedesk schedule ...`, `/codedesk timezone TZ`",
)

_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$|^#?([CG][A-Z0-9]{6,})$")
_USER = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$|^@?([UW][A-Z0-9_]{2,})$")
_TOKEN = re.compile(r'[A-Za-z_]+:"[^"]*"|[A-Za-z_]+:“[^”]*”|"[^"]*"|“[^”]*”|\S+')
_OPTION = re.compile(r"^([A-Za-z_]+):(.*)$", re.DOTALL)
_HOURS = re.compile(r"^(\d{1,2}):?(\d{2})\s*-\s*(\d{1,2}):?(\d{2})$")
_TZ = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$")
_SLA = re.compile(r"^(\d+(?:\.\d+)?)\s*(h|hours?|d|days?)?$", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$")
MAX_DAYS_AT_ONCE = 366


@dataclass(frozen=True)
class UsageError:
    message: str


@dataclass(frozen=True)
class OfficeSettings:
    """Optional office settings given on the command line (None: not given)."""

    tz: str | None = None
    open_: time | None = None
    close: time | None = None
    sla_hours: float | None = None
    sla_days: float | None = None  # given as business days: hours follow from the office's opening hours
    holidays: str | None = None  # a region code, `none`, or `team` (follow the team's)


@dataclass(frozen=True)
class OfficeAdd:
    name: str
    channel_id: str
    settings: OfficeSettings = field(default_factory=OfficeSettings)


@dataclass(frozen=True)
class OfficeEdit:
    name: str
    new_name: str | None = None
    channel_id: str | None = None
    settings: OfficeSettings = field(default_factory=OfficeSettings)
    active: bool | None = None


@dataclass(frozen=True)
class OfficeRemove:
    name: str


@dataclass(frozen=True)
class OfficeList:
    pass


@dataclass(frozen=True)
class MemberChange:
    add: bool
    office: str
    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class RoleGrant:
    user_id: str
    role: Role


@dataclass(frozen=True)
class RoleRevoke:
    user_id: str


@dataclass(frozen=True)
class RoleList:
    pass


@dataclass(frozen=True)
class AdminHelp:
    pass


@dataclass(frozen=True)
class CalendarDays:
    """`office closed add|remove|list "<name>" ...` or `team closed ...` (`office` None: the team)."""

    verb: str  # add, remove or list
    office: str | None
    days: tuple[date, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class TeamHolidays:
    """`team holidays [REGION|none]` (None: show)."""

    region: str | None


@dataclass(frozen=True)
class Delegated:
    """`schedule ...` / `timezone ...`: handled by bot.commands.schedule; `args` include the first word."""

    args: tuple[str, ...]


AdminCommand = (
    OfficeAdd
    | OfficeEdit
    | OfficeRemove
    | OfficeList
    | MemberChange
    | RoleGrant
    | RoleRevoke
    | RoleList
    | AdminHelp
    | Delegated
    | CalendarDays
    | TeamHolidays
)


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def tokenize(text: str) -> list[str]:
    """Whitespace-separated tokens; `"quoted words"` and `key:"quoted words"` stay whole."""
    return _TOKEN.findall(text)


def _unquote(token: str) -> str:
    """`"Main St"` or `“Main St”` (as some keyboards type it) -> `Main St`."""
    if len(token) >= 2 and (token[0] == token[-1] == '"' or (token[0] == "“" and token[-1] == "”")):
        return token[1:-1]
    return token


def parse_channel(token: str) -> str | None:
    match = _CHANNEL.match(token.strip())
    return (match.group(1) or match.group(2)) if match else None


def parse_user(token: str) -> str | None:
    match = _USER.match(token.strip())
    return (match.group(1) or match.group(2)) if match else None


def parse_hours(text: str) -> tuple[time, time] | UsageError:
    match = _HOURS.match(text.strip())
    if not match:
        return UsageError("Write office hours as `hours:08:00-17:00`.")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        return UsageError("Office hours must be real times, e.g. `hours:08:00-17:00`.")
    opens, closes = time(h1, m1), time(h2, m2)
    if opens >= closes:
        return UsageError("Office hours must close after they open, e.g. `hours:08:00-17:00`.")
    return opens, closes


def parse_sla(text: str) -> tuple[float, str] | UsageError:
    """The turnaround with its unit spelled out: `3d` (business days) or `24h` (business hours), both counted in
    the office's opening hours, working days and time zone. A bare number is refused: nobody should have to
    guess whether `72` means hours or days. Returns (amount, "d" or "h")."""
    match = _SLA.match(text.strip())
    if not match:
        return UsageError(
            "Write the turnaround with its unit: `sla:3d` (business days) or `sla:24h` (business hours)."
        )
    if not match.group(2):
        return UsageError(
            f"Say whether `{match.group(1)}` is business days or hours: `sla:{match.group(1)}d` or "
            f"`sla:{match.group(1)}h`."
        )
    amount, unit = float(match.group(1)), match.group(2)[0].lower()
    if unit == "h" and not 0 < amount <= 720:
        return UsageError("The turnaround must be between 1 and 720 business hours.")
    if unit == "d" and not 0 < amount <= 90:
        return UsageError("The turnaround must be between 1 and 90 business days.")
    return amount, unit


def parse_days(text: str) -> tuple[date, ...] | UsageError:
    """`2026-12-24` or a range `2026-12-24..2026-12-31` (both ends included)."""
    match = _DAYS.match(text.strip())
    if not match:
        return UsageError("Write dates as `2026-12-24`, or a range as `2026-12-24..2026-12-31`.")
    try:
        first = date.fromisoformat(match.group(1))
        last = date.fromisoformat(match.group(2)) if match.group(2) else first
    except ValueError:
        return UsageError(f"`{text.strip()[:30]}` is not a real date.")
    if last < first:
        return UsageError("A range goes from the earlier date to the later one.")
    count = (last - first).days + 1
    if count > MAX_DAYS_AT_ONCE:
        return UsageError(f"Give at most {MAX_DAYS_AT_ONCE} days at once.")
    return tuple(first + timedelta(days=n) for n in range(count))


def parse_tz(text: str) -> str | UsageError:
    """An IANA zone name. The shape is checked first: zoneinfo raises OSError for a region such as `America`
    and recurses on a deep path, so only names that look like zones reach it."""
    name = text.strip()
    refusal = UsageError(f"`{name[:60]}` is not a time zone; use an IANA name such as `America/Chicago`.")
    if len(name) > 64 or not _TZ.match(name):
        return refusal
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return refusal
    return name


def _yes_no(text: str) -> bool | None:
    lowered = text.strip().lower()
    if lowered in ("yes", "y", "true", "on", "1"):
        return True
    if lowered in ("no", "n", "false", "off", "0"):
        return False
    return None


@dataclass
class _OfficeArgs:
    name_words: list[str] = field(default_factory=list)
    channel_id: str | None = None
    tz: str | None = None
    hours: tuple[time, time] | None = None
    sla: tuple[float, str] | None = None
    new_name: str | None = None
    active: bool | None = None
    holidays: str | None = None


def _has_settings(args: _OfficeArgs) -> bool:
    return any(
        value is not None
        for value in (
            args.channel_id,
            args.tz,
            args.hours,
            args.sla,
            args.new_name,
            args.active,
            args.holidays,
        )
    )


def _office_args(tokens: list[str], *, editing: bool) -> _OfficeArgs | UsageError:
    args = _OfficeArgs()
    for token in tokens:
        channel = parse_channel(token)
        option = _OPTION.match(token)
        if channel is not None:
            if args.channel_id is not None:
                return UsageError("Give one channel per office.")
            args.channel_id = channel
        elif token.startswith("#") and len(token) > 1:
            return UsageError(
                f"I can't tell which channel `{token}` is: pick it from Slack's autocomplete so the command "
                "carries the channel itself (and invite CodeDesk to the channel)."
            )
        elif option:
            key, value = option.group(1).lower(), _unquote(option.group(2))
            if key == "tz":
                tz = parse_tz(value)
                if isinstance(tz, UsageError):
                    return tz
                args.tz = tz
            elif key == "hours":
                hours = parse_hours(value)
                if isinstance(hours, UsageError):
                    return hours
                args.hours = hours
            elif key == "sla":
                sla = parse_sla(value)
                if isinstance(sla, UsageError):
                    return sla
                args.sla = sla
            elif key == "holidays":
                region = value.strip()
                if not region or len(region) > 12 or (region.lower() == "team" and not editing):
                    return UsageError(
                        "Write `holidays:US-IL` (a country, optionally with its state), `holidays:none`"
                        + (" or `holidays:team`." if editing else ".")
                    )
                args.holidays = region
            elif key == "name" and editing:
                args.new_name = unescape(value).strip() or None
            elif key == "active" and editing:
                active = _yes_no(value)
                if active is None:
                    return UsageError("Write `active:yes` to reactivate an office (or `active:no`).")
                args.active = active
            else:
                return UsageError(f"`{key}:` is not an option here. {HELP_LINES[0]}")
        elif not _has_settings(args):
            args.name_words.append(unescape(_unquote(token)))
        else:
            return UsageError(
                f"Put the office name first, then the channel and options (`{token}` came late)."
            )
    return args


def _settings(args: _OfficeArgs) -> OfficeSettings:
    opens, closes = args.hours if args.hours else (None, None)
    hours = args.sla[0] if args.sla and args.sla[1] == "h" else None
    days = args.sla[0] if args.sla and args.sla[1] == "d" else None
    return OfficeSettings(
        tz=args.tz, open_=opens, close=closes, sla_hours=hours, sla_days=days, holidays=args.holidays
    )


def _parse_office(tokens: list[str]) -> AdminCommand | UsageError:
    if not tokens:
        return UsageError("Try `/codedesk office add|edit|remove|list|member`. " + HELP_LINES[0])
    verb, rest = tokens[0].lower(), tokens[1:]
    if verb == "list":
        return OfficeList()
    if verb == "member":
        return _parse_member(rest)
    if verb in ("closed", "closures", "holidays"):
        return _parse_closed(rest, office=True)
    if verb in ("add", "edit", "remove"):
        args = _office_args(rest, editing=verb == "edit")
        if isinstance(args, UsageError):
            return args
        name = " ".join(args.name_words).strip()
        if not name:
            return UsageError(f"Name the office, e.g. {HELP_LINES[0 if verb == 'add' else 1]}.")
        if verb == "add":
            if args.channel_id is None:
                return UsageError(f"Pick the office's channel, e.g. {HELP_LINES[0]}.")
            return OfficeAdd(name, args.channel_id, _settings(args))
        if verb == "remove":
            if _has_settings(args):
                return UsageError("`/codedesk office remove` takes only the office name.")
            return OfficeRemove(name)
        edit = OfficeEdit(name, args.new_name, args.channel_id, _settings(args), args.active)
        if edit == OfficeEdit(name):
            return UsageError(f"Say what to change, e.g. {HELP_LINES[1]}.")
        return edit
    return UsageError(f"I don't know `office {verb}`. Try add, edit, remove, list or member.")


def _parse_member(tokens: list[str]) -> MemberChange | UsageError:
    usage = UsageError("Try `/codedesk office member add <office name> @user` (or `remove`).")
    if not tokens or tokens[0].lower() not in ("add", "remove"):
        return usage
    add = tokens[0].lower() == "add"
    name_words: list[str] = []
    users: list[str] = []
    for token in tokens[1:]:
        user = parse_user(token)
        if user is not None:
            users.append(user)
        elif users or token.startswith(("@", "<@")):
            return UsageError(
                f"I can't tell who `{token}` is: pick people from Slack's autocomplete so the command "
                "carries their user id."
            )
        else:
            name_words.append(unescape(_unquote(token)))
    if not name_words or not users:
        return usage
    return MemberChange(add, " ".join(name_words), tuple(dict.fromkeys(users)))


def _parse_closed(tokens: list[str], *, office: bool) -> CalendarDays | UsageError:
    """`[office] closed add|remove|list ["<name>"] [DATE | DATE..DATE] [note:"..."]`."""
    where = 'office closed add|remove|list "<name>"' if office else "team closed add|remove|list"
    usage = UsageError(f"Try `/codedesk {where} 2026-12-24` (or a range `2026-12-24..2026-12-31`).")
    if not tokens or tokens[0].lower() not in ("add", "remove", "list"):
        return usage
    verb = tokens[0].lower()
    name_words: list[str] = []
    days: list[date] = []
    note = ""
    for token in tokens[1:]:
        option = _OPTION.match(token)
        if _DAYS.match(token):
            parsed = parse_days(token)
            if isinstance(parsed, UsageError):
                return parsed
            days.extend(parsed)
        elif option and option.group(1).lower() == "note":
            note = unescape(_unquote(option.group(2))).strip()
        elif days:
            return UsageError(f"Put the dates last, before `note:` (`{token[:30]}` came after them).")
        elif office:
            name_words.append(unescape(_unquote(token)))
        else:
            return usage
    name = " ".join(name_words).strip() or None
    if office and name is None:
        return UsageError(f'Name the office, e.g. `/codedesk office closed {verb} "Main St" 2026-12-24`.')
    if verb != "list" and not days:
        return UsageError(f"Give the date, e.g. `/codedesk {where.split(' add')[0]} {verb} ... 2026-12-24`.")
    if len(days) > MAX_DAYS_AT_ONCE:
        return UsageError(f"Give at most {MAX_DAYS_AT_ONCE} days at once.")
    return CalendarDays(verb, name, tuple(dict.fromkeys(days)), note)


def _parse_team(tokens: list[str]) -> AdminCommand | UsageError:
    if tokens and tokens[0].lower() in ("closed", "closures"):
        return _parse_closed(tokens[1:], office=False)
    if tokens and tokens[0].lower() == "holidays" and len(tokens) <= 2:
        return TeamHolidays(tokens[1] if len(tokens) == 2 else None)
    return UsageError(
        "Try `/codedesk team closed add|remove|list [2026-12-24]` or `/codedesk team holidays US-NY|none`."
    )


def _parse_role(tokens: list[str]) -> AdminCommand | UsageError:
    usage = UsageError(
        "Try `/codedesk role grant @user admin|lead|coder`, `role revoke @user` or `role list`."
    )
    if not tokens:
        return usage
    verb = tokens[0].lower()
    if verb == "list" and len(tokens) == 1:
        return RoleList()
    if verb not in ("grant", "revoke") or len(tokens) < 2:
        return usage
    user = parse_user(tokens[1])
    if user is None:
        return UsageError(
            f"I can't tell who `{tokens[1]}` is: pick the person from Slack's autocomplete (`@name`)."
        )
    if verb == "revoke":
        return RoleRevoke(user) if len(tokens) <= 3 else usage
    if len(tokens) != 3:
        return usage
    try:
        return RoleGrant(user, Role(tokens[2].lower()))
    except ValueError:
        return UsageError(f"`{tokens[2]}` is not a role: use admin, lead or coder.")


def parse_admin_command(text: str) -> AdminCommand | UsageError:
    text = text.strip()
    if len(text) > MAX_COMMAND_CHARS:
        return UsageError(f"That is too long: keep `/codedesk` text under {MAX_COMMAND_CHARS} characters.")
    tokens = tokenize(text)
    if not tokens or tokens[0].lower() in ("help", "?"):
        return AdminHelp()
    area = tokens[0].lower()
    if area in ("office", "offices"):
        return _parse_office(tokens[1:])
    if area in ("role", "roles"):
        return _parse_role(tokens[1:])
    if area == "team":
        return _parse_team(tokens[1:])
    if area in ("schedule", "schedules", "timezone"):
        return Delegated(("timezone" if area == "timezone" else "schedule", *tokens[1:]))
    return UsageError(f"I don't know `{tokens[0]}`. Try `/codedesk help`.")
