"""`codedesk console`: try the whole bot without a Slack workspace.

Runs the real app (create_app) and sends it signed requests exactly as Slack would, with the Web API and
response_urls served by an in-process stand-in (bot.console_slack); every reply is printed as text.
"""

from __future__ import annotations

import itertools
import json
import logging
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TextIO
from urllib.parse import urlencode

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot import ids
from bot.app import create_app
from bot.console_slack import RESPONSE_URL_METHOD, Call, IdleWaitingExecutor, SlackStandIn
from bot.render.text import RULE, blocks_to_text
from bot.services import Services
from bot.settings import Settings

CONSOLE_USER = "U_CONSOLE"  # the default user; the admin feature treats them as an admin
CONSOLE_CHANNEL = "C_CONSOLE"
PROMPT = "codedesk> "
WAIT_SECONDS = 15.0
_SILENT_METHODS = frozenset({"auth.test"})

HELP = f"""Type a slash command as you would in Slack, e.g.
  /code lookup heart attack
  /code show E11.9
  /code check E10.9 E11.9 dos:2025-03-01
Commands: {", ".join(ids.COMMANDS)} (try "<command> help").
  home              open your App Home tab
  /as U123 <line>   run one line as user U123 (plain "/as U123" switches user)
  help              this text
  quit              leave (so does exit or Ctrl-D)
You are {CONSOLE_USER} in channel #{CONSOLE_CHANNEL.lower()} unless you switch."""


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
    ) -> None:
        self.app = app
        self.slack = slack
        self.executor = executor
        self.verifier = SignatureVerifier(signing_secret)
        self.out = out
        self.user_id = CONSOLE_USER
        self.wait_seconds = wait_seconds
        self._numbers = itertools.count(1)

    def handle_line(self, line: str) -> bool:
        """Run one line; False when the user asked to leave."""
        line = line.strip()
        if not line:
            return True
        word = line.split()[0].lower()
        if word in ("quit", "exit"):
            return False
        if word == "help":
            self._print(HELP)
        elif word == "home":
            self._run(self.user_id, lambda user: self._event_body(user), "home")
        elif word == "/as":
            self._handle_as(line)
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
        elif parts[2].strip().lower() == "home":
            self._run(user, lambda u: self._event_body(u), "home")
        else:
            self._slash(user, parts[2])

    def _slash(self, user_id: str, line: str) -> None:
        command, _, text = line.partition(" ")
        self._run(user_id, lambda user: self._command_body(user, command.lower(), text), command)

    def _command_body(self, user_id: str, command: str, text: str) -> tuple[str, str]:
        n = next(self._numbers)
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

    def _event_body(self, user_id: str) -> tuple[str, str]:
        n = next(self._numbers)
        body = {
            "token": "console",
            "team_id": self.slack.team_id,
            "api_app_id": "A_CONSOLE",
            "type": "event_callback",
            "event_id": f"Ev{n:08d}",
            "event_time": int(time.time()),
            "event": {
                "type": "app_home_opened",
                "user": user_id,
                "channel": f"D_{user_id}",
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            },
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

    def _run(self, user_id: str, build: Any, label: str) -> None:
        body, content_type = build(user_id)
        timestamp = str(int(time.time()))
        headers = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": self.verifier.generate_signature(timestamp=timestamp, body=body),
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
        if not self.executor.wait_idle(self.wait_seconds):
            self._print(f"(still working after {self.wait_seconds:.0f} s; showing what arrived so far)")
        for call in self.slack.calls_since(mark):
            if call.method not in _SILENT_METHODS:
                self._print(render_call(call))

    def _print_ack(self, body: str) -> None:
        try:
            message = json.loads(body)
        except ValueError:
            self._print(body)
            return
        if isinstance(message, dict) and (message.get("text") or message.get("blocks")):
            self._print(blocks_to_text(message.get("blocks"), str(message.get("text", ""))))

    def _print(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()


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
        banner = f"{verb} {body.get('channel')}{thread}"
        content = blocks_to_text(body.get("blocks"), str(body.get("text", "")))
    elif call.method == "chat.postEphemeral":
        banner = f"only {body.get('user')} sees this in {body.get('channel')}"
        content = blocks_to_text(body.get("blocks"), str(body.get("text", "")))
    elif call.method.startswith("views."):
        view = body.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        if view.get("type") == "home":
            banner = f"App Home of {body.get('user_id')}"
        else:
            title = (view.get("title") or {}).get("text", "")
            banner = f"modal: {title} ({call.method})"
        content = blocks_to_text(view.get("blocks"), "")
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


def run_console(settings: Settings, services: Services, stdin: TextIO, stdout: TextIO) -> int:
    """Read lines from stdin until quit/EOF; prompt only when stdin is a terminal. Returns the exit code."""
    signing_secret = secrets.token_hex(16)
    interactive = stdin.isatty()
    with SlackStandIn() as slack, IdleWaitingExecutor() as executor, _quiet_bolt():
        console_settings = replace(
            settings,
            mode="console",
            bot_token=f"xoxb-console-{secrets.token_hex(8)}",
            signing_secret=signing_secret,
            slack_api_url=slack.api_url,
        )
        app = create_app(console_settings, services, listener_executor=executor)
        session = ConsoleSession(app, slack, executor, signing_secret, stdout)
        if interactive:
            stdout.write('CodeDesk console: the real app, a pretend Slack. Type "help" or "quit".\n')
        while True:
            if interactive:
                stdout.write(PROMPT)
                stdout.flush()
            line = stdin.readline()
            if not line or not session.handle_line(line):
                break
    return 0
