"""Parsing for the clarify feature: `/clarify` text, modal state and who a Slack payload comes from.

Pure functions over plain dicts and strings (no Slack client, no storage), unit-tested on their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bot.relay.query_rules import is_required_option
from bot.relay.service import Actor, ListFilter
from storage.clarifications import Answer, Outcome, QueryFormat

MAX_COMMAND_CHARS = 1000

USAGE = (
    "Try `/clarify` (opens the form), `/clarify list [mine|office <name>|overdue|all]`, `/clarify show <id>`, "
    "`/clarify close <id> reason:<why>`, `/clarify reopen <id> reason:<why>` or "
    '`/clarify export [from:2026-11-01] [to:2026-11-30] [office:"Main St"]`.'
)
_EXPORT_TOKEN = re.compile(r'([A-Za-z_]+):(?:"([^"]*)"|“([^”]*)”|(\S+))|(\S+)')


# --- /clarify text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenForm:
    pass


@dataclass(frozen=True)
class ListClarifications:
    filter: ListFilter
    office: str | None = None


@dataclass(frozen=True)
class ShowClarification:
    clarification_id: int


@dataclass(frozen=True)
class CloseClarification:
    """`reason` None: ask for it in the close modal."""

    clarification_id: int
    reason: str | None


@dataclass(frozen=True)
class ReopenClarification:
    clarification_id: int
    reason: str | None


@dataclass(frozen=True)
class ClarifyHelp:
    pass


@dataclass(frozen=True)
class ExportClarifications:
    """`/clarify export`: asked from `start` to `end` (both days included; None: open), one office or all."""

    start: date | None = None
    end: date | None = None
    office: str | None = None


@dataclass(frozen=True)
class UsageError:
    message: str


ClarifyCommand = (
    OpenForm
    | ListClarifications
    | ShowClarification
    | CloseClarification
    | ReopenClarification
    | ClarifyHelp
    | ExportClarifications
)

MAX_ID = 999_999_999  # ids are typed and carried with at most 9 digits; anything larger is not ours
_ID = re.compile(r"^#?(\d{1,9})$")
_REASON = re.compile(r"^reason\s*:\s*", re.IGNORECASE)


class Unreadable(ValueError):
    """A payload value of the wrong type or out of range: Slack never sends it, so the form is refused."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def positive_id(value: object) -> int | None:
    """An id carried in a payload: a positive integer of at most 9 digits (never a bool), or its digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    if isinstance(value, str):
        return parse_id(value)
    return None


def parse_id(token: str) -> int | None:
    match = _ID.match(token.strip())
    number = int(match.group(1)) if match else 0
    return number if number >= 1 else None


def _id_and_reason(verb: str, rest: str) -> tuple[int, str | None] | UsageError:
    parts = rest.split(maxsplit=1)
    clarification_id = parse_id(parts[0]) if parts else None
    if clarification_id is None:
        return UsageError(
            f"`/clarify {verb}` needs a clarification number, e.g. `/clarify {verb} 12 reason:...`."
        )
    reason = _REASON.sub("", parts[1]).strip() if len(parts) > 1 else ""
    return clarification_id, reason or None


def parse_clarify_command(text: str) -> ClarifyCommand | UsageError:
    text = " ".join(text.split())
    if len(text) > MAX_COMMAND_CHARS:
        return UsageError(f"That is too long: keep `/clarify` text under {MAX_COMMAND_CHARS} characters.")
    if not text:
        return OpenForm()
    verb, _, rest = text.partition(" ")
    verb = verb.lower()
    if verb in ("help", "?"):
        return ClarifyHelp()
    if verb in ("new", "ask"):
        return OpenForm()
    if verb == "list":
        return _parse_list(rest)
    if verb == "export":
        return parse_export(rest)
    if verb == "show":
        clarification_id = parse_id(rest) if rest else None
        if clarification_id is None:
            return UsageError("`/clarify show` takes one clarification number, e.g. `/clarify show 12`.")
        return ShowClarification(clarification_id)
    if verb in ("close", "reopen"):
        parsed = _id_and_reason(verb, rest)
        if isinstance(parsed, UsageError):
            return parsed
        if verb == "close":
            return CloseClarification(*parsed)
        return ReopenClarification(*parsed)
    if parse_id(verb) is not None and not rest:
        return ShowClarification(int(parse_id(verb) or 0))
    return UsageError(f"I don't know `{verb}`. {USAGE}")


def unquote_name(text: str) -> str:
    """An office name as typed: `Main St`, `"Main St"` or the curly quotes a phone keyboard puts in."""
    name = text.strip()
    for left, right in (('"', '"'), ("“", "”"), ("'", "'")):
        if len(name) >= 2 and name.startswith(left) and name.endswith(right):
            return name[1:-1].strip()
    return name


def parse_export(rest: str) -> ExportClarifications | UsageError:
    """`[from:YYYY-MM-DD] [to:YYYY-MM-DD] [office:NAME]` in any order; a quoted office name may have spaces."""
    usage = 'Try `/clarify export from:2026-11-01 to:2026-11-30 office:"Main St"` (each part optional).'
    found: dict[str, str] = {}
    for match in _EXPORT_TOKEN.finditer(rest):
        key = (match.group(1) or "").lower()
        value = next((g for g in match.group(2, 3, 4) if g is not None), "")
        if match.group(5) is not None or key not in ("from", "to", "office") or key in found:
            return UsageError(f"I don't understand `{(match.group(0))[:40]}` here. {usage}")
        found[key] = value.strip()
    days: dict[str, date] = {}
    for key in ("from", "to"):
        if key in found:
            try:
                days[key] = date.fromisoformat(found[key])
            except ValueError:
                return UsageError(f"`{key}:` takes a date as YYYY-MM-DD, e.g. `{key}:2026-11-01`.")
    if "from" in days and "to" in days and days["to"] < days["from"]:
        return UsageError("`to:` is before `from:`; give the earlier date first.")
    if "office" in found and not found["office"]:
        return UsageError("Name the office after `office:`, in quotes if it has spaces.")
    return ExportClarifications(days.get("from"), days.get("to"), found.get("office"))


def _parse_list(rest: str) -> ListClarifications | UsageError:
    word, _, name = rest.partition(" ")
    word = word.lower()
    if word in ("", "mine"):
        return ListClarifications(ListFilter.MINE) if not name else UsageError(USAGE)
    if word == "office":
        return ListClarifications(ListFilter.OFFICE, unquote_name(name) or None)
    if word in ("overdue", "all") and not name:
        return ListClarifications(ListFilter(word))
    return UsageError("`/clarify list` takes `mine`, `office <name>`, `overdue` or `all`.")


# --- who is asking ----------------------------------------------------------------------------------------


def actor_of(body: Mapping[str, Any]) -> Actor:
    """The user behind a slash command, action, shortcut or view submission, with *their own* team: a Slack
    Connect guest from an office carries their office's team id, which is what office membership checks."""
    user = body.get("user")
    if isinstance(user, Mapping):
        team = user.get("team_id") or (body.get("team") or {}).get("id") or ""
        return Actor(str(user.get("id", "")), str(team))
    team = body.get("user_team") or body.get("team_id") or ""
    return Actor(str(body.get("user_id", "")), str(team))


