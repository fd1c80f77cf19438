"""The whole path through signed requests and the fake Web API: ask -> office post -> tracking message ->
answer -> office post updated -> answer relayed -> follow-ups both ways -> resolve."""

from __future__ import annotations

import json

import pytest

from bot import ids
from bot.relay.service import ClarificationService
from bot.services import Services
from storage.clarifications import ClarificationState, Outcome
from tests.clarify.conftest import World
from tests.clarify.driver import (
    CODER,
    INDICATORS,
    LEAD,
    NORTH_DOC,
    OPTIONS,
    QUESTION,
    Relay,
    ack_body,
    action_ids,
    shown_text,
)

# The same scenarios over Socket Mode, and on both backends (tests/backends.py).
pytestmark = [pytest.mark.transports("http", "socket"), pytest.mark.backends]


def test_slash_command_opens_the_form_with_the_offices(relay_driver: Relay, world: World) -> None:
    outcome = relay_driver.command("")

    assert outcome.response.status == 200
    assert [c.method for c in outcome.calls] == ["views.open"]
    call = outcome.calls[0]
    assert call.body["trigger_id"] == "1.trigger"
    view = call.body["view"]
    assert view["callback_id"] == ids.CLARIFY_MODAL
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    offices = [o["text"]["text"] for o in blocks["office_id"]["element"]["options"]]
    assert offices == ["North Clinic", "South Surgery"]
    assert blocks["options"]["element"]["initial_value"] == "Other (please specify)\nClinically undetermined"
    assert {"encounter_ref", "codes", "question", "format", "indicators", "due_at", "review"} <= set(blocks)


