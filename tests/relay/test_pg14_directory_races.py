"""Two instances changing the directory (offices, roles) at the same moment: each check sees what the other
wrote, so there is never a traceback, a duplicate office or a team without an admin (storage.directory_lock).
Threads with a barrier, each with its own connection, as two instances on one database; SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial

from bot.relay.service import Actor, ClarificationService, NotAuthorized, ValidationFailed
from storage import offices, roles
from storage.app_db import AppDatabase
from storage.roles import Role

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
ADMIN = Actor("UADMIN", "TCODERS")
OTHER_ADMIN = Actor("UADMIN2", "TCODERS")
ROUNDS, RACERS = 4, 6


def race(calls: list[Callable[[], object]]) -> list[object]:
    """Run `calls` at the same moment, one thread each; their results or the exceptions they raised."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        start.wait()
        try:
            return call()
        except Exception as exc:  # collected, then checked one by one
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def outcome(result: object) -> str:
    return type(result).__name__ if isinstance(result, Exception) else "ok"


def make_service(app_db: AppDatabase) -> ClarificationService:
    service = ClarificationService(app_db.factory(), lambda: NOW)
    assert service.bootstrap_admin(ADMIN.user_id)
    return service


def add_office(service: ClarificationService, name: str, channel_id: str) -> Callable[[], object]:
    return partial(service.add_office, ADMIN, name=name, channel_id=channel_id, tz="America/Chicago")


def test_the_same_office_added_at_once_is_added_once_and_the_others_are_told_why(app_db: AppDatabase) -> None:
    service = make_service(app_db)
    for round_ in range(ROUNDS):
        name = f"Clinic {round_}"
        results = race([add_office(service, name, f"C0R{round_}N{n}") for n in range(RACERS)])
        assert Counter(map(outcome, results)) == {"ok": 1, "ValidationFailed": RACERS - 1}, results
        for refused in results:
            if isinstance(refused, ValidationFailed):
                assert refused.errors["name"].startswith(f"An office called {name} already exists")
    db = app_db.connect()
    try:
        assert sorted(o.name for o in offices.list_offices(db)) == [f"Clinic {n}" for n in range(ROUNDS)]
    finally:
        db.close()


def test_one_channel_claimed_by_two_new_offices_at_once_goes_to_one(app_db: AppDatabase) -> None:
    service = make_service(app_db)
    results = race([add_office(service, f"Office {n}", "C0SHARED") for n in range(RACERS)])
    assert Counter(map(outcome, results)) == {"ok": 1, "ValidationFailed": RACERS - 1}, results
    db = app_db.connect()
    try:
        assert [o.channel_id for o in offices.list_offices(db)] == ["C0SHARED"]
    finally:
        db.close()


def test_two_first_admins_at_once_make_one(app_db: AppDatabase) -> None:
    service = ClarificationService(app_db.factory(), lambda: NOW)
    results = race([partial(service.bootstrap_admin, f"UFIRST{n}") for n in range(RACERS)])
    assert Counter(results) == {True: 1, False: RACERS - 1}, results
    db = app_db.connect()
    try:
        assert roles.count_role(db, Role.ADMIN) == 1
    finally:
        db.close()


def test_the_last_two_admins_demoting_each_other_at_once_leave_one(app_db: AppDatabase) -> None:
    service = make_service(app_db)
    for _ in range(ROUNDS):
        service.grant_role(ADMIN, OTHER_ADMIN.user_id, Role.ADMIN)
        results = race(
            [
                partial(service.grant_role, ADMIN, OTHER_ADMIN.user_id, Role.LEAD),
                partial(service.grant_role, OTHER_ADMIN, ADMIN.user_id, Role.LEAD),
            ]
        )
        # The second to run is no longer an admin when its turn comes.
        assert sorted(map(outcome, results)) == ["NotAuthorized", "ok"], results
        assert any(isinstance(r, NotAuthorized) for r in results)
        db = app_db.connect()
        try:
            admins = [g.user_id for g in roles.list_roles(db) if g.role is Role.ADMIN]
        finally:
            db.close()
        assert len(admins) == 1, admins
        if admins != [ADMIN.user_id]:  # the next round starts from ADMIN
            service.grant_role(OTHER_ADMIN, ADMIN.user_id, Role.ADMIN)
