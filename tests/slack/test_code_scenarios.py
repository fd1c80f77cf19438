"""Layer 3: signed requests through the real app, the Web API and response_urls served by the fake Slack."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot import ids
from bot.jobs import schedules
from storage.app_db import AppDatabase
from storage.db import write_transaction
from tests.conftest import FROZEN_NOW
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.scenario import NO_ACK, Scenario
from tests.signing import block_actions_body, event_body, slash_command_body

pytestmark = pytest.mark.transports("http", "socket")  # the same scenarios over Socket Mode


def code(fake: FakeSlack, text: str, user_id: str = "W111") -> str:
    return slash_command_body("/code", text, user_id=user_id, response_url=fake.response_url("cmd"))


def shown_text(message: dict[str, Any]) -> str:
    """Every text Slack renders or notifies with: the fallback and the blocks' texts, not button values."""
    found = [str(message.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                elif key != "value":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks", []))
    return "\n".join(found)


def test_lookup_replies_ephemerally_through_response_url(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "lookup heart attack"))

    assert outcome.response.status == 200
    assert outcome.response.body == ""
    reply = outcome.only(RESPONSE_URL_METHOD)
    assert reply.path == "/response/cmd"
    assert reply.body["response_type"] == "ephemeral"
    assert "I21.9" in reply.body["text"]
    assert [c.method for c in outcome.calls] == [RESPONSE_URL_METHOD]
    sections = [b for b in reply.body["blocks"] if b["type"] == "section"]
    assert any("I21.9" in s["text"]["text"] for s in sections)
    header_hit = next(s for s in sections if "*I21*" in s["text"]["text"])
    assert header_hit["accessory"]["action_id"] == ids.SHOW_CHILDREN


def test_bare_words_are_a_lookup(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "heart attack"))
    assert "I21.9" in outcome.only(RESPONSE_URL_METHOD).body["text"]


def test_unknown_subcommand_phrasing_is_a_lookup(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "find me something"))
    body = outcome.only(RESPONSE_URL_METHOD).body
    assert "No codes found" in body["text"]
    assert "find me something" in body["blocks"][0]["text"]["text"]


def test_empty_text_shows_help(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, ""))
    body = outcome.only(RESPONSE_URL_METHOD).body
    assert body["response_type"] == "ephemeral"
    assert "/code show" in json.dumps(body["blocks"])


def test_4000_character_text_gets_a_clear_limit_message(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "a" * 4000))
    body = outcome.only(RESPONSE_URL_METHOD).body
    assert "Queries are limited to 200 characters" in body["text"]
    assert len(json.dumps(body)) < 2000


@pytest.mark.parametrize("hostile", ["<!channel>", "<@U123>", "<https://x|y>", "<!here> & <#C1|general>"])
def test_mentions_and_links_in_user_text_show_literally(
    scenario: Scenario, fake_slack: FakeSlack, hostile: str
) -> None:
    outcome = scenario.run(code(fake_slack, f"echo {hostile}"))
    body = outcome.only(RESPONSE_URL_METHOD).body
    shown = shown_text(body)
    for raw in ("<!", "<@", "<https", "<#"):
        assert raw not in shown
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in shown
    assert escaped in body["text"]


def test_bare_at_channel_is_defused(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "echo @channel"))
    shown = shown_text(outcome.only(RESPONSE_URL_METHOD).body)
    assert "@channel" not in shown
    assert "\uff20channel" in shown


def test_check_fail_shows_verdict_findings_note_and_ask_button(
    scenario: Scenario, fake_slack: FakeSlack
) -> None:
    outcome = scenario.run(code(fake_slack, "check E10.9 E11.9 dos:2025-03-01"))
    body = outcome.only(RESPONSE_URL_METHOD).body
    blocks = body["blocks"]
    assert blocks[0]["text"]["text"].startswith("❌ *Fail*")
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert texts[1].startswith("*Errors*") and texts[2].startswith("*Warnings*")
    assert any(t.startswith("*Rejection note*") for t in texts)
    buttons = blocks[-1]["elements"]
    assert [b["action_id"] for b in buttons] == [ids.ASK_OFFICE, ids.SHARE_IN_CHANNEL]
    assert json.loads(buttons[0]["value"]) == {"codes": ["E10.9", "E11.9"], "dos": "2025-03-01"}


def test_check_without_dos_uses_today_in_team_time_zone(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "check I10"))
    body = outcome.only(RESPONSE_URL_METHOD).body
    assert body["blocks"][0]["text"]["text"].startswith("✅ *Pass*")
    assert "DOS 2025-03-03" in body["blocks"][0]["text"]["text"]


def test_check_without_dos_uses_the_time_zone_set_with_codedesk_timezone(
    scenario: Scenario, fake_slack: FakeSlack, app_database: AppDatabase
) -> None:
    """At 15:00 UTC on 3 March it is already 4 March on Kiritimati (UTC+14): the zone `/codedesk timezone` set
    decides the default date of service, not CODEDESK_TEAM_TZ."""
    db = app_database.connect()
    try:
        with write_transaction(db):
            schedules.set_team_tz(db, "Pacific/Kiritimati", by="ULEAD", at=FROZEN_NOW)
    finally:
        db.close()
    outcome = scenario.run(code(fake_slack, "check I10"))
    assert "DOS 2025-03-04" in outcome.only(RESPONSE_URL_METHOD).body["blocks"][0]["text"]["text"]