def event_actor(event: Mapping[str, Any], body: Mapping[str, Any]) -> Actor:
    """A message event's author: `user_team` is set for messages from another organisation."""
    team = event.get("user_team") or event.get("team") or body.get("team_id") or ""
    return Actor(str(event.get("user", "")), str(team))


# --- values carried by buttons and modals ----------------------------------------------------------------


def action_of(body: Mapping[str, Any]) -> Mapping[str, Any]:
    actions = body.get("actions") or [{}]
    first = actions[0]
    return first if isinstance(first, Mapping) else {}


def clicked_value(body: Mapping[str, Any]) -> str:
    """A button's value or a select's chosen option value."""
    action = action_of(body)
    selected = action.get("selected_option")
    if isinstance(selected, Mapping):
        return str(selected.get("value", ""))
    return str(action.get("value", ""))


def parse_resolution(value: str) -> tuple[int, Outcome | None] | None:
    """`"12:changed"` -> (12, CHANGED); a bare `"12"` -> (12, None): the outcome still has to be chosen."""
    raw_id, _, raw_outcome = value.partition(":")
    clarification_id = parse_id(raw_id)
    if clarification_id is None:
        return None
    try:
        outcome = Outcome(raw_outcome) if raw_outcome else None
    except ValueError:
        return None
    return clarification_id, outcome


@dataclass(frozen=True)
class AskOfficePrefill:
    """What a failed `/code check` hands to the clarify modal."""

    codes: tuple[str, ...]
    dos: str | None = None


def parse_ask_office_value(value: str) -> AskOfficePrefill:
    try:
        data = json.loads(value)
    except ValueError:
        return AskOfficePrefill(())
    if not isinstance(data, Mapping):
        return AskOfficePrefill(())
    codes = data.get("codes") or []
    clean = tuple(str(code)[:12] for code in codes if isinstance(code, str) and code.strip())[:25]
    dos = data.get("dos")
    return AskOfficePrefill(clean, dos if isinstance(dos, str) else None)


