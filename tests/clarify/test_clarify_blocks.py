"""The clarify renderings: valid Block Kit within Slack's limits, user text escaped, buttons by state."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from bot import ids
from bot.relay.service import MessageKind
from bot.render.clarify_blocks import (
    ClarifyForm,
    answer_modal,
    clarify_modal,
    list_reply,
    more_info_modal,
    notice_reply,
    office_post_blocks,
    outbox_blocks,
    reason_modal,
    show_reply,
    tracking_blocks,
    view_errors,
)
from storage.audit import AuditEntry
from storage.clarifications import (
    Answer,
    Clarification,
    ClarificationState,
    Outcome,
    QueryFormat,
    Reply,
    ReplySide,
)
from storage.offices import Office

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
OFFICE = Office(1, "North <Clinic> & Co", "C0NORTH", "America/Chicago", time(8), time(17), 72.0, True, NOW)


def clarification(**changes: Any) -> Clarification:
    base = Clarification(
        id=7,
        office_id=1,
        encounter_ref="ENC-1",
        codes=("D64.9",),
        question="Is it <!channel> anemia? @here",
        format=QueryFormat.MULTIPLE_CHOICE,
        options=("A <b>", "B", "Other (please specify)", "Clinically undetermined"),
        indicators="Hgb 7.1 & falling <@U999>",
        asker_id="UCODER",
        asker_team="T1",
        asker_channel="UCODER",
        state=ClarificationState.OPEN,
        due_at=NOW + timedelta(days=3),
        created_at=NOW,
        answered_at=None,
        answer=None,
        answered_by=None,
        resolved_at=None,
        outcome=None,
        close_reason=None,
        office_ts=None,
        asker_ts=None,
        version=1,
    )
    return replace(base, **changes)


ANSWERED = {
    "state": ClarificationState.ANSWERED,
    "answer": Answer("A <b>", "see <note>"),
    "answered_by": "UNORTHDOC",
    "answered_at": NOW + timedelta(hours=2),
}


def actions(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_user_text_is_escaped_everywhere() -> None:
    rendered = json.dumps(office_post_blocks(clarification(**ANSWERED), OFFICE))
    assert "<!channel>" not in rendered and "&lt;!channel&gt;" in rendered
    assert "<@U999>" not in rendered and "&lt;@U999&gt;" in rendered
    assert "@here" not in rendered
    assert "North &lt;Clinic&gt; &amp; Co" in rendered
    assert "<b>" not in rendered and "see &lt;note&gt;" in rendered
    assert "<@UCODER>" in rendered and "<@UNORTHDOC>" in rendered  # real mentions stay mentions


def test_buttons_follow_the_state() -> None:
    assert actions(office_post_blocks(clarification(), OFFICE)) == [
        ids.CLARIFICATION_ANSWER,
        ids.CLARIFICATION_MORE_INFO,
    ]
    assert actions(office_post_blocks(clarification(**ANSWERED), OFFICE)) == []
    assert actions(tracking_blocks(clarification(), OFFICE)) == []
    assert actions(tracking_blocks(clarification(**ANSWERED), OFFICE)) == [ids.CLARIFICATION_RESOLVE]
    resolved = clarification(
        **{**ANSWERED, "state": ClarificationState.RESOLVED, "outcome": Outcome.CONFIRMED}
    )
    assert actions(tracking_blocks(resolved, OFFICE)) == []
    assert "*Resolved* (agreed, code confirmed) · answered by <@UNORTHDOC>" in json.dumps(
        tracking_blocks(resolved, OFFICE), ensure_ascii=False
    )
    closed = clarification(state=ClarificationState.CLOSED_UNANSWERED, close_reason="no <reply>")
    assert "Closed without an answer*: no &lt;reply&gt;" in json.dumps(office_post_blocks(closed, OFFICE))


def test_outbox_hook_gives_blocks_for_the_root_messages_only() -> None:
    c = clarification()
    assert outbox_blocks(MessageKind.OFFICE_POST, c, OFFICE) == office_post_blocks(c, OFFICE)
    assert outbox_blocks(MessageKind.ASKER_UPDATE, c, OFFICE) == tracking_blocks(c, OFFICE)
    assert outbox_blocks(MessageKind.OFFICE_THREAD, c, OFFICE) is None
    assert outbox_blocks(MessageKind.ASKER_THREAD, c, OFFICE) is None


def test_long_texts_are_split_not_cut() -> None:
    long = "word " * 600 + "<end>"  # 3,000+ characters with escaping
    blocks = office_post_blocks(clarification(question=long.strip(), indicators=long.strip()), OFFICE)
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(text) <= 3000 for text in sections)
    assert sum(text.count("&lt;end&gt;") for text in sections) == 2
    assert len(blocks) <= 50


@pytest.mark.parametrize("fmt", list(QueryFormat))
def test_answer_modal_matches_the_format(fmt: QueryFormat) -> None:
    options = (
        ("A", "B", "Other (please specify)", "Clinically undetermined")
        if fmt is QueryFormat.MULTIPLE_CHOICE
        else ()
    )
    view = answer_modal(clarification(format=fmt, options=options), "North", '{"id":7,"mode":"answer"}')
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    if fmt is QueryFormat.OPEN_ENDED:
        assert list(inputs) == ["text"] and inputs["text"].get("optional") is not True
    else:
        assert list(inputs) == ["choice", "text"] and inputs["text"]["optional"] is True
        values = [o["value"] for o in inputs["choice"]["element"]["options"]]
        assert values == (list(options) if options else ["Yes", "No", "Clinically undetermined"])
    assert view["callback_id"] == ids.ANSWER_MODAL and view["submit"]["text"] == "Send answer"


def test_other_modals_are_valid() -> None:
    c = clarification()
    assert more_info_modal(c, "North", "{}")["callback_id"] == ids.ANSWER_MODAL
    assert reason_modal(c, "close", "{}")["title"]["text"] == "Close #7"
    assert reason_modal(c, "reopen", "{}")["submit"]["text"] == "Reopen"
    form = clarify_modal(ClarifyForm([OFFICE], codes=("E11.9",), question="Q?", hint="<hint>"))
    assert form["callback_id"] == ids.CLARIFY_MODAL
    office = next(b for b in form["blocks"] if b.get("block_id") == "office_id")
    assert office["element"]["initial_option"]["value"] == "1"  # a single office is preselected
    assert "&lt;hint&gt;" in json.dumps(form)


def test_view_errors_land_on_fields() -> None:
    errors = {"question": "Q bad", "asker_channel": "where?", "answer": "PHI"}
    assert view_errors(errors, ("question", "text"), "question", {"answer": "text"}) == {
        "question": "Q bad where?",
        "text": "PHI",
    }


def test_list_and_show() -> None:
    items = [clarification(), clarification(id=8, due_at=NOW - timedelta(hours=1))]
    listed = json.dumps(list_reply("Yours", items, {1: "North"}, NOW))
    assert "#7* North" in listed and "#8* North" in listed and listed.count("overdue") == 1
    assert "none" in list_reply("Yours", [], {}, NOW)["text"]
    reply = Reply(1, 7, ReplySide.OFFICE, "UNORTHDOC", "see <chart>", NOW, "ev")
    history = [
        AuditEntry(1, 7, "UCODER", "asked", NOW, {}),
        AuditEntry(2, 7, "ULEAD", "closed_unanswered", NOW, {"reason": "dup <x>"}),
        AuditEntry(3, 7, "USTRANGER", "refused", NOW, {"attempted": "answer"}),
    ]
    shown = json.dumps(show_reply(clarification(), "North", [reply], history, NOW))
    assert "Office <@UNORTHDOC>: see &lt;chart&gt;" in shown
    assert "closed it without an answer: dup &lt;x&gt;" in shown and "was refused (answer)" in shown


def test_notices_keep_service_mentions_but_escape_the_rest() -> None:
    text = json.dumps(notice_reply("Clarification #1 was already answered by <@U123> at <!here>"))
    assert "<@U123>" in text and "&lt;!here&gt;" in text
