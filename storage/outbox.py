"""Outgoing Slack messages, stored in the same transaction as the change that causes them.

A row moves pending -> sending (claimed by one worker) -> sent | failed; a transient failure puts it back to
pending with a later `next_attempt_at`. `dedupe_key` makes enqueueing idempotent. A row may name a parent row
(`parent_id`): its Slack `ts` is filled into the payload as `thread_ts` (a thread reply) or `ts` (chat.update)
when the parent has been sent. `ts_target` says which clarification column records the `ts` this row gets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlite_utils

from storage import clarifications
from storage.relay_tables import from_db_time, from_db_time_or_none, to_db_time


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class NewOutboxMessage:
    kind: str
    channel: str
    method: str
    payload: Mapping[str, Any]
    dedupe_key: str
    clarification_id: int | None = None
    ts_target: str | None = None
    parent_id: int | None = None
    parent_ts_field: str | None = None


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    channel: str
    method: str
    payload: Mapping[str, Any]
    dedupe_key: str
    state: OutboxState
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_ts: str | None
    sent_channel: str | None
    created_at: datetime
    claimed_at: datetime | None
    sent_at: datetime | None
    clarification_id: int | None
    ts_target: str | None
    parent_id: int | None
    parent_ts_field: str | None


_COLUMNS = (
    "id, kind, channel, method, payload, dedupe_key, state, attempts, next_attempt_at, last_error, sent_ts, "
    "sent_channel, created_at, claimed_at, sent_at, clarification_id, ts_target, parent_id, parent_ts_field"
)


def _row(row: Any) -> OutboxRow:
    (
        id_,
        kind,
        channel,
        method,
        payload,
        dedupe_key,
        state,
        attempts,
        next_attempt_at,
        last_error,
        sent_ts,
        sent_channel,
        created_at,
        claimed_at,
        sent_at,
        clarification_id,
        ts_target,
        parent_id,
        parent_ts_field,
    ) = row
    return OutboxRow(
        id=id_,
        kind=kind,
        channel=channel,
        method=method,
        payload=json.loads(payload),
        dedupe_key=dedupe_key,
        state=OutboxState(state),
        attempts=attempts,
        next_attempt_at=from_db_time(next_attempt_at),
        last_error=last_error,
        sent_ts=sent_ts,
        sent_channel=sent_channel,
        created_at=from_db_time(created_at),
        claimed_at=from_db_time_or_none(claimed_at),
        sent_at=from_db_time_or_none(sent_at),
        clarification_id=clarification_id,
        ts_target=ts_target,
        parent_id=parent_id,
        parent_ts_field=parent_ts_field,
    )


def enqueue(db: sqlite_utils.Database, message: NewOutboxMessage, *, now: datetime) -> int:
    """Store `message` unless its dedupe key is already stored; returns the row id either way."""
    db.execute(
        "INSERT OR IGNORE INTO outbox (kind, channel, method, payload, dedupe_key, state, attempts, "
        "next_attempt_at, created_at, clarification_id, ts_target, parent_id, parent_ts_field) "
        "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?)",
        [
            message.kind,
            message.channel,
            message.method,
            json.dumps(dict(message.payload), sort_keys=True),
            message.dedupe_key,
            to_db_time(now),
            to_db_time(now),
            message.clarification_id,
            message.ts_target,
            message.parent_id,
            message.parent_ts_field,
        ],
    )
    row = db.execute("SELECT id FROM outbox WHERE dedupe_key = ?", [message.dedupe_key]).fetchone()
    return int(row[0])


def get(db: sqlite_utils.Database, outbox_id: int) -> OutboxRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", [outbox_id]).fetchone()
    return None if row is None else _row(row)


def find_by_dedupe_key(db: sqlite_utils.Database, dedupe_key: str) -> OutboxRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE dedupe_key = ?", [dedupe_key]).fetchone()
    return None if row is None else _row(row)


def find_thread_root(db: sqlite_utils.Database, *, channel: str, ts: str) -> tuple[int, str] | None:
    """(clarification id, "office_ts" | "asker_ts") of the clarification message posted at (channel, ts)."""
    row = db.execute(
        "SELECT clarification_id, ts_target FROM outbox WHERE sent_ts = ? AND sent_channel = ? "
        "AND ts_target IS NOT NULL AND clarification_id IS NOT NULL",
        [ts, channel],
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def pending(db: sqlite_utils.Database, *, limit: int = 500) -> list[OutboxRow]:
    """Every pending row in id order, due or not: a not-yet-due row holds later rows of its channel."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?", [limit]
    ).fetchall()
    return [_row(row) for row in rows]


def for_clarification(db: sqlite_utils.Database, clarification_id: int) -> list[OutboxRow]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE clarification_id = ? ORDER BY id", [clarification_id]
    ).fetchall()
    return [_row(row) for row in rows]


def claim(db: sqlite_utils.Database, outbox_id: int, *, now: datetime) -> bool:
    """pending -> sending for exactly one worker; False if another worker got there first."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_at = ? "
        "WHERE id = ? AND state = 'pending'",
        [to_db_time(now), outbox_id],
    )
    return cursor.rowcount == 1


def mark_sent(
    db: sqlite_utils.Database, row: OutboxRow, *, ts: str | None, channel: str | None, now: datetime
) -> None:
    """Record the delivery and, when the row says so, the message ts on its clarification."""
    db.execute(
        "UPDATE outbox SET state = 'sent', sent_ts = ?, sent_channel = ?, sent_at = ?, last_error = NULL "
        "WHERE id = ?",
        [ts, channel, to_db_time(now), row.id],
    )
    if ts and row.ts_target and row.clarification_id is not None:
        clarifications.set_message_ts(db, row.clarification_id, row.ts_target, ts)


def reschedule(db: sqlite_utils.Database, outbox_id: int, *, next_attempt_at: datetime, error: str) -> None:
    db.execute(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, claimed_at = NULL "
        "WHERE id = ?",
        [to_db_time(next_attempt_at), error, outbox_id],
    )


def mark_failed(db: sqlite_utils.Database, outbox_id: int, *, error: str) -> None:
    db.execute(
        "UPDATE outbox SET state = 'failed', last_error = ?, claimed_at = NULL WHERE id = ?",
        [error, outbox_id],
    )


def release_claim(db: sqlite_utils.Database, outbox_id: int) -> bool:
    """sending -> pending for a row whose send this process gives up waiting for (a clean stop): the next
    run sends it at once instead of waiting for the claim to expire. False if it was recorded meanwhile."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'pending', claimed_at = NULL, last_error = 'released at shutdown' "
        "WHERE id = ? AND state = 'sending'",
        [outbox_id],
    )
    return cursor.rowcount == 1


def release_stale_claims(db: sqlite_utils.Database, *, claimed_before: datetime) -> int:
    """Put rows claimed by a worker that died mid-send back to pending (may send twice: see bot.outbox)."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'pending', claimed_at = NULL, last_error = 'claim expired' "
        "WHERE state = 'sending' AND claimed_at < ?",
        [to_db_time(claimed_before)],
    )
    return cursor.rowcount


def counts(db: sqlite_utils.Database) -> dict[OutboxState, int]:
    rows = db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    found = {OutboxState(state): int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in OutboxState}
