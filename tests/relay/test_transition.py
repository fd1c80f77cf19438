"""The one audited transition every relay operation runs in: a refusal is audited wherever it is raised (and
whatever was changed before it rolls back); reads never take the write lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from bot.relay.service import Action, ClarificationService, ListFilter, NotAuthorized, PhiRefused, Transition
from storage import audit, offices
from storage.clarifications import ReplySide
from storage.db import connect
from tests.relay.conftest import CODER, LEAD, STRANGER, FakeClock, World, make_draft

PHI_REPLY = "Patient John Smith, MRN 4482913, DOB 03/14/1962"


def count(db_factory: Callable[[], sqlite_utils.Database], table: str) -> int:
    db = db_factory()
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


def test_a_refusal_raised_after_a_change_rolls_the_change_back_and_is_still_audited(
    service: ClarificationService, world: World, db_factory: Callable[[], sqlite_utils.Database]
) -> None:
    offices_before = count(db_factory, "offices")

    def change(t: Transition) -> None:
        offices.insert_office(
            t.db,
            name="Half-made Office",
            channel_id="C0HALF",
            tz="America/Chicago",
            open_=world.north.open,
            close=world.north.close,
            sla_hours=72.0,
            created_at=t.now,
        )
        t.record(STRANGER.user_id, "office_added", {"name": "Half-made Office"})
        t.require(STRANGER, Action.MANAGE_OFFICES)  # raised, not returned

    with pytest.raises(NotAuthorized):
        service.transition(change)
    assert count(db_factory, "offices") == offices_before  # the change rolled back ...
    [refused] = audit.recent(db_factory(), action="refused")  # ... the refusal did not
    assert refused.actor_id == STRANGER.user_id
    assert refused.detail["attempted"] == Action.MANAGE_OFFICES.value
    added = [entry.detail["name"] for entry in audit.recent(db_factory(), action="office_added")]
    assert added == ["South Surgery", "North Clinic"]


def test_a_phi_refusal_deep_in_a_reply_is_audited_and_nothing_is_stored_or_queued(
    service: ClarificationService, world: World, db_factory: Callable[[], sqlite_utils.Database]
) -> None:
    c = service.ask(make_draft(world.north.id), CODER, asker_channel="DCODER", idempotency_key="k1")
    replies, queued = count(db_factory, "replies"), count(db_factory, "outbox")
    with pytest.raises(PhiRefused):
        service.add_reply(c.id, ReplySide.ASKER, CODER, PHI_REPLY, "Ev1")
    assert (count(db_factory, "replies"), count(db_factory, "outbox")) == (replies, queued)
    [entry] = audit.recent(db_factory(), action="phi_refused")
    assert (entry.clarification_id, entry.actor_id, entry.detail["fields"]) == (c.id, CODER.user_id, ["text"])
    assert "John" not in str(entry.detail)


def test_a_refused_read_is_audited(
    service: ClarificationService, world: World, db_factory: Callable[[], sqlite_utils.Database]
) -> None:
    c = service.ask(make_draft(world.north.id), CODER, asker_channel="DCODER", idempotency_key="k1")
    with pytest.raises(NotAuthorized):
        service.history(c.id, STRANGER)
    [refused] = audit.recent(db_factory(), action="refused")
    assert (refused.clarification_id, refused.detail["attempted"]) == (c.id, Action.VIEW.value)


def test_reads_never_wait_for_the_write_lock(
    service: ClarificationService, world: World, relay_db_path: Path, relay_clock: FakeClock
) -> None:
    c = service.ask(make_draft(world.north.id), CODER, asker_channel="DCODER", idempotency_key="k1")
    impatient = ClarificationService(lambda: connect(relay_db_path, busy_timeout_ms=100), relay_clock)
    writer = connect(relay_db_path)
    writer.conn.execute("BEGIN IMMEDIATE")  # another process holds the write lock throughout
    try:
        assert [o.name for o in impatient.list_offices()] == ["North Clinic", "South Surgery"]
        assert impatient.get(c.id, LEAD).id == c.id
        assert impatient.role_of(CODER.user_id) is not None
        assert [x.id for x in impatient.list(ListFilter.ALL, LEAD, relay_clock())] == [c.id]
        assert impatient.authorize(LEAD, Action.REOPEN, c).allowed
        assert [e.action for e in impatient.history(c.id, LEAD)] == ["asked"]
    finally:
        writer.conn.execute("ROLLBACK")
        writer.close()
