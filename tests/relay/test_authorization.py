"""The authorization matrix, table-driven, and its use by the service (refusals are audited)."""

from __future__ import annotations

import pytest

from bot.relay.service import (
    AccessFacts,
    Action,
    Actor,
    ClarificationService,
    ListFilter,
    NotAuthorized,
    decide,
)
from storage.clarifications import ReplySide
from storage.roles import Role
from tests.relay.conftest import (
    ADMIN,
    CODER,
    CODER2,
    LEAD,
    MONDAY_9AM_CHICAGO,
    NORTH_STAFF,
    SOUTH_STAFF,
    STRANGER,
    World,
    make_draft,
)

A = Action
ADMIN_F = AccessFacts(role=Role.ADMIN)
LEAD_F = AccessFacts(role=Role.LEAD)
CODER_F = AccessFacts(role=Role.CODER)
OWN_CODER = AccessFacts(role=Role.CODER, is_asker=True)
MEMBER = AccessFacts(role=None, is_office_member=True)
NOBODY = AccessFacts(role=None)

# (action, facts, allowed)
MATRIX = [
    *[(action, ADMIN_F, True) for action in Action],
    (A.MANAGE_OFFICES, LEAD_F, True),
    (A.MANAGE_OFFICES, CODER_F, False),
    (A.MANAGE_OFFICES, MEMBER, False),
    (A.GRANT_ROLE, AccessFacts(role=Role.LEAD, target_role=Role.CODER), True),
    (A.GRANT_ROLE, AccessFacts(role=Role.LEAD, target_role=Role.LEAD), True),
    (A.GRANT_ROLE, AccessFacts(role=Role.LEAD, target_role=Role.ADMIN), False),
    (A.REVOKE_ROLE, AccessFacts(role=Role.LEAD, target_role=Role.ADMIN), False),
    (A.GRANT_ROLE, AccessFacts(role=Role.CODER, target_role=Role.CODER), False),
    (A.ASK, LEAD_F, True),
    (A.ASK, CODER_F, True),
    (A.ASK, MEMBER, False),
    (A.ASK, NOBODY, False),
    (A.ANSWER, MEMBER, True),
    (A.ANSWER, AccessFacts(role=Role.CODER, is_office_member=True), True),
    (A.ANSWER, LEAD_F, False),
    (A.ANSWER, OWN_CODER, False),
    (A.ANSWER, NOBODY, False),
    (A.REQUEST_MORE_INFO, MEMBER, True),
    (A.REQUEST_MORE_INFO, OWN_CODER, False),
    (A.REPLY_AS_OFFICE, MEMBER, True),
    (A.REPLY_AS_OFFICE, OWN_CODER, False),
    (A.REPLY_AS_ASKER, OWN_CODER, True),
    (A.REPLY_AS_ASKER, CODER_F, False),
    (A.REPLY_AS_ASKER, MEMBER, False),
    (A.REPLY_AS_ASKER, AccessFacts(role=None, is_asker=True), False),  # role revoked since asking
    (A.RESOLVE, OWN_CODER, True),
    (A.RESOLVE, CODER_F, False),
    (A.RESOLVE, LEAD_F, False),
    (A.RESOLVE, MEMBER, False),
    (A.CLOSE, OWN_CODER, True),
    (A.CLOSE, LEAD_F, True),
    (A.CLOSE, CODER_F, False),
    (A.CLOSE, MEMBER, False),
    (A.REOPEN, LEAD_F, True),
    (A.REOPEN, OWN_CODER, False),
    (A.REOPEN, MEMBER, False),
    (A.VIEW, LEAD_F, True),
    (A.VIEW, OWN_CODER, True),
    (A.VIEW, MEMBER, True),
    (A.VIEW, CODER_F, False),
    (A.VIEW, NOBODY, False),
    (A.LIST_MINE, CODER_F, True),
    (A.LIST_MINE, MEMBER, False),
    (A.LIST_OFFICE, MEMBER, True),
    (A.LIST_OFFICE, LEAD_F, True),
    (A.LIST_OFFICE, CODER_F, False),
    (A.LIST_OVERDUE, CODER_F, True),
    (A.LIST_OVERDUE, MEMBER, True),
    (A.LIST_OVERDUE, NOBODY, False),
    (A.LIST_ALL, LEAD_F, True),
    (A.LIST_ALL, CODER_F, False),
    (A.LIST_ALL, MEMBER, False),
    (A.EXPORT, LEAD_F, True),
    (A.EXPORT, CODER_F, False),
    (A.EXPORT, OWN_CODER, False),
    (A.EXPORT, MEMBER, False),
]


