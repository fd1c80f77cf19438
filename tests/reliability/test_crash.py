"""Crash safety: a writer process (tests/reliability/crash_writer.py) asks, answers, replies, resolves and
closes through ClarificationService and is SIGKILLed at random moments, sometimes while starting up.

On both backends (tests/backends.py): on PostgreSQL the writer's connections die with it mid-transaction.
After the kills: `PRAGMA integrity_check` is ok (SQLite), every write the child acknowledged (printed after its
commit) is there, nothing is half-written (each clarification has its audit row and its outgoing messages,
each reply its audit row and relay), and a restarted outbox worker delivers every undelivered row once.
"""

from __future__ import annotations

import pytest

from storage.app_db import AppDatabase
from tests.reliability.scenarios import CrashResult, run_crash_scenario


def assert_survived(result: CrashResult, kills: int) -> None:
    assert result.problems() == []
    assert result.kills == kills
    assert result.integrity == "ok"
    assert result.acknowledged["asked"] > 0  # the child did write between kills
    assert result.messages > 0 and result.undelivered == 0 and result.duplicated == 0


def test_ten_sigkills_lose_and_half_write_nothing(app_db: AppDatabase) -> None:
    assert_survived(run_crash_scenario(app_db, kills=10, seed=1), kills=10)


def test_kills_with_no_time_to_write_still_kill_one_writer_mid_work(app_db: AppDatabase) -> None:
    # As on a loaded machine (load 12 on 2 cores once left ten PostgreSQL writers no time to write): with
    # no time between "ready" and the kill, the last writer is still killed after a question was written.
    result = run_crash_scenario(app_db, kills=2, seed=3, max_run=0.0)
    assert_survived(result, kills=2)


# PostgreSQL: 30 kills (a writer there starts a pool too: about 1-2 s a kill), beside the quick test's 10.
@pytest.mark.slow
def test_two_hundred_sigkills_lose_and_half_write_nothing(app_db: AppDatabase) -> None:
    kills = 30 if app_db.is_postgres else 200
    assert_survived(run_crash_scenario(app_db, kills=kills, seed=2), kills=kills)
