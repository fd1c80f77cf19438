"""The modals enforce the compliant-query rules and the PHI guard field by field, before anything is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot import ids
from bot.relay.service import ClarificationService
from bot.services import Services
from storage import outbox
from storage.clarifications import ClarificationState
from tests.clarify.driver import CODER, NORTH_DOC, OPTIONS, Relay, ack_body

pytestmark = pytest.mark.transports("http", "socket")  # the same scenarios over Socket Mode


def stored(services: Services) -> tuple[int, int]:
    db = services.db_factory()
    try:
        clarifications = int(db.execute("SELECT count(*) FROM clarifications").fetchone()[0])
        return clarifications, sum(outbox.counts(db).values())
    finally:
        db.close()


def errors_of(relay_driver: Relay, **fields: Any) -> dict[str, str]:
    ack = ack_body(relay_driver.submit_clarify(**fields))
    assert ack.get("response_action") == "errors", ack
    errors: dict[str, str] = ack["errors"]
    return errors


PHI_CASES = [
    ("encounter_ref", "MRN 00123456", "Encounter reference", "a medical record number"),
    ("codes", "D64.9 555-123-4567", "Codes", "a phone number"),
    ("question", "Patient John Smith: can the anemia type be specified?", "Question", "a patient name"),
    (
        "indicators",
        "DOB 01/02/1950, Hgb 7.1 g/dL, transfused 2 units",
        "Clinical indicators",
        "a date of birth",
    ),
    (
        "options",
        "Acute blood loss anemia\nCall jane@example.com\n" + "\n".join(OPTIONS[2:]),
        "Options",
        "an email",
    ),
]


@pytest.mark.parametrize(("field", "text", "label", "reason"), PHI_CASES)
def test_phi_is_refused_in_every_free_text_field_of_the_form(
    relay_driver: Relay,
    relay: ClarificationService,
    services: Services,
    field: str,
    text: str,
    label: str,
    reason: str,
) -> None:
    errors = errors_of(relay_driver, **{field: text})

    assert field in errors
    assert errors[field].startswith(f"{label} looks like it contains {reason}")
    assert "refer to the encounter by its reference only" in errors[field]
    assert stored(services) == (0, 0)
    assert relay_driver.deliver() == []


def test_phi_refusals_are_audited_by_field_without_the_text(relay_driver: Relay, services: Services) -> None:
    errors_of(relay_driver, question="Mrs. Jones has anemia; which type?")
    db = services.db_factory()
    try:
        action, detail = db.execute("SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        db.close()
    assert action == "phi_refused"
    assert "question" in detail and "Jones" not in detail


def test_phi_is_refused_in_the_answer_and_the_other_forms(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    r = relay_driver
    r.ask()
    r.deliver()

    answer = ack_body(r.answer(1, choice=OPTIONS[2], text="Pt. Mary Jones had a bleed", view_id="VA"))
    assert list(answer["errors"]) == ["text"]
    assert answer["errors"]["text"].startswith("Answer looks like it contains a patient name")

    more = ack_body(r.answer(1, choice=None, text="Call me at 555-123-4567", view_id="VM", mode="more_info"))
    assert more["errors"]["text"].startswith("Message looks like it contains a phone number")

    close = ack_body(r.close_form(1, "patient SSN 123-45-6789 mismatch", CODER))
    assert close["errors"]["reason"].startswith("Reason looks like it contains a Social Security number")

    assert relay.get(1).state is ClarificationState.OPEN
    assert r.deliver() == []


def test_phi_in_a_thread_reply_is_not_relayed(relay_driver: Relay, relay: ClarificationService) -> None:
    r = relay_driver
    r.ask()
    tracking = r.deliver()[1]
    dm, ts = tracking.response["channel"], tracking.response["ts"]  # type: ignore[index]

    outcome = r.thread_message(dm, ts, CODER, "Her DOB is 03/04/1961", "EvPhi")

    warning = outcome.only("chat.postEphemeral").body
    assert warning["user"] == CODER.user_id and warning["thread_ts"] == ts
    assert "not passed on to the office" in warning["text"] and "date of birth" in warning["text"]
    assert r.deliver() == []
    assert relay.replies(1) == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"options": "Acute blood loss anemia\nAnemia of chronic disease"}, "options", "must include"),
        ({"options": "Acute blood loss anemia\n" + "\n".join(OPTIONS[2:])}, "options", "at least 2"),
        ({"format": "yes_no", "options": ""}, "format", "already documented"),
        ({"indicators": ""}, "indicators", "List the clinical indicators"),
        ({"indicators": "low Hgb"}, "indicators", "enough detail"),
        ({"encounter_ref": "Smith"}, "encounter_ref", "never a name"),
        ({"encounter_ref": ""}, "encounter_ref", "Enter the encounter"),
        ({"question": ""}, "question", "Enter the question"),
        ({"codes": "D64.9 not-a-code!"}, "codes", "Codes look like"),
        ({"office_id": None}, "office_id", "Choose the office"),
        (
            {"format": "open_ended", "options": "Acute blood loss anemia"},
            "options",
            "only used by multiple-choice",
        ),
    ],
)
def test_compliant_query_rules_give_per_field_errors(
    relay_driver: Relay, services: Services, fields: dict[str, object], field: str, message: str
) -> None:
    errors = errors_of(relay_driver, **fields)
    assert field in errors and message in errors[field], errors
    assert stored(services) == (0, 0)


def test_a_due_time_in_the_past_is_refused(relay_driver: Relay) -> None:
    past = int((relay_driver.clock() - timedelta(hours=1)).timestamp())
    assert "in the future" in errors_of(relay_driver, due_at=past)["due_at"]


def test_open_ended_with_the_untouched_required_options_is_fine(
    relay_driver: Relay, relay: ClarificationService
) -> None:
    relay_driver.ask(
        format="open_ended", options="\n".join(OPTIONS[2:]), question="What type of anemia is it?"
    )
    assert relay.get(1).options == ()


def test_leading_wording_warns_until_the_wording_is_reviewed(
    relay_driver: Relay, relay: ClarificationService, services: Services
) -> None:
    leading = "Please document acute blood loss anemia so the DRG reflects it."

    errors = errors_of(relay_driver, question=leading)
    assert list(errors) == ["review"]
    assert "mentions the DRG" in errors["review"] and "tick the box" in errors["review"]
    assert stored(services) == (0, 0)

    clarification_id = relay_driver.ask(question=leading, review=True)
    assert relay.get(clarification_id).question == leading
    asked = relay.history(clarification_id)[0]
    assert any("DRG" in warning for warning in asked.detail["warnings"])


def test_an_answer_must_pick_an_offered_option(relay_driver: Relay) -> None:
    relay_driver.ask()
    errors = ack_body(relay_driver.answer(1, choice="Something else", text="", view_id="VX"))["errors"]
    assert errors == {"choice": "Choose one of the offered options."}
    other = ack_body(relay_driver.answer(1, choice=OPTIONS[2], text="", view_id="VY"))["errors"]
    assert other == {"text": "Say what the other diagnosis or explanation is."}


def test_a_stale_or_forged_form_is_refused_politely(relay_driver: Relay) -> None:
    outcome = relay_driver.submit(ids.ANSWER_MODAL, {}, NORTH_DOC, "VZ", metadata="not json")
    ack = ack_body(outcome)
    assert ack["response_action"] == "update" and "out of date" in str(ack["view"])
    missing = relay_driver.answer(999, view_id="VNONE")
    assert "There is no clarification #999." in str(ack_body(missing)["view"])
