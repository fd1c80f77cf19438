"""Outgoing Slack messages, stored in the same transaction as the change that causes them.

A row moves pending -> sending (claimed by one worker) -> sent | failed; a transient failure puts it back to
pending with a later `next_attempt_at`. `dedupe_key` makes enqueueing idempotent. A row may name a parent row
(`parent_id`): its Slack `ts` is filled into the payload as `thread_ts` (a thread reply) or `ts` (chat.update)
when the parent has been sent. `ts_target` says which clarification column records the `ts` this row gets.

Delivery order and pacing live here, in the database, so that any number of workers (threads or processes on
one database) keep them together: a channel's *head* (its lowest-id row still pending or sending) is the only
row of that channel that may be claimed, and `outbox_pace` holds the earliest time the next message may go to
each channel; `outbox_holds` holds a method back while Slack's Retry-After runs.
`unsure_since` marks a row an earlier attempt of which may have reached Slack (a timeout, a dropped connection,
a 5xx, a worker that died mid-send): the worker looks for it in the channel before posting again.
`retry_from` starts the row's retry window (its creation, or a retry by hand); `discarded_at` hides a failed row
from the undelivered lists once a person has decided it need not go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from storage import clarifications
from storage.backend import Database, execute_many, is_postgres, storable_text
from storage.relay_tables import from_db_time, from_db_time_or_none, to_db_time


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Claim(StrEnum):
    """What `claim_head` found."""

    CLAIMED = "claimed"
    TAKEN = "taken"  # another worker claimed it, or it is no longer its channel's head
    PACED = "paced"  # the channel had a message less than the interval ago
    HELD = "held"  # Slack's Retry-After for the method is still running


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
    retry_from: datetime | None = None
    unsure_since: datetime | None = None
    discarded_at: datetime | None = None

    @property
    def window_start(self) -> datetime:
        """Where the retry window (the give-up horizon) is counted from."""
        return self.retry_from or self.created_at


_COLUMNS = (
    "id, kind, channel, method, payload, dedupe_key, state, attempts, next_attempt_at, last_error, sent_ts, "
    "sent_channel, created_at, claimed_at, sent_at, clarification_id, ts_target, parent_id, parent_ts_field, "
    "retry_from, unsure_since, discarded_at"
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
        retry_from,
        unsure_since,
        discarded_at,
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
        retry_from=from_db_time_or_none(retry_from),
        unsure_since=from_db_time_or_none(unsure_since),
        discarded_at=from_db_time_or_none(discarded_at),
    )


# -- schema (on top of the relay's outbox table) ---------------------------------


def add_delivery_state(db: Database) -> None:
    """Migration 2 (`storage.schema`): the delivery state over the relay's outbox table (bot.outbox)."""
    for column in ("retry_from TEXT", "unsure_since TEXT", "discarded_at TEXT", "discarded_by TEXT"):
        db.execute(f"ALTER TABLE outbox ADD COLUMN {column}")
    # The heads of the channels: the lowest open id per channel, read from this small index only.
    db.execute(
        "CREATE INDEX outbox_open_by_channel ON outbox (channel, id) WHERE state IN ('pending', 'sending')"
    )
    db.execute("CREATE INDEX outbox_failed ON outbox (channel) WHERE state = 'failed'")
    db.execute("CREATE TABLE outbox_pace (channel TEXT PRIMARY KEY, next_at TEXT NOT NULL)")
    db.execute("CREATE TABLE outbox_holds (method TEXT PRIMARY KEY, until TEXT NOT NULL)")


# -- queueing and reading -------------------------------------------------------------------------------------


def enqueue(db: Database, message: NewOutboxMessage, *, now: datetime) -> int:
    """Store `message` unless its dedupe key is already stored; returns the row id either way."""
    return enqueue_many(db, [message], now=now)[0]


