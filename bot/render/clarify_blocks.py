"""Clarifications as Block Kit: the modals, the office post and the coder's tracking message, list and show.

Pure functions on slack_sdk.models (so `to_dict()` checks Slack's limits in tests). Every piece of text a person
typed goes through `escape`; user ids become mentions only when they look like Slack ids. Nothing here knows
more about a patient than the clarification itself, which passed the PHI guard before it was stored.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DateTimePickerElement,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot import ids
from bot.relay.business_time import opening_hours
from bot.relay.messages import OUTCOME_NAMES, when
from bot.relay.query_rules import (
    MAX_ENCOUNTER_REF,
    MAX_INDICATORS,
    MAX_QUESTION,
    REQUIRED_OPTIONS,
    YES_NO_CHOICES,
)
from bot.relay.service import MessageKind
from bot.relay.work_calendar import WorkCalendar, region_label
from bot.render.code_blocks import Reply
from bot.render.mrkdwn import escape, truncate
from storage.audit import AuditEntry
from storage.clarifications import (
    ANSWERED_OUTCOMES,
    Clarification,
    ClarificationState,
    Outcome,
    QueryFormat,
)
from storage.clarifications import (
    Reply as ThreadReply,
)
from storage.offices import Office

SECTION_LIMIT = 3000
MAX_BLOCKS = 50
MODAL_BLOCKS = 100
MAX_SELECT_OPTIONS = 100
ERROR_LIMIT = 1000

OFFICE_ACTIONS_BLOCK = "clarification_office_actions"
ASKER_ACTIONS_BLOCK = "clarification_asker_actions"

FORMAT_NAMES = {
    QueryFormat.MULTIPLE_CHOICE: "Multiple choice",
    QueryFormat.OPEN_ENDED: "Open-ended",
    QueryFormat.YES_NO: "Yes/No",
}
RESOLVE_CHOICES = {
    Outcome.CHANGED: "Agreed: code changed",
    Outcome.CONFIRMED: "Agreed: code confirmed",
    Outcome.DISAGREED: "Disagreed",
    Outcome.UNDETERMINED: "Clinically undetermined",
}
STATE_NAMES = {
    ClarificationState.OPEN: "Open",
    ClarificationState.ANSWERED: "Answered",
    ClarificationState.RESOLVED: "Resolved",
    ClarificationState.CLOSED_UNANSWERED: "Closed without answer",
}
AUDIT_NAMES = {
    "asked": "asked",
    "answered": "answered",
    "more_info_requested": "asked for more information",
    "replied": "replied in the thread",
    "resolved": "resolved",
    "closed_unanswered": "closed it without an answer",
    "reopened": "reopened it",
    "refused": "was refused",
    "phi_refused": "was stopped by the PHI guard",
}

_USER_ID = re.compile(r"^[UW][A-Z0-9_]{2,}$")
_ESCAPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9_]{2,})&gt;")


# ---- small pieces ----------------------------------------------------------------------------------------


def user(user_id: str | None) -> str:
    """A mention for a Slack user id; anything else shown literally."""
    if user_id and _USER_ID.match(user_id):
        return f"<@{user_id}>"
    return escape(user_id or "someone")


def safe_message(text: str) -> str:
    """A service message as mrkdwn: escaped, except the `<@U…>` mentions the service writes itself."""
    return _ESCAPED_MENTION.sub(r"<@\1>", escape(text))


def _plain(text: str, limit: int = 75) -> PlainTextObject:
    return PlainTextObject(text=truncate(text, limit))


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_LIMIT)), block_id=block_id)


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, SECTION_LIMIT))])


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _packed(title: str, lines: Iterable[str]) -> list[Block]:
    """`title` then `lines`, in as few sections of at most 3,000 characters as they fit (never cut short)."""
    sections: list[Block] = []
    current = title
    for line in lines:
        for piece in _chunks(line, SECTION_LIMIT - 10):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) > SECTION_LIMIT:
                sections.append(_section(current))
                current = piece
            else:
                current = candidate
    if current:
        sections.append(_section(current))
    return sections


def _quoted(title: str, text: str) -> list[Block]:
    return _packed(title, (f">{line}" for line in (escape(text).splitlines() or [""])))


def _option(text: str, value: str) -> Option:
    return Option(text=_plain(text), value=value[:150])


def _reply(text: str, blocks: Sequence[Block], *, fallback_is_mrkdwn: bool = False) -> Reply:
    """The fallback shows in notifications and is parsed as mrkdwn, so it is made safe like the blocks."""
    rendered = [block.to_dict() for block in blocks][:MAX_BLOCKS]
    fallback = text if fallback_is_mrkdwn else safe_message(text)
    return Reply(text=truncate(fallback, 3000), blocks=rendered)


def status_text(c: Clarification) -> str:
    if c.state is ClarificationState.OPEN:
        return f"*Open* · due {when(c.due_at)}"
    answered = f" by {user(c.answered_by)} at {when(c.answered_at)}" if c.answered_at else ""
    if c.state is ClarificationState.ANSWERED:
        return f"*Answered*{answered}"
    if c.state is ClarificationState.RESOLVED:
        outcome = OUTCOME_NAMES[c.outcome] if c.outcome else "resolved"
        return f"*Resolved* ({outcome})" + (f" · answered{answered}" if answered else "")
    return f"*Closed without an answer*: {escape(c.close_reason or '')}"


def answer_text(c: Clarification) -> str:
    if c.answer is None:
        return ""
    parts = []
    if c.answer.choice:
        parts.append(f"*{escape(c.answer.choice)}*")
    if c.answer.text.strip():
        parts.append(escape(c.answer.text.strip()))
    return " — ".join(parts)


def _summary(c: Clarification) -> list[Block]:
    blocks: list[Block] = []
    if c.codes:
        blocks.append(_section("*Codes:* " + escape(", ".join(c.codes))))
    blocks += _quoted(f"*Question* ({FORMAT_NAMES[c.format]}):", c.question)
    blocks += _quoted("*Clinical indicators:*", c.indicators)
    if c.options:
        blocks += _packed("*Options:*", (f"• {escape(option)}" for option in c.options))
    return blocks


def _answered_block(c: Clarification) -> list[Block]:
    if c.answer is None or c.state is ClarificationState.OPEN:
        return []
    return _packed("*Answer:*", [answer_text(c)])


# ---- messages posted through the outbox -----------------------------------------------------------------


def office_post_blocks(c: Clarification, office: Office) -> list[dict[str, Any]]:
    """The question as the office sees it: Answer / Need more information while it is open, then who answered."""
    blocks: list[Block] = [
        _section(
            f"*Clarification #{c.id}* for {escape(office.name)} · encounter `{escape(c.encounter_ref)}`"
        ),
        _section(status_text(c)),
        *_summary(c),
        *_answered_block(c),
        _context(f"Asked by {user(c.asker_id)}. Reply in this thread to talk to the coder."),
    ]
    if c.state is ClarificationState.OPEN:
        blocks.append(
            ActionsBlock(
                block_id=OFFICE_ACTIONS_BLOCK,
                elements=[
                    ButtonElement(
                        text=_plain("Answer"),
                        action_id=ids.CLARIFICATION_ANSWER,
                        value=str(c.id),
                        style="primary",
                    ),
                    ButtonElement(
                        text=_plain("Need more information"),
                        action_id=ids.CLARIFICATION_MORE_INFO,
                        value=str(c.id),
                    ),
                ],
            )
        )
    return _reply("", blocks)["blocks"]


def resolve_select(c: Clarification) -> StaticSelectElement:
    return StaticSelectElement(
        action_id=ids.CLARIFICATION_RESOLVE,
        placeholder=_plain("Resolve: record the outcome"),
        options=[
            _option(RESOLVE_CHOICES[outcome], f"{c.id}:{outcome.value}") for outcome in ANSWERED_OUTCOMES
        ],
    )


def tracking_blocks(c: Clarification, office: Office) -> list[dict[str, Any]]:
    """The coder's copy in their DM: status, the question, the answer and, once answered, Resolve."""
    blocks: list[Block] = [
        _section(
            f"*Your clarification #{c.id}* to {escape(office.name)} · encounter `{escape(c.encounter_ref)}`"
        ),
        _section(status_text(c)),
        *_quoted("*Question:*", c.question),
        *_answered_block(c),
    ]
    if c.state is ClarificationState.ANSWERED:
        blocks.append(ActionsBlock(block_id=ASKER_ACTIONS_BLOCK, elements=[resolve_select(c)]))
    if c.state in (ClarificationState.OPEN, ClarificationState.ANSWERED):
        blocks.append(_context("Replies from the office appear in this thread; reply here to answer them."))
    else:
        blocks.append(_context(f"`/clarify show {c.id}` shows the whole record."))
    return _reply("", blocks)["blocks"]


