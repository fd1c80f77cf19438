"""Who in the coder organisation may do what: one role per user (admin, lead or coder).

Office staff have no role here; their access comes from office membership (storage.offices).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.backend import Database
from storage.relay_tables import from_db_time, to_db_time


class Role(StrEnum):
    ADMIN = "admin"
    LEAD = "lead"
    CODER = "coder"


@dataclass(frozen=True)
class RoleGrant:
    user_id: str
    role: Role
    granted_by: str
    granted_at: datetime


def get_role(db: Database, user_id: str) -> Role | None:
    row = db.execute("SELECT role FROM roles WHERE user_id = ?", [user_id]).fetchone()
    return None if row is None else Role(row[0])


def set_role(db: Database, *, user_id: str, role: Role, granted_by: str, at: datetime) -> None:
    """Grant `role`, replacing any previous one (a user holds exactly one role)."""
    db.execute(
        "INSERT INTO roles (user_id, role, granted_by, granted_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, "
        "granted_at = excluded.granted_at",
        [user_id, role.value, granted_by, to_db_time(at)],
    )


def delete_role(db: Database, user_id: str) -> bool:
    return db.execute("DELETE FROM roles WHERE user_id = ?", [user_id]).rowcount == 1


def count_role(db: Database, role: Role) -> int:
    return int(db.execute("SELECT count(*) FROM roles WHERE role = ?", [role.value]).fetchone()[0])


def list_roles(db: Database) -> list[RoleGrant]:
    rows = db.execute(
        "SELECT user_id, role, granted_by, granted_at FROM roles ORDER BY role, user_id"
    ).fetchall()
    return [
        RoleGrant(
            user_id=user_id, role=Role(role), granted_by=granted_by, granted_at=from_db_time(granted_at)
        )
        for user_id, role, granted_by, granted_at in rows
    ]
