"""A populated relay database, and the invariants every scenario checks afterwards.

Shared by the tests, the crash child process and bench/reliability.py, so they all mean the same thing by
"nothing lost, nothing half-written". The database is a `Store` (storage.app_db.AppDatabase): a SQLite file or
a PostgreSQL database, so every scenario runs on either backend (tests/backends.py); a plain path means SQLite.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.relay.service import Actor, ClarificationService
from storage import offices, roles
from storage.app_db import AppDatabase
from storage.backend import Database
from storage.offices import Office
from storage.roles import Role
from tests.relay.people import ADMIN, CODER, CODER2, LEAD, NORTH_STAFF, SOUTH_STAFF, World, make_draft

DbFactory = Callable[[], Database]
Store = AppDatabase
CLINICAL_OPTIONS = ("Acute blood loss anemia", "Anemia of chronic disease", "Iron deficiency anemia")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Organisation:
    """Who is who in a prepared database: coders ask, each office's staff answer."""

    coders: tuple[Actor, ...]
    offices: tuple[Office, ...]
    staff: dict[int, tuple[Actor, ...]]

    def office(self, office_id: int) -> Office:
        return next(o for o in self.offices if o.id == office_id)

    @classmethod
    def load(cls, db: Database) -> Organisation:
        coders = tuple(
            Actor(grant.user_id, ADMIN.team_id) for grant in roles.list_roles(db) if grant.role is Role.CODER
        )
        found = tuple(offices.list_offices(db))
        staff = {
            o.id: tuple(Actor(m.user_id, m.team_id) for m in offices.list_members(db, o.id)) for o in found
        }
        return cls(coders=coders, offices=found, staff=staff)


def as_store(target: Path | Store) -> Store:
    """A scenario's database: a path is a SQLite file (what bench/reliability.py passes by default)."""
    return target if isinstance(target, AppDatabase) else AppDatabase(Path(target))


def store_arg(store: Store) -> str:
    """How a child process is told where the database is: the PostgreSQL URL or the SQLite path."""
    return store.server.url if store.server is not None else str(store.path)


def store_from_arg(text: str) -> Store:
    return AppDatabase.of(Path("unused.sqlite"), text) if "://" in text else AppDatabase(Path(text))


def store_env(store: Store) -> dict[str, str]:
    """The environment that points `codedesk` at the store (CODEDESK_DB is still given: the default path)."""
    env = {"CODEDESK_DB": str(store.path)}
    if store.server is not None:
        env["CODEDESK_DATABASE_URL"] = store.server.url
    return env


def rows(target: Path | Store, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    db = as_store(target).connect()
    try:
        return [tuple(row) for row in db.execute(sql, list(params)).fetchall()]
    finally:
        db.close()


def prepare_database(
    target: Path | Store, *, offices_count: int = 2, staff_per_office: int = 2, coders: int = 4
) -> Organisation:
    """Migrate the store and add an admin, a lead, coders and offices with their staff (Slack Connect teams)."""
    store = as_store(target)
    store.migrate()
    service = ClarificationService(store.factory(), utc_now)
    service.bootstrap_admin(ADMIN.user_id)
    service.grant_role(ADMIN, LEAD.user_id, Role.LEAD)
    for n in range(1, coders + 1):
        service.grant_role(LEAD, f"UCODER{n}", Role.CODER)
    for n in range(1, offices_count + 1):
        office = service.add_office(
            ADMIN, name=f"Office {n}", channel_id=f"C0OFFICE{n}", tz="America/Chicago"
        )
        for k in range(1, staff_per_office + 1):
            service.add_office_member(ADMIN, office.id, f"UOFF{n}STAFF{k}", f"TOFFICE{n}")
    db = store.connect()
    try:
        return Organisation.load(db)
    finally:
        db.close()


def populate(service: ClarificationService) -> World:
    """The relay tests' organisation (tests/relay/conftest.py) in any database: for the Slack-level tests,
    whose app owns its own database."""
    service.bootstrap_admin(ADMIN.user_id)
    service.grant_role(ADMIN, LEAD.user_id, Role.LEAD)
    service.grant_role(LEAD, CODER.user_id, Role.CODER)
    service.grant_role(LEAD, CODER2.user_id, Role.CODER)
    north = service.add_office(ADMIN, name="North Clinic", channel_id="C0NORTH", tz="America/Chicago")
    south = service.add_office(LEAD, name="South Surgery", channel_id="C0SOUTH", tz="Europe/London")
    service.add_office_member(ADMIN, north.id, NORTH_STAFF.user_id, NORTH_STAFF.team_id)
    service.add_office_member(ADMIN, south.id, SOUTH_STAFF.user_id, SOUTH_STAFF.team_id)
    return World(north=north, south=south)


def ask_one(
    service: ClarificationService,
    org: Organisation,
    rng: random.Random,
    key: str,
    *,
    office: Office | None = None,
) -> int:
    """One ordinary multiple-choice clarification from a random coder; returns its id."""
    office = office or rng.choice(org.offices)
    coder = rng.choice(org.coders)
    draft = make_draft(office.id, encounter_ref=f"ENC-{key}")
    return service.ask(draft, coder, asker_channel=coder.user_id, idempotency_key=key).id


# ---- invariants -----------------------------------------------------------------------------------------


def integrity(target: Path | Store) -> str:
    """SQLite: `PRAGMA integrity_check` of the file ("ok"). PostgreSQL keeps no file of its own to check: every
    constraint (foreign keys included) holds at each commit, so it is "ok" once the database answers."""
    store = as_store(target)
    if store.server is not None:
        return "ok" if rows(store, "SELECT 1") == [(1,)] else "no answer"
    with sqlite3.connect(store.path) as conn:
        return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))