@dataclass(frozen=True)
class ModalContext:
    """`private_metadata` of the answer and close modals: which clarification and what the modal is for."""

    clarification_id: int
    mode: str

    def dumps(self) -> str:
        return json.dumps({"id": self.clarification_id, "mode": self.mode}, separators=(",", ":"))


def parse_modal_context(raw: str, modes: tuple[str, ...]) -> ModalContext | None:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return None
    if not isinstance(data, Mapping):
        return None
    raw_id, mode = data.get("id"), data.get("mode")
    clarification_id = positive_id(raw_id) if isinstance(raw_id, int) else None  # we write a number
    if clarification_id is None or not isinstance(mode, str) or mode not in modes:
        return None
    return ModalContext(clarification_id, mode)


# --- modal state ------------------------------------------------------------------------------------------

StateValues = Mapping[str, Mapping[str, Mapping[str, Any]]]


# Slack's date-time picker: seconds since the epoch, within years 2000-2099 (anything else is forged).
_EARLIEST, _LATEST = 946_684_800, 4_102_444_800


def state_values(view: Mapping[str, Any]) -> StateValues:
    state = view.get("state")
    values = state.get("values") if isinstance(state, Mapping) else None
    return values if isinstance(values, Mapping) else {}


def _element(values: StateValues, block_id: str) -> Mapping[str, Any]:
    block = values.get(block_id)
    if not isinstance(block, Mapping) or not block:
        return {}
    element = next(iter(block.values()))
    if not isinstance(element, Mapping):
        raise Unreadable(block_id)
    return element


def text_value(values: StateValues, block_id: str) -> str:
    value = _element(values, block_id).get("value")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Unreadable(block_id)
    return value


def selected_value(values: StateValues, block_id: str) -> str | None:
    selected = _element(values, block_id).get("selected_option")
    if selected is None:
        return None
    value = selected.get("value") if isinstance(selected, Mapping) else None
    if not isinstance(value, str):
        raise Unreadable(block_id)
    return value


def checked(values: StateValues, block_id: str) -> bool:
    selected = _element(values, block_id).get("selected_options")
    if selected is not None and not isinstance(selected, list):
        raise Unreadable(block_id)
    return bool(selected)


def datetime_value(values: StateValues, block_id: str) -> datetime | None:
    raw = _element(values, block_id).get("selected_date_time")
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not _EARLIEST <= raw <= _LATEST:
        raise Unreadable(block_id)
    return datetime.fromtimestamp(int(raw), UTC)


@dataclass(frozen=True)
class ClarifySubmission:
    office_id: int | None
    encounter_ref: str
    codes: tuple[str, ...]
    question: str
    format: QueryFormat
    options: tuple[str, ...]
    indicators: str
    documented_diagnosis: bool
    due_at: datetime | None
    reviewed: bool


def split_options(text: str, format_: QueryFormat) -> tuple[str, ...]:
    """One option per line. The form starts with the two required options filled in; for a format without
    options, leaving just those is the same as leaving the field empty."""
    options = tuple(line.strip().lstrip("•-* ").strip() for line in text.splitlines() if line.strip())
    if format_ is not QueryFormat.MULTIPLE_CHOICE and all(is_required_option(o) for o in options):
        return ()
    return options


def parse_clarify_submission(values: StateValues) -> ClarifySubmission:
    raw_office = selected_value(values, "office_id")
    office_id = positive_id(raw_office) if raw_office is not None else None
    if raw_office is not None and office_id is None:
        raise Unreadable("office_id")
    raw_format = selected_value(values, "format") or QueryFormat.MULTIPLE_CHOICE.value
    try:
        format_ = QueryFormat(raw_format)
    except ValueError:
        raise Unreadable("format") from None
    return ClarifySubmission(
        office_id=office_id,
        encounter_ref=text_value(values, "encounter_ref"),
        codes=tuple(text_value(values, "codes").replace(",", " ").split()),
        question=text_value(values, "question"),
        format=format_,
        options=split_options(text_value(values, "options"), format_),
        indicators=text_value(values, "indicators"),
        documented_diagnosis=checked(values, "documented_diagnosis"),
        due_at=datetime_value(values, "due_at"),
        reviewed=checked(values, "review"),
    )


def parse_answer_submission(values: StateValues) -> Answer:
    return Answer(choice=selected_value(values, "choice"), text=text_value(values, "text"))
