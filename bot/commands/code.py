"""`/code`: lookups, code details and claim checks, plus their buttons.

Handlers ack first (Bolt then answers Slack within its 3 s, the work continues on a worker thread), call the
lookups, render with bot.render.code_blocks and reply through the response_url, ephemerally unless shared.
Failures after the ack go to the app's one error handler through `reported_errors`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.commands.code_parse import (
    Check,
    CodeCommand,
    Favourites,
    Help,
    Lookup,
    Show,
    UsageError,
    length_refusal,
    parse_code_command,
)
from bot.errors import reported_errors
from bot.lookups.codebook import CodeDetail
from bot.lookups.edits import check_claim
from bot.lookups.errors import QueryError
from bot.lookups.search import find_codes
from bot.lookups.systems import display
from bot.relay.phi import find_phi
from bot.render.code_blocks import (
    PAGE_SIZE,
    DetailView,
    Reply,
    check_reply,
    detail_reply,
    favourites_reply,
    help_reply,
    lookup_reply,
    message_reply,
)
from bot.services import Services
from storage import check_stats
from storage.db_problems import DatabaseBusy, DeadlinePassed

__all__ = ["CodeHandlers", "parse_code_command", "register", "register_fallbacks"]

log = logging.getLogger(__name__)
MAX_OFFSET = 100
UNREADABLE_BUTTON = "CodeDesk could not read that button; run the command again."
PHI_REFUSAL = (
    "That looks like it contains {what}. Nothing was searched or kept: look codes up by clinical words or "
    "codes only, and never put patient details in Slack."
)
ASK_OFFICE_UNAVAILABLE = (
    "Asking an office from here is not set up yet. Send the question with `/clarify` instead."
)


def detail_view(detail: CodeDetail) -> DetailView:
    """The code book's CodeDetail (storage forms, Code objects) as display text for the renderer."""
    code = detail.code
    notes: dict[str, list[str]] = {}
    for kind, text, under in detail.notes:
        if under == code.code:
            where = ""
        elif under.isdigit():
            where = f" (chapter {under})"
        else:
            where = f" (from {display(code.system, under)})"
        notes.setdefault(kind, []).append(text + where)
    history = [
        f"valid {span.start.isoformat()} to {span.end.isoformat() if span.end else 'now'}"
        + (f" ({', '.join(sorted(span.flags))})" if span.flags else "")
        for span in detail.spans
    ]
    if not code.current:
        history.append(f"not in the current release (last in {code.release})")
    status = "billable" if code.billable else ("deleted" if not code.current else "header")
    also = [f"{c.system_name} {c.display}: {c.title} (`/code show {c.display}`)" for c in detail.also]
    return DetailView(
        code=code.display,
        system=code.system_name,
        title=code.title,
        billable=code.billable,
        status=status,
        children=[(c.display, c.title, c.billable) for c in detail.children],
        notes=notes,
        seventh=list(detail.seventh),
        history=history,
        also=also,
    )


class ReplyNotDelivered(RuntimeError):
    """Slack refused the response_url post (expired or used up); the error handler tries another way."""


def send(respond: Respond, reply: Reply, **options: Any) -> None:
    response = respond(text=reply["text"], blocks=reply["blocks"], **options)
    if response.status_code != 200:
        raise ReplyNotDelivered(f"response_url answered {response.status_code}")


def best_effort(what: str, record: Callable[[], object]) -> None:
    """Bookkeeping beside an answer (usage, team picks, check statistics): the answer matters more. A database
    too busy to take the record within the request's wait (another instance or the outbox holding the write
    lock) loses that one record, logged, never the lookup or check the person asked for."""
    try:
        record()
    except (DatabaseBusy, DeadlinePassed) as error:
        log.warning("%s not recorded: the database was busy (%s)", what, type(error).__name__)


