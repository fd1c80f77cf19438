"""Message texts: escaping of user text, mentions, dates, each state."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.relay import messages
from storage.clarifications import Answer, Clarification, ClarificationState, Outcome, QueryFormat, ReplySide

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)

OPEN = Clarification(
    id=7,
    office_id=1,
    encounter_ref="ENC<1>",
    codes=("D64.9",),
    question="Type of anemia? <!here>",
    format=QueryFormat.MULTIPLE_CHOICE,
    options=("Acute blood loss anemia", "A & B", "Other (please specify)"),
    indicators="Hgb 7.1 > baseline",
    asker_id="UCODER",
    asker_team="T1",
    asker_channel="UCODER",
    state=ClarificationState.OPEN,
    due_at=NOW,
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


def test_escape() -> None:
    assert messages.escape("<@U1> & <!channel> <http://x|y>") == (
        "&lt;@U1&gt; &amp; &lt;!channel&gt; &lt;http://x|y&gt;"
    )


def test_mentions_only_for_real_user_ids() -> None:
    assert messages.mention("U0123ABC") == "<@U0123ABC>"
    assert messages.mention("<!channel>") == "&lt;!channel&gt;"


def test_when_is_a_slack_date_token_with_utc_fallback() -> None:
    assert messages.when(NOW) == "<!date^1793631600^{date_short_pretty} at {time}|2026-11-02 15:00 UTC>"


def test_office_post_escapes_every_user_field() -> None:
    text = messages.office_post(OPEN, "North <Clinic>")
    for raw in ("<!here>", "ENC<1>", "A & B", "> baseline", "<Clinic>"):
        assert raw not in text
    assert "&lt;!here&gt;" in text and "A &amp; B" in text and "`ENC&lt;1&gt;`" in text
    assert "*Open* · due <!date^" in text and "Asked by <@UCODER>" in text


def test_status_lines_for_every_state() -> None:
    answered = replace(
        OPEN,
        state=ClarificationState.ANSWERED,
        answer=Answer("A & B", "see <note>"),
        answered_by="UDOC",
        answered_at=NOW,
    )
    assert "*Answered* by <@UDOC>" in messages.status_line(answered)
    assert "*Answer:* *A &amp; B* — see &lt;note&gt;" in messages.office_post(answered, "North")
    assert "*Answer:*" in messages.asker_tracking(answered, "North")
    assert messages.answer_relay(answered).startswith("<@UDOC> answered clarification #7")
    resolved = replace(answered, state=ClarificationState.RESOLVED, outcome=Outcome.CONFIRMED)
    assert messages.status_line(resolved) == "*Resolved* (agreed, code confirmed)"
    assert "confirmed the code" in messages.resolution_note(resolved)
    closed = replace(OPEN, state=ClarificationState.CLOSED_UNANSWERED, close_reason="no <reply>")
    assert messages.status_line(closed) == "*Closed without answer*: no &lt;reply&gt;"
    assert messages.closed_note(closed, "ULEAD") == "<@ULEAD> closed #7 without an answer: no &lt;reply&gt;"


def test_relays_quote_and_escape() -> None:
    assert messages.reply_relay(ReplySide.OFFICE, "UDOC", "a <b>\nc") == "Office <@UDOC>:\n>a &lt;b&gt;\n>c"
    assert "needs more information" in messages.more_info_relay(OPEN, "UDOC", "which day?")
    assert "New due time <!date^" in messages.reopened_note(OPEN, "ULEAD", "conflict")
