"""Text of every message the relay posts, as pure functions of the clarification (Slack mrkdwn, no Block Kit).

User-written text is always passed through `escape`, so a question containing `<!channel>` or `<@U123>` can
never ping anyone or become a link. Times are Slack date tokens, shown in each reader's own time zone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.render.mrkdwn import escape  # the one escaper: pure text, no Slack SDK
from storage.clarifications import Answer, Clarification, ClarificationState, Outcome, QueryFormat, ReplySide

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

_FORMAT_NAMES = {
    QueryFormat.MULTIPLE_CHOICE: "Multiple choice",
    QueryFormat.OPEN_ENDED: "Open-ended",
    QueryFormat.YES_NO: "Yes/No",
}


def mention(user_id: str) -> str:
    return f"<@{user_id}>" if _USER_ID.match(user_id) else escape(user_id)


def when(moment: datetime) -> str:
    """A Slack date token (reader's local time) with a UTC fallback for clients that cannot render it."""
    utc = moment.astimezone(UTC)
    fallback = utc.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(utc.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def _quote(text: str) -> str:
    return "\n".join(f">{line}" for line in escape(text).splitlines() or [""])


def answer_text(answer: Answer) -> str:
    parts = []
    if answer.choice:
        parts.append(f"*{escape(answer.choice)}*")
    if answer.text.strip():
        parts.append(escape(answer.text.strip()))
    return " — ".join(parts)


def status_line(c: Clarification) -> str:
    if c.state is ClarificationState.OPEN:
        return f"*Open* · due {when(c.due_at)}"
    if c.state is ClarificationState.ANSWERED:
        answered = when(c.answered_at) if c.answered_at else ""
        return f"*Answered* by {mention(c.answered_by or '')} {answered}".rstrip()
    if c.state is ClarificationState.RESOLVED:
        done = OUTCOME_NAMES[c.outcome] if c.outcome else "resolved"
        return f"*Resolved* ({done})"
    return f"*Closed without answer*: {escape(c.close_reason or '')}"


def office_post(c: Clarification, office_name: str) -> str:
    """The question as the office sees it; re-rendered (chat.update) on every state change."""
    lines = [
        f"*Clarification #{c.id}* for {escape(office_name)} · encounter `{escape(c.encounter_ref)}`",
        f"Status: {status_line(c)}",
    ]
    if c.codes:
        lines.append(f"*Codes:* {escape(', '.join(c.codes))}")
    lines.append(f"*Question* ({_FORMAT_NAMES[c.format]}):")
    lines.append(_quote(c.question))
    lines.append("*Clinical indicators:*")
    lines.append(_quote(c.indicators))
    if c.options:
        lines.append("*Options:*")
        lines.extend(f"• {escape(option)}" for option in c.options)
    if c.answer is not None and c.state is not ClarificationState.OPEN:
        lines.append(f"*Answer:* {answer_text(c.answer)}")
    lines.append(f"Asked by {mention(c.asker_id)}. Reply in this thread to talk to the coder.")
    return "\n".join(lines)


def asker_tracking(c: Clarification, office_name: str) -> str:
    """The coder's copy: where the question went and its status; the office's replies arrive in its thread."""
    lines = [
        f"*Your clarification #{c.id}* to {escape(office_name)} · encounter `{escape(c.encounter_ref)}`",
        f"Status: {status_line(c)}",
        _quote(c.question),
    ]
    if c.answer is not None and c.state is not ClarificationState.OPEN:
        lines.append(f"*Answer:* {answer_text(c.answer)}")
    lines.append("Replies from the office appear in this thread; reply here to answer them.")
    return "\n".join(lines)


def answer_relay(c: Clarification) -> str:
    """Posted in the coder's thread when the office answers."""
    answer = answer_text(c.answer) if c.answer else ""
    return f"{mention(c.answered_by or '')} answered clarification #{c.id}: {answer}"


def more_info_relay(c: Clarification, author_id: str, text: str) -> str:
    return f"{mention(author_id)} needs more information to answer #{c.id}:\n{_quote(text)}"


def reply_relay(side: ReplySide, author_id: str, text: str) -> str:
    who = "Coder" if side is ReplySide.ASKER else "Office"
    return f"{who} {mention(author_id)}:\n{_quote(text)}"


OUTCOME_NAMES = {
    Outcome.CHANGED: "agreed, code changed",
    Outcome.CONFIRMED: "agreed, code confirmed",
    Outcome.DISAGREED: "disagreed",
    Outcome.UNDETERMINED: "clinically undetermined",
    Outcome.NO_RESPONSE: "no response",
}


def resolution_note(c: Clarification) -> str:
    """Told to the office so they see what their answer led to."""
    if c.outcome is Outcome.CHANGED:
        return f"Thank you. The coder changed the code based on your answer to #{c.id}."
    if c.outcome is Outcome.CONFIRMED:
        return f"Thank you. The coder confirmed the code based on your answer to #{c.id}."
    name = OUTCOME_NAMES[c.outcome] if c.outcome else "resolved"
    return f"Thank you. Your answer to #{c.id} is recorded; the coder closed it as {name}."


def closed_note(c: Clarification, actor_id: str) -> str:
    return f"{mention(actor_id)} closed #{c.id} without an answer: {escape(c.close_reason or '')}"


def reopened_note(c: Clarification, actor_id: str, reason: str) -> str:
    return f"{mention(actor_id)} reopened #{c.id}: {escape(reason)}. New due time {when(c.due_at)}."
