"""Keys of work already done, so a Slack retry, a double click or a resubmitted modal is done once.

Claim the key inside the same transaction as the work: if the work rolls back, so does the claim.
"""

from __future__ import annotations

from datetime import datetime

from storage.backend import Database
from storage.relay_tables import to_db_time


def claim_event(db: Database, key: str, at: datetime) -> bool:
    """True the first time `key` is seen, False on every later call."""
    cursor = db.execute(
        "INSERT INTO processed_events (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING", [key, to_db_time(at)]
    )
    return cursor.rowcount == 1


def seen(db: Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM processed_events WHERE key = ?", [key]).fetchone() is not None


def forget_before(db: Database, cutoff: datetime) -> int:
    """Drop keys older than `cutoff` (Slack stops retrying after minutes; a day or two is plenty)."""
    return db.execute("DELETE FROM processed_events WHERE at < ?", [to_db_time(cutoff)]).rowcount
