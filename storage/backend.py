"""The one connection interface storage modules use, and its PostgreSQL implementation.

Every storage function takes a `Database`: `execute(sql, params)` returning a cursor (`fetchone`, `fetchall`,
iteration, `rowcount`) and `close()`. SQLite's is `sqlite_utils.Database` itself (storage.db.connect), so the
embedded path is exactly what it was; PostgreSQL's is `PgDatabase`, a pooled psycopg 3 connection. Both take
SQL with `?` placeholders (PgDatabase turns them into `%s`), and where the SQL truly differs a storage module
asks `is_postgres(db)` and writes plain SQL per backend (`GREATEST` for SQLite's two-argument `max`,
`FOR UPDATE SKIP LOCKED`, `RETURNING id`: `insert_id`). Transactions are storage.db's `write_transaction` and
`read_transaction` on both.

Timestamps: SQLite keeps INTEGER microseconds since the epoch (storage.relay_tables.to_db_time); PostgreSQL keeps
`timestamptz`. `to_db_time` returns an `Instant` (an int) that this module's dumper sends as a timestamptz, and
its loader reads every timestamptz back as the same integer, so storage code sees one kind of value on both.

Errors: a connection refused or lost is DatabaseUnavailable (one line naming host and port, never the password);
a lock or statement timeout, a deadlock or a serialization failure is DatabaseBusy. Both mean nothing was saved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast
from urllib.parse import unquote, urlsplit

from storage.db_problems import DatabaseBusy, DatabaseProblem, DatabaseUnavailable

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

T = TypeVar("T")

__all__ = [
    "Cursor",
    "Database",
    "Instant",
    "PgDatabase",
    "PgServer",
    "PgTarget",
    "execute_many",
    "insert_id",
    "is_postgres",
    "parse_pool_size",
    "parse_url",
    "storable_parameters",
    "storable_text",
]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """What storage code may do with a connection (sqlite_utils.Database and PgDatabase both are one)."""

    def execute(self, sql: str, parameters: Any = None) -> Any: ...

    def close(self) -> None: ...


def is_postgres(db: Database) -> bool:
    return getattr(db, "dialect", "sqlite") == "postgresql"


def insert_id(db: Database, sql: str, parameters: Sequence[object]) -> int:
    """Run one `INSERT` into a table with an `id` key and return the new row's id (`RETURNING id` on
    PostgreSQL, the cursor's lastrowid on SQLite)."""
    if is_postgres(db):
        row = db.execute(sql + " RETURNING id", parameters).fetchone()
        return int(row[0])
    return int(db.execute(sql, parameters).lastrowid or 0)


NUL, NUL_STORED_AS = "\x00", "\ufffd"


def storable_text(value: str) -> str:
    """Text as both backends store it: PostgreSQL's text cannot hold NUL (U+0000), so a NUL is kept as U+FFFD
    (the replacement character) on PostgreSQL and on SQLite alike. Text with one (pasted from a binary file, a
    broken client) is saved rather than failing the request, reads back the same from either backend, and a key
    holding one still matches itself (it is replaced the same way when looked up)."""
    return value.replace(NUL, NUL_STORED_AS) if NUL in value else value


def storable_parameters(parameters: Any) -> Any:
    """`parameters` (a sequence or a mapping) with every text value made `storable_text`."""
    if parameters is None:
        return None
    if isinstance(parameters, dict):
        return {k: storable_text(v) if isinstance(v, str) else v for k, v in parameters.items()}
    return [storable_text(v) if isinstance(v, str) else v for v in parameters]


class Instant(int):
    """Microseconds since the Unix epoch (UTC): an INTEGER in SQLite, a timestamptz in PostgreSQL."""

    __slots__ = ()


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PG_EPOCH_MICROS = 946_684_800_000_000  # 2000-01-01 (PostgreSQL's epoch) in Unix microseconds