def outbox_blocks(kind: MessageKind, c: Clarification, office: Office) -> list[dict[str, Any]] | None:
    """The service's `blocks_for` hook: Block Kit for the two root messages; thread notes stay plain text."""
    if kind in (MessageKind.OFFICE_POST, MessageKind.OFFICE_UPDATE):
        return office_post_blocks(c, office)
    if kind in (MessageKind.ASKER_TRACKING, MessageKind.ASKER_UPDATE):
        return tracking_blocks(c, office)
    return None


# ---- modals ---------------------------------------------------------------------------------------------


class Field:
    """block_id (and action_id) of each modal input; the service's error keys use the same names."""

    OFFICE = "office_id"
    ENCOUNTER = "encounter_ref"
    CODES = "codes"
    QUESTION = "question"
    FORMAT = "format"
    OPTIONS = "options"
    DOCUMENTED = "documented_diagnosis"
    INDICATORS = "indicators"
    DUE = "due_at"
    REVIEW = "review"
    CHOICE = "choice"
    TEXT = "text"
    REASON = "reason"


CLARIFY_FIELDS = (
    Field.OFFICE,
    Field.ENCOUNTER,
    Field.CODES,
    Field.QUESTION,
    Field.FORMAT,
    Field.OPTIONS,
    Field.DOCUMENTED,
    Field.INDICATORS,
    Field.DUE,
    Field.REVIEW,
)


