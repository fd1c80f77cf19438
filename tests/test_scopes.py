"""Least privilege: every bot scope in app_manifest.yaml is needed by a Web API call the code makes or an event
it subscribes to, and every call the code makes is covered by a granted scope.

The calls are found in the source (`client.chat_postMessage(...)`, the outbox's `"method": "chat.update"`), so a
new call without its scope, or a scope nothing uses any more, fails here. The table is Slack's documented
requirement of each method (api.slack.com/methods/<method>: "Required scopes", bot token).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST: dict[str, Any] = yaml.safe_load((ROOT / "app_manifest.yaml").read_text())

SCOPE_OF_METHOD: dict[str, str | None] = {
    # apps.connections.open (read from `apps_connections_open`): the app-level token's connections:write,
    # which is not a bot scope and so not in the manifest.
    "apps.connectionsOpen": None,
    "auth.test": None,
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "conversations.open": "im:write",
    # The outbox looks for a post whose outcome was unknown before posting it again: channels:history, and
    # groups:history / im:history for private office channels and DMs (all three granted for the message events).
    "conversations.history": "channels:history",
    "conversations.replies": "channels:history",
    "files.uploadV2": "files:write",  # files.getUploadURLExternal + files.completeUploadExternal
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
    "functions.completeSuccess": None,
    "functions.completeError": None,
    "users.info": "users:read",
    "views.open": None,
    "views.push": None,
    "views.update": None,
    "views.publish": None,
}
SCOPE_OF_EVENT: dict[str, str | None] = {
    "app_home_opened": None,
    "function_executed": None,
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
}
_CLIENT_CALL = re.compile(r"\bclient\.(?!api_call\b)([a-z]+)_([A-Za-z0-9_]+)\(")  # api_call: by name, below
_METHOD_NAME = re.compile(r"\"((?:chat|views|conversations|users|files|functions|auth)\.[A-Za-z0-9]+)\"")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


NOT_WEB_API = {"is.connected"}  # SocketModeClient.is_connected(): a local check, no call to Slack


def methods_called() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "console_slack.py":  # the stand-in answers methods; it does not call them
            continue
        text = path.read_text(encoding="utf-8")
        found.update(f"{family}.{_camel(rest)}" for family, rest in _CLIENT_CALL.findall(text))
        found -= NOT_WEB_API
        found.update(_METHOD_NAME.findall(text))
        if "app.function(" in text:  # Bolt's complete() and fail() for a custom step
            found.update({"functions.completeSuccess", "functions.completeError"})
    return found


def test_every_call_the_code_makes_is_in_the_table() -> None:
    unknown = methods_called() - set(SCOPE_OF_METHOD)
    assert not unknown, f"add these methods (with their required scope) to SCOPE_OF_METHOD: {sorted(unknown)}"


def test_every_scope_is_needed_and_every_need_is_granted() -> None:
    needed = {SCOPE_OF_METHOD[m] for m in methods_called() if m in SCOPE_OF_METHOD}
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    needed |= {SCOPE_OF_EVENT[event] for event in events}
    if MANIFEST["features"].get("slash_commands") or MANIFEST["features"].get("shortcuts"):
        needed.add("commands")
    needed.discard(None)
    granted = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert granted - needed == set(), f"scopes no code path uses: {sorted(granted - needed)}"
    assert needed - granted == set(), (
        f"scopes the code needs but the manifest lacks: {sorted(needed - granted)}"
    )


def test_the_scan_finds_what_the_code_calls() -> None:
    """The scan itself: it sees calls made both ways (a client method and an outbox method name)."""
    found = methods_called()
    assert {"views.publish", "chat.postEphemeral", "conversations.open", "users.info"} <= found
    assert {"chat.postMessage", "chat.update", "files.uploadV2"} <= found
    assert "channels:read" not in MANIFEST["oauth_config"]["scopes"]["bot"]