# -- the URL -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgTarget:
    """Where the PostgreSQL database is; `where` names it without the password (safe for logs and messages)."""

    host: str
    port: int
    dbname: str
    user: str
    password: str
    query: str = ""

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}/{self.dbname}"

    def conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        extra = dict(part.split("=", 1) for part in self.query.split("&") if "=" in part)
        return make_conninfo(
            host=self.host,
            port=self.port,
            dbname=self.dbname,
            user=self.user,
            password=self.password,
            connect_timeout=5,
            application_name="codedesk",
            **extra,
        )

    def __repr__(self) -> str:  # never the password
        return f"PgTarget({self.user}@{self.where})"


def parse_url(url: str, setting: str = "CODEDESK_DATABASE_URL") -> PgTarget:
    """`postgresql://USER:PASSWORD@HOST:PORT/DB` -> PgTarget; DatabaseProblem (one line, no password) when the
    URL is not one."""
    form = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
    text = url.strip()
    scheme, sep, _ = text.partition("://")
    if not sep:
        raise DatabaseProblem(f"{setting} is not a URL: write it as {form}")
    if scheme.lower() not in ("postgresql", "postgres"):
        shown = scheme if len(scheme) <= 20 else scheme[:20] + "..."
        raise DatabaseProblem(
            f"{setting} starts with {shown}://, but only PostgreSQL is supported there: write it as {form} "
            "(SQLite is the default: leave it unset and use CODEDESK_DB)"
        )
    try:
        parts = urlsplit(text)
        port = parts.port or 5432
    except ValueError:
        raise DatabaseProblem(f"{setting} has a port that is not a number: write it as {form}") from None
    if not parts.hostname:
        raise DatabaseProblem(f"{setting} names no host: write it as {form}")
    if not parts.username:
        raise DatabaseProblem(f"{setting} names no user: write it as {form}")
    if not parts.password:
        raise DatabaseProblem(
            f"{setting} has no password for user {unquote(parts.username)} on {parts.hostname}:{port}: "
            f"write it as {form}"
        )
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise DatabaseProblem(f"{setting} names no database (the part after the last /): write it as {form}")
    return PgTarget(
        host=parts.hostname,
        port=port,
        dbname=dbname,
        user=unquote(parts.username),
        password=unquote(parts.password),
        query=parts.query,
    )


DEFAULT_POOL_SIZE = 10
MIN_POOL_SIZE, MAX_POOL_SIZE = 2, 500


def parse_pool_size(raw: str | None, setting: str = "CODEDESK_DATABASE_POOL_SIZE") -> int:
    """The most connections one instance keeps open to PostgreSQL (DEFAULT_POOL_SIZE when unset): a whole number
    from MIN_POOL_SIZE to MAX_POOL_SIZE; DatabaseProblem (one line naming the setting) otherwise."""
    if raw is None or not raw.strip():
        return DEFAULT_POOL_SIZE
    text = raw.strip()
    shown = text if len(text) <= 20 else text[:20] + "..."
    if not text.isdigit() or not MIN_POOL_SIZE <= int(text) <= MAX_POOL_SIZE:
        raise DatabaseProblem(
            f"{setting} must be a whole number of connections from {MIN_POOL_SIZE} to {MAX_POOL_SIZE}, got "
            f"{shown!r} (every instance opens up to that many: keep their sum under the server's max_connections)"
        )
    return int(text)


# -- SQL ----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=2048)
def pg_sql(sql: str) -> str:
    """`?` placeholders -> `%s` (and a literal `%` -> `%%`), outside quoted strings and identifiers."""
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
            out.append("%%" if char == "%" else char)
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        else:
            out.append(char)
    return "".join(out)


# -- the server and its pool -----------------------------------------------------------------------------------


