"""create_app(): the one place the Bolt app is built and wired; the servers, the console and tests use it.

Nothing happens at import time. Each feature module under bot/commands has `register(app, services)`; FEATURES
lists them in order (Bolt runs the first listener that matches, so order matters only for fallbacks).
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.middleware.authorization.single_team_authorization import SingleTeamAuthorization
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.web import SlackResponse

from bot import payload_shape, request_guard
from bot.errors import handle_error
from bot.log_privacy import PrivateRecords
from bot.services import Services
from bot.settings import Settings, SettingsError

# Feature modules, registered in this order. Modules not written yet are skipped (only when the module
# itself is missing: an import error inside an existing module still fails start-up).
FEATURES: tuple[str, ...] = (
    "bot.commands.code",
    "bot.commands.home",
    "bot.commands.clarify",
    "bot.commands.admin",
    "bot.commands.admin_modals",
    "bot.commands.workflow_step",
)

_TOKEN = re.compile(r"\b(?:xox[abpre]|xapp)-[A-Za-z0-9-]+")
# Acks run on listener threads, made as needed up to this many: a listener that has acked and then waits on a
# stalled Slack (its reply) holds one, and a command arriving when all are held cannot ack in time (Slack shows
# dispatch_failed). Idle threads cost nothing; 100 commands waiting on a stalled Web API at once ack in ms.
LISTENER_THREADS = 512
RECEIVED_AT = "received_at"  # the context key: time.monotonic() when the request reached the app


class ArrivalStamp(Middleware):
    """Before all middleware but the signature check: when the request arrived, so a handler that must answer inside Slack's 3 s
    (a modal submission) knows how much of it is left, whatever the queue in front of it cost."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        req.context[RECEIVED_AT] = time.monotonic()
        return next()


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Slack tokens (xoxb-, xoxp-, xapp- ...) and the given secret values replaced by [redacted]."""
    text = _TOKEN.sub("[redacted]", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return text


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, tracebacks included."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def configure_logging(settings: Settings, stream: Any = None) -> logging.Handler:
    """One stderr handler on the root logger that never prints a token, the signing secret, message text or
    a response_url (bot.log_privacy)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", settings.secrets())
    )
    handler.addFilter(PrivateRecords())  # no message text or response_url, at any level
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h.formatter, RedactingFormatter)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    return handler


def create_app(settings: Settings, services: Services, *, listener_executor: Executor | None = None) -> App:
    """The Bolt app for `settings.mode`; builds without calling Slack (the token is checked by bot.slack_check).

    Only HTTP requests carry Slack's signature: HTTP mode puts the request guard first and needs the signing
    secret; Socket Mode (and the console, which signs its own requests) get exactly what they need.
    """
    app = App(
        # The token, not a ready client: Bolt also reads SLACK_BOT_TOKEN itself and warns that a token beside a
        # client "will be unused". Its client gets our base URL below, before any call is made.
        token=settings.bot_token,
        signing_secret=settings.signing_secret or "",
        # Bolt's verification is replaced by bot.request_guard where requests are signed, and not wanted where
        # they are not (slack_sdk 3.43+ refuses to build a verifier for an empty secret).
        request_verification_enabled=False,
        # No auth.test while building: HTTP starts without Slack, Socket Mode checks its tokens first itself.
        token_verification_enabled=False,
        process_before_response=False,
        # Acks run on these workers: Bolt's default of 5 left commands unacked while replies waited on a
        # slow Web API. Most of the time they wait on I/O, so many are cheap.
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener"),
    )
    app.client.base_url = settings.slack_api_url
    # The app's own calls (views.publish, chat.postEphemeral, views.open ...) wait out a 429's Retry-After and
    # try again; the outbox has its own client and retry loop.
    app.client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    if settings.mode != "socket":
        request_guard.install(
            app, _signing_secret(settings), request_guard.SharedSeenSignatures(services.db_factory)
        )
    payload_shape.install(app)
    # Right after the signature check (which stays first, and is quick), before anything that may wait.
    middleware = app._middleware_list
    guard = next((n for n, m in enumerate(middleware) if isinstance(m, request_guard.VerifiedRequests)), -1)
    middleware.insert(guard + 1, ArrivalStamp())
    app.error(handle_error)
    for module in _feature_modules():
        module.register(app, services)
    for module in _feature_modules():
        fallbacks = getattr(module, "register_fallbacks", None)
        if fallbacks is not None:
            fallbacks(app, services)
    return app


def use_auth_test(app: App, auth_test: SlackResponse) -> None:
    """Give Bolt the auth.test answer start-up already had (bot.slack_check), so that no request waits on its
    own auth.test: with token verification off, Bolt's single-workspace authorization asks on first use.
    Bolt has no public way to hand it over; a test fails if an upgrade changes where it keeps it."""
    for middleware in app._middleware_list:
        if isinstance(middleware, SingleTeamAuthorization) and middleware.auth_test_result is None:
            middleware.auth_test_result = auth_test


def _signing_secret(settings: Settings) -> str:
    if not settings.signing_secret:  # Settings.from_env(mode="http") already refuses this with one line
        raise SettingsError("SLACK_SIGNING_SECRET is not set: HTTP mode verifies every request with it")
    return settings.signing_secret


def _feature_modules() -> list[Any]:
    modules = []
    for name in FEATURES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return modules
