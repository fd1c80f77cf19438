"""The `seen_signatures` table: Slack signatures of HTTP requests already handled, shared by every instance.

A signed request replayed within Slack's 5-minute window is recognised whichever instance it reaches: the first
instance to see a signature records it with one insert-if-absent (`ON CONFLICT DO NOTHING`) (no read-then-write, so two instances racing
on the same signature cannot both win), and a later insert of the same signature changes no row. Rows older
than the window are useless (Slack's timestamp check refuses such a request before it gets here) and are
deleted by `forget_before`, which the request guard calls at most once a minute, not on every request.
"""

from __future__ import annotations

from datetime import datetime

from storage.backend import Database
from storage.relay_tables import to_db_time


def create_tables(db: Database) -> None:
    """Migration 17 (`storage.schema`)."""
    db.execute("CREATE TABLE seen_signatures (signature TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)")
    db.execute("CREATE INDEX seen_signatures_by_time ON seen_signatures (seen_at)")


def record_first(db: Database, signature: str, at: datetime) -> bool:
    """True when `signature` was not recorded before (and now is); False for a signature already seen."""
    cursor = db.execute(
        "INSERT INTO seen_signatures (signature, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [signature, to_db_time(at)],
    )
    return cursor.rowcount == 1


def forget_before(db: Database, cutoff: datetime) -> int:
    """Delete signatures seen before `cutoff`; how many were deleted."""
    return db.execute("DELETE FROM seen_signatures WHERE seen_at < ?", [to_db_time(cutoff)]).rowcount


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM seen_signatures").fetchone()[0])
