"""Clarifications (physician queries), their answers and the thread replies relayed between the two sides.

Rows are never deleted. State changes go through `transition`, which bumps `version` and only applies when the
row is still in the state and version the caller read: a second writer can never silently overwrite the first.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.backend import Database, insert_id, is_postgres
from storage.relay_tables import from_db_time, from_db_time_or_none, to_db_time


class ClarificationState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    CLOSED_UNANSWERED = "closed_unanswered"


class QueryFormat(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    OPEN_ENDED = "open_ended"
    YES_NO = "yes_no"


class Outcome(StrEnum):
    """How the query ended, as CDI programs count it; the asker records it (no response: closed unanswered).

    Agreement rate = (changed + confirmed) / every outcome of an answered query (those three and the other two
    answered outcomes); `no_response` counts against the response rate instead.
    """

    CHANGED = "changed"  # agreed, and the code was changed
    CONFIRMED = "confirmed"  # agreed, and the code was confirmed
    DISAGREED = "disagreed"  # the provider did not agree with the query's premise
    UNDETERMINED = "undetermined"  # the provider answered that it is clinically undetermined
    NO_RESPONSE = "no_response"  # the office never answered (set when it is closed unanswered)

    @property
    def agreed(self) -> bool:
        return self in (Outcome.CHANGED, Outcome.CONFIRMED)


ANSWERED_OUTCOMES = (Outcome.CHANGED, Outcome.CONFIRMED, Outcome.DISAGREED, Outcome.UNDETERMINED)


class ReplySide(StrEnum):
    ASKER = "asker"
    OFFICE = "office"


@dataclass(frozen=True)
class Answer:
    """An office's answer: the option chosen (multiple choice / yes-no) and/or free text."""

    choice: str | None = None
    text: str = ""

    def to_json(self) -> str:
        return json.dumps({"choice": self.choice, "text": self.text}, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Answer:
        data = json.loads(raw)
        return cls(choice=data.get("choice"), text=data.get("text") or "")


@dataclass(frozen=True)
class NewClarification:
    office_id: int
    encounter_ref: str
    codes: tuple[str, ...]
    question: str
    format: QueryFormat
    options: tuple[str, ...]
    indicators: str
    asker_id: str
    asker_team: str
    asker_channel: str
    due_at: datetime
    created_at: datetime
    submission_key: str | None = None


@dataclass(frozen=True)
class Clarification:
    id: int
    office_id: int
    encounter_ref: str
    codes: tuple[str, ...]
    question: str
    format: QueryFormat
    options: tuple[str, ...]
    indicators: str
    asker_id: str
    asker_team: str
    asker_channel: str
    state: ClarificationState
    due_at: datetime
    created_at: datetime
    answered_at: datetime | None
    answer: Answer | None
    answered_by: str | None
    resolved_at: datetime | None
    outcome: Outcome | None
    close_reason: str | None
    office_ts: str | None
    asker_ts: str | None
    version: int

    def is_overdue(self, now: datetime) -> bool:
        return self.state is ClarificationState.OPEN and self.due_at < now


@dataclass(frozen=True)
class Reply:
    id: int
    clarification_id: int
    side: ReplySide
    author_id: str
    text: str
    created_at: datetime
    source_event_id: str | None


_COLUMNS = (
    "id, office_id, encounter_ref, codes, question, format, options, indicators, asker_id, asker_team, "
    "asker_channel, state, due_at, created_at, answered_at, answer, answered_by, resolved_at, outcome, "
    "close_reason, office_ts, asker_ts, version"
)

# Columns a transition may set; names are interpolated from this list only, values are always parameters.
_TRANSITION_COLUMNS = (
    "state",
    "due_at",
    "answered_at",
    "answer",
    "answered_by",
    "resolved_at",
    "outcome",
    "close_reason",
)
_TS_COLUMNS = ("office_ts", "asker_ts")


def _clarification(row: Any) -> Clarification:
    (
        id_,
        office_id,
        encounter_ref,
        codes,
        question,
        format_,
        options,
        indicators,
        asker_id,
        asker_team,
        asker_channel,
        state,
        due_at,
        created_at,
        answered_at,
        answer,
        answered_by,
        resolved_at,
        outcome,
        close_reason,
        office_ts,
        asker_ts,
        version,
    ) = row
    return Clarification(
        id=id_,
        office_id=office_id,
        encounter_ref=encounter_ref,
        codes=tuple(json.loads(codes)),
        question=question,
        format=QueryFormat(format_),
        options=tuple(json.loads(options)),
        indicators=indicators,
        asker_id=asker_id,
        asker_team=asker_team,
        asker_channel=asker_channel,
        state=ClarificationState(state),
        due_at=from_db_time(due_at),
        created_at=from_db_time(created_at),
        answered_at=from_db_time_or_none(answered_at),
        answer=None if answer is None else Answer.from_json(answer),
        answered_by=answered_by,
        resolved_at=from_db_time_or_none(resolved_at),
        outcome=None if outcome is None else Outcome(outcome),
        close_reason=close_reason,
        office_ts=office_ts,
        asker_ts=asker_ts,
        version=version,
    )


def insert(db: Database, new: NewClarification) -> int:
    return insert_id(
        db,
        "INSERT INTO clarifications (office_id, encounter_ref, codes, question, format, options, indicators, "
        "asker_id, asker_team, asker_channel, state, due_at, created_at, submission_key, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, 1)",
        [
            new.office_id,
            new.encounter_ref,
            json.dumps(list(new.codes)),
            new.question,
            new.format.value,
            json.dumps(list(new.options)),
            new.indicators,
            new.asker_id,
            new.asker_team,
            new.asker_channel,
            to_db_time(new.due_at),
            to_db_time(new.created_at),
            new.submission_key,
        ],
    )


def get(db: Database, clarification_id: int) -> Clarification | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM clarifications WHERE id = ?", [clarification_id]).fetchone()
    return None if row is None else _clarification(row)


def get_for_change(db: Database, clarification_id: int) -> Clarification | None:
    """`get` inside a write transaction that may change the row. SQLite's write lock already keeps every other
    writer out; PostgreSQL locks the row (`FOR UPDATE`), so a second writer reads it after the first commits and
    sees what the first did (e.g. "already answered"), as on SQLite, instead of a stale version."""
    if not is_postgres(db):
        return get(db, clarification_id)
    row = db.execute(
        f"SELECT {_COLUMNS} FROM clarifications WHERE id = ? FOR UPDATE", [clarification_id]
    ).fetchone()
    return None if row is None else _clarification(row)


def lock_for_change(db: Database, clarification_id: int) -> None:
    """Inside a write transaction about to change the clarification's outbox rows: lock the clarification first
    (PostgreSQL; SQLite's write lock already holds everything), the order the relay's changes take them in
    (`get_for_change`, then their messages). Taken the other way round, a change queueing a message under a row
    while the worker records that row's send waited on each other until PostgreSQL killed one as a deadlock."""
    if is_postgres(db):
        db.execute("SELECT 1 FROM clarifications WHERE id = ? FOR UPDATE", [clarification_id])


def lock_submission(db: Database, submission_key: str) -> None:
    """Inside the write transaction storing a new question, before looking its key up: on PostgreSQL two
    submissions of one form at once (Slack's retry, a double click, another instance) queue here, so the second
    finds the first's row and returns it; without this both found none and the second failed on the unique key
    (UniqueViolation, under the duplicate-delivery scenario). SQLite's write lock already queues them."""
    if is_postgres(db):
        db.execute("SELECT pg_advisory_xact_lock(5102, hashtext(?))", [submission_key])


def find_by_submission_key(db: Database, key: str) -> Clarification | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM clarifications WHERE submission_key = ?", [key]).fetchone()
    return None if row is None else _clarification(row)


def _db_value(value: object) -> object:
    if isinstance(value, datetime):
        return to_db_time(value)
    if isinstance(value, Answer):
        return value.to_json()
    if isinstance(value, StrEnum):
        return value.value
    return value


def transition(
    db: Database,
    current: Clarification,
    changes: Mapping[str, object],
) -> bool:
    """Apply `changes` only if the row is still at `current.state` and `current.version`; bumps the version.

    Returns False when someone else changed the row first (the caller decides what that means).
    """
    unknown = set(changes) - set(_TRANSITION_COLUMNS)
    if unknown:
        raise ValueError(f"not a transition column: {sorted(unknown)}")
    columns = [column for column in _TRANSITION_COLUMNS if column in changes]
    assignments = "".join(f"{column} = ?, " for column in columns)
    cursor = db.execute(
        f"UPDATE clarifications SET {assignments}version = version + 1 "
        "WHERE id = ? AND state = ? AND version = ?",
        [
            *(_db_value(changes[column]) for column in columns),
            current.id,
            current.state.value,
            current.version,
        ],
    )
    return cursor.rowcount == 1


def set_message_ts(db: Database, clarification_id: int, column: str, ts: str) -> None:
    """Remember where a clarification's Slack message is, for later updates and thread replies."""
    if column not in _TS_COLUMNS:
        raise ValueError(f"not a message ts column: {column}")
    db.execute(f"UPDATE clarifications SET {column} = ? WHERE id = ?", [ts, clarification_id])


def search(
    db: Database,
    *,
    asker_id: str | None = None,
    office_ids: Collection[int] | None = None,
    states: Collection[ClarificationState] | None = None,
    due_before: datetime | None = None,
    limit: int = 200,
) -> list[Clarification]:
    """Clarifications matching every given filter, newest first. An empty `office_ids` matches nothing."""
    where: list[str] = []
    params: list[object] = []
    if asker_id is not None:
        where.append("asker_id = ?")
        params.append(asker_id)
    if office_ids is not None:
        if not office_ids:
            return []
        where.append(f"office_id IN ({', '.join('?' for _ in office_ids)})")
        params.extend(sorted(office_ids))
    if states is not None:
        if not states:
            return []
        where.append(f"state IN ({', '.join('?' for _ in states)})")
        params.extend(sorted(state.value for state in states))
    if due_before is not None:
        where.append("due_at < ?")
        params.append(to_db_time(due_before))
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM clarifications {clause} ORDER BY id DESC LIMIT ?", [*params, limit]
    ).fetchall()
    return [_clarification(row) for row in rows]