def test_ask_answer_follow_up_and_resolve(
    relay_driver: Relay, relay: ClarificationService, world: World
) -> None:
    r = relay_driver

    # 1. The coder submits the form: stored, confirmed in the modal, nothing posted before the outbox runs.
    submitted = r.submit_clarify()
    ack = ack_body(submitted)
    assert ack["response_action"] == "update"
    assert "Clarification #1* is saved and will be posted to North Clinic" in json.dumps(ack["view"])
    assert submitted.calls == []
    c = relay.get(1)
    assert (c.state, c.asker_channel, c.options) == (ClarificationState.OPEN, CODER.user_id, OPTIONS)

    # 2. The outbox posts to the office channel (with the buttons) and the coder's DM (tracking message).
    first = r.deliver()
    assert [(x.method, x.body["channel"]) for x in first] == [
        ("chat.postMessage", "C0NORTH"),
        ("chat.postMessage", CODER.user_id),
    ]
    office_post, tracking = first
    office_ts, tracking_ts = office_post.response["ts"], tracking.response["ts"]  # type: ignore[index]
    dm = tracking.response["channel"]  # type: ignore[index]
    assert dm == "D_UCODER"
    assert action_ids(office_post.body) == [ids.CLARIFICATION_ANSWER, ids.CLARIFICATION_MORE_INFO]
    buttons = office_post.body["blocks"][-1]["elements"]
    assert [b["value"] for b in buttons] == ["1", "1"]
    shown = shown_text(office_post.body)
    assert QUESTION in shown and "ENC-2026-00042" in shown and "D64.9" in shown
    assert "Hgb 7.1 g/dL" in shown and "Asked by <@UCODER>" in shown
    assert "Your clarification #1" in shown_text(tracking.body)
    assert action_ids(tracking.body) == []

    # 3. The office clicks Answer: the modal offers the query's options.
    clicked = r.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC, message_ts=office_ts)
    assert [x.method for x in clicked.calls] == ["views.open"]
    modal = clicked.calls[0].body["view"]
    assert modal["callback_id"] == ids.ANSWER_MODAL
    assert json.loads(modal["private_metadata"]) == {"id": 1, "mode": "answer"}
    choice = next(b for b in modal["blocks"] if b.get("block_id") == "choice")
    assert [o["value"] for o in choice["element"]["options"]] == list(OPTIONS)

    # 4. The office answers: recorded, the modal says so.
    answered = r.answer(1, choice=OPTIONS[0], text="Per the H/H trend and transfusion.")
    assert ack_body(answered)["response_action"] == "update"
    assert "recorded" in json.dumps(ack_body(answered)["view"])
    assert relay.get(1).state is ClarificationState.ANSWERED

    # 5. The office post loses its buttons and says who answered; the coder's copy and thread get the answer.
    second = r.deliver()
    assert [(x.method, x.body["channel"], x.body.get("ts"), x.body.get("thread_ts")) for x in second] == [
        ("chat.update", "C0NORTH", office_ts, None),
        ("chat.update", dm, tracking_ts, None),
        ("chat.postMessage", dm, None, tracking_ts),
    ]
    office_update, tracking_update, relayed = second
    assert action_ids(office_update.body) == []
    assert "*Answered* by <@UNORTHDOC> at <!date^" in shown_text(office_update.body)
    assert "*Acute blood loss anemia*" in shown_text(office_update.body)
    assert action_ids(tracking_update.body) == [ids.CLARIFICATION_RESOLVE]
    assert "<@UNORTHDOC> answered clarification #1: *Acute blood loss anemia*" in relayed.body["text"]

    # 6. Follow-up from the coder in their DM thread goes to the office thread, marked with who wrote it.
    r.thread_message(dm, tracking_ts, CODER, "Was the EBL documented by the surgeon?", "EvCoder1")
    to_office = r.deliver()
    assert [(x.method, x.body["channel"], x.body.get("thread_ts")) for x in to_office] == [
        ("chat.postMessage", "C0NORTH", office_ts)
    ]
    assert to_office[0].body["text"] == "Coder <@UCODER>:\n>Was the EBL documented by the surgeon?"

    # ... and the office's reply in its thread goes back to the coder's.
    r.thread_message("C0NORTH", office_ts, NORTH_DOC, "Yes, in the op note.", "EvOffice1")
    to_coder = r.deliver()
    assert [(x.method, x.body["channel"], x.body.get("thread_ts")) for x in to_coder] == [
        ("chat.postMessage", dm, tracking_ts)
    ]
    assert to_coder[0].body["text"] == "Office <@UNORTHDOC>:\n>Yes, in the op note."

    # 7. The coder resolves from the tracking message's menu: both posts updated, the office thanked.
    resolved = r.click(ids.CLARIFICATION_RESOLVE, "1:changed", CODER, channel=dm, selected=True)
    assert "Resolved #1 (agreed, code changed)" in r.reply_text(resolved)
    final = r.deliver()
    assert [(x.method, x.body["channel"], x.body.get("thread_ts")) for x in final] == [
        ("chat.update", "C0NORTH", None),
        ("chat.update", dm, None),
        ("chat.postMessage", "C0NORTH", office_ts),
    ]
    assert "*Resolved* (agreed, code changed)" in shown_text(final[0].body)
    assert action_ids(final[1].body) == []
    assert "changed the code" in final[2].body["text"]
    c = relay.get(1)
    assert (c.state, c.outcome) == (ClarificationState.RESOLVED, Outcome.CHANGED)

    # 8. The permanent record: every step, in order.
    actions = [e.action for e in relay.history(1)]
    assert actions == ["asked", "answered", "replied", "replied", "resolved"]
    shown = r.reply_text(r.command("show 1"))
    assert "Clarification #1" in shown and "Coder <@UCODER>: Was the EBL documented" in shown
    assert INDICATORS[:20] in shown