@pytest.mark.parametrize(("action", "facts", "allowed"), MATRIX)
def test_matrix(action: Action, facts: AccessFacts, allowed: bool) -> None:
    decision = decide(action, facts)
    assert decision.allowed is allowed
    assert decision.reason


def test_every_action_refuses_a_stranger() -> None:
    for action in Action:
        assert not decide(action, NOBODY).allowed


def test_office_staff_see_only_their_office(service: ClarificationService, world: World) -> None:
    north_question = service.ask(
        make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="1"
    )
    assert service.authorize(NORTH_STAFF, Action.ANSWER, north_question).allowed
    assert not service.authorize(SOUTH_STAFF, Action.ANSWER, north_question).allowed
    with pytest.raises(NotAuthorized):
        service.get(north_question.id, SOUTH_STAFF)
    assert service.get(north_question.id, NORTH_STAFF).id == north_question.id
    assert service.list(ListFilter.OFFICE, SOUTH_STAFF, MONDAY_9AM_CHICAGO) == []
    assert [c.id for c in service.list(ListFilter.OFFICE, NORTH_STAFF, MONDAY_9AM_CHICAGO)] == [
        north_question.id
    ]
    with pytest.raises(NotAuthorized):
        service.list(ListFilter.OFFICE, SOUTH_STAFF, MONDAY_9AM_CHICAGO, office_id=world.north.id)


def test_slack_connect_team_must_match(service: ClarificationService, world: World) -> None:
    question = service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="1")
    impostor = Actor(NORTH_STAFF.user_id, "TSOMEONE_ELSE")
    assert not service.authorize(impostor, Action.ANSWER, question).allowed


def test_refusals_are_audited(service: ClarificationService, world: World) -> None:
    question = service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="1")
    with pytest.raises(NotAuthorized, match="Only the coder who asked"):
        service.add_reply(question.id, ReplySide.ASKER, CODER2, "me too", "Ev1")
    refusals = [entry for entry in service.history(question.id) if entry.action == "refused"]
    assert [(r.actor_id, r.detail["attempted"]) for r in refusals] == [(CODER2.user_id, "reply_as_asker")]


def test_authorize_can_skip_recording(service: ClarificationService, world: World) -> None:
    question = service.ask(make_draft(world.north.id), CODER, asker_channel="UCODER", idempotency_key="1")
    assert not service.authorize(STRANGER, Action.VIEW, question, record=False).allowed
    assert not [e for e in service.history(question.id) if e.action == "refused"]


def test_roles_lead_cannot_touch_admins(service: ClarificationService, world: World) -> None:
    with pytest.raises(NotAuthorized, match="admin role"):
        service.grant_role(LEAD, CODER.user_id, Role.ADMIN)
    with pytest.raises(NotAuthorized, match="admin role"):
        service.grant_role(LEAD, ADMIN.user_id, Role.CODER)
    with pytest.raises(NotAuthorized, match="admin role"):
        service.revoke_role(LEAD, ADMIN.user_id)
    with pytest.raises(NotAuthorized):
        service.grant_role(CODER, CODER2.user_id, Role.LEAD)
    service.grant_role(LEAD, CODER2.user_id, Role.LEAD)
    assert service.role_of(CODER2.user_id) is Role.LEAD
    assert service.revoke_role(LEAD, CODER2.user_id)
    assert service.role_of(CODER2.user_id) is None


def test_office_management_is_for_leads_and_admins(service: ClarificationService, world: World) -> None:
    with pytest.raises(NotAuthorized):
        service.add_office(CODER, name="East", channel_id="C0EAST", tz="America/New_York")
    with pytest.raises(NotAuthorized):
        service.add_office_member(NORTH_STAFF, world.north.id, "UFRIEND", "TNORTH")
    assert service.add_office_member(LEAD, world.north.id, "UFRIEND", "TNORTH")
