"""Layer 3 with the shipped code data: /code over the real code book, search and edits; only Slack is fake."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from slack_bolt import App

from bot import ids
from bot.app import create_app
from bot.console_slack import IdleWaitingExecutor
from bot.lookups.codebook import CodeBook
from bot.services import assemble_services
from bot.settings import Settings
from storage.db import connect
from storage.schema import migrate_file
from tests.conftest import FROZEN_NOW
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.scenario import Scenario
from tests.signing import slash_command_body


@pytest.fixture
def real_book(codebook: CodeBook) -> CodeBook:
    return codebook


@pytest.fixture
def real_scenario(
    settings: Settings,
    real_book: CodeBook,
    fake_slack: FakeSlack,
    listener_executor: IdleWaitingExecutor,
    signing_secret: str,
    tmp_path: Path,
) -> Scenario:
    migrate_file(tmp_path / "app.sqlite")
    services = assemble_services(
        settings, real_book, lambda: FROZEN_NOW, partial(connect, tmp_path / "app.sqlite")
    )
    app: App = create_app(settings, services, listener_executor=listener_executor)
    return Scenario(app, fake_slack, listener_executor, signing_secret)


def reply(scenario: Scenario, text: str) -> dict:
    body = slash_command_body("/code", text, response_url=scenario.slack.response_url("r"))
    outcome = scenario.run(body)
    assert outcome.response.status == 200
    message: dict = outcome.only(RESPONSE_URL_METHOD).body
    assert len(message["blocks"]) <= 50
    for block in message["blocks"]:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
    return message


def test_heart_attack(real_scenario: Scenario) -> None:
    assert "I21.9" in reply(real_scenario, "lookup heart attack")["text"]


def test_show_a_header_lists_children_and_notes(real_scenario: Scenario) -> None:
    message = reply(real_scenario, "show E11")
    text = json.dumps(message["blocks"])
    assert message["blocks"][0]["text"]["text"].startswith("E11 Type 2 diabetes mellitus")
    assert "E11.9" in text and "Use additional code" in text


def test_show_gives_seventh_characters(real_scenario: Scenario) -> None:
    assert "7th characters" in json.dumps(reply(real_scenario, "show S72.001")["blocks"])


def test_check_excludes1_pair_fails_with_a_rejection_note(real_scenario: Scenario) -> None:
    message = reply(real_scenario, "check E10.9 E11.9 dos:2025-03-01")
    assert message["blocks"][0]["text"]["text"].startswith("❌ *Fail*")
    assert "Rejection note" in json.dumps(message["blocks"])


def test_bad_code_in_check_is_explained(real_scenario: Scenario) -> None:
    message = reply(real_scenario, "check ZZZ.99")
    assert "ZZZ.99" in message["text"]
    assert not message["text"].startswith("Something went wrong")


def _function_executed(inputs: dict[str, object], execution_id: str) -> str:
    from tests.signing import event_body

    return event_body(
        {
            "type": "function_executed",
            "function": {"id": "Fn111", "callback_id": "check_claim_codes", "title": "Check claim codes"},
            "inputs": inputs,
            "function_execution_id": execution_id,
            "workflow_execution_id": "Wx111",
            "event_ts": "1700000000.000100",
            "bot_access_token": "xwfp-step-token",
        },
        event_id=f"Ev{execution_id}",
    )


def _outputs(body: dict) -> dict:
    raw = body["outputs"]
    return json.loads(raw) if isinstance(raw, str) else raw


def test_the_workflow_step_checks_claim_codes(real_scenario: Scenario) -> None:
    """Workflow Builder's "Check claim codes": function_executed in, functions.completeSuccess out (with the
    step's own token); bad input ends the step with functions.completeError and one clear line."""
    failed = real_scenario.run(
        _function_executed({"codes": "E10.9, E11.9", "date_of_service": "2025-03-01"}, "Fx1")
    )
    assert failed.response.status == 200
    done = failed.only("functions.completeSuccess")
    assert done.body["function_execution_id"] == "Fx1"
    assert done.headers.get("Authorization") == "[redacted]"
    outputs = _outputs(done.body)
    assert outputs["verdict"] == "fail" and "excludes1" in outputs["findings"].lower()

    passed = real_scenario.run(
        _function_executed({"codes": "E11.9 I10", "date_of_service": "2025-03-01"}, "Fx2")
    )
    assert _outputs(passed.only("functions.completeSuccess").body)["verdict"] == "pass"

    for inputs, says in (
        ({"codes": ""}, "Give the codes to check"),
        ({"codes": "E11.9", "date_of_service": "someday"}, "dos"),
        ({"codes": "E11.9 MRN 12345678"}, "patient details"),
    ):
        refused = real_scenario.run(_function_executed(inputs, "Fx3"))
        error = refused.only("functions.completeError").body["error"]
        assert says in error and "\n" not in error


def test_a_cpt_service_says_so_in_slack(real_scenario: Scenario) -> None:
    """The search's notice reaches the reply through the team's re-ranking (which returns a plain list)."""
    message = reply(real_scenario, "lookup office visit")
    assert "CPT" in json.dumps(message["blocks"])


def test_a_teams_pin_never_lifts_a_code_above_the_exact_match(real_scenario: Scenario) -> None:
    """`/code I21`: I21 itself is first (an exact code match). A pin (3 points: two places up) on the third
    result moves it to second place for a colleague, never above I21."""
    from tests.slack.test_favourites import click_pin, lookup, pin_value

    def codes(message: dict) -> list[str]:
        sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section" and "text" in b]
        return [text[1:].split("*", 1)[0] for text in sections if text.startswith("*") and "  " in text]

    plain = codes(first := lookup(real_scenario, "I21"))
    assert plain[0] == "I21" and len(plain) >= 3
    third = plain[2]
    assert click_pin(real_scenario, pin_value(first, third)).startswith(f"Pinned {third}.")
    after = codes(lookup(real_scenario, "i21", user_id="W222"))
    assert after[:2] == ["I21", third]


def test_sharing_a_code_the_lookup_showed_lifts_it_one_place(real_scenario: Scenario) -> None:
    """*Share in channel* on `/code show X`, within two hours of a lookup that showed X, is one point for the
    lookup's words: X moves up one place in a colleague's lookup of the same words."""
    from tests.signing import block_actions_body
    from tests.slack.test_favourites import lookup

    def codes(message: dict) -> list[str]:
        sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section" and "text" in b]
        return [text[1:].split("*", 1)[0] for text in sections if text.startswith("*") and "  " in text]

    plain = codes(lookup(real_scenario, "heart attack"))
    shared = plain[3]
    shown = lookup(real_scenario, f"show {shared}")
    value = next(
        element["value"]
        for block in shown["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == ids.SHARE_IN_CHANNEL
    )
    body = block_actions_body(
        ids.SHARE_IN_CHANNEL,
        value,
        user_id="W111",
        team_id="T111",
        response_url=real_scenario.slack.response_url("share1"),
    )
    assert real_scenario.run(body).only(RESPONSE_URL_METHOD).body["response_type"] == "in_channel"
    after = codes(lookup(real_scenario, "heart attack", user_id="W222"))
    assert after.index(shared) == 2