# Each of these audited changes queues exactly one note, keyed "clarification:<id>:v<version>:<note>".
NOTES = {"answered": "answer_relay", "resolved": "resolution_note", "closed_unanswered": "closed_note"}
_VERSIONED_KEY = re.compile(r"^clarification:(\d+):v\d+:(\w+)$")


def half_written(target: Path | Store) -> list[str]:
    """Every way a change could be half-applied: a state without its audit row or its outgoing messages."""
    problems: list[str] = []
    store = as_store(target)
    conn = store.connect()
    try:
        if store.server is None and conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign key violations")
        audits: Counter[tuple[int, str]] = Counter(
            (int(cid), str(action))
            for cid, action in conn.execute(
                "SELECT clarification_id, action FROM audit WHERE clarification_id IS NOT NULL"
            )
        )
        kinds: Counter[tuple[int, str]] = Counter(
            (int(cid), str(kind))
            for cid, kind in conn.execute(
                "SELECT clarification_id, kind FROM outbox WHERE clarification_id IS NOT NULL"
            )
        )
        keys = {str(key) for (key,) in conn.execute("SELECT dedupe_key FROM outbox")}
        notes: Counter[tuple[int, str]] = Counter(
            (int(m.group(1)), m.group(2)) for m in map(_VERSIONED_KEY.match, keys) if m is not None
        )
        rows = conn.execute("SELECT id, state, answer, answered_by FROM clarifications").fetchall()
        for cid, state, answer, answered_by in rows:
            if audits[(cid, "asked")] != 1:
                problems.append(f"clarification {cid}: {audits[(cid, 'asked')]} 'asked' audit rows")
            for kind in ("office_post", "asker_tracking"):
                if kinds[(cid, kind)] != 1:
                    problems.append(f"clarification {cid}: {kinds[(cid, kind)]} {kind} messages")
            answered = audits[(cid, "answered")]
            if state in ("answered", "resolved") and (answered != 1 or answer is None or answered_by is None):
                problems.append(f"clarification {cid}: {state} with {answered} answers, answer={answer!r}")
            if state == "open" and (answered or answer is not None):
                problems.append(f"clarification {cid}: open but answered")
            for action, note in NOTES.items():
                if notes[(cid, note)] != audits[(cid, action)]:
                    problems.append(
                        f"clarification {cid}: {audits[(cid, action)]} {action}, {notes[(cid, note)]} notes"
                    )
        reply_audits = Counter(
            int(json.loads(detail)["reply_id"])
            for (detail,) in conn.execute(
                "SELECT detail FROM audit WHERE action IN ('replied', 'more_info_requested')"
            )
        )
        for (reply_id,) in conn.execute("SELECT id FROM replies"):
            relayed = f"reply:{reply_id}" in keys
            if reply_audits[reply_id] != 1 or not relayed:
                problems.append(f"reply {reply_id}: {reply_audits[reply_id]} audit rows, relayed: {relayed}")
    finally:
        conn.close()
    return problems


def count(target: Path | Store, sql: str, params: Sequence[object] = ()) -> int:
    return int(rows(target, sql, params)[0][0])