def insert_reply(
    db: Database,
    *,
    clarification_id: int,
    side: ReplySide,
    author_id: str,
    text: str,
    created_at: datetime,
    source_event_id: str | None,
) -> int | None:
    """Returns the new reply's id, or None when `source_event_id` was already stored (a Slack retry)."""
    cursor = db.execute(
        "INSERT INTO replies (clarification_id, side, author_id, text, created_at, source_event_id) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING" + (" RETURNING id" if is_postgres(db) else ""),
        [clarification_id, side.value, author_id, text, to_db_time(created_at), source_event_id],
    )
    if cursor.rowcount != 1:
        return None
    return int(cursor.fetchone()[0]) if is_postgres(db) else int(cursor.lastrowid or 0)


def _reply(row: Any) -> Reply:
    id_, clarification_id, side, author_id, text, created_at, source_event_id = row
    return Reply(
        id=id_,
        clarification_id=clarification_id,
        side=ReplySide(side),
        author_id=author_id,
        text=text,
        created_at=from_db_time(created_at),
        source_event_id=source_event_id,
    )


_REPLY_COLUMNS = "id, clarification_id, side, author_id, text, created_at, source_event_id"


def get_reply(db: Database, reply_id: int) -> Reply | None:
    row = db.execute(f"SELECT {_REPLY_COLUMNS} FROM replies WHERE id = ?", [reply_id]).fetchone()
    return None if row is None else _reply(row)


def list_replies(db: Database, clarification_id: int) -> list[Reply]:
    rows = db.execute(
        f"SELECT {_REPLY_COLUMNS} FROM replies WHERE clarification_id = ? ORDER BY id", [clarification_id]
    ).fetchall()
    return [_reply(row) for row in rows]


def find_reply_by_event(db: Database, source_event_id: str) -> Reply | None:
    row = db.execute(
        f"SELECT {_REPLY_COLUMNS} FROM replies WHERE source_event_id = ?", [source_event_id]
    ).fetchone()
    return None if row is None else _reply(row)
