"""Physicians' offices (one Slack channel each) and the people who answer for them.

Membership is stored explicitly with the user's team: office staff are usually Slack Connect guests from
another workspace, and only an exact (user, team) pair may see or answer that office's questions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from storage.backend import Database, insert_id, is_postgres
from storage.relay_tables import from_db_time, to_db_time


@dataclass(frozen=True)
class Office:
    id: int
    name: str
    channel_id: str
    tz: str
    open: time
    close: time
    sla_hours: float
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class OfficeMember:
    office_id: int
    user_id: str
    team_id: str
    added_by: str
    added_at: datetime


_OFFICE_COLUMNS = "id, name, channel_id, tz, open, close, sla_hours, active, created_at"
_EDITABLE = ("name", "channel_id", "tz", "open", "close", "sla_hours", "active")


def _office(row: Any) -> Office:
    id_, name, channel_id, tz, open_, close, sla_hours, active, created_at = row
    return Office(
        id=id_,
        name=name,
        channel_id=channel_id,
        tz=tz,
        open=time.fromisoformat(open_),
        close=time.fromisoformat(close),
        sla_hours=float(sla_hours),
        active=bool(active),
        created_at=from_db_time(created_at),
    )


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def insert_office(
    db: Database,
    *,
    name: str,
    channel_id: str,
    tz: str,
    open_: time,
    close: time,
    sla_hours: float,
    created_at: datetime,
) -> int:
    return insert_id(
        db,
        "INSERT INTO offices (name, channel_id, tz, open, close, sla_hours, active, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
        [name, channel_id, tz, _hhmm(open_), _hhmm(close), sla_hours, to_db_time(created_at)],
    )


def get_office(db: Database, office_id: int) -> Office | None:
    row = db.execute(f"SELECT {_OFFICE_COLUMNS} FROM offices WHERE id = ?", [office_id]).fetchone()
    return None if row is None else _office(row)


def find_office_by_name(db: Database, name: str) -> Office | None:
    """Names are unique regardless of case, so "North Clinic" and "north clinic" are the same office."""
    same_name = "lower(name) = lower(?)" if is_postgres(db) else "name = ? COLLATE NOCASE"
    row = db.execute(f"SELECT {_OFFICE_COLUMNS} FROM offices WHERE {same_name}", [name.strip()]).fetchone()
    return None if row is None else _office(row)


def find_active_office_by_channel(db: Database, channel_id: str) -> Office | None:
    row = db.execute(
        f"SELECT {_OFFICE_COLUMNS} FROM offices WHERE channel_id = ? AND active = 1", [channel_id]
    ).fetchone()
    return None if row is None else _office(row)


def list_offices(db: Database, *, include_inactive: bool = False) -> list[Office]:
    where = "" if include_inactive else "WHERE active = 1"
    by_name = "lower(name), name" if is_postgres(db) else "name COLLATE NOCASE"
    rows = db.execute(f"SELECT {_OFFICE_COLUMNS} FROM offices {where} ORDER BY {by_name}").fetchall()
    return [_office(row) for row in rows]


def update_office(db: Database, office_id: int, changes: Mapping[str, object]) -> None:
    """Apply `changes` (column -> value). Column names come from a fixed allow-list, values are parameters."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not changes:
        return
    columns = [column for column in _EDITABLE if column in changes]
    values: list[object] = []
    for column in columns:
        value = changes[column]
        if isinstance(value, time):
            value = _hhmm(value)
        elif isinstance(value, bool):
            value = int(value)
        values.append(value)
    assignments = ", ".join(f"{column} = ?" for column in columns)
    db.execute(f"UPDATE offices SET {assignments} WHERE id = ?", [*values, office_id])


def add_member(
    db: Database,
    *,
    office_id: int,
    user_id: str,
    team_id: str,
    added_by: str,
    added_at: datetime,
) -> bool:
    """Returns False when the member was already there (adding twice is harmless)."""
    cursor = db.execute(
        "INSERT INTO office_members (office_id, user_id, team_id, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [office_id, user_id, team_id, added_by, to_db_time(added_at)],
    )
    return cursor.rowcount == 1


def remove_member(db: Database, *, office_id: int, user_id: str, team_id: str) -> bool:
    cursor = db.execute(
        "DELETE FROM office_members WHERE office_id = ? AND user_id = ? AND team_id = ?",
        [office_id, user_id, team_id],
    )
    return cursor.rowcount == 1


def is_member(db: Database, *, office_id: int, user_id: str, team_id: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM office_members WHERE office_id = ? AND user_id = ? AND team_id = ?",
        [office_id, user_id, team_id],
    ).fetchone()
    return row is not None


def member_office_ids(db: Database, *, user_id: str, team_id: str) -> list[int]:
    rows = db.execute(
        "SELECT office_id FROM office_members WHERE user_id = ? AND team_id = ? ORDER BY office_id",
        [user_id, team_id],
    ).fetchall()
    return [int(row[0]) for row in rows]


def list_members(db: Database, office_id: int) -> list[OfficeMember]:
    rows = db.execute(
        "SELECT office_id, user_id, team_id, added_by, added_at FROM office_members WHERE office_id = ? "
        "ORDER BY added_at, user_id",
        [office_id],
    ).fetchall()
    return [
        OfficeMember(
            office_id=int(office_id_),
            user_id=str(user_id),
            team_id=str(team_id),
            added_by=str(added_by),
            added_at=from_db_time(int(added_at)),
        )
        for office_id_, user_id, team_id, added_by, added_at in rows
    ]
