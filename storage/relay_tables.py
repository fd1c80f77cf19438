"""Schema of the clarification relay (migration 1 in `storage.schema`) and the one way timestamps are stored.

Timestamps are instants: INTEGER microseconds since the Unix epoch (UTC), so SQL compares and orders moments
(`next_attempt_at <= ?`), never strings, and a reader never has to guess a time zone (migration 10,
`storage.instants`, turned the ISO text of earlier versions into instants). `instant_text` is the fixed-width
UTC text of a moment for keys that name one (job slots, dedupe keys); it is never compared as a time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.backend import Database, Instant

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamps must be timezone-aware")


def to_db_time(moment: datetime) -> int:
    """Aware datetime -> the stored instant (microseconds since the epoch); naive datetimes are refused because
    their zone is a guess."""
    _require_aware(moment)
    return Instant((moment - _EPOCH) // _MICROSECOND)  # an int; a timestamptz on PostgreSQL (storage.backend)


def from_db_time(value: int) -> datetime:
    """Inverse of `to_db_time`: always an aware UTC datetime."""
    return _EPOCH + timedelta(microseconds=int(value))


def from_db_time_or_none(value: int | None) -> datetime | None:
    return None if value is None else from_db_time(value)


def instant_text(moment: datetime) -> str:
    """Fixed-width UTC text (`2026-11-03T14:03:00.000000+00:00`) naming a moment inside a key."""
    _require_aware(moment)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


_TABLES = [
    """
    CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
        channel_id TEXT NOT NULL,
        tz TEXT NOT NULL,
        open TEXT NOT NULL DEFAULT '08:00',
        close TEXT NOT NULL DEFAULT '17:00',
        sla_hours REAL NOT NULL DEFAULT 72 CHECK (sla_hours > 0),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
    )
    """,
    # Everyone in an office's channel sees what is posted there, so two active offices may never share one.
    "CREATE UNIQUE INDEX offices_active_channel ON offices (channel_id) WHERE active = 1",
    """
    CREATE TABLE roles (
        user_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'coder')),
        granted_by TEXT NOT NULL,
        granted_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE office_members (
        office_id INTEGER NOT NULL REFERENCES offices (id),
        user_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (office_id, user_id, team_id)
    )
    """,
    "CREATE INDEX office_members_user ON office_members (user_id, team_id)",
    """
    CREATE TABLE clarifications (
        id INTEGER PRIMARY KEY,
        office_id INTEGER NOT NULL REFERENCES offices (id),
        encounter_ref TEXT NOT NULL,
        codes TEXT NOT NULL DEFAULT '[]',
        question TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('multiple_choice', 'open_ended', 'yes_no')),
        options TEXT NOT NULL DEFAULT '[]',
        indicators TEXT NOT NULL,
        asker_id TEXT NOT NULL,
        asker_team TEXT NOT NULL,
        asker_channel TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open'
            CHECK (state IN ('open', 'answered', 'resolved', 'closed_unanswered')),
        due_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        answered_at TEXT,
        answer TEXT,
        answered_by TEXT,
        resolved_at TEXT,
        outcome TEXT CHECK (outcome IN ('changed', 'confirmed')),
        close_reason TEXT,
        office_ts TEXT,
        asker_ts TEXT,
        submission_key TEXT UNIQUE,
        version INTEGER NOT NULL DEFAULT 1
    )
    """,
    "CREATE INDEX clarifications_state_due ON clarifications (state, due_at)",
    "CREATE INDEX clarifications_office ON clarifications (office_id, state)",
    "CREATE INDEX clarifications_asker ON clarifications (asker_id, state)",
    """
    CREATE TABLE replies (
        id INTEGER PRIMARY KEY,
        clarification_id INTEGER NOT NULL REFERENCES clarifications (id),
        side TEXT NOT NULL CHECK (side IN ('asker', 'office')),
        author_id TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        source_event_id TEXT UNIQUE
    )
    """,
    "CREATE INDEX replies_clarification ON replies (clarification_id)",
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        clarification_id INTEGER REFERENCES clarifications (id),
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX audit_clarification ON audit (clarification_id)",
    # The record of who asked and answered what must survive any bug or hand-typed SQL: append-only.
    """
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
    """
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
    """,
    """
    CREATE TRIGGER clarifications_no_delete BEFORE DELETE ON clarifications
    BEGIN SELECT RAISE(ABORT, 'clarifications are never deleted'); END
    """,
    """
    CREATE TRIGGER replies_no_change BEFORE UPDATE ON replies
    BEGIN SELECT RAISE(ABORT, 'replies are never changed'); END
    """,
    """
    CREATE TRIGGER replies_no_delete BEFORE DELETE ON replies
    BEGIN SELECT RAISE(ABORT, 'replies are never deleted'); END
    """,
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        channel TEXT NOT NULL,
        method TEXT NOT NULL,
        payload TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        sent_ts TEXT,
        sent_channel TEXT,
        created_at TEXT NOT NULL,
        claimed_at TEXT,
        sent_at TEXT,
        clarification_id INTEGER REFERENCES clarifications (id),
        ts_target TEXT CHECK (ts_target IN ('office_ts', 'asker_ts')),
        parent_id INTEGER REFERENCES outbox (id),
        parent_ts_field TEXT CHECK (parent_ts_field IN ('thread_ts', 'ts'))
    )
    """,
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
    "CREATE TABLE processed_events (key TEXT PRIMARY KEY, at TEXT NOT NULL)",
]


def create_tables(db: Database) -> None:
    """Migration 1 (`storage.schema`)."""
    for statement in _TABLES:
        db.execute(statement)


OUTCOMES = ("changed", "confirmed", "disagreed", "undetermined", "no_response")
_OLD_OUTCOME_CHECK = "outcome TEXT CHECK (outcome IN ('changed', 'confirmed'))"


def widen_outcomes(db: Database) -> None:
    """Migration 11: let `outcome` hold every CDI query outcome, not only the two agreements.

    Widening a CHECK constraint changes nothing stored, so this is SQLite's documented in-place procedure
    (lang_altertable.html, "removing CHECK ... constraints"): rewrite the table's SQL in the schema and bump
    SQLite's own `PRAGMA schema_version`, inside the migration's transaction; rebuilding the table would mean
    switching foreign keys off for every table that points at it. `integrity_check` of that table (its rows against
    the new constraint, its indexes; the whole database took 5.8 s at bench/jobs.py's size) confirms the result
    before it commits. A database an interim CodeDesk already widened (its per-family `relay_outcomes` step) is
    left as is.
    """
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'clarifications'"
    ).fetchone()
    allowed = ", ".join(f"'{outcome}'" for outcome in OUTCOMES)
    widened = f"outcome TEXT CHECK (outcome IN ({allowed}))"
    if widened in sql:
        return
    if _OLD_OUTCOME_CHECK not in sql:
        raise RuntimeError("clarifications.outcome is not the constraint this migration widens")
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'clarifications'",
            [sql.replace(_OLD_OUTCOME_CHECK, widened)],
        )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    (status,) = db.execute("PRAGMA integrity_check(clarifications)").fetchone()
    if status != "ok":
        raise RuntimeError(f"integrity check after widening outcomes: {status}")
