"""A code asked about in a clarification is one of the team's picks: through signed requests, it lifts that code
in a colleague's later lookup of the words that showed it (bot/commands/clarify.py -> TeamPicks.used)."""

from __future__ import annotations

from bot import ids
from bot.relay.service import Actor
from tests.clarify.conftest import World
from tests.clarify.driver import CODER, CODER2, Relay


def shown_codes(r: Relay, text: str, actor: Actor) -> list[str]:
    reply = r.command(text, actor, command=ids.CODE_COMMAND).only("response_url").body
    sections = [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section" and "text" in b]
    return [t[1:].split("*", 1)[0] for t in sections if t.startswith("*Z")]


def test_a_code_asked_about_lifts_it_for_the_team(relay_driver: Relay, world: World) -> None:
    r = relay_driver
    plain = shown_codes(r, "many things", CODER)
    assert plain.index("Z08.0") == 8
    r.ask(CODER, codes="Z08.0")  # asked about within two hours of the lookup that showed it
    after = shown_codes(r, "many things", CODER2)
    assert after.index("Z08.0") == 7  # a clarification is two points: one place up
    assert shown_codes(r, "many other", CODER2) == plain  # other words: untouched