def test_need_more_information_goes_to_the_coder_and_keeps_it_open(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    r = relay_driver
    r.ask()
    tracking = r.deliver()[1]

    clicked = r.click(ids.CLARIFICATION_MORE_INFO, "1", NORTH_DOC)
    modal = clicked.only("views.open").body["view"]
    assert json.loads(modal["private_metadata"]) == {"id": 1, "mode": "more_info"}
    sent = r.answer(1, choice=None, text="Which admission is this about?", view_id="VMORE1", mode="more_info")
    assert ack_body(sent)["response_action"] == "update"

    relayed = r.deliver()
    assert [(x.method, x.body.get("thread_ts")) for x in relayed] == [
        ("chat.postMessage", tracking.response["ts"])  # type: ignore[index]
    ]
    assert "needs more information to answer #1" in relayed[0].body["text"]
    assert relay.get(1).state is ClarificationState.OPEN


def test_open_ended_and_yes_no_answer_forms_match_the_format(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    r = relay_driver
    r.ask(view_id="VOPEN", format="open_ended", options="", question="What caused the anemia, clinically?")
    r.ask(
        view_id="VYESNO",
        format="yes_no",
        options="",
        documented_diagnosis=True,
        question="Is the documented anemia due to acute blood loss?",
    )
    open_form = r.click(ids.CLARIFICATION_ANSWER, "1", NORTH_DOC).only("views.open").body["view"]
    yes_no_form = r.click(ids.CLARIFICATION_ANSWER, "2", NORTH_DOC).only("views.open").body["view"]

    assert [b.get("block_id") for b in open_form["blocks"] if b["type"] == "input"] == ["text"]
    choice = next(b for b in yes_no_form["blocks"] if b.get("block_id") == "choice")
    assert [o["value"] for o in choice["element"]["options"]] == ["Yes", "No", "Clinically undetermined"]

    missing = ack_body(r.answer(1, choice=None, text="", view_id="VA1"))
    assert missing == {"response_action": "errors", "errors": {"text": "Enter the answer."}}
    assert (
        ack_body(r.answer(2, choice="Yes", text="See op note.", view_id="VA2"))["response_action"] == "update"
    )
    assert relay.get(2).answer is not None and relay.get(2).answer.choice == "Yes"  # type: ignore[union-attr]


def test_close_and_reopen_by_command_and_by_form(relay_driver: Relay, relay: ClarificationService) -> None:
    r = relay_driver
    r.ask()
    r.deliver()

    closed = r.command("close 1 reason: duplicate of an earlier query")
    assert "Closed #1 without an answer" in r.reply_text(closed)
    notes = r.deliver()
    assert [x.method for x in notes] == ["chat.update", "chat.update", "chat.postMessage"]
    assert "duplicate of an earlier query" in notes[2].body["text"]

    asked_for_reason = r.command("reopen 1", actor=CODER)
    assert "Only leads and admins" in r.reply_text(asked_for_reason)

    form = r.command("reopen 1", actor=LEAD).only("views.open").body["view"]
    assert form["callback_id"] == ids.CLOSE_MODAL
    assert ack_body(r.close_form(1, "", LEAD, mode="reopen"))["response_action"] == "errors"
    reopened = ack_body(r.close_form(1, "the office asked to answer after all", LEAD, mode="reopen"))
    assert reopened["response_action"] == "update"
    assert relay.get(1).state is ClarificationState.OPEN


def test_list_commands(relay_driver: Relay, world: World) -> None:
    r = relay_driver
    r.ask(view_id="V1")
    r.ask(view_id="V2", office_id=world.south.id)

    mine = r.reply_text(r.command("list"))
    assert "#1* North Clinic" in mine and "#2* South Surgery" in mine
    office = r.reply_text(r.command("list office north clinic", actor=LEAD))
    assert "#1*" in office and "#2*" not in office
    assert "#1*" in r.reply_text(r.command("list office North Clinic", actor=NORTH_DOC))
    assert "only list the clarifications of your own office" in r.reply_text(
        r.command("list office north clinic")
    )
    assert "none" in r.reply_text(r.command("list overdue"))
    r.clock.advance(days=20)  # 72 business hours in the office's 08:00-17:00 is well over a week
    overdue = r.reply_text(r.command("list overdue"))
    assert "#1*" in overdue and ":warning: *overdue*" in overdue
    assert "Only leads and admins" in r.reply_text(r.command("list all"))
    assert "There is no office called Nowhere" in r.reply_text(r.command("list office Nowhere"))


def test_a_clarification_counts_its_codes_for_the_update_notice(
    relay_driver: Relay, services: Services, world: World
) -> None:
    """The code-set update notice counts what the team used: codes on clarifications as well as checks and
    picks (per code and day, no user, no clarification id)."""
    from storage.usage import code_use_counts

    relay_driver.submit_clarify(codes="D69.1, I42.0")
    db = services.db_factory()
    try:
        today = services.clock().date()
        counts = code_use_counts(db, today, today)
    finally:
        db.close()
    assert counts == {"D691": {"clarification": 1}, "I420": {"clarification": 1}}
