"""Where the app's state lives: the SQLite file (CODEDESK_DB, the default) or a PostgreSQL database
(CODEDESK_DATABASE_URL). One object the server, the console and the CLI ask to migrate, to open connections and
to say whether it is healthy, whichever backend it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from storage.backend import DEFAULT_POOL_SIZE, Database, PgServer, parse_url
from storage.db import BUSY_TIMEOUT_MS, FileIdentity, connect

if TYPE_CHECKING:
    from storage.schema import Migration


class HealthTarget(Protocol):
    def problem(self, what: str, probe: str) -> str | None: ...


@dataclass(frozen=True)
class AppDatabase:
    path: Path
    what: str = "database"
    server: PgServer | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        path: Path,
        database_url: str | None = None,
        what: str = "database",
        *,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> AppDatabase:
        """DatabaseProblem (one line, no password) when `database_url` is not a PostgreSQL URL. `pool_size`: the
        most connections this process keeps to PostgreSQL (CODEDESK_DATABASE_POOL_SIZE)."""
        server = (
            PgServer(parse_url(database_url), max_size=pool_size, url=database_url) if database_url else None
        )
        return cls(Path(path), what, server)

    @property
    def is_postgres(self) -> bool:
        return self.server is not None

    def describe(self) -> str:
        """Where it is, for messages: the file's path or `PostgreSQL host:port/db` (never the password)."""
        return f"PostgreSQL {self.server.where}" if self.server is not None else str(self.path)

    def migrate(self) -> list[Migration]:
        """Start-up: create (SQLite) or reach (PostgreSQL) the database and apply the pending migrations.
        DatabaseProblem naming the file or host:port when it cannot be used; SchemaTooNew when it is newer."""
        from storage.schema import migrate_file, migrate_server

        if self.server is not None:
            return migrate_server(self.server)
        return migrate_file(self.path, self.what)

    def factory(self, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Callable[[], Database]:
        """Connections for a unit of work (close each when done): SQLite files opened without being created
        again (a database deleted while running is an error), PostgreSQL connections from the pool."""
        if self.server is not None:
            return partial(self.server.connect, busy_timeout_ms=busy_timeout_ms)
        return partial(connect, self.path, create=False, busy_timeout_ms=busy_timeout_ms, what=self.what)

    def connect(self) -> Database:
        return self.factory()()

    def health(self) -> HealthTarget:
        """What /healthz asks: the file as it was at start-up, or the server."""
        return self.server if self.server is not None else FileIdentity.of(self.path)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
