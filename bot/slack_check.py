"""Does Slack accept the app's tokens? Told apart from "Slack could not be reached", which says nothing about them.

Slack answers a token it rejects with HTTP 200 and `{"ok": false, "error": "invalid_auth"}` (or not_authed,
token_revoked, account_inactive, missing_scope ...): retrying will not help, so `TokenRejected` names the setting
and what to do, and `codedesk serve` stops with that one line (exit 2). A network error, a 5xx, a 429 or one of
Slack's transient error names means Slack did not judge the token at all: `SlackUnreachable`, retried with backoff.
"""

from __future__ import annotations

import http.client
import logging
import threading
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import Settings, SettingsError

log = logging.getLogger("codedesk.slack")

T = TypeVar("T")

TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    urllib.error.URLError,
    http.client.HTTPException,
    OSError,  # ConnectionError, TimeoutError, socket errors
)
MAX_BACKOFF_SECONDS = 60.0

_WHAT_TO_DO = {
    "SLACK_BOT_TOKEN": "copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions after installing the "
    "app to the workspace",
    "SLACK_APP_TOKEN": "generate an app-level token with the connections:write scope under Basic Information -> "
    "App-Level Tokens, and check Socket Mode is enabled for the app",
}
_HINTS = {
    "missing_scope": "the token lacks a scope it needs",
    "not_allowed_token_type": "it is the wrong kind of token",
    "token_revoked": "the token was revoked",
    "token_expired": "the token has expired",
    "account_inactive": "the app was uninstalled or its user deactivated",
}


class TokenRejected(SettingsError):
    """Slack refused a token; the message is one line naming the setting and what to do."""

    def __init__(self, setting: str, error: str) -> None:
        self.setting = setting
        self.error = error
        hint = f"; {_HINTS[error]}" if error in _HINTS else ""
        super().__init__(
            f"Slack rejected {setting} ({error}{hint}): {_WHAT_TO_DO[setting]} (see .env.example)"
        )


class SlackUnreachable(Exception):
    """Slack did not answer (network error, 5xx, 429, a transient error): nothing is known about the token."""


@dataclass(frozen=True)
class BotIdentity:
    team_id: str
    user_id: str
    bot_id: str


def _checked(setting: str, call: Callable[[], T]) -> T:
    try:
        return call()
    except SlackApiError as exc:
        response = exc.response
        status = getattr(response, "status_code", None)
        error = str(response.get("error") or "") if response is not None else ""
        if status == 200 and error and error not in TRANSIENT_ERRORS:
            raise TokenRejected(setting, error) from None
        raise SlackUnreachable(f"HTTP {status}{f' {error}' if error else ''}") from None
    except NETWORK_ERRORS as exc:
        raise SlackUnreachable(
            type(exc).__name__ + (f": {exc.reason}" if hasattr(exc, "reason") else "")
        ) from None


def check_client(settings: Settings) -> WebClient:
    """A client for the checks: no retries of its own (the caller's backoff decides), a short timeout."""
    return WebClient(base_url=settings.slack_api_url, retry_handlers=[], timeout=10)


def check_bot_token(client: WebClient, bot_token: str) -> BotIdentity:
    """auth.test with the bot token."""
    data = _checked("SLACK_BOT_TOKEN", lambda: client.auth_test(token=bot_token))
    return BotIdentity(
        str(data.get("team_id", "")), str(data.get("user_id", "")), str(data.get("bot_id", ""))
    )


def open_socket_url(client: WebClient, app_token: str) -> str:
    """apps.connections.open with the app-level token: the URL of a new Socket Mode connection (single use)."""
    data = _checked("SLACK_APP_TOKEN", lambda: client.apps_connections_open(app_token=app_token))
    url = data.get("url")
    if not isinstance(url, str) or not url:
        raise SlackUnreachable("apps.connections.open answered without a url")
    return url


def backoff_seconds(attempt: int) -> float:
    """1, 2, 4 ... seconds, at most a minute."""
    return float(min(MAX_BACKOFF_SECONDS, 2 ** max(0, attempt - 1)))


def until_slack_answers(what: str, check: Callable[[], T], stop: threading.Event) -> T | None:
    """`check()` until Slack answers it; None if `stop` is set first. TokenRejected passes through at once."""
    attempt = 0
    while not stop.is_set():
        try:
            return check()
        except SlackUnreachable as exc:
            attempt += 1
            wait = backoff_seconds(attempt)
            log.warning("Slack could not be reached to %s (%s): trying again in %.0f s", what, exc, wait)
            stop.wait(wait)
    return None


def report_bot_token_in_background(settings: Settings, stop: threading.Event) -> threading.Thread:
    """HTTP mode starts without waiting on Slack; this checks SLACK_BOT_TOKEN afterwards and logs one line."""

    def run() -> None:
        assert settings.bot_token is not None
        client = check_client(settings)
        try:
            bot = until_slack_answers(
                "check SLACK_BOT_TOKEN", lambda: check_bot_token(client, str(settings.bot_token)), stop
            )
        except TokenRejected as exc:
            log.error("%s; replies will fail until it is replaced and the server restarted", exc)
            return
        if bot is not None:
            log.info("Slack accepted SLACK_BOT_TOKEN (bot user %s in workspace %s)", bot.user_id, bot.team_id)

    thread = threading.Thread(target=run, name="codedesk-token-check", daemon=True)
    thread.start()
    return thread