def _modal(
    title: str,
    callback_id: str,
    blocks: Sequence[Block],
    *,
    submit: str | None = None,
    metadata: str = "",
    close: str = "Cancel",
) -> dict[str, Any]:
    view = View(
        type="modal",
        callback_id=callback_id,
        title=_plain(title, 24),
        submit=_plain(submit, 24) if submit else None,
        close=_plain(close, 24),
        private_metadata=metadata,
        blocks=list(blocks)[:MODAL_BLOCKS],
    )
    return view.to_dict()


def _text_input(
    block_id: str,
    label: str,
    *,
    initial: str = "",
    multiline: bool = False,
    max_length: int = 3000,
    optional: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=_plain(label, 2000),
        optional=optional,
        hint=_plain(hint, 2000) if hint else None,
        element=PlainTextInputElement(
            action_id=block_id,
            multiline=multiline,
            max_length=max_length,
            initial_value=truncate(initial, max_length) if initial else None,
            placeholder=_plain(placeholder, 150) if placeholder else None,
        ),
    )


def _checkbox(block_id: str, label: str, text: str, *, hint: str | None = None) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=_plain(label, 2000),
        optional=True,
        hint=_plain(hint, 2000) if hint else None,
        element=CheckboxesElement(action_id=block_id, options=[_option(text, "yes")]),
    )


@dataclass(frozen=True)
class ClarifyForm:
    """What the clarify modal starts with. `hint` is shown above the form and never submitted."""

    offices: Sequence[Office]
    codes: Sequence[str] = ()
    question: str = ""
    hint: str | None = None


