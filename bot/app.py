"""create_app(): the one place the Bolt app is built and wired; the servers, the console and tests use it.

Nothing happens at import time. Each feature module under bot/commands has `register(app, services)`; FEATURES
lists them in order (Bolt runs the first listener that matches, so order matters only for fallbacks).
"""

from __future__ import annotations

import importlib
import logging
import re
import sys
from collections.abc import Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import payload_shape, request_guard
from bot.errors import handle_error
from bot.log_privacy import PrivateRecords
from bot.services import Services
from bot.settings import Settings

# Feature modules, registered in this order. Modules not written yet are skipped (only when the module
# itself is missing: an import error inside an existing module still fails start-up).
FEATURES: tuple[str, ...] = (
    "bot.commands.code",
    "bot.commands.home",
    "bot.commands.clarify",
    "bot.commands.admin",
)

_TOKEN = re.compile(r"\b(?:xox[abpre]|xapp)-[A-Za-z0-9-]+")


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
    client = WebClient(token=settings.bot_token, base_url=settings.slack_api_url)
    app = App(
        client=client,
        signing_secret=settings.signing_secret or "",
        token_verification_enabled=settings.mode in ("http", "socket"),
        process_before_response=False,
        # Acks run on these workers: Bolt's default of 5 left commands unacked while replies waited on a
        # slow Web API. Most of the time they wait on I/O, so many are cheap.
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=64, thread_name_prefix="listener"),
    )
    request_guard.install(app, settings.signing_secret or "")
    payload_shape.install(app)
    app.error(handle_error)
    for module in _feature_modules():
        module.register(app, services)
    for module in _feature_modules():
        fallbacks = getattr(module, "register_fallbacks", None)
        if fallbacks is not None:
            fallbacks(app, services)
    return app


def _feature_modules() -> list[Any]:
    modules = []
    for name in FEATURES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return modules
