"""Values in signed payloads are checked before use: ids are positive integers in range, a choice is one the
question offers (or text the PHI guard reads), every field has the type Slack sends. A payload Slack would never
send is answered "could not read that" (in the modal, as a 400, or ephemerally), never a 500 or a traceback."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot import ids
from bot.commands.clarify_parse import MAX_ID, parse_id, parse_modal_context, positive_id
from bot.payload_shape import COULD_NOT_READ, shape_problem
from bot.relay.service import ClarificationService
from storage import audit
from storage.clarifications import ClarificationState
from tests.clarify.driver import (
    CODER,
    NORTH_DOC,
    Relay,
    ack_body,
    answer_values,
    clarify_values,
    with_payload,
)
from tests.signing import block_actions_body, event_body, slash_command_body


def _no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert bad == [], [r.getMessage() for r in bad]


@pytest.mark.parametrize("raw", [True, False, 0, -1, MAX_ID + 1, 10**30, 2.0, "1", None, [1]])
def test_an_id_in_private_metadata_must_be_a_positive_integer_in_range(raw: object) -> None:
    assert parse_modal_context(json.dumps({"id": raw, "mode": "answer"}), ("answer",)) is None


def test_ids_from_text_and_values() -> None:
    assert positive_id(7) == 7 and positive_id("#12") == 12 and positive_id(MAX_ID) == MAX_ID
    assert positive_id(True) is None and positive_id(0) is None and positive_id("0") is None
    assert positive_id("9" * 40) is None and positive_id(1.0) is None
    assert parse_id("000") is None


def test_true_in_private_metadata_is_not_clarification_1(
    relay_driver: Relay, relay: ClarificationService, caplog: pytest.LogCaptureFixture
) -> None:
    first = relay_driver.ask()
    metadata = json.dumps({"id": True, "mode": "answer"})
    outcome = relay_driver.submit(
        ids.ANSWER_MODAL, answer_values("Acute blood loss anemia"), NORTH_DOC, "V1", metadata
    )
    assert "out of date" in json.dumps(ack_body(outcome))
    assert relay.get(first).state is ClarificationState.OPEN
    _no_errors_logged(caplog)


@pytest.mark.parametrize("huge", [10**30, 2**63, MAX_ID + 1])
def test_a_huge_id_is_out_of_date_not_an_overflow(
    huge: int, relay_driver: Relay, caplog: pytest.LogCaptureFixture
) -> None:
    relay_driver.ask()
    for callback_id, values in ((ids.ANSWER_MODAL, answer_values("x")), (ids.CLOSE_MODAL, {})):
        metadata = json.dumps({"id": huge, "mode": "answer" if callback_id == ids.ANSWER_MODAL else "close"})
        outcome = relay_driver.submit(callback_id, values, NORTH_DOC, f"V{callback_id}", metadata)
        assert "out of date" in json.dumps(ack_body(outcome))
    for text in (f"show {huge}", f"close {huge} reason:dup"):
        assert "needs a clarification number" in relay_driver.reply_text(relay_driver.command(text)) or (
            "takes one clarification number" in relay_driver.reply_text(relay_driver.command(text))
        )
    _no_errors_logged(caplog)


@pytest.mark.parametrize(
    ("forged", "refusal"),
    [
        ("<!channel> see chart", "takes a written answer"),
        ("Maria Gonzalez", "patient name"),
        ("DOB 03/03/1950", "date of birth"),
    ],
)
def test_a_forged_choice_on_an_open_ended_answer_is_refused(
    forged: str, refusal: str, relay_driver: Relay, relay: ClarificationService
) -> None:
    cid = relay_driver.ask(format="open_ended", options="")
    mark = relay_driver.fake.mark()
    outcome = relay_driver.answer(cid, choice=forged, text="Acute blood loss anemia per H/H.", view_id="VF")
    ack = ack_body(outcome)
    assert refusal in json.dumps(ack), ack
    assert forged.split()[-1] not in json.dumps(ack)
    c = relay.get(cid)
    assert c.state is ClarificationState.OPEN and c.answer is None
    relay_driver.deliver()
    assert forged not in json.dumps([call.body for call in relay_driver.fake.calls_since(mark)])
    if refusal != "takes a written answer":
        assert audit.recent(relay._db_factory(), action="phi_refused", limit=5)[0].detail["fields"] == [
            "choice"
        ]


def test_an_open_ended_answer_without_a_choice_still_works(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    cid = relay_driver.ask(format="open_ended", options="")
    relay_driver.answer(cid, choice=None, text="Acute blood loss anemia.", view_id="VOK")
    assert relay.get(cid).state is ClarificationState.ANSWERED


@pytest.mark.parametrize(
    ("block", "element"),
    [
        ("office_id", {"type": "static_select", "selected_option": {"value": "9" * 30}}),
        ("office_id", {"type": "static_select", "selected_option": {"value": ["1"]}}),
        ("format", {"type": "radio_buttons", "selected_option": {"value": "anything"}}),
        ("due_at", {"type": "datetimepicker", "selected_date_time": 10**20}),
        ("due_at", {"type": "datetimepicker", "selected_date_time": True}),
        ("question", {"type": "plain_text_input", "value": {"text": "nested"}}),
        ("review", {"type": "checkboxes", "selected_options": "yes"}),
    ],
)
def test_an_unreadable_form_value_is_said_in_the_modal(
    block: str,
    element: dict[str, Any],
    relay_driver: Relay,
    relay: ClarificationService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    values = clarify_values(relay_driver.office_id)
    values[block] = {block: element}
    outcome = relay_driver.submit(ids.CLARIFY_MODAL, values, CODER, "VBAD")
    ack = ack_body(outcome)
    assert ack["response_action"] == "update" and "could not read that form" in json.dumps(ack)
    assert relay.list_offices() and outcome.calls == []
    _no_errors_logged(caplog)


def _interaction(body: str, **changes: Any) -> str:
    return with_payload(body, **changes)


def _button(relay_driver: Relay) -> str:
    return block_actions_body(ids.CLARIFICATION_ANSWER, "1", response_url=relay_driver.fake.response_url("b"))


MALFORMED: dict[str, Any] = {
    "actions: []": lambda b: _interaction(b, actions=[]),
    "actions: not a list": lambda b: _interaction(b, actions="answer"),
    "an action that is a number": lambda b: _interaction(b, actions=[5]),
    "an action without action_id": lambda b: _interaction(b, actions=[{"value": "1"}]),
    "user is a list": lambda b: _interaction(b, user=["W111"]),
    "view without callback_id": lambda b: _interaction(b, type="view_submission", view={"id": "V1"}),
    "view state values a list": lambda b: _interaction(
        b, type="view_submission", view={"id": "V1", "callback_id": ids.ANSWER_MODAL, "state": {"values": []}}
    ),
    "shortcut without callback_id": lambda b: _interaction(b, type="shortcut", callback_id=None),
    "type is a dict": lambda b: _interaction(b, type={"a": 1}),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_signed_interaction_gets_a_400_and_no_traceback(
    name: str, relay_driver: Relay, caplog: pytest.LogCaptureFixture
) -> None:
    relay_driver.ask()
    mark = relay_driver.fake.mark()
    outcome = relay_driver.run(MALFORMED[name](_button(relay_driver)))
    assert (outcome.response.status, outcome.response.body) == (400, COULD_NOT_READ)
    assert relay_driver.fake.calls_since(mark) == [] or all(
        c.method == "auth.test" for c in relay_driver.fake.calls_since(mark)
    )
    _no_errors_logged(caplog)


@pytest.mark.parametrize(
    "event",
    [
        "a string",
        {"type": ["message"]},
        {"type": "message", "user": {"id": "U1"}, "ts": "1.2", "thread_ts": "1.1", "channel": "C0NORTH"},
        {"type": "message", "text": ["x"], "user": "U1", "ts": "1.2", "thread_ts": "1.1", "channel": "C1"},
    ],
)
def test_a_malformed_signed_event_gets_a_400(
    event: Any, relay_driver: Relay, caplog: pytest.LogCaptureFixture
) -> None:
    outcome = relay_driver.run(event_body(event))
    assert outcome.response.status == 400
    _no_errors_logged(caplog)


def test_a_command_whose_text_is_not_text_gets_a_400() -> None:
    body = {k: v[0] for k, v in parse_qs(slash_command_body("/code", "x")).items()}
    assert shape_problem(body) is None
    assert shape_problem({**body, "user_id": None}) == "user_id"
    assert shape_problem({**body, "text": 5}) == "text"


def test_well_formed_payloads_pass_the_shape_check() -> None:
    for body in (
        json.loads(parse_qs(block_actions_body("a", "1"))["payload"][0]),
        json.loads(event_body({"type": "app_home_opened", "user": "U1", "tab": "home"})),
    ):
        assert shape_problem(body) is None
