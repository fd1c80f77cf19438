"""Who may do what, through Slack: every button, form and thread checks the caller; refusals are ephemeral,
change nothing, post nothing, and are kept in the audit log."""

from __future__ import annotations

import json

import pytest

from bot import ids
from bot.relay.service import Actor, ClarificationService
from storage.clarifications import ClarificationState
from tests.clarify.driver import (
    CODER,
    CODER2,
    GUEST,
    IMPOSTOR,
    LEAD,
    NORTH_DOC,
    SOUTH_DOC,
    Relay,
    ack_body,
)

OFFICE_ONLY = "Only the office this clarification was sent to can answer it."


@pytest.fixture
def asked(relay_driver: Relay) -> Relay:
    relay_driver.ask()
    relay_driver.deliver()
    return relay_driver


@pytest.mark.parametrize(
    ("who", "why"),
    [
        (SOUTH_DOC, "another office's staff"),
        (CODER2, "a coder"),
        (CODER, "the coder who asked"),
        (LEAD, "a lead"),
        (IMPOSTOR, "the office member's user id from another organisation"),
        (GUEST, "a workspace guest without a role"),
    ],
)
@pytest.mark.parametrize("action_id", [ids.CLARIFICATION_ANSWER, ids.CLARIFICATION_MORE_INFO])
def test_only_the_office_can_open_the_answer_forms(
    asked: Relay, relay: ClarificationService, who: Actor, why: str, action_id: str
) -> None:
    outcome = asked.click(action_id, "1", who)

    assert [c.method for c in outcome.calls] == ["response_url"], why
    reply = outcome.calls[0].body
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert OFFICE_ONLY in reply["text"]
    refusal = relay.history(1)[-1]
    assert (refusal.action, refusal.actor_id, refusal.detail["team_id"]) == (
        "refused",
        who.user_id,
        who.team_id,
    )


@pytest.mark.parametrize("who", [SOUTH_DOC, CODER2, CODER, IMPOSTOR, GUEST])
def test_a_forged_answer_submission_is_refused_and_changes_nothing(
    asked: Relay, relay: ClarificationService, who: Actor
) -> None:
    ack = ack_body(asked.answer(1, actor=who))

    assert ack["response_action"] == "update"
    assert OFFICE_ONLY in json.dumps(ack["view"])
    assert relay.get(1).state is ClarificationState.OPEN
    assert asked.deliver() == []


def test_the_office_member_from_the_right_organisation_may_answer(asked: Relay) -> None:
    assert [c.method for c in asked.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC).calls] == ["views.open"]


@pytest.mark.parametrize("who", [NORTH_DOC, CODER2, GUEST, LEAD])
def test_only_the_asker_resolves(asked: Relay, relay: ClarificationService, who: Actor) -> None:
    asked.answer(1)
    asked.deliver()

    outcome = asked.click(ids.CLARIFICATION_RESOLVE, "1:confirmed", who, channel="D_UCODER", selected=True)

    assert "Only the coder who asked can do this." in asked.reply_text(outcome)
    assert relay.get(1).state is ClarificationState.ANSWERED


def test_thread_replies_from_outsiders_are_not_relayed(asked: Relay, relay: ClarificationService) -> None:
    office_ts = relay.get(1).office_ts
    assert office_ts is not None

    coder_in_office_thread = asked.thread_message("C0NORTH", office_ts, CODER2, "Any news?", "Ev1")
    guest = asked.thread_message("C0NORTH", office_ts, GUEST, "Hello?", "Ev2")
    impostor = asked.thread_message("C0NORTH", office_ts, IMPOSTOR, "It is anemia.", "Ev3")

    for outcome, who in ((coder_in_office_thread, CODER2), (guest, GUEST), (impostor, IMPOSTOR)):
        ephemeral = outcome.only("chat.postEphemeral").body
        assert (ephemeral["channel"], ephemeral["user"], ephemeral["thread_ts"]) == (
            "C0NORTH",
            who.user_id,
            office_ts,
        )
        assert ephemeral["text"].startswith("Your message was not passed on to the coder:")
    assert asked.deliver() == []
    assert relay.replies(1) == []


def test_slash_commands_check_the_caller(asked: Relay) -> None:
    refused = asked.reply_text(asked.command("", actor=GUEST))
    assert "Only coders, leads and admins can ask for clarifications." in refused
    assert "/codedesk role grant" in refused
    assert "only see your own clarifications" in asked.reply_text(asked.command("show 1", actor=SOUTH_DOC))
    assert "only see your own clarifications" in asked.reply_text(asked.command("show 1", actor=CODER2))
    assert "Clarification #1" in asked.reply_text(asked.command("show 1", actor=NORTH_DOC))
    assert "Clarification #1" in asked.reply_text(asked.command("show 1", actor=LEAD))
    assert "only list the clarifications of your own office" in asked.reply_text(
        asked.command("list office North Clinic", actor=SOUTH_DOC)
    )
    assert "Only the coder who asked, a lead or an admin can close this." in asked.reply_text(
        asked.command("close 1 reason: not needed", actor=CODER2)
    )
    assert "Only the coder who asked, a lead or an admin can close this." in asked.reply_text(
        asked.command("close 1", actor=NORTH_DOC)
    )


def test_shortcuts_refuse_people_without_a_role(relay_driver: Relay) -> None:
    outcome = relay_driver.shortcut(ids.NEW_CLARIFICATION, actor=GUEST)
    view = outcome.only("views.open").body["view"]
    assert "Only coders, leads and admins can ask for clarifications." in json.dumps(view)
    assert "submit" not in view

    form = relay_driver.shortcut(ids.NEW_CLARIFICATION, actor=CODER).only("views.open").body["view"]
    assert form["callback_id"] == ids.CLARIFY_MODAL and "submit" in form
