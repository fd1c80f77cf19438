"""The other ways into the form: the global and message shortcuts and a failed check's "Ask the office"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import ids
from bot.relay.service import ClarificationService
from tests.clarify.conftest import World
from tests.clarify.driver import ADMIN, CODER, GUEST, Relay
from tests.fake_slack import FakeSlack

pytestmark = pytest.mark.transports("http", "socket")  # the same scenarios over Socket Mode


def blocks_by_id(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b for b in view["blocks"] if "block_id" in b}


def test_message_shortcut_shows_the_message_as_a_redacted_hint_and_copies_nothing(
    relay_driver: Relay, world: World
) -> None:
    message = {
        "type": "message",
        "user": "W222",
        "ts": "1583636382.000300",
        "text": "Pt John Smith DOB 01/02/1950: is E11.9 right, or E11.65? Call 555-123-4567",
    }
    view = (
        relay_driver.shortcut(ids.ASK_OFFICE_ABOUT_MESSAGE, message=message).only("views.open").body["view"]
    )

    shown = json.dumps(view)
    assert "John Smith" not in shown and "01/02/1950" not in shown and "555-123-4567" not in shown
    assert "[removed: patient_name]" in shown and "[removed: phone]" in shown
    assert "codes mentioned: E11.9, E11.65" in shown
    fields = blocks_by_id(view)
    assert "initial_value" not in fields["question"]["element"]
    assert "initial_value" not in fields["codes"]["element"]


def test_ask_the_office_from_a_failed_check_prefills_codes_and_findings(
    relay_driver: Relay, fake_slack: FakeSlack, world: World, fake_lookups: None
) -> None:
    outcome = relay_driver.click(ids.ASK_OFFICE, '{"codes":["E10.9","E11.9"]}', CODER, channel="C111")

    view = outcome.only("views.open").body["view"]
    fields = blocks_by_id(view)
    assert fields["codes"]["element"]["initial_value"] == "E10.9 E11.9"
    question = fields["question"]["element"]["initial_value"]
    assert question.startswith("The claim check flagged: E10.9 and E11.9 are Excludes1")
    assert "Prefilled from your claim check" in json.dumps(view)


def test_ask_the_office_without_a_role_is_told_how_to_get_one(relay_driver: Relay, world: World) -> None:
    outcome = relay_driver.click(ids.ASK_OFFICE, '{"codes":["E11.9"]}', GUEST, channel="C111")
    assert [c.method for c in outcome.calls] == ["response_url"]
    assert "/codedesk role grant" in relay_driver.reply_text(outcome)


def test_no_offices_yet(relay_driver: Relay, relay: ClarificationService, world: World) -> None:
    for office in relay.list_offices():
        relay.remove_office(ADMIN, office.id)
    reply = relay_driver.reply_text(relay_driver.command(""))
    assert "No offices are set up yet" in reply


def test_help(relay_driver: Relay) -> None:
    reply = relay_driver.reply_text(relay_driver.command("help"))
    assert "/clarify list" in reply and "/clarify close &lt;id&gt; reason:" in reply
    assert "I don't know `dance`" in relay_driver.reply_text(relay_driver.command("dance"))
