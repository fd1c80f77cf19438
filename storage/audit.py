"""The permanent record: every state change, grant and refusal, written in the same transaction as the change.

The table is append-only (triggers refuse UPDATE and DELETE), so this module only appends and reads.
`detail` must hold ids, choices and reasons, never more patient context than the clarification itself holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.backend import Database, execute_many, insert_id
from storage.relay_tables import from_db_time, to_db_time


@dataclass(frozen=True)
class AuditEntry:
    id: int
    clarification_id: int | None
    actor_id: str
    action: str
    at: datetime
    detail: Mapping[str, Any] = field(default_factory=dict)


_INSERT = "INSERT INTO audit (clarification_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)"


def _row(
    clarification_id: int | None, actor_id: str, action: str, at: datetime, detail: Mapping[str, Any] | None
) -> tuple[object, ...]:
    return (
        clarification_id,
        actor_id,
        action,
        json.dumps(dict(detail or {}), sort_keys=True),
        to_db_time(at),
    )


def append(
    db: Database,
    *,
    clarification_id: int | None,
    actor_id: str,
    action: str,
    at: datetime,
    detail: Mapping[str, Any] | None = None,
) -> int:
    return insert_id(db, _INSERT, _row(clarification_id, actor_id, action, at, detail))


@dataclass(frozen=True)
class NewAuditEntry:
    clarification_id: int | None
    actor_id: str
    action: str
    at: datetime
    detail: Mapping[str, Any] = field(default_factory=dict)


def append_many(db: Database, entries: Sequence[NewAuditEntry]) -> None:
    """`append` for many rows in one statement (a job recording thousands of steps at once)."""
    execute_many(
        db, _INSERT, [_row(e.clarification_id, e.actor_id, e.action, e.at, e.detail) for e in entries]
    )


def _entry(row: Any) -> AuditEntry:
    id_, clarification_id, actor_id, action, detail, at = row
    return AuditEntry(
        id=id_,
        clarification_id=clarification_id,
        actor_id=actor_id,
        action=action,
        at=from_db_time(at),
        detail=json.loads(detail),
    )


def for_clarification(db: Database, clarification_id: int) -> list[AuditEntry]:
    rows = db.execute(
        "SELECT id, clarification_id, actor_id, action, detail, at FROM audit WHERE clarification_id = ? "
        "ORDER BY id",
        [clarification_id],
    ).fetchall()
    return [_entry(row) for row in rows]


def recent(db: Database, *, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
    """Newest first; `action` narrows to one kind (e.g. "refused" for a security review)."""
    if action is None:
        rows = db.execute(
            "SELECT id, clarification_id, actor_id, action, detail, at FROM audit ORDER BY id DESC LIMIT ?",
            [limit],
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT id, clarification_id, actor_id, action, detail, at FROM audit WHERE action = ? "
            "ORDER BY id DESC LIMIT ?",
            [action, limit],
        ).fetchall()
    return [_entry(row) for row in rows]
