"""Both backends for the storage, relay, outbox, jobs and reliability tests: the `app_db` fixture is a migrated,
empty app database on SQLite (a temp file) or on PostgreSQL, one test run per backend.

PostgreSQL: the server named by CODEDESK_TEST_DATABASE_URL (`.ci/run` starts one throwaway cluster and exports
it); without it, a throwaway cluster is started for the session when CI is set (CI never skips these) or the
PostgreSQL runs are skipped (a newcomer's `pytest` needs no PostgreSQL). The database is migrated once per
session and its tables emptied (TRUNCATE ... RESTART IDENTITY) before each test, not a cluster per test.
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


def empty_pg(server: PgServer, tables: list[str]) -> None:
    db = server.connect()
    try:
        db.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
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
        empty_pg(self.server, self.tables)
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