def clarify_modal(form: ClarifyForm) -> dict[str, Any]:
    offices = list(form.offices)[:MAX_SELECT_OPTIONS]
    office_options = [_option(office.name, str(office.id)) for office in offices]
    formats = [_option(name, fmt.value) for fmt, name in FORMAT_NAMES.items()]
    blocks: list[Block] = [
        _context(
            "A compliant query: one encounter, the clinical indicators behind it, no leading wording. "
            "*No patient identifiers* (names, dates of birth, MRNs, phone numbers, addresses)."
        )
    ]
    if form.hint:
        blocks.append(_context(escape(form.hint)))
    blocks += [
        InputBlock(
            block_id=Field.OFFICE,
            label=_plain("Office", 2000),
            element=StaticSelectElement(
                action_id=Field.OFFICE,
                placeholder=_plain("Choose the physician's office"),
                options=office_options,
                initial_option=office_options[0] if len(office_options) == 1 else None,
            ),
        ),
        _text_input(
            Field.ENCOUNTER,
            "Encounter or claim reference",
            max_length=MAX_ENCOUNTER_REF,
            hint="The account, encounter or claim number you already use; never a name, DOB or MRN.",
            placeholder="e.g. ENC-2026-00042",
        ),
        _text_input(
            Field.CODES,
            "Codes in question",
            initial=" ".join(form.codes),
            max_length=300,
            optional=True,
            placeholder="e.g. D64.9 E11.9",
        ),
        _text_input(
            Field.QUESTION, "Question", initial=form.question, multiline=True, max_length=MAX_QUESTION
        ),
        InputBlock(
            block_id=Field.FORMAT,
            label=_plain("Format", 2000),
            element=RadioButtonsElement(action_id=Field.FORMAT, options=formats, initial_option=formats[0]),
            hint=_plain(
                "Open-ended is best for a new diagnosis; yes/no only for one already documented.", 2000
            ),
        ),
        _text_input(
            Field.OPTIONS,
            "Options (multiple choice)",
            initial="\n".join(REQUIRED_OPTIONS),
            multiline=True,
            max_length=1000,
            optional=True,
            hint="One option per line: only clinically reasonable ones, and keep the two given.",
        ),
        _checkbox(
            Field.DOCUMENTED,
            "Already documented?",
            "The diagnosis is already documented in the record",
            hint="Required for a yes/no query.",
        ),
        _text_input(
            Field.INDICATORS,
            "Clinical indicators",
            multiline=True,
            max_length=MAX_INDICATORS,
            hint="Labs, vitals, imaging, treatment and notes that prompt the query, with values and dates.",
        ),
        InputBlock(
            block_id=Field.DUE,
            label=_plain("Answer due", 2000),
            optional=True,
            element=DateTimePickerElement(action_id=Field.DUE),
            hint=_plain("Leave empty for the office's turnaround, counted in its business hours.", 2000),
        ),
        _checkbox(
            Field.REVIEW,
            "Wording",
            "I have reviewed the wording and it is not leading",
            hint="Needed only when CodeDesk warns about the wording.",
        ),
    ]
    return _modal("Ask an office", ids.CLARIFY_MODAL, blocks, submit="Send")


def sent_view(c: Clarification, office_name: str, warnings: Collection[str] = ()) -> dict[str, Any]:
    blocks: list[Block] = [
        _section(
            f":white_check_mark: *Clarification #{c.id}* is saved and will be posted to {escape(office_name)} "
            f"shortly, due {when(c.due_at)}."
        ),
        _context(
            "Your copy arrives in your DM with CodeDesk; the answer and the office's replies come to its "
            f"thread. If it cannot be posted you get a DM saying why. `/clarify show {c.id}` shows the record."
        ),
    ]
    if warnings:
        blocks.append(_context("Sent with wording warnings you reviewed: " + escape(" ".join(warnings))))
    return _modal("Clarification saved", ids.CLARIFY_MODAL, blocks, close="Done")


