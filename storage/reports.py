"""The reads behind the scheduled reports (queue status, the leads' digest), and the indexes that keep them fast
on a large history. The figures and messages made from them are `bot.jobs.queue_status` and `bot.jobs.digest`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.backend import Database
from storage.relay_tables import from_db_time, to_db_time


def create_indexes(db: Database) -> None:
    """The open queue (a small covering index, so a report never walks the closed rows) and the digest's date
    ranges."""
    db.execute(
        "CREATE INDEX IF NOT EXISTS clarifications_open_queue ON clarifications "
        "(due_at, office_id, asker_id, created_at, encounter_ref, office_ts) WHERE state = 'open'"
    )
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_created ON clarifications (created_at)")
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_answered ON clarifications (answered_at)")
    db.execute("CREATE INDEX IF NOT EXISTS clarifications_resolved ON clarifications (resolved_at)")
    db.execute("CREATE INDEX IF NOT EXISTS audit_action_at ON audit (action, at)")


@dataclass(frozen=True)
class OpenClarification:
    id: int
    office_id: int
    asker_id: str
    encounter_ref: str
    created_at: datetime
    due_at: datetime
    office_ts: str | None


@dataclass(frozen=True)
class AnsweredClarification:
    office_id: int
    asker_id: str
    created_at: datetime
    answered_at: datetime
    state: str
    outcome: str | None


@dataclass(frozen=True)
class OwnerCounts:
    """Open and overdue clarifications of one (office, asker) pair."""

    office_id: int
    asker_id: str
    open: int
    overdue: int


@dataclass(frozen=True)
class OverdueClarification:
    id: int
    office_id: int
    asker_id: str
    due_at: datetime
    office_ts: str | None


Owner = tuple[int, str]  # (office_id, asker_id)


def _span(start: datetime, end: datetime) -> list[int]:
    return [to_db_time(start), to_db_time(end)]


def open_clarifications(db: Database) -> list[OpenClarification]:
    rows = db.execute(
        "SELECT id, office_id, asker_id, encounter_ref, created_at, due_at, office_ts "
        "FROM clarifications WHERE state = 'open'"
    ).fetchall()
    return [
        OpenClarification(
            id=int(id_),
            office_id=int(office_id),
            asker_id=str(asker_id),
            encounter_ref=str(encounter_ref),
            created_at=from_db_time(created_at),
            due_at=from_db_time(due_at),
            office_ts=office_ts,
        )
        for id_, office_id, asker_id, encounter_ref, created_at, due_at, office_ts in rows
    ]


def _owners(db: Database, sql: str, params: list[object]) -> list[Owner]:
    return [(int(office_id), str(asker_id)) for office_id, asker_id in db.execute(sql, params)]


def asked_between(db: Database, start: datetime, end: datetime) -> list[Owner]:
    """One (office, asker) per clarification asked in [start, end)."""
    return _owners(
        db,
        "SELECT office_id, asker_id FROM clarifications WHERE created_at >= ? AND created_at < ?",
        [*_span(start, end)],
    )


def resolved_between(db: Database, start: datetime, end: datetime) -> list[Owner]:
    return _owners(
        db,
        "SELECT office_id, asker_id FROM clarifications WHERE resolved_at >= ? AND resolved_at < ?",
        [*_span(start, end)],
    )


def closed_unanswered_between(db: Database, start: datetime, end: datetime) -> list[Owner]:
    """One (office, asker) per closing without an answer in [start, end) (from the audit: a reopened and
    closed again clarification counts each time)."""
    return _owners(
        db,
        "SELECT c.office_id, c.asker_id FROM audit a JOIN clarifications c ON c.id = a.clarification_id "
        "WHERE a.action = 'closed_unanswered' AND a.at >= ? AND a.at < ?",
        [*_span(start, end)],
    )


def answered_between(db: Database, start: datetime, end: datetime) -> list[AnsweredClarification]:
    rows = db.execute(
        "SELECT office_id, asker_id, created_at, answered_at, state, outcome FROM clarifications "
        "WHERE answered_at >= ? AND answered_at < ?",
        _span(start, end),
    ).fetchall()
    return [
        AnsweredClarification(
            office_id=int(office_id),
            asker_id=str(asker_id),
            created_at=from_db_time(created_at),
            answered_at=from_db_time(answered_at),
            state=str(state),
            outcome=outcome,
        )
        for office_id, asker_id, created_at, answered_at, state, outcome in rows
    ]


def open_counts(db: Database, now: datetime) -> list[OwnerCounts]:
    """Open clarifications per (office, asker), and how many of them were due before `now`."""
    return [
        OwnerCounts(int(office_id), str(asker_id), int(open_count), int(overdue_count))
        for office_id, asker_id, open_count, overdue_count in db.execute(
            "SELECT office_id, asker_id, count(*), sum(CASE WHEN due_at < ? THEN 1 ELSE 0 END) FROM clarifications WHERE state = 'open' "
            "GROUP BY office_id, asker_id",
            [to_db_time(now)],
        )
    ]


def most_overdue(db: Database, now: datetime, limit: int) -> list[OverdueClarification]:
    """The open clarifications due before `now`, longest overdue first."""
    return [
        OverdueClarification(int(id_), int(office_id), str(asker_id), from_db_time(due_at), office_ts)
        for id_, office_id, asker_id, due_at, office_ts in db.execute(
            "SELECT id, office_id, asker_id, due_at, office_ts FROM clarifications "
            "WHERE state = 'open' AND due_at < ? ORDER BY due_at, id LIMIT ?",
            [to_db_time(now), limit],
        )
    ]


def asked_times(db: Database, start: datetime, end: datetime) -> list[datetime]:
    """When each clarification asked in [start, end) was asked."""
    return [
        from_db_time(created_at)
        for (created_at,) in db.execute(
            "SELECT created_at FROM clarifications WHERE created_at >= ? AND created_at < ?",
            _span(start, end),
        )
    ]
