"""Team favourites: the codes people pin, the codes a team picks after a lookup, and what each lookup showed.

- `code_pins`: a person's pinned codes (their favourites; the team's favourites are the codes most pinned).
- `code_picks`: per team, query and code, how often the team picked that code for that query, by kind (a pin,
  a share, the code used in a claim check or a clarification). The lookup ranking reads it (bot.lookups.team_picks).
- `lookups_shown`: the codes a person's recent lookups showed, so a code used in a check or a clarification soon
  after can be credited to the query that found it. Kept short: the newest few per person.
Queries are stored as typed after the usual normalisation (case folded, spaces collapsed); they are code
searches, which the /code handler has already refused when they held a patient identifier.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import instants
from storage.backend import Database
from storage.relay_tables import from_db_time, to_db_time

PICK_KINDS = ("pin", "share", "check", "clarify")
SHOWN_PER_USER = 20


def _create(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE code_pins (
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            code TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            pinned_at INTEGER NOT NULL,
            PRIMARY KEY (team_id, user_id, code)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE code_picks (
            team_id TEXT NOT NULL,
            query TEXT NOT NULL,
            code TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('pin', 'share', 'check', 'clarify')),
            n INTEGER NOT NULL DEFAULT 0,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (team_id, query, code, kind)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE lookups_shown (
            id INTEGER PRIMARY KEY,
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            query TEXT NOT NULL,
            codes TEXT NOT NULL,
            at INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX lookups_shown_user ON lookups_shown (team_id, user_id, at)")


TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "code_pins": ("pinned_at",),
    "code_picks": ("last_at",),
    "lookups_shown": ("at",),
}


def create_tables(db: Database) -> None:
    """Migration 13 (`storage.schema`)."""
    instants.create_or_adopt(db, TIME_COLUMNS, _create)


def normal_query(query: str) -> str:
    return " ".join(query.casefold().split())


@dataclass(frozen=True)
class Pin:
    user_id: str
    code: str
    title: str
    pinned_at: datetime


def pin(db: Database, team_id: str, user_id: str, code: str, title: str, at: datetime) -> bool:
    """False when the person had already pinned it."""
    cursor = db.execute(
        "INSERT INTO code_pins (team_id, user_id, code, title, pinned_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [team_id, user_id, code, title, to_db_time(at)],
    )
    return cursor.rowcount == 1


def unpin(db: Database, team_id: str, user_id: str, code: str) -> bool:
    cursor = db.execute(
        "DELETE FROM code_pins WHERE team_id = ? AND user_id = ? AND code = ?", [team_id, user_id, code]
    )
    return cursor.rowcount == 1


def pins_of(db: Database, team_id: str, user_id: str, limit: int = 25) -> list[Pin]:
    rows = db.execute(
        "SELECT user_id, code, title, pinned_at FROM code_pins WHERE team_id = ? AND user_id = ? "
        "ORDER BY pinned_at DESC, code LIMIT ?",
        [team_id, user_id, limit],
    ).fetchall()
    return [Pin(str(u), str(c), str(t), from_db_time(int(a))) for u, c, t, a in rows]


def team_pins(db: Database, team_id: str, limit: int = 10) -> list[tuple[str, str, int]]:
    """(code, title, how many people pinned it), most pinned first."""
    rows = db.execute(
        "SELECT code, max(title), count(*) AS people FROM code_pins WHERE team_id = ? GROUP BY code "
        "ORDER BY people DESC, code LIMIT ?",
        [team_id, limit],
    ).fetchall()
    return [(str(code), str(title), int(people)) for code, title, people in rows]


def add_pick(db: Database, team_id: str, query: str, code: str, kind: str, at: datetime) -> None:
    if kind not in PICK_KINDS:
        raise ValueError(f"not a pick kind: {kind}")
    db.execute(
        "INSERT INTO code_picks (team_id, query, code, kind, n, last_at) VALUES (?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (team_id, query, code, kind) DO UPDATE SET n = code_picks.n + 1, last_at = excluded.last_at",
        [team_id, normal_query(query), code, kind, to_db_time(at)],
    )


def picks_for(db: Database, team_id: str, query: str) -> dict[str, dict[str, int]]:
    """code -> {kind: count} the team picked for this query."""
    found: dict[str, dict[str, int]] = {}
    for code, kind, n in db.execute(
        "SELECT code, kind, n FROM code_picks WHERE team_id = ? AND query = ?", [team_id, normal_query(query)]
    ):
        found.setdefault(str(code), {})[str(kind)] = int(n)
    return found


def record_shown(
    db: Database, team_id: str, user_id: str, query: str, codes: Iterable[str], at: datetime
) -> None:
    db.execute(
        "INSERT INTO lookups_shown (team_id, user_id, query, codes, at) VALUES (?, ?, ?, ?, ?)",
        [team_id, user_id, normal_query(query), json.dumps(list(codes)), to_db_time(at)],
    )
    db.execute(
        "DELETE FROM lookups_shown WHERE team_id = ? AND user_id = ? AND id NOT IN (SELECT id FROM "
        "lookups_shown WHERE team_id = ? AND user_id = ? ORDER BY id DESC LIMIT ?)",
        [team_id, user_id, team_id, user_id, SHOWN_PER_USER],
    )


def recent_queries_showing(db: Database, team_id: str, user_id: str, code: str, since: datetime) -> list[str]:
    """The person's lookups since `since` whose results showed `code` (newest first, each query once)."""
    found: list[str] = []
    for query, codes in db.execute(
        "SELECT query, codes FROM lookups_shown WHERE team_id = ? AND user_id = ? AND at >= ? ORDER BY id DESC",
        [team_id, user_id, to_db_time(since)],
    ):
        if code in json.loads(codes) and query not in found:
            found.append(str(query))
    return found


CREDIT_WINDOW = timedelta(hours=2)
