"""After the PostgreSQL server drops every connection (a restart, a failover), a pool that had grown hands out a
working connection at once: each dead one is given back to be replaced and the next tried, instead of the pool's
own check backing off 1 s, 2 s, 4 s ... per dead connection past the busy timeout (which a server whose pool had
grown to six connections met as "every database connection was in use" for its first request after a restart)."""

from __future__ import annotations

import pytest

from storage.backend import PgServer, parse_url
from tests.backends import PgSession


def test_a_grown_pool_works_at_once_after_the_server_dropped_its_connections(
    pg_session: PgSession | None,
) -> None:
    if pg_session is None:
        pytest.skip("no PostgreSQL: set CODEDESK_TEST_DATABASE_URL (CI starts a throwaway cluster)")
    server = PgServer(parse_url(pg_session.url), max_size=10, url=pg_session.url)
    try:
        held = [server.connect() for _ in range(6)]  # six at once: the pool grows to six
        for db in held:
            db.close()
        killer = server.connect()
        pids = [
            int(pid)
            for (pid,) in killer.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid != pg_backend_pid() "
                "AND application_name = 'codedesk'"
            ).fetchall()
        ]
        for pid in pids:
            killer.execute("SELECT pg_terminate_backend(?)", [pid])
        killer.close()

        # Five dead connections in the pool; the busy wait (2 s) is shorter than the old backoff (1 + 2 + 4 s).
        db = server.connect(busy_timeout_ms=2_000)
        try:
            assert db.execute("SELECT 1").fetchone()[0] == 1
        finally:
            db.close()
    finally:
        server.close()
