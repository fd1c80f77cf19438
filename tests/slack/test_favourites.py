"""Team favourites through signed requests: Pin, /code fav, the App Home, and the team's picks lifting codes."""

from __future__ import annotations

import itertools
import json
from typing import Any

from bot import ids
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario
from tests.signing import block_actions_body, event_body, slash_command_body

_lookups = itertools.count(1)


def lookup(scenario: Scenario, text: str, user_id: str = "W111", team_id: str = "T111") -> dict[str, Any]:
    key = f"c{next(_lookups)}"  # a fresh delivery each time (an identical body would be taken for a replay)
    body = slash_command_body(
        "/code", text, user_id=user_id, team_id=team_id, response_url=scenario.slack.response_url(key)
    )
    return scenario.run(body).only("response_url").body


def result_codes(reply: dict[str, Any]) -> list[str]:
    found = []
    for block in reply["blocks"]:
        text = (block.get("text") or {}).get("text", "")
        if block["type"] == "section" and text.startswith("*Z"):
            found.append(text[1:].split("*", 1)[0])
    return found


def pin_value(reply: dict[str, Any], code: str) -> str:
    for block in reply["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == ids.PIN_CODE and json.loads(accessory["value"])["c"] == code:
            return str(accessory["value"])
    raise AssertionError(f"no Pin button for {code}")


_clicks = itertools.count(1)


def click_pin(scenario: Scenario, value: str, user_id: str = "W111", team_id: str = "T111") -> str:
    key = f"p{next(_clicks)}"  # each click is its own delivery (an identical body would be a replay)
    body = block_actions_body(
        ids.PIN_CODE, value, user_id=user_id, team_id=team_id, response_url=scenario.slack.response_url(key)
    )
    reply = scenario.run(body).only("response_url").body
    return str(reply["text"])


def test_pin_fav_and_the_team_ranking(scenario: Scenario, fake_slack: FakeSlack) -> None:
    first = lookup(scenario, "many things")
    plain = result_codes(first)
    assert plain[:6] == ["Z00.0", "Z01.0", "Z02.0", "Z03.0", "Z04.0", "Z05.0"]
    with_pin = [
        block for block in first["blocks"] if (block.get("accessory") or {}).get("action_id") == ids.PIN_CODE
    ]
    assert len(with_pin) == 6  # billable results; headers keep their Show children button

    assert click_pin(scenario, pin_value(first, "Z05.0")).startswith("Pinned Z05.0.")
    assert "already pinned" in click_pin(scenario, pin_value(first, "Z05.0"))

    fav = lookup(scenario, "fav")
    assert "*Z05.0*" in json.dumps(fav) and "pinned by 1" in json.dumps(fav)

    # A colleague in the same workspace searching the same words sees Z05.0 two places higher (a pin is 3
    # points); another workspace's ranking is untouched.
    colleague = result_codes(lookup(scenario, "many  things ", user_id="W222"))
    assert colleague.index("Z05.0") == plain.index("Z05.0") - 2
    assert result_codes(lookup(scenario, "many things", user_id="W333", team_id="T999")) == plain

    assert "Unpinned Z05.0." in json.dumps(lookup(scenario, "fav remove z05.0"))
    assert "None yet: press *Pin*" in json.dumps(lookup(scenario, "fav"))


def test_a_code_used_in_a_check_after_a_lookup_is_a_pick(scenario: Scenario) -> None:
    plain = result_codes(lookup(scenario, "many more"))
    lookup(scenario, "check Z08.0")  # Z08.0 was on the page "many more" showed
    after = result_codes(lookup(scenario, "many more", user_id="W222"))
    assert after.index("Z08.0") == plain.index("Z08.0") - 1  # a check is one point: one place
    untouched = result_codes(lookup(scenario, "many other"))  # another query: no pick
    assert untouched == [code for code in plain]


def test_the_app_home_shows_favourites(scenario: Scenario) -> None:
    first = lookup(scenario, "many things")
    click_pin(scenario, pin_value(first, "Z01.0"))
    outcome = scenario.run(
        event_body({"type": "app_home_opened", "user": "W111", "channel": "D111", "tab": "home"})
    )
    view = outcome.only("views.publish").body["view"]
    home = json.dumps(view)
    assert ids.HOME_FAVOURITES_BLOCK in home
    assert "*Your pinned codes*" in home and "`Z01.0`" in home
