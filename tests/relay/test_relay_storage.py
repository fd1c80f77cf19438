"""Relay tables and their query modules, on a migrated temp-file database."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlite_utils

from storage import audit, clarifications, offices, outbox, processed_events, roles
from storage.clarifications import Answer, ClarificationState, NewClarification, QueryFormat, ReplySide
from storage.outbox import NewOutboxMessage, OutboxState
from storage.relay_tables import from_db_time, instant_text, to_db_time
from storage.roles import Role
from tests.backends import DB_ERRORS, INTEGRITY_ERRORS

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def new_office(db: sqlite_utils.Database, name: str = "North Clinic", channel: str = "C0NORTH") -> int:
    return offices.insert_office(
        db,
        name=name,
        channel_id=channel,
        tz="America/Chicago",
        open_=time(8),
        close=time(17),
        sla_hours=72,
        created_at=NOW,
    )


def new_clarification(db: sqlite_utils.Database, office_id: int, key: str | None = None) -> int:
    return clarifications.insert(
        db,
        NewClarification(
            office_id=office_id,
            encounter_ref="ENC-1",
            codes=("E11.9",),
            question="Which type?",
            format=QueryFormat.OPEN_ENDED,
            options=(),
            indicators="HbA1c 9.2%, on insulin",
            asker_id="UCODER",
            asker_team="TCODERS",
            asker_channel="UCODER",
            due_at=NOW + timedelta(days=3),
            created_at=NOW,
            submission_key=key,
        ),
    )


def test_times_round_trip_as_instants_and_naive_times_are_refused() -> None:
    stored = to_db_time(datetime(2026, 3, 8, 3, 30, tzinfo=UTC))
    assert stored == 1_772_940_600_000_000  # microseconds since the epoch
    assert from_db_time(stored) == datetime(2026, 3, 8, 3, 30, tzinfo=UTC)
    chicago = datetime(2026, 3, 7, 21, 30, 0, 1, tzinfo=ZoneInfo("America/Chicago"))  # 03:30:00.000001 UTC
    assert to_db_time(chicago) == stored + 1  # instants: the zone a moment was written in never matters
    assert instant_text(chicago) == "2026-03-08T03:30:00.000001+00:00"
    with pytest.raises(ValueError):
        to_db_time(datetime(2026, 3, 8))


def test_audit_rows_cannot_be_updated_or_deleted(db: sqlite_utils.Database) -> None:
    entry = audit.append(
        db, clarification_id=None, actor_id="U1", action="office_added", at=NOW, detail={"a": 1}
    )
    with pytest.raises(DB_ERRORS, match="append-only"):
        db.execute("UPDATE audit SET action = 'x' WHERE id = ?", [entry])
    with pytest.raises(DB_ERRORS, match="append-only"):
        db.execute("DELETE FROM audit WHERE id = ?", [entry])
    [kept] = audit.recent(db)
    assert (kept.action, kept.detail) == ("office_added", {"a": 1})


def test_clarifications_and_replies_are_never_deleted(db: sqlite_utils.Database) -> None:
    clarification_id = new_clarification(db, new_office(db))
    clarifications.insert_reply(
        db,
        clarification_id=clarification_id,
        side=ReplySide.ASKER,
        author_id="U1",
        text="hi",
        created_at=NOW,
        source_event_id="Ev1",
    )
    with pytest.raises(DB_ERRORS, match="never deleted"):
        db.execute("DELETE FROM clarifications")
    with pytest.raises(DB_ERRORS, match="never"):
        db.execute("UPDATE replies SET text = 'changed'")


def test_office_names_are_unique_ignoring_case(db: sqlite_utils.Database) -> None:
    new_office(db)
    with pytest.raises(INTEGRITY_ERRORS):
        new_office(db, name="north clinic", channel="C0OTHER")
    assert offices.find_office_by_name(db, " NORTH CLINIC ") is not None


def test_two_active_offices_cannot_share_a_channel(db: sqlite_utils.Database) -> None:
    first = new_office(db)
    with pytest.raises(INTEGRITY_ERRORS):
        new_office(db, name="Other", channel="C0NORTH")
    offices.update_office(db, first, {"active": False})
    new_office(db, name="Other", channel="C0NORTH")  # the old one is inactive now
    assert [o.name for o in offices.list_offices(db)] == ["Other"]
    assert len(offices.list_offices(db, include_inactive=True)) == 2


def test_office_update_uses_an_allow_list(db: sqlite_utils.Database) -> None:
    office_id = new_office(db)
    offices.update_office(db, office_id, {"open": time(7, 30), "sla_hours": 48})
    office = offices.get_office(db, office_id)
    assert office is not None and (office.open, office.sla_hours) == (time(7, 30), 48.0)
    with pytest.raises(ValueError):
        offices.update_office(db, office_id, {"id": 5})


def test_membership_is_per_user_and_team(db: sqlite_utils.Database) -> None:
    office_id = new_office(db)
    assert offices.add_member(
        db, office_id=office_id, user_id="UDOC", team_id="TNORTH", added_by="U1", added_at=NOW
    )
    assert not offices.add_member(
        db, office_id=office_id, user_id="UDOC", team_id="TNORTH", added_by="U1", added_at=NOW
    )
    assert offices.is_member(db, office_id=office_id, user_id="UDOC", team_id="TNORTH")
    assert not offices.is_member(db, office_id=office_id, user_id="UDOC", team_id="TEVIL")
    assert offices.member_office_ids(db, user_id="UDOC", team_id="TNORTH") == [office_id]
    assert [m.user_id for m in offices.list_members(db, office_id)] == ["UDOC"]
    assert offices.remove_member(db, office_id=office_id, user_id="UDOC", team_id="TNORTH")


def test_one_role_per_user(db: sqlite_utils.Database) -> None:
    roles.set_role(db, user_id="U1", role=Role.CODER, granted_by="UADMIN", at=NOW)
    roles.set_role(db, user_id="U1", role=Role.LEAD, granted_by="UADMIN", at=NOW)
    assert roles.get_role(db, "U1") is Role.LEAD
    assert [(g.user_id, g.role) for g in roles.list_roles(db)] == [("U1", Role.LEAD)]
    assert roles.count_role(db, Role.LEAD) == 1
    assert roles.delete_role(db, "U1") and roles.get_role(db, "U1") is None
    with pytest.raises(INTEGRITY_ERRORS):
        db.execute("INSERT INTO roles VALUES ('U2', 'owner', 'U1', ?)", [to_db_time(NOW)])


def test_transition_checks_state_and_version(db: sqlite_utils.Database) -> None:
    c = clarifications.get(db, new_clarification(db, new_office(db)))
    assert c is not None and c.version == 1
    changes = {
        "state": ClarificationState.ANSWERED,
        "answer": Answer(text="Type 2"),
        "answered_by": "UDOC",
        "answered_at": NOW,
    }
    assert clarifications.transition(db, c, changes)
    assert not clarifications.transition(db, c, changes)  # stale version: nothing happens
    after = clarifications.get(db, c.id)
    assert after is not None
    assert (after.state, after.version, after.answer) == (
        ClarificationState.ANSWERED,
        2,
        Answer(text="Type 2"),
    )
    with pytest.raises(ValueError):
        clarifications.transition(db, after, {"asker_id": "UEVIL"})


def test_search_filters(db: sqlite_utils.Database) -> None:
    north, south = new_office(db), new_office(db, "South", "C0SOUTH")
    first, second = new_clarification(db, north), new_clarification(db, south)
    assert [c.id for c in clarifications.search(db)] == [second, first]
    assert [c.id for c in clarifications.search(db, office_ids=[north])] == [first]
    assert clarifications.search(db, office_ids=[]) == []
    assert [c.id for c in clarifications.search(db, asker_id="UCODER", states=[ClarificationState.OPEN])] == [
        second,
        first,
    ]
    assert clarifications.search(db, due_before=NOW) == []
    assert len(clarifications.search(db, due_before=NOW + timedelta(days=4))) == 2


def test_submission_key_is_unique(db: sqlite_utils.Database) -> None:
    office_id = new_office(db)
    new_clarification(db, office_id, key="k1")
    with pytest.raises(INTEGRITY_ERRORS):
        new_clarification(db, office_id, key="k1")
    assert clarifications.find_by_submission_key(db, "k1") is not None


def test_reply_event_ids_dedupe(db: sqlite_utils.Database) -> None:
    clarification_id = new_clarification(db, new_office(db))
    kwargs = {
        "clarification_id": clarification_id,
        "side": ReplySide.OFFICE,
        "author_id": "UDOC",
        "text": "Will check",
        "created_at": NOW,
        "source_event_id": "Ev1",
    }
    first = clarifications.insert_reply(db, **kwargs)  # type: ignore[arg-type]
    assert first is not None
    assert clarifications.insert_reply(db, **kwargs) is None  # type: ignore[arg-type]
    assert [r.id for r in clarifications.list_replies(db, clarification_id)] == [first]
    assert clarifications.find_reply_by_event(db, "Ev1") is not None


def test_processed_events(db: sqlite_utils.Database) -> None:
    assert processed_events.claim_event(db, "k", NOW)
    assert not processed_events.claim_event(db, "k", NOW)
    assert processed_events.seen(db, "k")
    assert processed_events.forget_before(db, NOW + timedelta(seconds=1)) == 1
    assert not processed_events.seen(db, "k")


def test_outbox_lifecycle(db: sqlite_utils.Database) -> None:
    clarification_id = new_clarification(db, new_office(db))
    message = NewOutboxMessage(
        kind="office_post",
        channel="C0NORTH",
        method="chat.postMessage",
        payload={"channel": "C0NORTH", "text": "hi"},
        dedupe_key="k",
        clarification_id=clarification_id,
        ts_target="office_ts",
    )
    row_id = outbox.enqueue(db, message, now=NOW)
    assert outbox.enqueue(db, message, now=NOW) == row_id  # idempotent
    assert outbox.claim(db, row_id, now=NOW)
    assert not outbox.claim(db, row_id, now=NOW)
    row = outbox.get(db, row_id)
    assert row is not None and (row.state, row.attempts) == (OutboxState.SENDING, 1)
    outbox.mark_sent(db, row, ts="1700000000.000100", channel="C0NORTH", now=NOW)
    c = clarifications.get(db, clarification_id)
    assert c is not None and c.office_ts == "1700000000.000100"
    assert outbox.find_thread_root(db, channel="C0NORTH", ts="1700000000.000100") == (
        clarification_id,
        "office_ts",
    )
    assert outbox.counts(db)[OutboxState.SENT] == 1


def test_stale_claims_are_released(db: sqlite_utils.Database) -> None:
    row_id = outbox.enqueue(
        db,
        NewOutboxMessage(kind="k", channel="C1", method="chat.postMessage", payload={}, dedupe_key="d"),
        now=NOW,
    )
    outbox.claim(db, row_id, now=NOW)
    assert outbox.release_stale_claims(db, claimed_before=NOW) == 0
    assert outbox.release_stale_claims(db, claimed_before=NOW + timedelta(minutes=6)) == 1
    assert [r.id for r in outbox.pending(db)] == [row_id]
