"""Reading clarifications with their whole record for an export: the rows, their audit trail, their replies.

Read-only; the caller decides who may export (leads and admins) and audits the export itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from storage import audit, clarifications
from storage.audit import AuditEntry
from storage.backend import Database
from storage.clarifications import Clarification, Reply
from storage.relay_tables import to_db_time


def clarifications_asked_between(
    db: Database, start: datetime | None, end: datetime | None, office_id: int | None
) -> list[Clarification]:
    """Clarifications asked in [start, end) (either end open), of one office or all, oldest first."""
    where = ["1"]
    params: list[object] = []
    if start is not None:  # instants: an open end is no condition (SQLite orders every INTEGER before TEXT)
        where.append("created_at >= ?")
        params.append(to_db_time(start))
    if end is not None:
        where.append("created_at < ?")
        params.append(to_db_time(end))
    if office_id is not None:
        where.append("office_id = ?")
        params.append(office_id)
    rows = db.execute(
        f"SELECT id FROM clarifications WHERE {' AND '.join(where)} ORDER BY created_at, id", params
    ).fetchall()
    found = [clarifications.get(db, int(row[0])) for row in rows]
    return [c for c in found if c is not None]


def trails(db: Database, ids: Sequence[int]) -> dict[int, list[AuditEntry]]:
    """Each clarification's audit entries, oldest first."""
    return {clarification_id: audit.for_clarification(db, clarification_id) for clarification_id in ids}


def replies(db: Database, ids: Sequence[int]) -> dict[int, Reply]:
    """Every thread reply of these clarifications, by reply id (the audit's `replied` entries point at them)."""
    found: dict[int, Reply] = {}
    for clarification_id in ids:
        for reply in clarifications.list_replies(db, clarification_id):
            found[reply.id] = reply
    return found
