"""Both backends for the storage, relay, outbox, jobs and reliability tests: each such test runs once on SQLite
and once on PostgreSQL.

- `app_db`: a migrated, empty app database on the test's `backend` (a temp SQLite file, or PostgreSQL).
- `empty_app_db`: one with no tables yet (the migration tests): a new file, or a new PostgreSQL schema.
- `pytest.mark.backends` on a module or test: the app the `settings` / `services` / `app_database` fixtures
  build (tests/conftest.py) runs on both, with CODEDESK_DATABASE_URL set as a PostgreSQL deployment has it; with
  `pytest.mark.transports`, PostgreSQL runs over the first transport only (the transport is not the database's).
- tests/reliability/world.py: the reliability scenarios (crash, concurrency, duplicates, rate limits, Slack
  faults, `codedesk serve` processes stopped while sending) take either store; child processes get its URL.

PostgreSQL: the server named by CODEDESK_TEST_DATABASE_URL (`.ci/run` starts one throwaway cluster and exports
it); without it, a throwaway cluster is started for the session when CI is set (CI never skips these) or the
PostgreSQL runs are skipped, each saying why (a newcomer's `pytest` needs no PostgreSQL). Each test session
creates a database of its own on that server (so two sessions, or a benchmark, can share the cluster), migrated
once; each test starts with its tables emptied (the ones holding rows truncated, every id sequence restarted:
cheaper than a TRUNCATE of every table, or a database or schema made per test), so the tests are independent
and their order does not matter.

SQLite only, because they are about SQLite itself:
- storage/test_instants.py, the interim and pre-versioned-list tests of storage/test_interim_tables.py and
  storage/test_schema.py: upgrades of SQLite files older CodeDesks wrote (ISO-text times, `_migrations`);
  PostgreSQL support started at the current schema, so it has no such history.
- relay/test_transition.py's busy test, slack/test_code_handlers.py and slack/test_request_guard.py's write-lock
  tests: SQLite's one write lock and busy timeout (PostgreSQL's lock waits: reliability/test_ack.py's table lock
  on both, reliability/test_postgres.py).
- reliability/test_cli_failures.py, reliability/test_health.py: the database file missing,
  replaced, a directory, read-only, not SQLite, or in a folder that cannot be written (PostgreSQL's unreachable
  server, lost connection and /healthz: reliability/test_postgres.py).
- Not on either backend's database in any way that matters: the parsers, Block Kit and PHI fuzzing, the request
  surface and signature checks (but the replay guard's memory: both), the start-up refusals of test_secrets.py.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from storage.app_db import AppDatabase
from storage.backend import PgServer, parse_url

# Read at import, before the suite hides every CODEDESK_ variable from the tests (tests/conftest.py).
PG_URL = os.environ.get("CODEDESK_TEST_DATABASE_URL", "").strip() or None
IN_CI = bool(os.environ.get("CI", "").strip())
BACKENDS = ("sqlite", "postgresql")

try:
    import psycopg

    DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, psycopg.Error)
    INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, psycopg.IntegrityError)
except ImportError:  # pragma: no cover - psycopg is a dependency; kept for a partial install
    DB_ERRORS = (sqlite3.DatabaseError,)
    INTEGRITY_ERRORS = (sqlite3.IntegrityError,)


def pg_tables(server: PgServer) -> list[str]:
    db = server.connect()
    try:
        return [
            str(name)
            for (name,) in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE' AND table_name != 'schema_version' ORDER BY table_name"
            )
        ]
    finally:
        db.close()


def pg_sequences(server: PgServer, tables: list[str]) -> list[str]:
    """The identity sequences of `tables` (their `id` columns)."""
    db = server.connect()
    try:
        found = db.execute(
            "SELECT pg_get_serial_sequence(table_name, column_name) FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_identity = 'YES'"
        ).fetchall()
        return sorted(str(name) for (name,) in found if name)
    finally:
        db.close()


def empty_pg(server: PgServer, tables: list[str], sequences: list[str] | None = None) -> None:
    """Every table empty and every id starting at 1 again, as after migrating: only the tables holding rows are
    truncated (a TRUNCATE costs about as much for an empty table, and a test fills a few), the rest of the
    sequences reset."""
    db = server.connect()
    try:
        if sequences is None:
            db.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return
        row = db.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables)).fetchone()
        filled = [table for table, has_rows in zip(tables, row, strict=True) if has_rows]
        if filled:
            db.execute(f"TRUNCATE {', '.join(filled)} RESTART IDENTITY CASCADE")
        if sequences:
            db.execute("SELECT " + ", ".join(f"setval('{name}', 1, false)" for name in sequences))
    finally:
        db.close()


class PgSession:
    """The session's PostgreSQL: a database of its own on the given server (so two test sessions, or a benchmark,
    can share one cluster), its URL, its server (one pool), its tables. `close()` drops the database."""

    def __init__(self, base_url: str) -> None:
        import psycopg

        base = parse_url(base_url)
        PgServer(base).check()  # one clear line when the server cannot be reached
        self.name = f"codedesk_test_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(base.conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.base = base
        self.url = (
            f"postgresql://{quote(base.user)}:{quote(base.password)}@{base.host}:{base.port}/{self.name}"
        )
        self.server = PgServer(parse_url(self.url), max_size=20, url=self.url)
        app = AppDatabase(Path("unused"), server=self.server)
        app.migrate()
        self.tables = pg_tables(self.server)
        self.sequences = pg_sequences(self.server, self.tables)

    def close(self) -> None:
        import psycopg

        self.server.close()
        with psycopg.connect(self.base.conninfo(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def empty_schema(self, path: Path) -> tuple[AppDatabase, Callable[[], None]]:
        """A schema of its own in the session's database, with no tables (the migration tests), as an app
        database whose URL sets it as the search path; and how to drop it."""
        import psycopg

        name = f"empty_{secrets.token_hex(4)}"
        with psycopg.connect(self.server.target.conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        url = f"{self.url}?options=-csearch_path={name}"
        server = PgServer(parse_url(url), max_size=4, url=url)

        def drop() -> None:
            server.close()
            with psycopg.connect(self.server.target.conninfo(), autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{name}" CASCADE')

        return AppDatabase(path, server=server), drop

    def fresh(self, path: Path = Path("unused.sqlite")) -> AppDatabase:
        """The session's database emptied; `path` is what CODEDESK_DB would say beside it (never created)."""
        empty_pg(self.server, self.tables, self.sequences)
        return AppDatabase(path, server=self.server)