def _instant_adapters(conn: psycopg.Connection[Any]) -> None:
    from psycopg.adapt import Dumper, Loader
    from psycopg.pq import Format
    from psycopg.types.string import StrDumperUnknown

    class InstantDumper(Dumper):
        oid = 1184  # timestamptz

        def dump(self, obj: Any) -> bytes:
            return (_EPOCH + timedelta(microseconds=int(obj))).isoformat().encode()

    class InstantBinaryDumper(InstantDumper):
        format = Format.BINARY

        def dump(self, obj: Any) -> bytes:
            return (int(obj) - _PG_EPOCH_MICROS).to_bytes(8, "big", signed=True)

    class InstantLoader(Loader):
        def load(self, data: Any) -> Instant:
            moment = datetime.fromisoformat(bytes(data).decode())
            return Instant((moment - _EPOCH) // timedelta(microseconds=1))

    class InstantBinaryLoader(Loader):
        format = Format.BINARY

        def load(self, data: Any) -> Instant:
            return Instant(int.from_bytes(bytes(data), "big", signed=True) + _PG_EPOCH_MICROS)

    class NumberLoader(Loader):
        """numeric (what sum() of a bigint gives) as int or float, as SQLite gives it."""

        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return float(text) if any(c in text for c in ".eEN") else int(text)

    class TextDumper(StrDumperUnknown):  # text of unknown type (psycopg's default): the server infers it
        """Every text parameter as `storable_text` (a NUL kept as U+FFFD, as on SQLite: storage.db)."""

        def dump(self, obj: str) -> Any:
            return super().dump(storable_text(obj))

    conn.adapters.register_dumper(str, TextDumper)
    conn.adapters.register_dumper(Instant, InstantDumper)
    conn.adapters.register_dumper(Instant, InstantBinaryDumper)
    conn.adapters.register_loader("timestamptz", InstantLoader)
    conn.adapters.register_loader("timestamptz", InstantBinaryLoader)
    conn.adapters.register_loader("numeric", NumberLoader)


class PgServer:
    """One PostgreSQL database and the pool of connections to it (one per process, made at start-up)."""

    def __init__(self, target: PgTarget, *, max_size: int = DEFAULT_POOL_SIZE, url: str = "") -> None:
        if not MIN_POOL_SIZE <= max_size <= MAX_POOL_SIZE:
            raise ValueError(f"pool size {max_size} is outside {MIN_POOL_SIZE}..{MAX_POOL_SIZE}")
        self.target = target
        self.url = url  # as configured (holds the password: never log it)
        self.where = target.where
        self._max_size = max_size
        self._pool: ConnectionPool | None = None
        self._lock = threading.Lock()

    def unavailable(self, error: BaseException | None = None) -> DatabaseUnavailable:
        reason = ""
        if error is not None:
            first = (str(error).strip().splitlines() or [type(error).__name__])[0]
            reason = f" ({_redact(first, self.target.password)})"
        return DatabaseUnavailable(
            f"cannot reach the PostgreSQL database at {self.target.host}:{self.target.port} "
            f"(database {self.target.dbname}, user {self.target.user}){reason}: check that the server runs "
            "and CODEDESK_DATABASE_URL is right"
        )

    def check(self) -> None:
        """Connect once now (start-up): DatabaseUnavailable naming host and port when that fails."""
        import psycopg

        try:
            with psycopg.connect(self.target.conninfo(), autocommit=True) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            raise self.unavailable(exc) from None

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        conn.autocommit = True
        conn.execute("SET TIME ZONE 'UTC'")
        _instant_adapters(conn)

    @property
    def max_size(self) -> int:
        return self._max_size

    def pool(self) -> ConnectionPool:
        with self._lock:
            if self._pool is None:
                from psycopg_pool import ConnectionPool

                self._pool = ConnectionPool(
                    self.target.conninfo(),
                    min_size=1,
                    max_size=self._max_size,
                    configure=self._configure,
                    # No `check=` here: `connect` checks each connection itself (see there).
                    reconnect_timeout=0,
                    open=True,
                    name="codedesk",
                )
            return self._pool

    def connect(self, *, busy_timeout_ms: int = 10_000) -> PgDatabase:
        """A connection from the pool (give it back with `close()`); DatabaseUnavailable when none can be had
        in time because the server cannot be reached, DatabaseBusy when every one is in use."""
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        # A connection the server dropped (a restart, a failover) is checked before it is handed out and given
        # back to be replaced, and the next one tried at once: work resumes as soon as the server is back. (The
        # pool's own `check=` backs off 1 s, 2 s, 4 s ... after each dead connection, so a pool that had grown to
        # a few connections waited past the busy timeout after a restart.)
        pool = self.pool()
        deadline = time.monotonic() + max(busy_timeout_ms, 1000) / 1000
        while True:
            try:
                conn = pool.getconn(timeout=max(deadline - time.monotonic(), 0.001))
            except PoolTimeout as exc:
                if self._reachable():
                    raise DatabaseBusy("every database connection was in use past the wait") from exc
                raise self.unavailable() from None
            except psycopg.Error as exc:
                raise self.unavailable(exc) from None
            try:
                ConnectionPool.check_connection(conn)
            except psycopg.Error:
                pool.putconn(conn)  # broken: the pool drops it (and opens another when it needs one)
                continue
            return PgDatabase(self, conn, busy_timeout_ms)

    def _reachable(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(self.target.conninfo(), autocommit=True, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    def give_back(self, conn: psycopg.Connection[Any]) -> None:
        if self._pool is not None:
            self._pool.putconn(conn)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    def problem(self, what: str, probe: str) -> str | None:
        """/healthz: None when the database answers `probe`, else one line saying what is wrong."""
        try:
            db = self.connect(busy_timeout_ms=2_000)
            try:
                db.execute(probe).fetchone()
            finally:
                db.close()
        except DatabaseUnavailable as exc:
            return f"the {what}: {exc}"
        except DatabaseBusy:
            return None  # busy is working, not broken
        except DatabaseProblem as exc:
            return f"the {what}: {exc}"
        except Exception as exc:  # psycopg.Error: e.g. the probe's table is gone
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            return (
                f"the {what} PostgreSQL {self.where} does not answer ({_redact(first, self.target.password)})"
            )
        return None


def _redact(text: str, password: str) -> str:
    return text.replace(password, "***") if password else text


class PgDatabase:
    """A pooled PostgreSQL connection with the `Database` interface (autocommit outside the transactions that
    storage.db opens explicitly, as the SQLite connections are)."""

    dialect = "postgresql"

    def __init__(self, server: PgServer, conn: psycopg.Connection[Any], busy_timeout_ms: int) -> None:
        self.server = server
        self.conn = conn
        self.busy_timeout_ms = busy_timeout_ms
        self._closed = False

    def execute(self, sql: str, parameters: Any = None) -> Any:
        params = list(parameters) if parameters is not None else None
        query = pg_sql(sql) if params else sql
        return self.guarded(lambda: self.conn.execute(cast(Any, query), params or None))

    def guarded(self, call: Callable[[], T]) -> T:
        """`call()` with psycopg's errors said as DatabaseBusy / DatabaseUnavailable where they mean that."""
        import psycopg
        from psycopg import errors

        try:
            return call()
        except (
            errors.LockNotAvailable,
            errors.QueryCanceled,
            errors.DeadlockDetected,
            errors.SerializationFailure,
        ) as exc:
            raise DatabaseBusy(f"the database was busy ({type(exc).__name__})") from exc
        except psycopg.OperationalError as exc:
            if self.conn.closed or self.conn.broken:
                raise self.server.unavailable(exc) from None
            raise

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if not self.conn.closed and self.conn.info.transaction_status.name != "IDLE":
                self.conn.execute("ROLLBACK")
        except Exception:
            pass
        self.server.give_back(self.conn)

    def __del__(self) -> None:
        # As a SQLite connection is closed when dropped, a dropped PgDatabase gives its connection back.
        if not getattr(self, "_closed", True):
            self.close()

    def __enter__(self) -> PgDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def execute_many(db: Database, sql: str, rows: Sequence[Sequence[object]]) -> None:
    """One statement for many parameter rows (`executemany`)."""
    if is_postgres(db):
        pg = cast(PgDatabase, db)
        if rows:
            with pg.conn.cursor() as cursor:
                pg.guarded(lambda: cursor.executemany(cast(Any, pg_sql(sql)), [list(r) for r in rows]))
        return
    cast(Any, db).conn.executemany(sql, [storable_parameters(row) for row in rows])
