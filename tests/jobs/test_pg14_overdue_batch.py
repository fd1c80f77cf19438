"""The overdue ladder's first run writes its steps, audit rows and outbox rows in batches: the statements it
sends the database do not grow with the number of overdue questions (on PostgreSQL each statement is a round
trip; bench/jobs.py times the first run with ~1,500 overdue questions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from bot.jobs import slots
from bot.jobs.overdue import post_overdue_followups
from bot.jobs.schedules import OVERDUE
from storage.backend import Database
from tests.jobs.conftest import LEADS_CHANNEL, Desk, JobsDeps, World, chicago, outbox_rows, query, set_channel


class CountingDatabase:
    """A real connection that counts the statements sent through `execute` (a batch sent by `execute_many` is
    one call on the driver's connection, not counted here)."""

    def __init__(self, inner: Database, counter: list[int]) -> None:
        self._inner = inner
        self._counter = counter

    def execute(self, sql: str, parameters: Any = None) -> Any:
        self._counter[0] += 1
        return self._inner.execute(sql, parameters)

    def close(self) -> None:
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@dataclass
class Counted:
    settings: Any
    db_factory: Callable[[], Database]
    counter: list[int]


def counted(deps: JobsDeps) -> Counted:
    counter = [0]
    factory = deps.db_factory
    return Counted(deps.settings, lambda: CountingDatabase(factory(), counter), counter)  # type: ignore[arg-type, return-value]


def run_counted(deps: JobsDeps, now: datetime) -> tuple[int, tuple[str, ...]]:
    probe = counted(deps)
    result = post_overdue_followups(probe, now, slot=slots.scheduled_slot(now))
    return probe.counter[0], result.notes


@pytest.fixture(autouse=True)
def leads_channel(deps: JobsDeps, world: World) -> None:
    set_channel(deps, OVERDUE, LEADS_CHANNEL)


def test_the_first_run_sends_as_many_statements_for_thirty_overdue_questions_as_for_one(
    deps: JobsDeps, world: World, desk: Desk
) -> None:
    first = desk.ask(world.north, chicago(2026, 11, 2, 9, 0))  # due Tuesday 09:00
    one, notes_one = run_counted(deps, chicago(2026, 11, 3, 9, 15))
    assert notes_one == ("overdue_reminder=1",)

    later = [desk.ask(world.north, chicago(2026, 11, 3, 9, 15)) for _ in range(30)]  # due Wednesday 09:15
    thirty_one, notes = run_counted(deps, chicago(2026, 11, 4, 9, 30))
    assert notes == ("overdue_reminder=30", "overdue_second_reminder=1")
    assert thirty_one == one, f"{one} statements for one overdue question, {thirty_one} for 31"

    # What was written is what the row-by-row version wrote: a step, an audit row and two thread replies each.
    steps = query(deps, "SELECT clarification_id, step FROM overdue_steps ORDER BY clarification_id, step")
    assert steps == [(first.id, 1), (first.id, 2)] + [(c.id, 1) for c in later]
    audited = query(deps, "SELECT count(*) FROM audit WHERE action LIKE 'overdue%'")
    assert audited == [(32,)]
    reminders = outbox_rows(deps, "overdue_reminder")
    notes_rows = outbox_rows(deps, "overdue_asker_note")
    assert len(reminders) == 32 and len(notes_rows) == 32
    posts = dict(query(deps, "SELECT clarification_id, id FROM outbox WHERE kind = 'office_post'"))
    assert all(row.parent_id == posts[row.clarification_id] for row in reminders)
    # In the order of the due times, as before: the earliest overdue question's rows first.
    assert [row.clarification_id for row in reminders] == [first.id, first.id] + [c.id for c in later]
