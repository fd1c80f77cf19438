"""The /code renderers: valid Block Kit within Slack's limits, whatever the size of the result."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import ids
from bot.render.code_blocks import (
    DetailView,
    check_reply,
    detail_reply,
    help_reply,
    lookup_reply,
    message_reply,
)
from tests.fake_codes import FakeCheckResult, FakeCoverage, FakeFinding, FakeHit


def _sections(reply: dict) -> list[str]:
    return [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section" and "text" in b]


def _within_limits(reply: dict) -> None:
    assert reply["text"]
    assert len(reply["blocks"]) <= 50
    for text in _sections(reply):
        assert len(text) <= 3000
    for block in reply["blocks"]:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["value"]) <= 2000


def test_help_lists_every_subcommand() -> None:
    reply = help_reply()
    text = json.dumps(reply)
    for sub in ("/code show", "/code check", "/code help", "lookup"):
        assert sub in text


def test_lookup_has_share_and_more_buttons_and_children_for_headers() -> None:
    hits = [
        FakeHit("I21", "ICD-10-CM", "AMI", False, "header"),
        FakeHit("I21.9", "ICD-10-CM", "AMI, unsp", True, "billable", "why"),
    ]
    reply = lookup_reply("ami", hits, offset=0, has_more=True, coverage=FakeCoverage())
    actions = reply["blocks"][-1]
    assert actions["block_id"] == ids.CODE_RESULT_ACTIONS_BLOCK
    assert [e["action_id"] for e in actions["elements"]] == [ids.SHARE_IN_CHANNEL, ids.SHOW_MORE]
    assert json.loads(actions["elements"][1]["value"]) == {"q": "ami", "o": 2}
    assert reply["blocks"][1]["accessory"]["action_id"] == ids.SHOW_CHILDREN
    assert reply["blocks"][2]["accessory"]["action_id"] == ids.PIN_CODE  # a billable result can be pinned
    assert json.loads(reply["blocks"][2]["accessory"]["value"]) == {"c": "I21.9", "q": "ami"}


def test_shared_lookup_has_no_buttons_and_names_the_sharer() -> None:
    reply = lookup_reply(
        "ami",
        [FakeHit("I21.9", "ICD-10-CM", "AMI", True, "billable")],
        offset=0,
        has_more=True,
        shared_by="U1",
    )
    assert reply["blocks"][0]["elements"][0]["text"] == "Shared by <@U1>"
    assert not any(b["type"] == "actions" for b in reply["blocks"])


def test_no_results() -> None:
    assert "No codes found" in lookup_reply("zzz", [], offset=0, has_more=False)["text"]
    assert "No more codes" in _sections(lookup_reply("zzz", [], offset=10, has_more=False))[0]


@settings(max_examples=30, deadline=None)
@given(
    title=st.text(min_size=1, max_size=4000),
    children=st.integers(min_value=0, max_value=600),
    notes=st.integers(min_value=0, max_value=120),
)
def test_detail_always_fits(title: str, children: int, notes: int) -> None:
    detail = DetailView(
        code="S72",
        system="ICD-10-CM",
        title=title,
        billable=False,
        status="header",
        children=[(f"S72.{n}", title[:300], n % 2 == 0) for n in range(children)],
        notes={"excludes1": [title[:500]] * notes, "code_first": ["x" * 2999]},
        seventh=[("A", "initial")],
        history=["valid 2015-10-01 to now"],
    )
    reply = detail_reply(detail, coverage=FakeCoverage())
    _within_limits(reply)
    assert reply["blocks"][-1]["elements"][0]["action_id"] == ids.SHARE_IN_CHANNEL


def test_check_fail_layout() -> None:
    findings = [
        FakeFinding("age", "warning", ["P07.1"], "Newborn code at age 67."),
        FakeFinding("excludes1", "error", ["E10.9", "E11.9"], "Never together.", "Pick one."),
        FakeFinding("info-rule", "info", [], "FYI."),
    ]
    reply = check_reply(["E10.9", "E11.9"], date(2025, 1, 2), FakeCheckResult("fail", findings))
    sections = _sections(reply)
    assert sections[0] == "❌ *Fail* `E10.9` `E11.9` · DOS 2025-01-02\n1 error, 1 warning, 1 note"
    assert sections[1].startswith(
        "*Errors*\n• *excludes1* `E10.9` `E11.9`: Never together.\n    _Fix:_ Pick one."
    )
    assert sections[2].startswith("*Warnings*") and sections[3].startswith("*Notes*")
    assert sections[4] == "*Rejection note*\n```Never together.```"
    buttons = reply["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == [ids.ASK_OFFICE, ids.SHARE_IN_CHANNEL]
    assert reply["text"] == "Fail: E10.9 E11.9 (1 error, 1 warning, 1 note)"


def test_check_with_hundreds_of_findings_fits() -> None:
    findings = [FakeFinding(f"rule{n}", "error", ["A00.0"], "m" * 400, "f" * 300) for n in range(300)]
    _within_limits(check_reply(["A00.0"] * 25, date(2025, 1, 2), FakeCheckResult("fail", findings)))


def test_pass_has_no_ask_button() -> None:
    reply = check_reply(["I10"], date(2025, 1, 2), FakeCheckResult("pass", []))
    assert [b["action_id"] for b in reply["blocks"][-1]["elements"]] == [ids.SHARE_IN_CHANNEL]


def test_message_reply_escapes() -> None:
    reply = message_reply("`<!channel>` is not a code")
    assert reply["text"] == "`&lt;!channel&gt;` is not a code"
    assert _sections(reply) == ["`&lt;!channel&gt;` is not a code"]
