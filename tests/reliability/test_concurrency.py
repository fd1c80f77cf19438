"""Concurrency: 16 threads of mixed reads and writes on one database (a SQLite file, a PostgreSQL database: both
backends, tests/backends.py), each with its own connections.

Coders ask and reply, two staff members per office race to answer the same open questions, a lead reads
lists and histories, outbox workers deliver and lookups are recorded. No caller may see "database is locked" (or busy),
every write a caller was told succeeded must be stored, and each answered question has exactly one winner.
"""

from __future__ import annotations

import pytest

from storage.app_db import AppDatabase
from tests.reliability.scenarios import ConcurrencyResult, run_concurrency_scenario


def assert_held(result: ConcurrencyResult) -> None:
    assert result.locked == []
    assert result.unexpected == []
    assert result.lost == []
    assert result.half_written == []
    assert result.integrity == "ok"
    for kind in ("ask", "answer", "reply", "read", "deliver", "usage"):
        assert result.operations[kind] > 0, f"no {kind} ran: the mix did not exercise it"


def test_sixteen_threads_for_three_seconds(app_db: AppDatabase) -> None:
    assert_held(run_concurrency_scenario(app_db, threads=16, seconds=3.0))


# PostgreSQL: 8 s (it runs about twice the operations a second, and its drain afterwards is longer).
@pytest.mark.slow
def test_sixteen_threads_for_twenty_seconds(app_db: AppDatabase) -> None:
    result = run_concurrency_scenario(app_db, threads=16, seconds=8.0 if app_db.is_postgres else 20.0)
    assert_held(result)
    assert result.conflicts["answer race lost"] > 0  # answers really raced
