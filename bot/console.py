"""`codedesk console`: try the whole bot without a Slack workspace.

Runs the real app (create_app) and sends it signed requests exactly as Slack would, with the Web API and
response_urls served by an in-process stand-in (bot.console_slack); every reply is printed as text.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import re
import secrets
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot import ids
from bot.app import create_app
from bot.console_slack import (
    FILE_UPLOAD_METHOD,
    RESPONSE_URL_METHOD,
    Call,
    IdleWaitingExecutor,
    SlackStandIn,
)
from bot.outbox import CALL_TIMEOUT_SECONDS, OutboxWorker
from bot.render.text import RULE, blocks_to_text
from bot.services import Services, web_api_send
from bot.settings import Settings

CONSOLE_USER = "U_CONSOLE"  # the default user; the admin feature treats them as an admin
CONSOLE_CHANNEL = "C_CONSOLE"
PROMPT = "codedesk> "
WAIT_SECONDS = 15.0
_SILENT_METHODS = frozenset(
    {"auth.test", "users.info", "conversations.open", "files.getUploadURLExternal", FILE_UPLOAD_METHOD}
)

HELP = f"""Type a slash command as you would in Slack, e.g.
  /code lookup heart attack
  /code show E11.9
  /code check E10.9 E11.9 dos:2025-03-01
  /codedesk office add North Clinic C0NORTH tz:America/Chicago
  /clarify
Commands: {", ".join(ids.COMMANDS)} (try "<command> help").
  home                          open your App Home tab
  submit <field>=<value> | ...  fill in and submit the open form (\\n for a new line)
  click <action_id> [choice]    press a button (or pick a menu choice) on the latest message showing it
  reply <ts> <text>             reply in the thread of the message posted at <ts>
  step <callback_id> <field>=<value> | ...   run a Workflow Builder step, e.g.
                                step check_claim_codes codes=E10.9 E11.9 | date_of_service=2025-03-01
  /as U123 <line>               run one line as user U123 (plain "/as U123" switches user)
  help                          this text
  quit                          leave (so does exit or Ctrl-D)
You are {CONSOLE_USER} (an admin) in channel #{CONSOLE_CHANNEL.lower()} unless you switch.
Messages the relay queues are delivered after each line, as the server's outbox worker would."""
_YES = frozenset({"y", "yes", "true", "x", "1", "on"})


Body = tuple[str, str]


