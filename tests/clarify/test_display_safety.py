"""What is posted to Slack shows what was typed and nothing more: no bidi overrides or zero-width characters
(visual spoofing of codes and names), no mention or link made of user text, in blocks and fallbacks alike."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import bot.commands.code as code
from tests.clarify.driver import NORTH_DOC, Relay
from tests.reliability.blockkit import INVISIBLE, leaks, shown_texts
from tests.signing import slash_command_body

# What the app's own templates put into messages: mentions of known users, Slack date tokens.
OURS = [re.compile(r"<@[UW][A-Z0-9_]+>"), re.compile(r"<!date\^[^<>]*>")]
SPOOFED_QUESTION = "Can \u202eE11.9\u202c be \u200bspecified? <!channel> @here see\u2066 \u2067notes\u2069"


def _posted_texts(calls: list[Any]) -> list[str]:
    texts: list[str] = []
    for call in calls:
        body = dict(call.body)
        view = body.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        texts += shown_texts(body) + (shown_texts({"blocks": view.get("blocks", [])}) if view else [])
    return texts


def test_a_question_with_overrides_and_zero_width_characters_is_posted_clean(relay_driver: Relay) -> None:
    mark = relay_driver.fake.mark()
    cid = relay_driver.ask(question=SPOOFED_QUESTION, review=True)
    calls = relay_driver.deliver()
    office_post = next(c for c in calls if c.body.get("channel") == "C0NORTH")
    shown = "\n".join(shown_texts(office_post.body))
    assert "Can E11.9 be specified?" in shown
    assert leaks(_posted_texts(relay_driver.fake.calls_since(mark)), OURS) == []
    assert not any(INVISIBLE.search(json.dumps(c.body, ensure_ascii=False)) for c in calls)
    relay_driver.answer(cid, actor=NORTH_DOC, choice="Acute blood loss anemia", text="Per \u202eH/H\u202c.")
    answered = relay_driver.deliver()
    assert answered and not any(INVISIBLE.search(json.dumps(c.body, ensure_ascii=False)) for c in answered)


def test_the_fallback_of_a_private_reply_is_escaped(relay_driver: Relay) -> None:
    outcome = relay_driver.command("list office <!channel> \u202eNorth @here")
    reply = outcome.only("response_url").body
    assert "<!channel>" not in reply["text"] and "&lt;!channel&gt;" in reply["text"]
    assert "@here" not in reply["text"] and not INVISIBLE.search(reply["text"])


def test_code_checks_its_length_before_the_phi_guard(
    relay_driver: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    def guard_must_not_run(text: str) -> list[Any]:
        raise AssertionError(f"the guard read {len(text)} characters")

    monkeypatch.setattr(code, "find_phi", guard_must_not_run)
    body = slash_command_body("/code", "anemia " * 8000, response_url=relay_driver.fake.response_url("long"))
    outcome = relay_driver.run(body)
    assert "limited to 200 characters" in outcome.only("response_url").body["text"]
