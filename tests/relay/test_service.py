"""The clarification lifecycle: one transaction per change, with its audit and outbox rows."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import sqlite_utils

from bot.relay.query_rules import OTHER_OPTION
from bot.relay.service import (
    AlreadyAnswered,
    ClarificationService,
    InvalidTransition,
    ListFilter,
    MessageKind,
    NotAuthorized,
    NotFound,
    PhiRefused,
    ValidationFailed,
)
from storage import audit, clarifications, outbox
from storage.clarifications import Answer, Clarification, ClarificationState, Outcome, QueryFormat, ReplySide
from storage.offices import Office
from storage.outbox import OutboxRow
from storage.roles import Role
from tests.backends import DB_ERRORS
from tests.relay.conftest import (
    ADMIN,
    CODER,
    CODER2,
    LEAD,
    NORTH_STAFF,
    SOUTH_STAFF,
    Actor,
    FakeClock,
    World,
    make_draft,
)

NORTH_STAFF2 = Actor("UNORTHNURSE", "TNORTH")
DbFactory = Callable[[], sqlite_utils.Database]


def ask(service: ClarificationService, world: World, key: str = "k1", **overrides: Any) -> Clarification:
    return service.ask(
        make_draft(world.north.id, **overrides), CODER, asker_channel="UCODER", idempotency_key=key
    )


def rows(db_factory: DbFactory, clarification_id: int | None = None) -> list[OutboxRow]:
    db = db_factory()
    if clarification_id is None:
        return outbox.pending(db)
    return outbox.for_clarification(db, clarification_id)


def count(db_factory: DbFactory, table: str) -> int:
    return int(db_factory().execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def actions(service: ClarificationService, clarification_id: int) -> list[str]:
    return [entry.action for entry in service.history(clarification_id)]


# --- asking ----------------------------------------------------------------------------------------------


def test_ask_stores_clarification_audit_and_two_messages(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    assert c.state is ClarificationState.OPEN and c.version == 1
    assert (c.asker_id, c.asker_team, c.asker_channel) == (CODER.user_id, CODER.team_id, "UCODER")
    # Monday 09:00 Chicago + 72 business hours (9 per day) -> Thursday of next week 09:00 CST.
    # 72 business hours from Monday 2 November 09:00: eight working days, Veterans Day (11 Nov, a US public
    # holiday, the team's default calendar) not among them.
    assert c.due_at == datetime(2026, 11, 13, 15, 0, tzinfo=UTC)
    assert actions(service, c.id) == ["asked"]
    office_post, tracking = rows(db_factory, c.id)
    assert (office_post.kind, office_post.channel, office_post.method, office_post.ts_target) == (
        "office_post",
        "C0NORTH",
        "chat.postMessage",
        "office_ts",
    )
    assert f"Clarification #{c.id}" in office_post.payload["text"]
    assert (tracking.kind, tracking.channel, tracking.ts_target) == ("asker_tracking", "UCODER", "asker_ts")


def test_the_same_submission_twice_creates_one_clarification(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    first = ask(service, world, key="view-123")
    second = ask(service, world, key="view-123")
    assert first.id == second.id
    assert count(db_factory, "clarifications") == 1
    assert count(db_factory, "outbox") == 2
    assert ask(service, world, key="view-456").id != first.id


def test_invalid_drafts_store_nothing(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        ask(service, world, indicators="", question="Please document sepsis for the DRG")
    assert "indicators" in caught.value.errors
    assert any("DRG" in warning for warning in caught.value.warnings)
    assert count(db_factory, "clarifications") == 0
    assert count(db_factory, "outbox") == 0


def test_phi_is_refused_before_anything_is_stored(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    with pytest.raises(PhiRefused) as caught:
        ask(service, world, question="Mrs. Jones, DOB 03/04/1962: which anemia?")
    assert caught.value.errors["question"].startswith("Question looks like it contains")
    assert count(db_factory, "clarifications") == 0
    assert count(db_factory, "outbox") == 0
    [entry] = audit.recent(db_factory(), action="phi_refused")
    assert entry.detail == {"fields": ["question"], "team_id": CODER.team_id}
    assert "Jones" not in str(entry.detail)


def test_a_removed_office_takes_no_new_questions(service: ClarificationService, world: World) -> None:
    c = ask(service, world)
    service.remove_office(ADMIN, world.north.id)
    with pytest.raises(ValidationFailed) as caught:
        ask(service, world, key="k2")
    assert "office_id" in caught.value.errors
    assert service.get(c.id).state is ClarificationState.OPEN  # history stays
    service.edit_office(ADMIN, world.north.id, active=True)
    ask(service, world, key="k3")


def test_user_text_is_escaped_in_messages(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world, question="<!channel> can <@U999> & co clarify the anemia type?")
    text = rows(db_factory, c.id)[0].payload["text"]
    assert "&lt;!channel&gt; can &lt;@U999&gt; &amp; co" in text
    assert "<!channel>" not in text and "<@U999>" not in text


def test_blocks_hook_adds_blocks(db_factory: DbFactory, relay_clock: FakeClock, world: World) -> None:
    def blocks_for(kind: MessageKind, c: Clarification, office: Office) -> list[dict[str, Any]] | None:
        if kind is MessageKind.OFFICE_POST:
            return [{"type": "actions", "block_id": f"answer:{c.id}", "elements": []}]
        return None

    service = ClarificationService(db_factory, relay_clock, blocks_for=blocks_for)
    c = ask(service, world)
    office_post, tracking = rows(db_factory, c.id)
    assert office_post.payload["blocks"] == [
        {"type": "actions", "block_id": f"answer:{c.id}", "elements": []}
    ]
    assert "blocks" not in tracking.payload


# --- atomicity -------------------------------------------------------------------------------------------


@pytest.fixture
def fail_outbox_kind(db_factory: DbFactory, backend: str) -> Iterator[Callable[[DbFactory, str], None]]:
    """A trigger standing in for any failure half-way through a transaction (disk full, a bug...); dropped
    after the test (a PostgreSQL database is emptied between tests, not made again)."""

    def fail(db_factory: DbFactory, kind: str) -> None:
        if backend == "postgresql":
            db_factory().execute(
                "CREATE OR REPLACE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'injected failure'; END $$"
            )
            db_factory().execute(
                f"CREATE TRIGGER boom BEFORE INSERT ON outbox FOR EACH ROW WHEN (NEW.kind = '{kind}') "
                "EXECUTE FUNCTION boom()"
            )
            return
        db_factory().execute(
            f"CREATE TRIGGER boom BEFORE INSERT ON outbox WHEN NEW.kind = '{kind}' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )

    yield fail
    if backend == "postgresql":
        db_factory().execute("DROP TRIGGER IF EXISTS boom ON outbox")


def test_ask_is_atomic(
    service: ClarificationService,
    world: World,
    db_factory: DbFactory,
    fail_outbox_kind: Callable[[DbFactory, str], None],
) -> None:
    fail_outbox_kind(db_factory, "asker_tracking")  # the second outbox row of the transaction
    with pytest.raises(DB_ERRORS, match="injected failure"):
        ask(service, world)
    assert count(db_factory, "clarifications") == 0
    assert count(db_factory, "outbox") == 0
    assert not [e for e in audit.recent(db_factory()) if e.action == "asked"]


def test_answer_is_atomic(
    service: ClarificationService,
    world: World,
    db_factory: DbFactory,
    fail_outbox_kind: Callable[[DbFactory, str], None],
) -> None:
    c = ask(service, world)
    fail_outbox_kind(db_factory, "asker_thread")  # after the state change, audit row and two updates
    with pytest.raises(DB_ERRORS, match="injected failure"):
        service.answer(c.id, NORTH_STAFF, Answer(choice="Acute blood loss anemia"), "click-1")
    after = service.get(c.id)
    assert (after.state, after.version, after.answer) == (ClarificationState.OPEN, 1, None)
    assert actions(service, c.id) == ["asked"]
    assert len(rows(db_factory, c.id)) == 2
    assert count(db_factory, "processed_events") == 0


# --- answering -------------------------------------------------------------------------------------------


def test_answer_relays_to_the_asker_and_updates_both_posts(
    service: ClarificationService, world: World, db_factory: DbFactory, relay_clock: FakeClock
) -> None:
    c = ask(service, world)
    relay_clock.advance(hours=2)
    answered = service.answer(
        c.id, NORTH_STAFF, Answer(choice="acute blood loss anemia", text=" EBL 900 "), "k"
    )
    assert answered.state is ClarificationState.ANSWERED
    assert answered.answer == Answer(choice="Acute blood loss anemia", text="EBL 900")
    assert (answered.answered_by, answered.answered_at) == (NORTH_STAFF.user_id, relay_clock.now)
    kinds = {row.kind: row for row in rows(db_factory, c.id)}
    assert set(kinds) == {"office_post", "asker_tracking", "office_update", "asker_update", "asker_thread"}
    assert kinds["office_update"].method == "chat.update"
    assert kinds["office_update"].parent_id == kinds["office_post"].id
    assert kinds["office_update"].parent_ts_field == "ts"
    assert kinds["asker_thread"].parent_id == kinds["asker_tracking"].id
    assert kinds["asker_thread"].parent_ts_field == "thread_ts"
    assert "Acute blood loss anemia" in kinds["asker_thread"].payload["text"]
    [entry] = [e for e in service.history(c.id) if e.action == "answered"]
    assert entry.detail["choice"] == "Acute blood loss anemia"


def test_a_double_click_answers_once(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    first = service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "click-1")
    again = service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "click-1")
    assert first == again
    assert actions(service, c.id) == ["asked", "answered"]
    with pytest.raises(AlreadyAnswered, match=f"already answered by <@{NORTH_STAFF.user_id}>"):
        service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "click-2")


def race_two_answers(service: ClarificationService, clarification_id: int) -> list[object]:
    """Two office members press Answer at the same moment, each on their own thread and connection."""
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def answer(actor: Actor, choice: str) -> None:
        barrier.wait()
        try:
            outcomes.append(service.answer(clarification_id, actor, Answer(choice=choice), actor.user_id))
        except AlreadyAnswered as exc:
            outcomes.append(exc)

    threads = [
        threading.Thread(target=answer, args=(NORTH_STAFF, "Acute blood loss anemia")),
        threading.Thread(target=answer, args=(NORTH_STAFF2, "Iron deficiency anemia")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_exactly_one_of_two_concurrent_answers_wins(service: ClarificationService, world: World) -> None:
    service.add_office_member(ADMIN, world.north.id, NORTH_STAFF2.user_id, NORTH_STAFF2.team_id)
    for round_ in range(5):
        c = ask(service, world, key=f"race-{round_}")
        outcomes = race_two_answers(service, c.id)
        winners = [v for v in outcomes if isinstance(v, Clarification)]
        losers = [v for v in outcomes if isinstance(v, AlreadyAnswered)]
        assert len(winners) == 1 and len(losers) == 1
        final = service.get(c.id)
        assert final.answered_by == winners[0].answered_by == losers[0].answered_by
        assert final.version == 2
        assert losers[0].message.startswith(
            f"Clarification #{c.id} was already answered by <@{final.answered_by}>"
        )
        assert actions(service, c.id) == ["asked", "answered"]


def test_answers_are_validated_and_phi_guarded(service: ClarificationService, world: World) -> None:
    c = ask(service, world)
    with pytest.raises(ValidationFailed) as caught:
        service.answer(c.id, NORTH_STAFF, Answer(choice="Sepsis"), "k1")
    assert "choice" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        service.answer(c.id, NORTH_STAFF, Answer(choice=OTHER_OPTION), "k2")
    assert "text" in caught.value.errors
    with pytest.raises(PhiRefused) as phi_caught:
        service.answer(c.id, NORTH_STAFF, Answer(choice=OTHER_OPTION, text="call me at 555-123-4567"), "k3")
    assert "Answer looks like it contains a phone number" in phi_caught.value.errors["answer"]
    assert service.get(c.id).state is ClarificationState.OPEN


def test_yes_no_answer(service: ClarificationService, world: World) -> None:
    c = ask(
        service,
        world,
        format=QueryFormat.YES_NO,
        options=[],
        documented_diagnosis=True,
        question="Is the documented heart failure acute on chronic?",
    )
    assert service.answer(c.id, NORTH_STAFF, Answer(choice="yes"), "k").answer == Answer(choice="Yes")


def test_the_wrong_office_cannot_answer(service: ClarificationService, world: World) -> None:
    c = ask(service, world)
    with pytest.raises(NotAuthorized, match="Only the office"):
        service.answer(c.id, SOUTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    with pytest.raises(NotFound):
        service.answer(999, NORTH_STAFF, Answer(choice="x"), "k")


# --- replies ---------------------------------------------------------------------------------------------


def test_request_more_info_goes_to_the_asker_thread(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    reply = service.request_more_info(c.id, NORTH_STAFF, "Which admission day do the labs refer to?", "k")
    again = service.request_more_info(c.id, NORTH_STAFF, "Which admission day do the labs refer to?", "k")
    assert reply == again and reply.side is ReplySide.OFFICE
    assert service.get(c.id).state is ClarificationState.OPEN
    [note] = [row for row in rows(db_factory, c.id) if row.kind == "asker_thread"]
    assert "needs more information" in note.payload["text"]
    assert actions(service, c.id) == ["asked", "more_info_requested"]


def test_replies_are_relayed_once_per_event(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    office_reply = service.add_reply(c.id, ReplySide.OFFICE, NORTH_STAFF, "Checking with Dr. Patel", "Ev1")
    assert office_reply is not None
    assert service.add_reply(c.id, ReplySide.OFFICE, NORTH_STAFF, "Checking with Dr. Patel", "Ev1") is None
    coder_reply = service.add_reply(c.id, ReplySide.ASKER, CODER, "Thanks!", "Ev2")
    assert coder_reply is not None
    assert [r.id for r in service.replies(c.id)] == [office_reply.id, coder_reply.id]
    notes = [row for row in rows(db_factory, c.id) if row.kind.endswith("_thread")]
    assert [(n.kind, n.channel) for n in notes] == [("asker_thread", "UCODER"), ("office_thread", "C0NORTH")]
    assert actions(service, c.id) == ["asked", "replied", "replied"]


def test_replies_are_guarded(service: ClarificationService, world: World, db_factory: DbFactory) -> None:
    c = ask(service, world)
    with pytest.raises(PhiRefused):
        service.add_reply(c.id, ReplySide.ASKER, CODER, "Her SSN is 123-45-6789", "Ev1")
    with pytest.raises(NotAuthorized):
        service.add_reply(c.id, ReplySide.OFFICE, CODER, "pretending to be the office", "Ev2")
    with pytest.raises(ValidationFailed):
        service.add_reply(c.id, ReplySide.ASKER, CODER, "   ", "Ev3")
    assert service.replies(c.id) == []
    service.close_unanswered(c.id, CODER, "Asked by phone instead")
    with pytest.raises(InvalidTransition, match="finished"):
        service.add_reply(c.id, ReplySide.ASKER, CODER, "one more thing", "Ev4")


# --- resolving, closing, reopening -------------------------------------------------------------------------


def test_full_lifecycle_and_history(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    with pytest.raises(InvalidTransition, match="no answer yet"):
        service.resolve(c.id, CODER, Outcome.CHANGED)
    service.answer(c.id, NORTH_STAFF, Answer(choice="Acute blood loss anemia"), "k")
    with pytest.raises(NotAuthorized):
        service.resolve(c.id, CODER2, Outcome.CHANGED)
    resolved = service.resolve(c.id, CODER, Outcome.CHANGED)
    assert (resolved.state, resolved.outcome, resolved.version) == (
        ClarificationState.RESOLVED,
        Outcome.CHANGED,
        3,
    )
    assert service.resolve(c.id, CODER, Outcome.CHANGED) == resolved  # a double click
    with pytest.raises(InvalidTransition):
        service.resolve(c.id, CODER, Outcome.CONFIRMED)
    assert actions(service, c.id) == ["asked", "answered", "refused", "resolved"]
    [note] = [row for row in rows(db_factory, c.id) if row.kind == "office_thread"]
    assert "changed the code" in note.payload["text"]


def test_close_unanswered_needs_a_reason(service: ClarificationService, world: World) -> None:
    c = ask(service, world)
    with pytest.raises(ValidationFailed, match="reason"):
        service.close_unanswered(c.id, LEAD, "  ")
    closed = service.close_unanswered(c.id, LEAD, "No response after two reminders")
    assert (closed.state, closed.close_reason) == (
        ClarificationState.CLOSED_UNANSWERED,
        "No response after two reminders",
    )
    with pytest.raises(InvalidTransition, match="closed without an answer"):
        service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    [entry] = [e for e in service.history(c.id) if e.action == "closed_unanswered"]
    assert entry.actor_id == LEAD.user_id


def test_closing_an_answered_clarification_is_refused(service: ClarificationService, world: World) -> None:
    c = ask(service, world)
    service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    with pytest.raises(InvalidTransition, match="resolve it instead"):
        service.close_unanswered(c.id, CODER, "changed my mind")


def test_reopen_keeps_the_previous_answer_in_the_audit(
    service: ClarificationService, world: World, relay_clock: FakeClock
) -> None:
    c = ask(service, world)
    service.answer(c.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    service.resolve(c.id, CODER, Outcome.CONFIRMED)
    with pytest.raises(NotAuthorized):
        service.reopen(c.id, CODER, "wrong")
    relay_clock.advance(days=1)
    reopened = service.reopen(c.id, LEAD, "Answer conflicts with the discharge summary")
    assert reopened.state is ClarificationState.OPEN
    assert (reopened.answer, reopened.answered_by, reopened.outcome) == (None, None, None)
    assert reopened.due_at > c.due_at
    [entry] = [e for e in service.history(c.id) if e.action == "reopened"]
    assert entry.detail["previous_answer"] == {"choice": "Iron deficiency anemia", "text": ""}
    assert entry.detail["previous_outcome"] == "confirmed"
    with pytest.raises(InvalidTransition, match="already open"):
        service.reopen(c.id, LEAD, "again")
    answered = service.answer(c.id, NORTH_STAFF, Answer(choice="Acute blood loss anemia"), "k2")
    assert answered.answer == Answer(choice="Acute blood loss anemia")


# --- reading ---------------------------------------------------------------------------------------------


def test_lists(service: ClarificationService, world: World, relay_clock: FakeClock) -> None:
    mine = ask(service, world, key="a")
    theirs = service.ask(make_draft(world.south.id), CODER2, asker_channel="UCODER2", idempotency_key="b")
    now = relay_clock.now
    assert [c.id for c in service.list(ListFilter.MINE, CODER, now)] == [mine.id]
    assert [c.id for c in service.list(ListFilter.ALL, LEAD, now)] == [theirs.id, mine.id]
    with pytest.raises(NotAuthorized):
        service.list(ListFilter.ALL, CODER, now)
    assert [c.id for c in service.list(ListFilter.OFFICE, LEAD, now, office_id=world.south.id)] == [theirs.id]
    assert service.list(ListFilter.OVERDUE, LEAD, now) == []
    later = now + timedelta(days=30)
    assert [c.id for c in service.list(ListFilter.OVERDUE, LEAD, later)] == [theirs.id, mine.id]
    assert [c.id for c in service.list(ListFilter.OVERDUE, CODER, later)] == [mine.id]
    assert [c.id for c in service.list(ListFilter.OVERDUE, SOUTH_STAFF, later)] == [theirs.id]
    service.answer(mine.id, NORTH_STAFF, Answer(choice="Iron deficiency anemia"), "k")
    assert [c.id for c in service.list(ListFilter.OVERDUE, LEAD, later)] == [theirs.id]
    assert service.list(ListFilter.MINE, CODER, now, states=[ClarificationState.OPEN]) == []


def test_thread_target_finds_the_clarification_of_a_thread(
    service: ClarificationService, world: World, db_factory: DbFactory
) -> None:
    c = ask(service, world)
    db = db_factory()
    office_post, tracking = outbox.for_clarification(db, c.id)
    outbox.mark_sent(db, office_post, ts="111.1", channel="C0NORTH", now=c.created_at)
    outbox.mark_sent(db, tracking, ts="222.2", channel="D0CODER", now=c.created_at)
    assert service.thread_target("C0NORTH", "111.1") == (c.id, ReplySide.OFFICE)
    assert service.thread_target("D0CODER", "222.2") == (c.id, ReplySide.ASKER)
    assert service.thread_target("C0NORTH", "222.2") is None
    stored = clarifications.get(db, c.id)
    assert stored is not None and (stored.office_ts, stored.asker_ts) == ("111.1", "222.2")


# --- offices and roles -----------------------------------------------------------------------------------


def test_office_validation(service: ClarificationService, world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        service.add_office(
            ADMIN,
            name="north clinic",
            channel_id="C0NORTH",
            tz="Mars/Olympus",
            open_=time(18),
            close=time(9),
            sla_hours=0,
        )
    assert set(caught.value.errors) == {"name", "channel_id", "tz", "close", "sla_hours"}
    edited = service.edit_office(LEAD, world.south.id, sla_hours=48, open_=time(9), name="South Surgery Ltd")
    assert (edited.sla_hours, edited.open, edited.name) == (48, time(9), "South Surgery Ltd")
    removed = service.remove_office(ADMIN, world.south.id)
    assert not removed.active
    assert [o.name for o in service.list_offices()] == ["North Clinic"]
    assert service.offices_of(NORTH_STAFF) == [world.north]
    office_actions = [e.action for e in audit.recent(service_db(service)) if e.clarification_id is None]
    assert office_actions.count("office_edited") == 2


def service_db(service: ClarificationService) -> sqlite_utils.Database:
    return service._db_factory()


def test_the_last_admin_stays(service: ClarificationService, world: World) -> None:
    assert not service.bootstrap_admin("USOMEONE")
    with pytest.raises(ValidationFailed, match="last admin"):
        service.revoke_role(ADMIN, ADMIN.user_id)
    service.grant_role(ADMIN, LEAD.user_id, Role.ADMIN)
    assert service.revoke_role(LEAD, ADMIN.user_id)
    assert service.role_of(ADMIN.user_id) is None