class ConsoleSession:
    """One console: the app, its stand-in Slack, and the signing of each typed line."""

    def __init__(
        self,
        app: App,
        slack: SlackStandIn,
        executor: IdleWaitingExecutor,
        signing_secret: str,
        out: TextIO,
        wait_seconds: float = WAIT_SECONDS,
        deliver: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.slack = slack
        self.executor = executor
        self.verifier = SignatureVerifier(signing_secret)
        self.out = out
        self.user_id = CONSOLE_USER
        self.wait_seconds = wait_seconds
        self.deliver = deliver
        self.view: dict[str, Any] | None = None  # the modal on screen, for `submit`
        # Trigger ids, response_url keys and event ids are unique across sessions: the database outlives a
        # session, and an event id it has seen is dropped as a redelivery.
        self._session = uuid.uuid4().hex[:10]
        self._numbers = itertools.count(1)

    def _next(self) -> str:
        return f"{self._session}-{next(self._numbers)}"

    def handle_line(self, line: str) -> bool:
        """Run one line; False when the user asked to leave."""
        line = line.strip()
        if not line:
            return True
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word in ("quit", "exit"):
            return False
        if word == "help":
            self._print(HELP)
        elif word == "home":
            self._run(self.user_id, self._event_body, "home")
        elif word == "/as":
            self._handle_as(line)
        elif word == "submit":
            self._submit(rest)
        elif word == "click":
            self._click(rest)
        elif word == "reply":
            self._reply(rest)
        elif word == "step":
            self._step(rest)
        elif line.startswith("/"):
            self._slash(self.user_id, line)
        else:
            self._print('Type a slash command, e.g. "/code lookup heart attack", or "help".')
        return True

    def _handle_as(self, line: str) -> None:
        parts = line.split(maxsplit=2)
        if len(parts) < 2 or not parts[1][:1].isalnum():
            self._print("Usage: /as U123 /code lookup heart attack")
            return
        user = parts[1].upper()
        if len(parts) == 2:
            self.user_id = user
            self._print(f"You are now {user}.")
            return
        previous, self.user_id = self.user_id, user
        try:
            self.handle_line(parts[2])
        finally:
            self.user_id = previous

    # ---- request bodies, shaped like Slack's ----

    def _slash(self, user_id: str, line: str) -> None:
        command, _, text = line.partition(" ")
        self._run(user_id, lambda user: self._command_body(user, command.lower(), text), command)

    def _command_body(self, user_id: str, command: str, text: str) -> Body:
        if command in ESCAPED_COMMANDS:
            text = escape_mentions(text)
        n = self._next()
        body = urlencode(
            {
                "token": "console",
                "team_id": self.slack.team_id,
                "team_domain": "codedesk-console",
                "channel_id": CONSOLE_CHANNEL,
                "channel_name": "console",
                "user_id": user_id,
                "user_name": user_id.lower(),
                "command": command,
                "text": text.strip(),
                "api_app_id": "A_CONSOLE",
                "is_enterprise_install": "false",
                "response_url": self.slack.response_url(n),
                "trigger_id": f"{n}.console.trigger",
            }
        )
        return body, "application/x-www-form-urlencoded"

    def _envelope(self, event: dict[str, Any]) -> Body:
        n = self._next()
        body = {
            "token": "console",
            "team_id": self.slack.team_id,
            "api_app_id": "A_CONSOLE",
            "type": "event_callback",
            "event_id": f"Ev{n}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [
                {
                    "team_id": self.slack.team_id,
                    "user_id": self.slack.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
        }
        return json.dumps(body), "application/json"

    def _event_body(self, user_id: str) -> Body:
        return self._envelope(
            {
                "type": "app_home_opened",
                "user": user_id,
                "channel": f"D_{user_id}",
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            }
        )

    def _interaction(self, user_id: str, payload: dict[str, Any]) -> Body:
        team = {"id": self.slack.team_id, "domain": "codedesk-console"}
        user = {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team["id"]}
        full = {"team": team, "user": user, "api_app_id": "A_CONSOLE", "token": "console", **payload}
        return urlencode({"payload": json.dumps(full)}), "application/x-www-form-urlencoded"

    # ---- forms, buttons and threads ----

    def _submit(self, text: str) -> None:
        view = self.view
        if view is None:
            self._print("No form is open. Open one first, e.g. with /clarify.")
            return
        given = parse_fields(text)
        unknown = sorted(set(given) - set(input_fields(view)))
        if unknown:
            self._print(f"This form has no {', '.join(unknown)}; its fields: {', '.join(input_fields(view))}")
            return
        submitted = {
            "id": view.get("id") or f"V_CONSOLE_{self._next()}",
            "team_id": self.slack.team_id,
            "type": "modal",
            "callback_id": view.get("callback_id", ""),
            "private_metadata": view.get("private_metadata", ""),
            "blocks": view.get("blocks", []),
            "title": view.get("title"),
            "state": {"values": form_state(view, given)},
            "hash": "console",
        }
        payload = {
            "type": "view_submission",
            "trigger_id": f"{self._next()}.console.trigger",
            "view": submitted,
        }
        self._run(self.user_id, lambda user: self._interaction(user, payload), "submit")

    def _click(self, text: str) -> None:
        action_id, _, choice = text.strip().partition(" ")
        found = self._find_element(action_id)
        if found is None:
            self._print(self._nothing_to_click(action_id))
            return
        call, block_id, element = found
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "type": element.get("type")}
        if element.get("type") == "button":
            action["value"] = element.get("value", "")
        else:
            option = pick_option(element.get("options") or [], choice)
            if option is None:
                names = ", ".join(str(o.get("text", {}).get("text")) for o in element.get("options") or [])
                self._print(f"Choose one of: {names} (e.g. `click {action_id} {names.split(', ')[0]}`)")
                return
            action["selected_option"] = option
        n = self._next()
        payload: dict[str, Any] = {
            "type": "block_actions",
            "trigger_id": f"{n}.console.trigger",
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
        }
        view = call_view(call)
        if view is not None:  # a button on the App Home or a menu in an open form
            view_id = str((call.response or {}).get("view", {}).get("id") or view.get("id") or "V_CONSOLE")
            payload["container"] = {"type": "view", "view_id": view_id}
            payload["view"] = {**view, "id": view_id}
        else:
            channel, ts, ephemeral = message_place(call)
            payload["container"] = {
                "type": "message",
                "message_ts": ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
            }
            payload["channel"] = {"id": channel, "name": channel.lower()}
            payload["response_url"] = self.slack.response_url(n)
        self._run(self.user_id, lambda user: self._interaction(user, payload), f"click {action_id}")

    def _clickable(self) -> Iterator[tuple[Call, str, Mapping[str, Any]]]:
        """Every button and menu on screen in this session, the newest message, App Home or form first."""
        for call in reversed(self.slack.calls):
            for block in call_blocks(call):
                if not isinstance(block, Mapping):
                    continue
                elements = [*(block.get("elements") or []), block.get("accessory") or {}]
                if block.get("type") == "input" and block.get("dispatch_action"):
                    elements.append(block.get("element") or {})
                for element in elements:
                    if isinstance(element, Mapping) and element.get("action_id"):
                        yield call, str(block.get("block_id", "")), element

    def _find_element(self, action_id: str) -> tuple[Call, str, Mapping[str, Any]] | None:
        """The newest message, App Home or open form showing `action_id`."""
        return next((found for found in self._clickable() if found[2].get("action_id") == action_id), None)

    def _nothing_to_click(self, action_id: str) -> str:
        """Why `click` found nothing, with the ids that can be clicked now (newest first)."""
        shown = list(dict.fromkeys(str(element.get("action_id")) for _, _, element in self._clickable()))
        if not shown:
            return (
                f"Nothing on screen has {action_id or 'a button'}: only this session's messages can be clicked "
                "(e.g. type `home`, then `click admin_add_office`)."
            )
        return f"No message on screen has {action_id or 'that'}; on screen: {', '.join(shown[:12])}."

    def _step(self, text: str) -> None:
        """A Workflow Builder custom step run as Slack runs it: a function_executed event with its inputs."""
        callback_id, _, fields = text.strip().partition(" ")
        if callback_id not in ids.FUNCTIONS:
            self._print(f"Steps: {', '.join(ids.FUNCTIONS)}. e.g. step check_claim_codes codes=E11.9 I10")
            return
        n = self._next()  # unique across sessions, like every id the console makes up
        event = {
            "type": "function_executed",
            "function": {"id": f"Fn{n}", "callback_id": callback_id, "title": callback_id},
            "inputs": parse_fields(fields),
            "function_execution_id": f"Fx{n}",
            "workflow_execution_id": f"Wx{n}",
            "event_ts": f"{time.time():.6f}",
            "bot_access_token": "xwfp-console",
        }
        self._run(self.user_id, lambda user: self._envelope(event), f"step {callback_id}")

    def _reply(self, text: str) -> None:
        thread_ts, _, message = text.strip().partition(" ")
        channel = next(
            (
                str((c.response or {}).get("channel"))
                for c in self.slack.calls
                if c.method == "chat.postMessage" and (c.response or {}).get("ts") == thread_ts
            ),
            None,
        )
        if channel is None or not message.strip():
            self._print("Usage: reply <ts of a posted message> <text>  (the ts is shown where it was posted)")
            return
        event = {
            "type": "message",
            "user": self.user_id,
            "text": message.strip(),
            "ts": self.slack.next_ts(),
            "thread_ts": thread_ts,
            "channel": channel,
            "channel_type": "im" if channel.startswith("D") else "channel",
            "team": self.slack.team_id,
            "user_team": self.slack.team_id,
            "event_ts": f"{time.time():.6f}",
        }
        self._run(self.user_id, lambda user: self._envelope(event), "reply")

    # ---- running a request ----

    def _run(self, user_id: str, build: Callable[[str], Body], label: str) -> None:
        body, content_type = build(user_id)
        timestamp = str(int(time.time()))
        signature = self.verifier.generate_signature(timestamp=timestamp, body=body) or ""
        headers: dict[str, str | Sequence[str]] = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature,
        }
        mark = self.slack.mark()
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status == 404:
            self._print(f"{label}: no such command here. Commands: {', '.join(ids.COMMANDS)}")
            return
        if response.status != 200:
            self._print(f"{label}: the app answered {response.status} {response.body}")
            return
        if response.body:
            self._print_ack(response.body)
        elif label == "submit":
            self.view = None  # an empty ack closes the form
        if not self.executor.wait_idle(self.wait_seconds):
            self._print(f"(still working after {self.wait_seconds:.0f} s; showing what arrived so far)")
        if self.deliver is not None:
            self.deliver()
        for call in self.slack.calls_since(mark):
            if call.method in _SILENT_METHODS:
                continue
            self._remember_view(call)
            self._print(render_call(call))

    def _remember_view(self, call: Call) -> None:
        if call.method not in ("views.open", "views.push", "views.update"):
            return
        view = (call.response or {}).get("view")
        if isinstance(view, dict) and view.get("type") == "modal":
            self.view = view

    def _print_ack(self, body: str) -> None:
        try:
            message = json.loads(body)
        except ValueError:
            self._print(body)
            return
        if not isinstance(message, dict):
            return
        if message.get("response_action") == "errors":
            lines = [f"  {field}: {text}" for field, text in (message.get("errors") or {}).items()]
            self._print("── the form was not sent; fix and submit again:\n" + "\n".join(lines))
        elif message.get("response_action") in ("update", "push") and isinstance(message.get("view"), dict):
            view = {**message["view"], "id": (self.view or {}).get("id", "V_CONSOLE")}
            self.view = view if view.get("submit") else None
            self._print(render_view(view))
        elif message.get("response_action") == "clear":
            self.view = None
        elif message.get("text") or message.get("blocks"):
            self._print(blocks_to_text(message.get("blocks"), str(message.get("text", ""))))

    def _print(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()


# ---- forms in text ----


def parse_fields(text: str) -> dict[str, str]:
    """`a=1 | b=two words` -> {"a": "1", "b": "two words"}; `\\n` in a value is a new line."""
    fields: dict[str, str] = {}
    for part in text.split(" | "):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            fields[key.strip()] = value.strip().replace("\\n", "\n")
    return fields


def input_fields(view: Mapping[str, Any]) -> list[str]:
    return [str(b.get("block_id")) for b in view.get("blocks") or [] if b.get("type") == "input"]


def pick_option(options: list[Mapping[str, Any]], choice: str) -> Mapping[str, Any] | None:
    """The option whose text or value is `choice` (or starts with it), ignoring case."""
    wanted = choice.strip().casefold()
    if not wanted:
        return None
    for exact in (True, False):
        for option in options:
            names = (
                str(option.get("text", {}).get("text", "")).casefold(),
                str(option.get("value", "")).casefold(),
            )
            if any((name == wanted) if exact else name.startswith(wanted) for name in names):
                return option
    return None


def _epoch(text: str) -> int | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def form_state(view: Mapping[str, Any], given: Mapping[str, str]) -> dict[str, Any]:
    """view.state.values as Slack would send them: what was typed, else the form's initial values."""
    values: dict[str, Any] = {}
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block.get("element") or {}
        kind, raw = element.get("type"), given.get(str(block.get("block_id")))
        state: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons"):
            picked = pick_option(element.get("options") or [], raw) if raw else element.get("initial_option")
            state["selected_option"] = picked
        elif kind == "checkboxes":
            state["selected_options"] = ticked_options(element, raw)
        elif kind == "datetimepicker":
            state["selected_date_time"] = _epoch(raw) if raw else element.get("initial_date_time")
        elif kind == "timepicker":
            state["selected_time"] = raw.strip() if raw else element.get("initial_time")
        elif kind == "conversations_select":
            picked = resolve_channel_names(raw) if raw else element.get("initial_conversation")
            state["selected_conversation"] = picked
        elif kind == "channels_select":
            state["selected_channel"] = resolve_channel_names(raw) if raw else element.get("initial_channel")
        elif kind == "multi_users_select":
            users = (
                [u.strip().lstrip("@") for u in raw.replace(",", " ").split()] if raw is not None else None
            )
            state["selected_users"] = users if users is not None else list(element.get("initial_users") or [])
        else:
            state["value"] = raw if raw is not None else element.get("initial_value")
        values[str(block.get("block_id"))] = {str(element.get("action_id")): state}
    return values


def ticked_options(element: Mapping[str, Any], raw: str | None) -> list[Any]:
    """Checkboxes as typed: `yes`/`no` for a single box; for several, the options named, comma-separated
    (`Monday, Wednesday`), `none` for none; not typed: the form's initial ones."""
    options = list(element.get("options") or [])
    if raw is None:
        return list(element.get("initial_options") or [])
    wanted = raw.strip().lower()
    if len(options) == 1:
        return options if wanted in _YES else []
    if wanted in ("", "none", "no"):
        return []
    picked = [pick_option(options, part) for part in raw.split(",") if part.strip()]
    return [option for option in options if option in picked]


def call_view(call: Call) -> Mapping[str, Any] | None:
    """The view a views.* call showed (App Home or modal), else None."""
    if not call.method.startswith("views."):
        return None
    view = call.body.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    return view if isinstance(view, Mapping) else None


def call_blocks(call: Call) -> list[Any]:
    view = call_view(call)
    blocks = (view or {}).get("blocks") if view is not None else call.body.get("blocks")
    return list(blocks or [])


# Commands registered with should_escape: Slack turns a typed #channel or @person into <#C…|name> / <@U…|name>.
ESCAPED_COMMANDS = frozenset({ids.ADMIN_COMMAND})
_CHANNEL_NAME = re.compile(r"(?<![<\w])#([a-z0-9][a-z0-9_-]{0,79})\b")
_PERSON_NAME = re.compile(r"(?<![<\w])@([A-Za-z][A-Za-z0-9._-]{1,40})\b")


def channel_id_for(name: str) -> str:
    """The console's stand-in channel id for `#name`: always the same id for the same name."""
    return "C" + hashlib.sha1(name.lower().encode()).hexdigest()[:8].upper()


def escape_mentions(text: str) -> str:
    """What Slack does to a should_escape command's text: `#main-st-clinic` -> `<#C…|main-st-clinic>`,
    `@lee` -> `<@ULEE|lee>` (a typed channel id or user id stays as it is)."""
    text = _CHANNEL_NAME.sub(lambda m: f"<#{channel_id_for(m.group(1))}|{m.group(1)}>", text)
    return _PERSON_NAME.sub(
        lambda m: (
            m.group(0)
            if re.fullmatch(r"[UW][A-Z0-9_]{2,}", m.group(1))
            else f"<@U{m.group(1).upper().replace('.', '').replace('-', '').replace('_', '')}|{m.group(1)}>"
        ),
        text,
    )


def resolve_channel_names(value: str) -> str:
    """A channel picker's value as typed: `#main-st-clinic` becomes the id the picker would send; an id stays."""
    stripped = value.strip()
    if _CHANNEL_NAME.fullmatch(stripped):
        return channel_id_for(stripped[1:])
    return stripped


def message_place(call: Call) -> tuple[str, str, bool]:
    """(channel, ts, is_ephemeral) of the message a call posted."""
    if call.method == RESPONSE_URL_METHOD:
        return CONSOLE_CHANNEL, f"{time.time():.6f}", True
    response = call.response or {}
    channel = str(response.get("channel") or call.body.get("channel") or CONSOLE_CHANNEL)
    return channel, str(response.get("ts") or call.body.get("ts") or ""), False


def render_view(view: Mapping[str, Any], method: str = "") -> str:
    title = (view.get("title") or {}).get("text", "")
    banner = f"modal: {title}" + (f" ({method})" if method else "")
    lines = [f"── {banner} {RULE[: max(0, 56 - len(banner))]}", blocks_to_text(view.get("blocks"), "")]
    fields = input_fields(view)
    if fields and view.get("submit"):
        lines.append(
            f"  (fill in with: submit {fields[0]}=... | {fields[-1]}=...  fields: {', '.join(fields)})"
        )
    return "\n".join(lines)


def render_call(call: Call) -> str:
    """One Slack call as the user would see it: a one-line banner, then the rendered message or view."""
    body = call.body
    if call.method == RESPONSE_URL_METHOD:
        if body.get("delete_original"):
            return "── (your previous reply was removed)"
        if body.get("response_type") == "in_channel":
            banner = f"posted in #{CONSOLE_CHANNEL.lower()} (everyone sees it)"
        elif body.get("replace_original"):
            banner = "your previous reply, updated (only you see it)"
        else:
            banner = "only you see this"
        content = blocks_to_text(body.get("blocks"), str(body.get("text", "")))
    elif call.method in ("chat.postMessage", "chat.update"):
        verb = "posted in" if call.method == "chat.postMessage" else "updated in"
        thread = " (thread)" if body.get("thread_ts") else ""
        ts = (call.response or {}).get("ts")
        where = (call.response or {}).get("channel") or body.get("channel")
        banner = f"{verb} {where}{thread}" + (
            f" · ts {ts}" if ts and call.method == "chat.postMessage" else ""
        )
        content = blocks_to_text(body.get("blocks"), str(body.get("text", "")))
    elif call.method == "chat.postEphemeral":
        banner = f"only {body.get('user')} sees this in {body.get('channel')}"
        content = blocks_to_text(body.get("blocks"), str(body.get("text", "")))
    elif call.method == "files.completeUploadExternal":
        files = body.get("files") or []
        title = ", ".join(str(f.get("title") or f.get("id")) for f in files if isinstance(f, Mapping))
        banner = f"file {title} shared in {body.get('channel_id') or body.get('channel')}"
        content = str(body.get("initial_comment") or "")
    elif call.method in ("functions.completeSuccess", "functions.completeError"):
        outputs = body.get("outputs")
        if isinstance(outputs, str):
            outputs = json.loads(outputs)
        if call.method == "functions.completeError":
            banner, content = "the step failed", str(body.get("error", ""))
        else:
            banner = "the step completed"
            content = "\n".join(f"{name}: {value}" for name, value in (outputs or {}).items())
    elif call.method.startswith("views."):
        view = body.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        if view.get("type") == "home":
            banner = f"App Home of {body.get('user_id')}"
            content = blocks_to_text(view.get("blocks"), "")
        else:
            return render_view(view, call.method)
    else:
        return f"── Slack call {call.method}"
    return f"── {banner} {RULE[: max(0, 56 - len(banner))]}\n{content}"


@contextmanager
def _quiet_bolt() -> Iterator[None]:
    """Bolt warns loudly about unhandled requests; the console already says "no such command"."""
    bolt = logging.getLogger("slack_bolt")
    level = bolt.level
    bolt.setLevel(logging.ERROR)
    try:
        yield
    finally:
        bolt.setLevel(level)


def outbox_delivery(services: Services, slack: SlackStandIn, token: str) -> Callable[[], None]:
    """Deliver everything the relay queued, now: the console's stand-in for the server's outbox thread."""
    client = WebClient(
        token=token, base_url=slack.api_url, retry_handlers=[], timeout=CALL_TIMEOUT_SECONDS
    )  # the timeout the worker's claim lease counts on
    worker = OutboxWorker(
        services.db_factory, web_api_send(client), services.clock, lambda _: None, channel_interval=0.0
    )

    def deliver() -> None:
        for _ in range(20):
            report = worker.deliver_due(services.clock())
            if not report.sent:
                return

    return deliver


def run_console(settings: Settings, services: Services, stdin: TextIO, stdout: TextIO) -> int:
    """Read lines from stdin until quit/EOF; prompt only when stdin is a terminal. Returns the exit code."""
    signing_secret = secrets.token_hex(16)
    interactive = stdin.isatty()
    with SlackStandIn(unique=True) as slack, IdleWaitingExecutor() as executor, _quiet_bolt():
        console_settings = replace(
            settings,
            mode="console",
            bot_token=f"xoxb-console-{secrets.token_hex(8)}",
            signing_secret=signing_secret,
            slack_api_url=slack.api_url,
        )
        services.relay().bootstrap_admin(CONSOLE_USER)
        app = create_app(console_settings, services, listener_executor=executor)
        deliver = outbox_delivery(services, slack, console_settings.bot_token or "")
        session = ConsoleSession(app, slack, executor, signing_secret, stdout, deliver=deliver)
        if interactive:
            stdout.write('CodeDesk console: the real app, a pretend Slack. Type "help" or "quit".\n')
        read = line_reader(stdin, stdout, settings.db_path.parent / HISTORY_FILE if interactive else None)
        while True:
            line = read()
            if line is None or not session.handle_line(line):
                break
    return 0


HISTORY_FILE = "console_history"
HISTORY_LENGTH = 1000
COMPLETIONS = (*ids.COMMANDS, "home", "submit ", "click ", "reply ", "step ", "/as ", "help", "quit")


def line_reader(stdin: TextIO, stdout: TextIO, history: Path | None) -> Callable[[], str | None]:
    """The next typed line, None at the end. On the terminal it reads through readline: arrow keys edit the line
    and recall earlier ones (kept in `history` between sessions), Tab completes the commands. Other input is
    read as it comes (with the prompt when it is a terminal too)."""
    if history is None or stdin is not sys.stdin or not stdin.isatty():
        prompt = stdin.isatty()

        def read_plain() -> str | None:
            if prompt:
                stdout.write(PROMPT)
                stdout.flush()
            line = stdin.readline()
            return line or None

        return read_plain
    try:
        import readline
    except ImportError:  # e.g. Windows without pyreadline: plain input() still works
        readline = None  # type: ignore[assignment]
    if readline is not None:
        readline.set_history_length(HISTORY_LENGTH)
        with contextlib.suppress(OSError):
            readline.read_history_file(history)
        readline.set_completer(
            lambda text, state: ([c for c in COMPLETIONS if c.startswith(text)] + [None])[state]
        )
        readline.set_completer_delims(" \t\n")
        readline.parse_and_bind("tab: complete")

    def read_typed() -> str | None:
        try:
            line = input(PROMPT)
        except EOFError:
            stdout.write("\n")
            return None
        if readline is not None:
            with contextlib.suppress(OSError):
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history)
        return line

    return read_typed