def notice_view(title: str, message: str, callback_id: str, *, mrkdwn: bool = False) -> dict[str, Any]:
    """A modal that only says something (the answer lost a race, the clarification closed meanwhile).
    `message` is escaped, unless `mrkdwn` says it is already mrkdwn the service wrote (with a `<#C…>` in it)."""
    text = message if mrkdwn else safe_message(message)
    return _modal(title, callback_id, [_section(text)], close="Close")


def _question_recap(c: Clarification, office_name: str) -> list[Block]:
    return [
        _section(
            f"*#{c.id}* from {user(c.asker_id)} to {escape(office_name)} · encounter `{escape(c.encounter_ref)}`"
        ),
        *_summary(c),
        DividerBlock(),
    ]


def answer_modal(c: Clarification, office_name: str, metadata: str) -> dict[str, Any]:
    """Matches the format: pick an option / yes-no (+ comment), or free text for an open-ended query."""
    blocks = _question_recap(c, office_name)
    if c.format is QueryFormat.OPEN_ENDED:
        blocks.append(_text_input(Field.TEXT, "Your answer", multiline=True, max_length=MAX_QUESTION))
    else:
        choices = c.options if c.format is QueryFormat.MULTIPLE_CHOICE else YES_NO_CHOICES
        blocks.append(
            InputBlock(
                block_id=Field.CHOICE,
                label=_plain("Your answer", 2000),
                element=RadioButtonsElement(
                    action_id=Field.CHOICE, options=[_option(choice, choice) for choice in choices]
                ),
            )
        )
        blocks.append(
            _text_input(
                Field.TEXT,
                "Comment",
                multiline=True,
                max_length=MAX_QUESTION,
                optional=True,
                hint='Required when you choose "Other (please specify)".',
            )
        )
    blocks.append(_context("No patient identifiers, please: refer to the encounter by its reference."))
    return _modal(f"Answer #{c.id}", ids.ANSWER_MODAL, blocks, submit="Send answer", metadata=metadata)


def more_info_modal(c: Clarification, office_name: str, metadata: str) -> dict[str, Any]:
    blocks = _question_recap(c, office_name)
    blocks.append(
        _text_input(
            Field.TEXT,
            "What do you need to answer?",
            multiline=True,
            max_length=3000,
            hint="Goes to the coder's thread; the question stays open.",
        )
    )
    return _modal(f"More info for #{c.id}", ids.ANSWER_MODAL, blocks, submit="Send", metadata=metadata)


def reason_modal(c: Clarification, mode: str, metadata: str) -> dict[str, Any]:
    """Close without an answer, or reopen: both need a reason for the permanent record."""
    verb = "Close" if mode == "close" else "Reopen"
    blocks: list[Block] = [
        _section(f"*#{c.id}* · encounter `{escape(c.encounter_ref)}` · {STATE_NAMES[c.state]}"),
        _text_input(
            Field.REASON,
            "Reason",
            multiline=True,
            max_length=500,
            hint="Kept in the permanent record and shown to the office.",
        ),
    ]
    return _modal(f"{verb} #{c.id}", ids.CLOSE_MODAL, blocks, submit=verb, metadata=metadata)