def test_share_in_channel_posts_the_result_for_everyone(scenario: Scenario, fake_slack: FakeSlack) -> None:
    first = scenario.run(code(fake_slack, "lookup heart attack"))
    share = first.only(RESPONSE_URL_METHOD).body["blocks"][-1]["elements"][0]
    assert share["action_id"] == ids.SHARE_IN_CHANNEL

    outcome = scenario.run(
        block_actions_body(ids.SHARE_IN_CHANNEL, share["value"], response_url=fake_slack.response_url("act"))
    )
    body = outcome.only(RESPONSE_URL_METHOD).body
    assert body["response_type"] == "in_channel"
    assert body["replace_original"] is False
    assert body["blocks"][0]["elements"][0]["text"] == "Shared by <@W111>"
    assert not any(b["type"] == "actions" for b in body["blocks"])


def test_more_results_pages_through_and_replaces_the_reply(scenario: Scenario, fake_slack: FakeSlack) -> None:
    first = scenario.run(code(fake_slack, "many things")).only(RESPONSE_URL_METHOD).body
    more = next(e for e in first["blocks"][-1]["elements"] if e["action_id"] == ids.SHOW_MORE)
    assert json.loads(more["value"]) == {"q": "many things", "o": 10}

    body = (
        scenario.run(
            block_actions_body(ids.SHOW_MORE, more["value"], response_url=fake_slack.response_url("more"))
        )
        .only(RESPONSE_URL_METHOD)
        .body
    )
    assert body["replace_original"] is True
    assert "(11–20+)" in body["blocks"][0]["text"]["text"]
    assert "Z10.0" in body["text"]


def test_show_children_button_shows_the_header_code(scenario: Scenario, fake_slack: FakeSlack) -> None:
    body = (
        scenario.run(
            block_actions_body(ids.SHOW_CHILDREN, "I21", response_url=fake_slack.response_url("kids"))
        )
        .only(RESPONSE_URL_METHOD)
        .body
    )
    assert body["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "I21 Acute myocardial infarction"},
    }
    everything = json.dumps(body["blocks"])
    assert "I21.0" in everything and "I21.A" in everything
    assert "&lt;!channel&gt;" in everything  # official note text is escaped too


def test_show_of_a_huge_code_fits_block_kit_limits(scenario: Scenario, fake_slack: FakeSlack) -> None:
    body = scenario.run(code(fake_slack, "show S72")).only(RESPONSE_URL_METHOD).body
    assert len(body["blocks"]) <= 50
    for block in body["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def test_ask_office_without_clarify_feature_points_to_clarify(
    scenario: Scenario, fake_slack: FakeSlack
) -> None:
    outcome = scenario.run(
        block_actions_body(ids.ASK_OFFICE, '{"codes":["E10.9"]}', response_url=fake_slack.response_url("ask"))
    )
    assert outcome.response.status == 200
    assert "/clarify" in outcome.only(RESPONSE_URL_METHOD).body["text"]


def test_lookups_are_recorded_and_shown_on_app_home(scenario: Scenario, fake_slack: FakeSlack) -> None:
    scenario.run(code(fake_slack, "heart attack", user_id="U42"))
    scenario.run(code(fake_slack, "check E10.9 E11.9", user_id="U42"))

    outcome = scenario.run(
        event_body({"type": "app_home_opened", "user": "U42", "channel": "D42", "tab": "home"})
    )
    publish = outcome.only("views.publish")
    assert publish.body["user_id"] == "U42"
    view = publish.body["view"]
    assert view["type"] == "home"
    assert "`/code heart attack`" in json.dumps(view["blocks"])
    assert "E10.9" not in json.dumps(view["blocks"])  # checks are not listed


def test_messages_tab_does_not_publish_home(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(
        event_body({"type": "app_home_opened", "user": "U42", "channel": "D42", "tab": "messages"})
    )
    assert outcome.calls == []


def test_unknown_command_is_not_acked_and_touches_nothing(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(
        slash_command_body("/hello-world", "Hi", response_url=fake_slack.response_url("x"))
    )
    assert outcome.response.status == (404 if scenario.socket is None else NO_ACK)
    assert outcome.calls == []


@pytest.mark.transports("http")  # Socket Mode requests are not signed: they come over the app's own socket
def test_bad_signature_is_401_and_no_handler_runs(scenario: Scenario, fake_slack: FakeSlack) -> None:
    scenario.secret = "not-the-secret"
    outcome = scenario.run(code(fake_slack, "heart attack"))
    assert outcome.response.status == 401
    assert outcome.calls == []


@pytest.mark.transports("http")
def test_stale_timestamp_is_401(scenario: Scenario, fake_slack: FakeSlack) -> None:
    outcome = scenario.run(code(fake_slack, "heart attack"), timestamp=int(time.time()) - 301)
    assert outcome.response.status == 401
    assert outcome.calls == []
