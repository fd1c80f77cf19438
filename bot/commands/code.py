"""`/code`: lookups, code details and claim checks, plus their buttons.

Handlers ack first (Bolt then answers Slack within its 3 s, the work continues on a worker thread), call the
lookups, render with bot.render.code_blocks and reply through the response_url, ephemerally unless shared.
Failures after the ack go to the app's one error handler through `reported_errors`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.commands.code_parse import (
    MAX_QUERY_CHARS,
    Check,
    CodeCommand,
    Help,
    Lookup,
    Show,
    UsageError,
    parse_code_command,
    too_long,
)
from bot.errors import reported_errors
from bot.lookups.codebook import CodeDetail
from bot.lookups.edits import check_claim
from bot.lookups.errors import QueryError
from bot.lookups.search import find_codes
from bot.lookups.systems import display, guess_systems
from bot.relay.phi import find_phi
from bot.render.code_blocks import (
    PAGE_SIZE,
    DetailView,
    Reply,
    check_reply,
    detail_reply,
    help_reply,
    lookup_reply,
    message_reply,
)
from bot.services import Services
from storage import check_stats

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
    )


class ReplyNotDelivered(RuntimeError):
    """Slack refused the response_url post (expired or used up); the error handler tries another way."""


def send(respond: Respond, reply: Reply, **options: Any) -> None:
    response = respond(text=reply["text"], blocks=reply["blocks"], **options)
    if response.status_code != 200:
        raise ReplyNotDelivered(f"response_url answered {response.status_code}")


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
    ) -> Reply:
        book = self.services.codebook
        command_text = " ".join(command_text.split())  # the buttons carry it: keep it short
        if len(command_text) > MAX_QUERY_CHARS:  # refused before the PHI guard reads any of it
            return message_reply(too_long(command_text))
        identifiers = find_phi(command_text)
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
                return self._lookup(command.query, offset, user_id, command_text, shared_by, record)
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
            return self._check(command, user_id, command_text, shared_by, record)
        except QueryError as e:
            return message_reply(str(e))

    def _lookup(
        self, query: str, offset: int, user_id: str, command_text: str, shared_by: str | None, record: bool
    ) -> Reply:
        if record:
            self.services.usage.record(user_id, "lookup", query)
        offset = max(0, min(offset, MAX_OFFSET))
        book = self.services.codebook
        hits = find_codes(book, query, limit=offset + PAGE_SIZE + 1)
        page = hits[offset : offset + PAGE_SIZE]
        has_more = len(hits) > offset + PAGE_SIZE and offset + PAGE_SIZE < MAX_OFFSET
        return lookup_reply(
            query,
            page,
            offset=offset,
            has_more=has_more,
            coverage=book.coverage(),
            shared_by=shared_by,
            command_text=command_text,
        )

    def _check(
        self, command: Check, user_id: str, command_text: str, shared_by: str | None, record: bool
    ) -> Reply:
        if record:
            self.services.usage.record(user_id, "check")
            self.services.usage.record_codes([c for c in command.codes if guess_systems(c)], "check")
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
            check_stats.record_failures(self.services.db_factory, failed, self.services.clock())
        return check_reply(command.codes, dos, result, shared_by=shared_by, command_text=command_text)

    # ---- listeners: ack first, then the work (failures go to the app's error handler) ----

    def on_command(
        self, ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        with reported_errors(body, context, client, respond):
            text = body.get("text") or ""
            reply = self.reply_for(parse_code_command(text), user_id=body["user_id"], command_text=text)
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
            reply = self.reply_for(
                parse_code_command(text), user_id=user_id, command_text=text, offset=offset, shared_by=user_id
            )
            send(respond, reply, response_type="in_channel", replace_original=False)

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
                Lookup(query), user_id=body["user"]["id"], command_text=query, offset=offset
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


def register_fallbacks(app: App, services: Services) -> None:
    """Registered after every feature: Bolt runs the first matching listener, so the clarify feature's own
    `ask_office` listener (when loaded) wins over this one."""
    app.action(ids.ASK_OFFICE)(on_ask_office_unavailable)