def view_errors(
    errors: Mapping[str, str],
    block_ids: Collection[str],
    fallback: str,
    aliases: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Errors keyed by the modal's block ids (Slack shows each under its field); others go on `fallback`."""
    shown: dict[str, list[str]] = {}
    for key, message in errors.items():
        block = (aliases or {}).get(key, key)
        if block not in block_ids:
            block = fallback
        shown.setdefault(block, []).append(message)
    return {block: truncate(" ".join(messages), ERROR_LIMIT) for block, messages in shown.items()}


# ---- replies to /clarify --------------------------------------------------------------------------------


def notice_reply(message: str) -> Reply:
    """A short ephemeral answer; service messages keep their mentions, everything else is escaped."""
    return _reply(message, [_section(safe_message(message))])


HELP_LINES = (
    "*`/clarify`* opens the form to ask an office a compliant query",
    "*`/clarify list [mine|office <name>|overdue|all]`* your clarifications (or an office's, or overdue ones)",
    "*`/clarify show <id>`* one clarification with its thread and history",
    "*`/clarify close <id> reason:<why>`* close one that will not be answered",
    "*`/clarify reopen <id> reason:<why>`* reopen one (leads)",
    '*`/clarify export [from:2026-11-01] [to:2026-11-30] [office:"Main St"]`* the record as CSV, with every '
    "event, to your DM (leads)",
)


def help_reply() -> Reply:
    blocks: list[Block] = [
        _section(
            "*CodeDesk clarifications* relay coding questions to physicians' offices and keep the record."
        ),
        _section("\n".join(escape(line) for line in HELP_LINES)),
        _context(
            "Also: the *Ask an office about this* message shortcut, and *Ask the office* on a failed check."
        ),
    ]
    return _reply("/clarify: list, show ID, close ID reason:..., reopen ID reason:..., help", blocks)


def _list_line(c: Clarification, office_name: str, now: datetime) -> str:
    overdue = " · :warning: *overdue*" if c.is_overdue(now) else ""
    due = f" · due {when(c.due_at)}" if c.state is ClarificationState.OPEN else ""
    snippet = truncate(" ".join(c.question.split()), 90)
    return (
        f"• *#{c.id}* {escape(office_name)} · `{escape(c.encounter_ref)}` · {STATE_NAMES[c.state]}{due}"
        f"{overdue}\n      {escape(snippet)}"
    )


def list_reply(
    title: str, items: Sequence[Clarification], office_names: Mapping[int, str], now: datetime
) -> Reply:
    if not items:
        return _reply(f"{title}: none.", [_section(f"*{escape(title)}*: none.")])
    lines = [_list_line(c, office_names.get(c.office_id, f"office {c.office_id}"), now) for c in items]
    blocks = _packed(f"*{escape(title)}* ({len(items)})", lines)
    if len(blocks) > MAX_BLOCKS - 1:
        blocks = [*blocks[: MAX_BLOCKS - 1], _context("More did not fit; narrow the list down.")]
    blocks.append(_context("`/clarify show &lt;id&gt;` for one clarification's thread and history."))
    return _reply(f"{title}: {len(items)}", blocks)


def _history_line(entry: AuditEntry) -> str:
    action = AUDIT_NAMES.get(entry.action, entry.action.replace("_", " "))
    detail = ""
    if entry.action in ("closed_unanswered", "reopened") and entry.detail.get("reason"):
        detail = f": {escape(str(entry.detail['reason']))}"
    elif entry.action == "resolved" and entry.detail.get("outcome"):
        detail = f" ({escape(str(entry.detail['outcome']))})"
    elif entry.action == "refused" and entry.detail.get("attempted"):
        detail = f" ({escape(str(entry.detail['attempted']))})"
    return f"• {when(entry.at)} {user(entry.actor_id)} {action}{detail}"


def _reply_line(reply: ThreadReply) -> str:
    side = "Coder" if reply.side.value == "asker" else "Office"
    text = " ".join(escape(reply.text).split())
    return f"• {when(reply.created_at)} {side} {user(reply.author_id)}: {text}"


def show_reply(
    c: Clarification,
    office_name: str,
    replies: Sequence[ThreadReply],
    history: Sequence[AuditEntry],
    now: datetime,
) -> Reply:
    overdue = " · :warning: *overdue*" if c.is_overdue(now) else ""
    blocks: list[Block] = [
        _section(
            f"*Clarification #{c.id}* to {escape(office_name)} · encounter `{escape(c.encounter_ref)}` · "
            f"asked by {user(c.asker_id)} {when(c.created_at)}"
        ),
        _section(status_text(c) + overdue),
        *_summary(c),
        *_answered_block(c),
    ]
    if replies:
        blocks += _packed("*Thread*", (_reply_line(r) for r in replies))
    if history:
        blocks += _packed("*History*", (_history_line(e) for e in history))
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], _context("The record is longer than one message can show.")]
    return _reply(f"Clarification #{c.id}: {STATE_NAMES[c.state]}", blocks)


