"""The `overdue_steps` table: which step of the overdue ladder (reminder, second reminder, escalation) has been
taken for a clarification's current due time, and the query that finds open clarifications past due with the
last step taken. The ladder itself is `bot.jobs.overdue`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.backend import Database, execute_many
from storage.relay_tables import from_db_time, to_db_time


@dataclass(frozen=True)
class PastDue:
    """An open clarification past its due time, with the last ladder step taken for that due time."""

    id: int
    office_id: int
    asker_id: str
    asker_channel: str
    encounter_ref: str
    due_at: datetime
    office_ts: str | None
    asker_ts: str | None
    last_step: int | None
    last_step_at: datetime | None


def create_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE overdue_steps (
            clarification_id INTEGER NOT NULL REFERENCES clarifications (id),
            due_at TEXT NOT NULL,
            step INTEGER NOT NULL CHECK (step IN (1, 2, 3)),
            at TEXT NOT NULL,
            PRIMARY KEY (clarification_id, due_at, step)
        )
        """
    )


def open_past_due(db: Database, now: datetime) -> list[PastDue]:
    """Open clarifications due before `now`, earliest due first."""
    rows = db.execute(
        "SELECT c.id, c.office_id, c.asker_id, c.asker_channel, c.encounter_ref, c.due_at, c.office_ts, "
        "c.asker_ts, s.step, s.at FROM clarifications c "
        "LEFT JOIN overdue_steps s ON s.clarification_id = c.id AND s.due_at = c.due_at AND s.step = "
        "(SELECT max(step) FROM overdue_steps m WHERE m.clarification_id = c.id AND m.due_at = c.due_at) "
        "WHERE c.state = 'open' AND c.due_at < ? ORDER BY c.due_at, c.id",
        [to_db_time(now)],
    ).fetchall()
    return [
        PastDue(
            id=int(id_),
            office_id=int(office_id),
            asker_id=str(asker_id),
            asker_channel=str(asker_channel),
            encounter_ref=str(encounter_ref),
            due_at=from_db_time(due_at),
            office_ts=office_ts,
            asker_ts=asker_ts,
            last_step=None if step is None else int(step),
            last_step_at=None if at is None else from_db_time(at),
        )
        for id_, office_id, asker_id, asker_channel, encounter_ref, due_at, office_ts, asker_ts, step, at in rows
    ]


@dataclass(frozen=True)
class StepTaken:
    clarification_id: int
    due_at: datetime
    step: int
    at: datetime


def record_steps(db: Database, steps: Sequence[StepTaken]) -> None:
    """Record the steps taken, in one statement (the ladder's first run takes thousands)."""
    execute_many(
        db,
        "INSERT INTO overdue_steps (clarification_id, due_at, step, at) VALUES (?, ?, ?, ?)",
        [(s.clarification_id, to_db_time(s.due_at), s.step, to_db_time(s.at)) for s in steps],
    )