class CodeHandlers:
    def __init__(self, services: Services) -> None:
        self.services = services

    # ---- the work, Slack-free apart from the reply shape ----

    def reply_for(
        self,
        command: CodeCommand | UsageError,
        *,
        user_id: str,
        command_text: str,
        offset: int = 0,
        shared_by: str | None = None,
        team_id: str | None = None,
    ) -> Reply:
        book = self.services.codebook
        command_text = " ".join(command_text.split())  # the buttons carry it: keep it short
        refusal = length_refusal(command_text)  # before the PHI guard reads any of it
        if refusal:
            return message_reply(refusal)
        identifiers = find_phi(command_text, first_name_only=True)
        if identifiers:
            # Neither kept nor echoed: the reply could be shared into a channel.
            return message_reply(PHI_REFUSAL.format(what=identifiers[0].reason))
        record = shared_by is None and offset == 0
        try:
            if isinstance(command, UsageError):
                return message_reply(command.message)
            if isinstance(command, Help):
                return help_reply()
            if isinstance(command, Lookup):
                return self._lookup(command.query, offset, user_id, command_text, shared_by, record, team_id)
            if isinstance(command, Favourites):
                return self._favourites(command, user_id, team_id)
            if isinstance(command, Show):
                if record:
                    self.services.usage.record(user_id, "lookup", f"show {command.code}")
                detail = book.detail(command.code)
                if record and detail is not None:
                    self.services.usage.record_codes([detail.code.code], "pick")
                if detail is None:
                    return message_reply(
                        f"{command.code} is not a code in the loaded code sets. "
                        f"Try `/code lookup {command.code}`."
                    )
                return detail_reply(
                    detail_view(detail),
                    coverage=book.coverage(),
                    shared_by=shared_by,
                    command_text=command_text,
                )
            return self._check(command, user_id, command_text, shared_by, record, team_id)
        except QueryError as e:
            return message_reply(str(e))

    def _lookup(
        self,
        query: str,
        offset: int,
        user_id: str,
        command_text: str,
        shared_by: str | None,
        record: bool,
        team_id: str | None = None,
    ) -> Reply:
        if record:
            best_effort("a lookup's use", lambda: self.services.usage.record(user_id, "lookup", query))
        offset = max(0, min(offset, MAX_OFFSET))
        book = self.services.codebook
        picks = self.services.team_picks()
        found = find_codes(book, query, limit=offset + PAGE_SIZE + 1)
        hits = picks.rerank(team_id, query, found)  # a plain list: the notice stays on `found`
        page = hits[offset : offset + PAGE_SIZE]
        if record:
            shown = [hit.code for hit in page]
            best_effort("a lookup's shown codes", lambda: picks.shown(team_id, user_id, query, shown))
        has_more = len(hits) > offset + PAGE_SIZE and offset + PAGE_SIZE < MAX_OFFSET
        return lookup_reply(
            query,
            page,
            offset=offset,
            has_more=has_more,
            coverage=book.coverage(),
            shared_by=shared_by,
            command_text=command_text,
            notice=getattr(found, "notice", "") if offset == 0 else "",
        )

    def _favourites(self, command: Favourites, user_id: str, team_id: str | None) -> Reply:
        if not team_id:
            return message_reply("Favourites belong to a workspace; open them from Slack.")
        picks = self.services.team_picks()
        if command.remove is not None:
            removed = picks.unpin(team_id, user_id, command.remove)
            return message_reply(
                f"Unpinned {command.remove}."
                if removed
                else f"{command.remove} was not among your pinned codes."
            )
        mine, team = picks.favourites(team_id, user_id)
        return favourites_reply([(pin.code, pin.title) for pin in mine], team)

    def _check(
        self,
        command: Check,
        user_id: str,
        command_text: str,
        shared_by: str | None,
        record: bool,
        team_id: str | None = None,
    ) -> Reply:
        if record:
            best_effort("a check's use", lambda: self.services.usage.record(user_id, "check"))
            best_effort(
                "a check's picks",
                lambda: self.services.team_picks().used(team_id, user_id, command.codes, "check"),
            )
        dos = command.dos or self.services.today()
        result = check_claim(
            self.services.codebook,
            command.codes,
            dos,
            age=command.age,
            sex=command.sex,
            setting=command.setting,
        )
        if record:
            failed = [f.rule for f in result.findings if f.severity == "error"]
            best_effort(
                "a check's failed rules",
                lambda: check_stats.record_failures(self.services.db_factory, failed, self.services.clock()),
            )
            # Counted per code for the code-set update notice: the codes read in a code system, as read.
            read = [r.code for r in result.read if r.system]
            best_effort("a check's codes", lambda: self.services.usage.record_codes(read, "check"))
        codes = [c.split(":", 1)[-1] for c in command.codes]  # dx:/px: said how to read them; shown plain
        return check_reply(codes, dos, result, shared_by=shared_by, command_text=command_text)

    # ---- listeners: ack first, then the work (failures go to the app's error handler) ----

    def on_command(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            text = body.get("text") or ""
            reply = self.reply_for(
                parse_code_command(text),
                user_id=body["user_id"],
                command_text=text,
                team_id=_team_of(body),
            )
            send(respond, reply, response_type="ephemeral")

    def on_share(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            value = button_value(body, "t")
            if value is None:
                send(respond, message_reply(UNREADABLE_BUTTON), response_type="ephemeral")
                return
            user_id = body["user"]["id"]
            text, offset = value
            command = parse_code_command(text)
            reply = self.reply_for(
                command,
                user_id=user_id,
                command_text=text,
                offset=offset,
                shared_by=user_id,
                team_id=_team_of(body),
            )
            send(respond, reply, response_type="in_channel", replace_original=False)
            if isinstance(command, Show):  # sharing one code is picking it
                self.services.team_picks().used(_team_of(body), user_id, [command.code], "share")

    def on_show_more(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            value = button_value(body, "q")
            if value is None:
                send(respond, message_reply(UNREADABLE_BUTTON), response_type="ephemeral")
                return
            query, offset = value
            reply = self.reply_for(
                Lookup(query),
                user_id=body["user"]["id"],
                command_text=query,
                offset=offset,
                team_id=_team_of(body),
            )
            send(respond, reply, response_type="ephemeral", replace_original=True)

    def on_show_children(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            code = _action_value(body)
            reply = self.reply_for(Show(code), user_id=body["user"]["id"], command_text=f"show {code}")
            send(respond, reply, response_type="ephemeral", replace_original=False)

    def on_pin(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            try:
                value = json.loads(_action_value(body))
            except ValueError:
                value = None
            team_id = _team_of(body)
            if not isinstance(value, dict) or not isinstance(value.get("c"), str) or not team_id:
                send(respond, message_reply("That button is out of date."), response_type="ephemeral")
                return
            code, query = str(value["c"])[:12], str(value.get("q") or "")
            detail = self.services.codebook.detail(code)
            title = detail.code.title if detail is not None else ""
            added = self.services.team_picks().pin(team_id, body["user"]["id"], code, title, query or None)
            message = (
                f"Pinned {code}. `/code fav` lists your pinned codes and your team's."
                if added
                else f"{code} was already pinned. `/code fav remove {code}` unpins it."
            )
            send(respond, message_reply(message), response_type="ephemeral", replace_original=False)


def _team_of(body: dict[str, Any]) -> str | None:
    """The workspace of the person acting: a slash command's team_id, an action's user.team_id or team.id."""
    user = body.get("user")
    if isinstance(user, dict) and user.get("team_id"):
        return str(user["team_id"])
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return str(team["id"])
    return str(body["team_id"]) if body.get("team_id") else None


def _action_value(body: dict[str, Any]) -> str:
    value = body["actions"][0].get("value")
    return value if isinstance(value, str) else ""


def button_value(body: dict[str, Any], text_key: str) -> tuple[str, int] | None:
    """(text, offset) from a button's JSON value; None for a value our buttons never carry (forged)."""
    try:
        value = json.loads(_action_value(body))
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    text, offset = value.get(text_key), value.get("o", 0)
    if not isinstance(text, str) or isinstance(offset, bool) or not isinstance(offset, int):
        return None
    return text, max(0, min(offset, MAX_OFFSET))


def on_ask_office_unavailable(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    with reported_errors(body, context, client, respond):
        reply = message_reply(ASK_OFFICE_UNAVAILABLE)
        send(respond, reply, response_type="ephemeral", replace_original=False)


def register(app: App, services: Services) -> None:
    handlers = CodeHandlers(services)
    app.command(ids.CODE_COMMAND)(handlers.on_command)
    app.action(ids.SHARE_IN_CHANNEL)(handlers.on_share)
    app.action(ids.SHOW_MORE)(handlers.on_show_more)
    app.action(ids.SHOW_CHILDREN)(handlers.on_show_children)
    app.action(ids.PIN_CODE)(handlers.on_pin)


def register_fallbacks(app: App, services: Services) -> None:
    """Registered after every feature: Bolt runs the first matching listener, so the clarify feature's own
    `ask_office` listener (when loaded) wins over this one."""
    app.action(ids.ASK_OFFICE)(on_ask_office_unavailable)
