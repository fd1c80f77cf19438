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
from dataclasses import dataclass, field
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

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
# slack_sdk's error for an answer that is not JSON: a proxy's or a load balancer's page, not Slack's verdict on
# anything (Slack answers JSON, errors included).
NON_JSON_ANSWER = "Received a response in a non-JSON format"


def not_slacks_answer(error: str) -> bool:
    """An error that is not Slack's: the answer was not JSON (whatever its HTTP status)."""
    return error.startswith(NON_JSON_ANSWER)


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
    auth_test: SlackResponse = field(repr=False, compare=False)  # Bolt's authorization takes it as it is


def _checked(setting: str, call: Callable[[], T]) -> T:
    try:
        return call()
    except SlackApiError as exc:
        response = exc.response
        status = getattr(response, "status_code", None)
        error = str(response.get("error") or "") if response is not None else ""
        if not_slacks_answer(error):
            raise SlackUnreachable(f"HTTP {status}, an answer that is not Slack's (not JSON)") from None
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
        str(data.get("team_id", "")), str(data.get("user_id", "")), str(data.get("bot_id", "")), data
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


class TokenCheck:
    """SLACK_BOT_TOKEN checked on a thread, for HTTP mode, which serves without waiting on Slack: one log line
    with what Slack said (accepted, rejected, or not reachable yet: then again with backoff until `stop`), and
    `on_accepted(bot)` once accepted. `settled` is set when Slack has answered either way, or on stop."""

    def __init__(
        self, settings: Settings, on_accepted: Callable[[BotIdentity], None], stop: threading.Event
    ) -> None:
        if not settings.bot_token:
            raise ValueError("no SLACK_BOT_TOKEN to check")
        self._token = settings.bot_token
        self._client = check_client(settings)
        self._on_accepted = on_accepted
        self._stop = stop
        self.settled = threading.Event()
        self.bot: BotIdentity | None = None
        self.rejected: TokenRejected | None = None
        self.thread = threading.Thread(target=self._run, name="codedesk-token-check", daemon=True)

    def start(self) -> TokenCheck:
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            self.bot = until_slack_answers(
                "check SLACK_BOT_TOKEN", lambda: check_bot_token(self._client, self._token), self._stop
            )
        except TokenRejected as exc:
            self.rejected = exc
            log.error("%s; replies will fail until it is replaced and the server restarted", exc)
        else:
            if self.bot is not None:
                log.info(
                    "Slack accepted SLACK_BOT_TOKEN (bot user %s in workspace %s)",
                    self.bot.user_id,
                    self.bot.team_id,
                )
                self._on_accepted(self.bot)
        finally:
            self.settled.set()
