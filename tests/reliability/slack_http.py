"""The real HTTP server (waitress, as `codedesk serve --http` runs it) on 127.0.0.1, and a plain HTTP client."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path

from bot.serve import EVENTS_PATH, BackgroundHttpServer, make_http_server
from bot.services import Services
from bot.settings import Settings
from storage.app_db import AppDatabase
from tests.reliability.world import rows


@contextmanager
def running_server(
    settings: Settings, services: Services, listener_executor: Executor | None = None
) -> Iterator[str]:
    """The production server wiring (`make_http_server`) on a free port; yields the /slack/events URL.

    With `listener_executor` (e.g. an IdleWaitingExecutor, to know when background work is done), the app
    runs its listeners there instead of Bolt's default pool; nothing else changes.
    """
    server = make_http_server(
        settings, services, "127.0.0.1", 0, listener_executor=listener_executor, asyncore_loop_timeout=0.05
    )
    with BackgroundHttpServer(server) as running:
        yield running.url + EVENTS_PATH


def post(url: str, body: str, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def usage_rows(database: Path | AppDatabase) -> list[tuple[str, str, str | None]]:
    """(user_id, kind, query) of every recorded use: the lasting effect of a /code request (a path: SQLite)."""
    return [
        (str(u), str(k), q)
        for u, k, q in rows(database, "SELECT user_id, kind, query FROM usage ORDER BY id")
    ]
