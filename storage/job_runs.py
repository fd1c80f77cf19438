"""The `job_runs` table: which (job, time slot) has run, so a slot is claimed once whatever the number of runs,
restarts or instances."""

from __future__ import annotations

from datetime import datetime

from storage.backend import Database
from storage.relay_tables import to_db_time


def create_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE job_runs (
            job TEXT NOT NULL,
            slot TEXT NOT NULL,
            started_at TEXT NOT NULL,
            messages INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job, slot)
        )
        """
    )


def claim_slot(db: Database, job: str, slot: str, now: datetime) -> bool:
    """Record (job, slot) as run; False when it was already recorded (call inside the job's transaction)."""
    inserted = db.execute(
        "INSERT INTO job_runs (job, slot, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [job, slot, to_db_time(now)],
    ).rowcount
    return bool(inserted == 1)


def set_message_count(db: Database, job: str, slot: str, messages: int) -> None:
    db.execute("UPDATE job_runs SET messages = ? WHERE job = ? AND slot = ?", [messages, job, slot])


def last_slot(db: Database, job: str) -> str | None:
    row = db.execute(
        "SELECT slot FROM job_runs WHERE job = ? ORDER BY started_at DESC LIMIT 1", [job]
    ).fetchone()
    return None if row is None else str(row[0])