# ---- replies to /codedesk -------------------------------------------------------------------------------


def mrkdwn_reply(text: str) -> Reply:
    """Text already written as safe mrkdwn by our own code (e.g. the schedules feature's replies)."""
    return _reply(text, _packed("", text.splitlines()), fallback_is_mrkdwn=True)


def business_day_hours(opens: time, closes: time) -> float:
    return opening_hours(opens, closes)


def sla_text(office: Office) -> str:
    """The turnaround with its unit spelled out, in business hours and what that is in business days."""
    day = opening_hours(office.open, office.close)
    days = office.sla_hours / day if day else 0
    shown_days = f"{days:g}" if days == int(days) else f"{days:.1f}"
    return (
        f"{office.sla_hours:g} business hours ({shown_days} business day{'s' if days != 1 else ''} of "
        f"{day:g} h)"
    )


def office_line(office: Office, calendar: WorkCalendar | None = None) -> str:
    hours = f"{office.open.strftime('%H:%M')}–{office.close.strftime('%H:%M')}"
    state = "" if office.active else " · _removed_"
    holidays = f" · holidays {escape(region_label(calendar))}" if calendar is not None else ""
    return (
        f"• *{escape(office.name)}* in <#{office.channel_id}> · {escape(office.tz)} · {hours}{holidays} · "
        f"answers due within {sla_text(office)}{state}"
    )


def offices_reply(offices: Sequence[Office], calendars: Mapping[int, WorkCalendar] | None = None) -> Reply:
    if not offices:
        return notice_reply("No offices yet. Add one with `/codedesk office add <name> #channel`.")
    lines = (office_line(office, (calendars or {}).get(office.id)) for office in offices)
    blocks = _packed(f"*Offices* ({len(offices)})", lines)
    return _reply(f"Offices: {len(offices)}", blocks[:MAX_BLOCKS])


def calendar_reply(name: str, calendar: WorkCalendar, first: date, last: date) -> Reply:
    """The days off of an office or the team between two dates: public holidays and a lead's changes."""
    days = calendar.days_off(first, last)
    title = (
        f"*Days off of {escape(name)}* {first.isoformat()} to {last.isoformat()} "
        f"(public holidays: {escape(region_label(calendar))}; weekends are always off)"
    )
    if not days:
        return _reply(f"No days off for {name}.", [_section(title + "\nNone.")])
    lines = [f"• {day.isoformat()} {day.strftime('%a')}: {escape(what)}" for day, what in days]
    blocks = _packed(title, lines)[: MAX_BLOCKS - 1]
    blocks.append(
        _context(
            f'Close a day: `/codedesk office closed add "{escape(name)}" 2026-12-24`; open a public holiday: '
            "`... closed remove ...`."
            if name != "the team"
            else "Close a day for the team: `/codedesk team closed add 2026-12-24`."
        )
    )
    return _reply(f"Days off of {name}: {len(days)}", blocks)


def roles_reply(grants: Sequence[tuple[str, str]]) -> Reply:
    """(user id, role) pairs."""
    if not grants:
        return notice_reply("Nobody has a CodeDesk role yet.")
    lines = (f"• {user(user_id)} · {escape(role)}" for user_id, role in grants)
    return _reply(f"Roles: {len(grants)}", _packed(f"*Roles* ({len(grants)})", lines)[:MAX_BLOCKS])


def admin_help_reply(lines: Sequence[str]) -> Reply:
    blocks: list[Block] = [
        _section("*CodeDesk admin* (leads and admins): offices, their members, roles and schedules."),
        _section("\n".join(f"• {escape(line)}" for line in lines)),
        _context(
            "Pick channels and people from Slack's autocomplete. Office members are the people who answer "
            "for an office, usually Slack Connect guests in its channel."
        ),
    ]
    return _reply("/codedesk: office add|edit|remove|list|member, role grant|revoke|list, schedule", blocks)
