"""Shared fixtures: hidden environment, fake Slack Web API, settings, services and the real app.

The transport: scenario tests run over HTTP; a module marked `pytest.mark.transports("http", "socket")` runs
each of its scenario tests over both (the same bodies, sent as Socket Mode envelopes to the real
SocketModeHandler connected to the local Socket Mode fake).

The app's database: SQLite (`settings.db_path`); a module marked `pytest.mark.backends` runs each test that uses
`settings` / `services` / `app_database` on SQLite and on PostgreSQL (tests/backends.py), the app then built
with CODEDESK_DATABASE_URL as a PostgreSQL deployment is.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlite_utils
from slack_bolt import App

from bot.console_slack import IdleWaitingExecutor
from bot.lookups.codebook import CodeBook
from bot.services import Services, assemble_services
from bot.settings import Settings
from storage.app_db import AppDatabase
from tests.fake_codes import FakeCodeBook, fake_check_claim, fake_find_codes
from tests.fake_slack import FakeSlack
from tests.fake_socket_mode import SocketModeServer
from tests.scenario import Scenario

if TYPE_CHECKING:
    from tests.backends import PgSession

FROZEN_NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)

# Read at import, before `_hide_environment` hides every CODEDESK_ variable from the tests.
CODES_CACHE = os.environ.get("CODEDESK_TEST_CODES_CACHE", "").strip()

# `backend` / `app_db`: a test run on SQLite and on PostgreSQL (tests/backends.py).
pytest_plugins = ["tests.backends"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "transports(*names): run the module's scenario tests over each transport"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("transports")
    if marker is not None and "scenario" in metafunc.fixturenames:
        if metafunc.definition.get_closest_marker("backends") and "app_backend" in metafunc.fixturenames:
            # Every transport on SQLite; PostgreSQL over the first (the transport does not touch the database).
            pairs = [(name, "sqlite") for name in marker.args] + [(marker.args[0], "postgresql")]
            metafunc.parametrize(("transport", "app_backend"), pairs, indirect=True)
            return
        metafunc.parametrize("transport", marker.args, indirect=True)


@pytest.fixture
def transport(request: pytest.FixtureRequest) -> str:
    """ "http" or "socket": the server mode the app is built for and how scenario requests reach it."""
    return str(getattr(request, "param", "http"))


def _codes_build_key() -> str:
    """What the code database is built from: the shipped data's version (bot.lookups.shipped) and every file
    under bot/lookups (the code that fills the tables, the data files), so a changed builder never meets a
    database an older one built."""
    from bot.lookups.shipped import shipped_version

    root = Path(__file__).resolve().parent.parent / "bot" / "lookups"
    digest = hashlib.sha256(shipped_version().encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


@pytest.fixture(scope="session")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    """The real code database, prepared once per test run from the shipped data.

    Under pytest-xdist the workers share one file (in the run's base temp folder): the first to need it builds
    it under a file lock, the others wait and open it. With CODEDESK_TEST_CODES_CACHE set to a folder (`.ci/run`
    makes a fresh one and removes it), the runs in that folder share it too (the parallel step's, the slow
    step's). Either way the file is keyed by `_codes_build_key()`. Tests only read it: one that changes a code
    database copies `small_book`."""
    shared = CODES_CACHE or (
        str(tmp_path_factory.getbasetemp().parent) if os.environ.get("PYTEST_XDIST_WORKER") else ""
    )
    if not shared:
        return CodeBook.open(tmp_path_factory.mktemp("codes") / "codes.sqlite")
    folder = Path(shared) / f"codes-{_codes_build_key()}"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when closed; the builder renames its file into place
        return CodeBook.open(folder / "codes.sqlite")


# The codes a changeable copy keeps: whole chapters and sections, so a code's parents, notes and spans stay whole.
SMALL_BOOK_CODES = (
    "(system = 'cm' AND substr(code, 1, 1) IN ('D', 'E', 'I', 'Z'))",
    "(system = 'pcs' AND substr(code, 1, 2) = '00')",
    "system IN ('hcpcs', 'cpt')",
)


@pytest.fixture(scope="session")
def small_book_template(codebook: CodeBook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A code database built once per session from the real one with fewer codes (ICD-10-CM chapters D, E, I
    and Z, ICD-10-PCS 00, all of HCPCS), every other table (indexes, NCCI pairs, releases) whole: the same
    tables and mechanisms, about a tenth of the size, for tests that change a database (imports)."""
    from bot.lookups.schema import rebuild_search

    target = tmp_path_factory.mktemp("small-codes") / "codes.sqlite"
    source = sqlite3.connect(str(codebook.path))
    source.execute("VACUUM INTO ?", [str(target)])
    source.close()
    conn = sqlite3.connect(str(target), isolation_level=None)
    keep = " OR ".join(SMALL_BOOK_CODES)
    conn.execute("BEGIN")
    for table in ("codes", "notes", "validity", "titles", "code_changes"):
        conn.execute(f"DELETE FROM {table} WHERE NOT ({keep})")
    conn.execute("DELETE FROM seventh WHERE substr(code, 1, 1) NOT IN ('D', 'E', 'I', 'Z')")
    rebuild_search(sqlite_utils.Database(conn))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return target


@pytest.fixture
def small_book(small_book_template: Path, tmp_path: Path) -> CodeBook:
    """A private copy of the small code database that a test may change (see `small_book_template`)."""
    target = tmp_path / "codes.sqlite"
    shutil.copyfile(small_book_template, target)
    return CodeBook.open(target)


@pytest.fixture(autouse=True)
def _hide_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees a real token, secret or database path from the developer's environment."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "CODEDESK_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CODEDESK_ENV_FILE", "none")  # nor a developer's .env, read by `codedesk` (bot.cli)


@pytest.fixture
def signing_secret() -> str:
    return "test-secret-" + secrets.token_hex(8)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as slack:
        yield slack


@pytest.fixture
def settings(
    tmp_path: Path,
    fake_slack: FakeSlack,
    signing_secret: str,
    transport: str,
    app_backend: str,
    pg_session: PgSession | None,
) -> Settings:
    """HTTP: bot token and signing secret. Socket Mode: bot token and app-level token, no secret (as deployed).
    On PostgreSQL (`app_backend`) also CODEDESK_DATABASE_URL, the session's database."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-" + secrets.token_hex(6),
        "SLACK_API_URL": fake_slack.api_url,
        "CODEDESK_DB": str(tmp_path / "codedesk.sqlite"),
        "CODEDESK_CODES_DB": str(tmp_path / "codes.sqlite"),
    }
    if app_backend == "postgresql":
        assert pg_session is not None
        env["CODEDESK_DATABASE_URL"] = pg_session.url
    if transport == "socket":
        env["SLACK_APP_TOKEN"] = "xapp-1-A111-test-" + secrets.token_hex(6)
        return Settings.from_env(env, mode="socket")
    return Settings.from_env({**env, "SLACK_SIGNING_SECRET": signing_secret}, mode="http")


@pytest.fixture
def clock() -> partial[datetime]:
    return partial(lambda: FROZEN_NOW)


@pytest.fixture
def app_database(settings: Settings, pg_session: PgSession | None) -> AppDatabase:
    """The app's database, migrated and empty: the temp SQLite file, or the session's PostgreSQL database
    emptied (its one pool shared, as one server process has one)."""
    if settings.database_url:
        assert pg_session is not None
        return pg_session.fresh(settings.db_path)
    database = AppDatabase(settings.db_path)
    database.migrate()
    return database


@pytest.fixture
def services(settings: Settings, clock: partial[datetime], app_database: AppDatabase) -> Services:
    """Services over the fake code book and a temp app database (the real CodeBook is slow to build)."""
    return assemble_services(settings, FakeCodeBook(), clock, app_database.factory())  # type: ignore[arg-type]


@pytest.fixture
def listener_executor() -> Iterator[IdleWaitingExecutor]:
    with IdleWaitingExecutor() as executor:
        yield executor


@pytest.fixture
def fake_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The /code handlers search and check the fake code book."""
    import bot.commands.code as code

    monkeypatch.setattr(code, "find_codes", fake_find_codes)
    monkeypatch.setattr(code, "check_claim", fake_check_claim)


@pytest.fixture
def app(
    settings: Settings, services: Services, listener_executor: IdleWaitingExecutor, fake_lookups: None
) -> App:
    from bot.app import create_app

    return create_app(settings, services, listener_executor=listener_executor)


@pytest.fixture
def scenario(
    app: App,
    fake_slack: FakeSlack,
    listener_executor: IdleWaitingExecutor,
    signing_secret: str,
    settings: Settings,
    transport: str,
) -> Iterator[Scenario]:
    if transport == "http":
        yield Scenario(app, fake_slack, listener_executor, signing_secret)
        return
    from bot.serve import socket_mode_handler

    with SocketModeServer() as socket_slack:
        fake_slack.socket_mode = socket_slack
        handler = socket_mode_handler(app, settings)  # the server's handler; it asks apps.connections.open
        # After the handler's own listener: tells the fake once the app is done with an envelope, acked or not.
        handler.client.socket_mode_request_listeners.append(
            lambda _client, request: socket_slack.mark_handled(request.envelope_id)
        )
        handler.connect()
        try:
            socket_slack.wait_connected()
            yield Scenario(app, fake_slack, listener_executor, signing_secret, socket=socket_slack)
        finally:
            handler.close()