@pytest.fixture(scope="session")
def pg_session() -> Iterator[PgSession | None]:
    if PG_URL is not None:
        session = PgSession(PG_URL)
        yield session
        session.close()
        return
    if not IN_CI:
        yield None
        return
    from scripts.throwaway_pg import start_cluster

    cluster = start_cluster()
    try:
        session = PgSession(cluster.url)
        yield session
        session.close()
    finally:
        cluster.stop()


def skip_without_postgres(pg_session: PgSession | None) -> None:
    if pg_session is None:
        pytest.skip("no PostgreSQL: set CODEDESK_TEST_DATABASE_URL (CI starts a throwaway cluster)")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, pg_session: PgSession | None) -> str:
    name = str(request.param)
    if name == "postgresql":
        skip_without_postgres(pg_session)
    return name


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "backends: run the module's app tests (settings, services) on SQLite and on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not metafunc.definition.get_closest_marker("backends") or "app_backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("transports") and "scenario" in metafunc.fixturenames:
        return  # with the transports: tests/conftest.py pairs them
    metafunc.parametrize("app_backend", BACKENDS, indirect=True)


@pytest.fixture
def app_backend(request: pytest.FixtureRequest, pg_session: PgSession | None) -> str:
    """ "sqlite" or "postgresql": the database of the app the `settings` / `services` fixtures build
    (tests/conftest.py). SQLite, unless the module is marked `pytest.mark.backends`: then each test runs on both."""
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgresql":
        skip_without_postgres(pg_session)
    return name


@pytest.fixture
def app_db(backend: str, tmp_path: Path, pg_session: PgSession | None) -> Iterator[AppDatabase]:
    """A migrated, empty app database on the test's backend."""
    if backend == "postgresql":
        assert pg_session is not None
        yield pg_session.fresh(tmp_path / "app.sqlite")
        return
    database = AppDatabase(tmp_path / "app.sqlite")
    database.migrate()
    yield database


@pytest.fixture
def empty_app_db(backend: str, tmp_path: Path, pg_session: PgSession | None) -> Iterator[AppDatabase]:
    """An app database with no tables yet, for the migration tests: a path where no file is yet (SQLite), or a
    new schema of its own (PostgreSQL: its URL sets the search path; dropped afterwards)."""
    if backend == "postgresql":
        assert pg_session is not None
        database, drop = pg_session.empty_schema(tmp_path / "app.sqlite")
        yield database
        drop()
        return
    yield AppDatabase(tmp_path / "app.sqlite")