def enqueue_many(db: Database, messages: Sequence[NewOutboxMessage], *, now: datetime) -> list[int]:
    """`enqueue` for many messages in two statements (one insert for all, one read of their ids), not two per
    message: a job queueing thousands of rows (the overdue ladder's first run) waits for the database twice,
    not thousands of times. Rows get ids in the order given (a channel's messages go in that order); the ids
    returned are in the same order, a message whose dedupe key was already stored getting that row's id."""
    if not messages:
        return []
    at = to_db_time(now)
    execute_many(
        db,
        "INSERT INTO outbox (kind, channel, method, payload, dedupe_key, state, attempts, "
        "next_attempt_at, created_at, clarification_id, ts_target, parent_id, parent_ts_field) "
        "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            (
                message.kind,
                message.channel,
                message.method,
                json.dumps(dict(message.payload), sort_keys=True),
                message.dedupe_key,
                at,
                at,
                message.clarification_id,
                message.ts_target,
                message.parent_id,
                message.parent_ts_field,
            )
            for message in messages
        ],
    )
    ids = ids_by_dedupe_key(db, [message.dedupe_key for message in messages])
    return [ids[message.dedupe_key] for message in messages]


_KEYS_PER_QUERY = 500  # SQLite: well under its limit on bound parameters


def ids_by_dedupe_key(db: Database, keys: Iterable[str]) -> dict[str, int]:
    """The ids of the stored rows with these dedupe keys, by the keys as given (keys not stored are absent; a
    key is looked up as it is stored, `storable_text`), in one query per _KEYS_PER_QUERY keys on SQLite and one
    query on PostgreSQL (an array parameter)."""
    given = list(dict.fromkeys(keys))
    wanted = list(dict.fromkeys(storable_text(key) for key in given))
    if not wanted:
        return {}
    stored: dict[str, int] = {}
    if is_postgres(db):
        rows = db.execute("SELECT dedupe_key, id FROM outbox WHERE dedupe_key = ANY(?)", [wanted]).fetchall()
        stored = {str(key): int(id_) for key, id_ in rows}
    else:
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            chunk = wanted[start : start + _KEYS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            for key, id_ in db.execute(
                f"SELECT dedupe_key, id FROM outbox WHERE dedupe_key IN ({marks})", chunk
            ):
                stored[str(key)] = int(id_)
    return {key: stored[storable_text(key)] for key in given if storable_text(key) in stored}


def get(db: Database, outbox_id: int) -> OutboxRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", [outbox_id]).fetchone()
    return None if row is None else _row(row)


def find_by_dedupe_key(db: Database, dedupe_key: str) -> OutboxRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM outbox WHERE dedupe_key = ?", [dedupe_key]).fetchone()
    return None if row is None else _row(row)


def find_thread_root(db: Database, *, channel: str, ts: str) -> tuple[int, str] | None:
    """(clarification id, "office_ts" | "asker_ts") of the clarification message posted at (channel, ts)."""
    row = db.execute(
        "SELECT clarification_id, ts_target FROM outbox WHERE sent_ts = ? AND sent_channel = ? "
        "AND ts_target IS NOT NULL AND clarification_id IS NOT NULL",
        [ts, channel],
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def pending(db: Database, *, limit: int = 500) -> list[OutboxRow]:
    """Pending rows in id order, due or not."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?", [limit]
    ).fetchall()
    return [_row(row) for row in rows]


def channel_heads(db: Database) -> list[OutboxRow]:
    """The head of every channel with work: its lowest-id row that is pending or sending, oldest first.

    Only a head may be sent (order within a channel); every channel has one, however long another channel's
    backlog (fairness across channels). A head that is `sending` means the channel is busy.
    """
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE id IN (SELECT min(id) FROM outbox "
        "WHERE state IN ('pending', 'sending') GROUP BY channel) ORDER BY id"
    ).fetchall()
    return [_row(row) for row in rows]


def send_now(db: Database, ids: Sequence[int], *, at: datetime) -> None:
    """Rows queued by a run as of another time (`codedesk jobs run --now`): due at `at`, their retry window
    counted from `at`."""
    for outbox_id in ids:
        db.execute(
            "UPDATE outbox SET next_attempt_at = ?, retry_from = ? WHERE id = ? AND state = 'pending'",
            [to_db_time(at), to_db_time(at), outbox_id],
        )


def for_clarification(db: Database, clarification_id: int) -> list[OutboxRow]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE clarification_id = ? ORDER BY id", [clarification_id]
    ).fetchall()
    return [_row(row) for row in rows]


# -- claiming and recording -----------------------------------------------------------------------------------


def claim(db: Database, outbox_id: int, *, now: datetime) -> bool:
    """pending -> sending for exactly one worker; False if another worker got there first."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_at = ? "
        "WHERE id = ? AND state = 'pending'",
        [to_db_time(now), outbox_id],
    )
    return cursor.rowcount == 1


def claim_head(db: Database, row: OutboxRow, *, now: datetime, channel_interval: timedelta) -> Claim:
    """Claim `row` if it is still its channel's head, the channel's pace allows a message at `now` and its
    method is not held by a Retry-After; the channel's next slot is taken with it. Run inside a write
    transaction, so two workers (or two processes) never send one row, or two rows of a channel too close."""
    open_before = db.execute(
        "SELECT 1 FROM outbox WHERE channel = ? AND id < ? AND state IN ('pending', 'sending') LIMIT 1",
        [row.channel, row.id],
    ).fetchone()
    if open_before is not None:
        return Claim.TAKEN
    if is_postgres(db):
        # Row by row: the head is locked for this transaction, and a head another instance is claiming is
        # skipped rather than waited for (it is that instance's to send).
        mine = db.execute(
            "SELECT id FROM outbox WHERE id = ? AND state = 'pending' FOR UPDATE SKIP LOCKED", [row.id]
        ).fetchone()
        if mine is None:
            return Claim.TAKEN
    at = to_db_time(now)
    hold = db.execute("SELECT until FROM outbox_holds WHERE method = ?", [row.method]).fetchone()
    if hold is not None and hold[0] > at:
        return Claim.HELD
    pace = db.execute("SELECT next_at FROM outbox_pace WHERE channel = ?", [row.channel]).fetchone()
    if pace is not None and pace[0] > at:
        return Claim.PACED
    if not claim(db, row.id, now=now):
        return Claim.TAKEN
    db.execute(
        "INSERT INTO outbox_pace (channel, next_at) VALUES (?, ?) "
        "ON CONFLICT (channel) DO UPDATE SET next_at = excluded.next_at",
        [row.channel, to_db_time(now + channel_interval)],
    )
    return Claim.CLAIMED


def hold_method(db: Database, method: str, *, until: datetime) -> None:
    """No call to `method` before `until` (Slack's Retry-After), from any worker."""
    db.execute(
        "INSERT INTO outbox_holds (method, until) VALUES (?, ?) "
        "ON CONFLICT (method) DO UPDATE SET until = "
        + (
            "GREATEST(outbox_holds.until, excluded.until)"
            if is_postgres(db)
            else "max(until, excluded.until)"
        ),
        [method, to_db_time(until)],
    )


def method_held_until(db: Database, method: str) -> datetime | None:
    row = db.execute("SELECT until FROM outbox_holds WHERE method = ?", [method]).fetchone()
    return None if row is None else from_db_time(row[0])


def channel_next_at(db: Database, channel: str) -> datetime | None:
    row = db.execute("SELECT next_at FROM outbox_pace WHERE channel = ?", [channel]).fetchone()
    return None if row is None else from_db_time(row[0])


def holds_claim(db: Database, outbox_id: int, *, attempt: int) -> bool:
    """Whether the attempt made under claim number `attempt` may still be recorded: the row has not been claimed
    again since (its `attempts` is still `attempt`) nor recorded as sent or failed. A claim released meanwhile (a
    stop, an expired lease) but not taken again still counts: a send that came back is recorded (sent wins over
    the release). Run inside the write transaction that records the attempt: PostgreSQL locks the row (a claim
    waits for the record, or the record sees the claim); SQLite's write lock keeps every other writer out."""
    lock = " FOR UPDATE" if is_postgres(db) else ""
    row = db.execute(
        "SELECT 1 FROM outbox WHERE id = ? AND attempts = ? AND state IN ('sending', 'pending')" + lock,
        [outbox_id, attempt],
    ).fetchone()
    return row is not None


def mark_sent(db: Database, row: OutboxRow, *, ts: str | None, channel: str | None, now: datetime) -> None:
    """Record the delivery and, when the row says so, the message ts on its clarification."""
    db.execute(
        "UPDATE outbox SET state = 'sent', sent_ts = ?, sent_channel = ?, sent_at = ?, last_error = NULL, "
        "claimed_at = NULL WHERE id = ?",
        [ts, channel, to_db_time(now), row.id],
    )
    if ts and row.ts_target and row.clarification_id is not None:
        clarifications.set_message_ts(db, row.clarification_id, row.ts_target, ts)


def reschedule(
    db: Database,
    outbox_id: int,
    *,
    next_attempt_at: datetime,
    error: str,
    unsure_since: datetime | None = None,
) -> None:
    """Back to pending, due at `next_attempt_at`. `unsure_since`: this attempt may have reached Slack (kept
    from the first such attempt: the search for the message looks back that far)."""
    db.execute(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, claimed_at = NULL, "
        "unsure_since = COALESCE(unsure_since, ?) WHERE id = ?",
        [
            to_db_time(next_attempt_at),
            error,
            None if unsure_since is None else to_db_time(unsure_since),
            outbox_id,
        ],
    )


def mark_failed(db: Database, outbox_id: int, *, error: str) -> None:
    db.execute(
        "UPDATE outbox SET state = 'failed', last_error = ?, claimed_at = NULL WHERE id = ?",
        [error, outbox_id],
    )


def release_claim(db: Database, outbox_id: int) -> bool:
    """sending -> pending for a row whose send this process gives up waiting for (a clean stop): the next
    run takes it at once instead of waiting for the claim to expire, first looking whether that send reached
    Slack (`unsure_since`). False if it was recorded meanwhile."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'pending', unsure_since = COALESCE(unsure_since, claimed_at), "
        "claimed_at = NULL, last_error = 'released at shutdown' WHERE id = ? AND state = 'sending'",
        [outbox_id],
    )
    return cursor.rowcount == 1


def release_stale_claims(db: Database, *, claimed_before: datetime) -> int:
    """Put rows claimed by a worker that died mid-send back to pending, marked unsure (see bot.outbox)."""
    cursor = db.execute(
        "UPDATE outbox SET state = 'pending', unsure_since = COALESCE(unsure_since, claimed_at), "
        "claimed_at = NULL, last_error = 'claim expired' WHERE state = 'sending' AND claimed_at < ?",
        [to_db_time(claimed_before)],
    )
    return cursor.rowcount


def counts(db: Database) -> dict[OutboxState, int]:
    rows = db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    found = {OutboxState(state): int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in OutboxState}


# -- undelivered rows: what people see and do about them -------------------------------------------------------


@dataclass(frozen=True)
class FailedGroup:
    """Undelivered rows of one channel that failed with one error."""

    channel: str
    error: str
    count: int
    oldest: datetime


def failed_groups(db: Database) -> list[FailedGroup]:
    """Failed rows not discarded, by channel and error (the error's first word: "gave_up_after_24h: x" and
    "gave_up_after_24h: y" are one group), most rows first."""
    find = "strpos" if is_postgres(db) else "instr"
    rows = db.execute(
        f"SELECT channel, CASE WHEN {find}(last_error, ':') > 0 THEN substr(last_error, 1, {find}(last_error, ':') - 1) "
        "ELSE coalesce(last_error, 'unknown') END AS error, count(*), min(created_at) FROM outbox "
        "WHERE state = 'failed' AND discarded_at IS NULL GROUP BY channel, error ORDER BY count(*) DESC, channel"
    ).fetchall()
    return [FailedGroup(str(c), str(e), int(n), from_db_time(oldest)) for c, e, n, oldest in rows]


def undelivered(db: Database, *, include_pending: bool = False, limit: int = 500) -> list[OutboxRow]:
    """Failed rows not discarded (and, with `include_pending`, every row not yet sent), oldest first."""
    states = "('failed', 'pending', 'sending')" if include_pending else "('failed')"
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state IN {states} AND discarded_at IS NULL ORDER BY id LIMIT ?",
        [limit],
    ).fetchall()
    return [_row(row) for row in rows]


def _failed_ids(db: Database, ids: Sequence[int] | None, channel: str | None) -> list[int]:
    sql = "SELECT id FROM outbox WHERE state = 'failed' AND discarded_at IS NULL"
    params: list[object] = []
    if ids is not None:
        sql += f" AND id IN ({', '.join('?' for _ in ids)})"
        params += list(ids)
    if channel is not None:
        sql += " AND channel = ?"
        params.append(channel)
    return [int(row[0]) for row in db.execute(sql + " ORDER BY id", params)]


def _with_failed_children(db: Database, ids: Iterable[int]) -> list[int]:
    """`ids` and, recursively, their children that failed because of them ("parent_failed")."""
    found: list[int] = []
    todo = list(ids)
    while todo:
        current = todo.pop(0)
        if current in found:
            continue
        found.append(current)
        todo += [
            int(row[0])
            for row in db.execute(
                "SELECT id FROM outbox WHERE parent_id = ? AND state = 'failed' AND last_error = 'parent_failed' "
                "AND discarded_at IS NULL",
                [current],
            )
        ]
    return sorted(found)


def retry_failed(
    db: Database, *, now: datetime, ids: Sequence[int] | None = None, channel: str | None = None
) -> list[int]:
    """Failed rows (all, or `ids`, or one `channel`'s) back to pending at once, with their children that failed
    with them, each with a new retry window from `now`. Returns the ids made pending."""
    chosen = _with_failed_children(db, _failed_ids(db, ids, channel))
    for outbox_id in chosen:
        db.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?, retry_from = ?, claimed_at = NULL "
            "WHERE id = ? AND state = 'failed'",
            [to_db_time(now), to_db_time(now), outbox_id],
        )
    return chosen


def discard_failed(
    db: Database,
    *,
    now: datetime,
    by: str,
    ids: Sequence[int] | None = None,
    channel: str | None = None,
) -> list[int]:
    """Failed rows (all, or `ids`, or one `channel`'s) and their failed children marked discarded: kept for the
    record, no longer counted as undelivered. Returns their ids."""
    chosen = _with_failed_children(db, _failed_ids(db, ids, channel))
    for outbox_id in chosen:
        db.execute(
            "UPDATE outbox SET discarded_at = ?, discarded_by = ? WHERE id = ? AND state = 'failed'",
            [to_db_time(now), by, outbox_id],
        )
    return chosen


# -- who hears about a message that cannot be delivered ------------------------------------------------------


def leads_channel(db: Database) -> str | None:
    """The leads' channel: the `overdue` job's (escalations), else the `digest` job's; None when neither is set
    (or the jobs' tables do not exist yet)."""
    from storage.schema import has_table

    if not has_table(db, "job_schedules"):
        return None
    row = db.execute(
        "SELECT channel FROM job_schedules WHERE job IN ('overdue', 'digest') AND channel IS NOT NULL "
        "AND channel != '' ORDER BY job = 'overdue' DESC LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def lead_user_ids(db: Database) -> list[str]:
    """Leads and admins, who are told directly when the leads' channel itself cannot be reached."""
    return [
        str(row[0])
        for row in db.execute("SELECT user_id FROM roles WHERE role IN ('lead', 'admin') ORDER BY user_id")
    ]
