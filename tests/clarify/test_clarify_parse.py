"""Parsing /clarify text, payload ids and modal state: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commands.clarify_parse import (
    AskOfficePrefill,
    ClarifyHelp,
    CloseClarification,
    ListClarifications,
    ModalContext,
    OpenForm,
    ReopenClarification,
    ShowClarification,
    UsageError,
    actor_of,
    clicked_value,
    event_actor,
    parse_ask_office_value,
    parse_clarify_command,
    parse_clarify_submission,
    parse_modal_context,
    parse_resolution,
    split_options,
)
from bot.relay.service import Actor, ListFilter
from storage.clarifications import Outcome, QueryFormat
from tests.clarify.driver import clarify_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", OpenForm()),
        ("   ", OpenForm()),
        ("new", OpenForm()),
        ("help", ClarifyHelp()),
        ("list", ListClarifications(ListFilter.MINE)),
        ("list mine", ListClarifications(ListFilter.MINE)),
        ("LIST Overdue", ListClarifications(ListFilter.OVERDUE)),
        ("list all", ListClarifications(ListFilter.ALL)),
        ("list office", ListClarifications(ListFilter.OFFICE)),
        ("list office  North   Clinic", ListClarifications(ListFilter.OFFICE, "North Clinic")),
        ("show 12", ShowClarification(12)),
        ("show #12", ShowClarification(12)),
        ("#7", ShowClarification(7)),
        ("close 12 reason: duplicate query", CloseClarification(12, "duplicate query")),
        ("close 12 reason:duplicate", CloseClarification(12, "duplicate")),
        ("close 12 provider retired", CloseClarification(12, "provider retired")),
        ("close 12", CloseClarification(12, None)),
        ("close 12 reason:", CloseClarification(12, None)),
        ("reopen 3 reason: answer arrived by fax", ReopenClarification(3, "answer arrived by fax")),
    ],
)
def test_commands(text: str, expected: object) -> None:
    assert parse_clarify_command(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("show", "takes one clarification number"),
        ("show twelve", "takes one clarification number"),
        ("close", "needs a clarification number"),
        ("close x reason: y", "needs a clarification number"),
        ("list everything", "`/clarify list` takes"),
        ("list mine please", "Try `/clarify`"),
        ("frobnicate", "I don't know `frobnicate`"),
        ("x" * 1200, "too long"),
    ],
)
def test_bad_commands_say_what_to_type(text: str, says: str) -> None:
    result = parse_clarify_command(text)
    assert isinstance(result, UsageError) and says in result.message


def test_actor_is_the_users_own_team() -> None:
    assert actor_of({"user_id": "U1", "team_id": "T1"}) == Actor("U1", "T1")
    assert actor_of({"user": {"id": "W2", "team_id": "TOFFICE"}, "team": {"id": "THOST"}}) == Actor(
        "W2", "TOFFICE"
    )
    assert actor_of({"user": {"id": "W2"}, "team": {"id": "THOST"}}) == Actor("W2", "THOST")
    event = {"user": "U3", "user_team": "TOFFICE", "team": "THOST"}
    assert event_actor(event, {"team_id": "THOST"}) == Actor("U3", "TOFFICE")
    assert event_actor({"user": "U3"}, {"team_id": "THOST"}) == Actor("U3", "THOST")


def test_clicked_values_and_resolutions() -> None:
    assert clicked_value({"actions": [{"value": "12"}]}) == "12"
    assert clicked_value({"actions": [{"selected_option": {"value": "12:changed"}}]}) == "12:changed"
    assert clicked_value({}) == ""
    assert parse_resolution("12:changed") == (12, Outcome.CHANGED)
    assert parse_resolution("12:confirmed") == (12, Outcome.CONFIRMED)
    assert parse_resolution("12") == (12, None)
    assert parse_resolution("12:maybe") is None
    assert parse_resolution("x:changed") is None


def test_ask_office_value() -> None:
    assert parse_ask_office_value('{"codes":["E10.9","E11.9"]}') == AskOfficePrefill(("E10.9", "E11.9"))
    assert parse_ask_office_value('{"codes":["E11.9"],"dos":"2025-03-01"}').dos == "2025-03-01"
    assert parse_ask_office_value("not json") == AskOfficePrefill(())
    assert parse_ask_office_value('["E11.9"]') == AskOfficePrefill(())
    assert parse_ask_office_value('{"codes":[1, "", "I10"]}') == AskOfficePrefill(("I10",))


def test_modal_context_round_trip() -> None:
    context = ModalContext(5, "answer")
    assert parse_modal_context(context.dumps(), ("answer", "more_info")) == context
    assert parse_modal_context(context.dumps(), ("close",)) is None
    assert parse_modal_context("", ("answer",)) is None
    assert parse_modal_context('{"id":"5","mode":"answer"}', ("answer",)) is None


def test_options_one_per_line() -> None:
    assert split_options(" A \n\n• B\n- C", QueryFormat.MULTIPLE_CHOICE) == ("A", "B", "C")
    untouched = "Other (please specify)\nClinically undetermined"
    assert split_options(untouched, QueryFormat.OPEN_ENDED) == ()
    assert split_options(untouched, QueryFormat.MULTIPLE_CHOICE) == (
        "Other (please specify)",
        "Clinically undetermined",
    )
    assert split_options("A\n" + untouched, QueryFormat.YES_NO) == (
        "A",
        "Other (please specify)",
        "Clinically undetermined",
    )


def test_clarify_submission() -> None:
    values = clarify_values(3, codes="e11.9, I10", documented_diagnosis=True, due_at=1800000000, review=True)
    submission = parse_clarify_submission(values)
    assert submission.office_id == 3
    assert submission.codes == ("e11.9", "I10")
    assert submission.format is QueryFormat.MULTIPLE_CHOICE
    assert submission.documented_diagnosis and submission.reviewed
    assert submission.due_at == datetime.fromtimestamp(1800000000, UTC)
    empty = parse_clarify_submission({})
    assert empty.office_id is None and empty.question == "" and empty.due_at is None
