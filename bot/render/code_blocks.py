"""`/code` results as Block Kit: pure functions from lookup results to {"text", "blocks"} replies.

Built on slack_sdk.models so `to_dict()` validates Slack's limits here rather than as `invalid_blocks` in
production. Every piece of user or official text goes through `escape`; long results are packed into
sections of at most 3,000 characters and at most 50 blocks, with a "More results" button for further pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypedDict

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot import ids
from bot.render.mrkdwn import escape, truncate

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
FALLBACK_LIMIT = 3000
PAGE_SIZE = 10
MAX_CHILD_LINES = 80
NOTE_LABELS = {
    "notes": "Notes",
    "includes": "Includes",
    "inclusion": "Inclusion terms",
    "seventh_note": "7th character note",
    "excludes1": "Excludes1 (never together)",
    "excludes2": "Excludes2 (not included here)",
    "code_first": "Code first",
    "code_also": "Code also",
    "use_additional": "Use additional code",
}
SEVERITY_TITLES = (("error", "Errors"), ("warning", "Warnings"), ("info", "Notes"))


class Reply(TypedDict):
    text: str
    blocks: list[dict[str, Any]]


class ReleaseView(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def covers_from(self) -> date: ...
    @property
    def covers_through(self) -> date: ...


class Coverage(Protocol):
    @property
    def releases(self) -> Sequence[ReleaseView]: ...
    @property
    def release(self) -> str: ...
    @property
    def covers_dos_from(self) -> date: ...
    @property
    def covers_dos_through(self) -> date: ...


class HitView(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def system(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def billable(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def why(self) -> str: ...


@dataclass(frozen=True)
class DetailView:
    """What `show` prints about one code, in display form (the handler builds it from the code book)."""

    code: str
    system: str
    title: str
    billable: bool
    status: str = "billable"
    children: Sequence[tuple[str, str, bool]] = ()
    notes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    seventh: Sequence[tuple[str, str]] = ()
    history: Sequence[str] = ()
    also: Sequence[str] = ()  # the same characters as a code of another system


class FindingView(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def codes(self) -> Sequence[str]: ...
    @property
    def message(self) -> str: ...
    @property
    def fix(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def system(self) -> str | None: ...


class CheckView(Protocol):
    @property
    def verdict(self) -> str: ...
    @property
    def findings(self) -> Sequence[FindingView]: ...
    @property
    def coverage(self) -> Coverage: ...
    def rejection_note(self) -> str: ...


# ---- building blocks -------------------------------------------------------------------------------------


def _section(text: str, accessory: ButtonElement | None = None, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=truncate(text, SECTION_LIMIT)), accessory=accessory, block_id=block_id
    )


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, SECTION_LIMIT))])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=truncate(text, HEADER_LIMIT)))


def _button(
    label: str, action_id: str, value: Mapping[str, Any] | str, style: str | None = None
) -> ButtonElement:
    # ensure_ascii=False: Block Kit counts characters, and "\ud83d\ude00" would make one emoji twelve.
    raw = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return ButtonElement(text=PlainTextObject(text=label), action_id=action_id, value=raw, style=style)


def _packed_sections(title: str, lines: Iterable[str]) -> list[Block]:
    """Lines packed into as few sections as fit 3,000 characters each; `title` heads the first."""
    sections: list[Block] = []
    current = title
    for line in lines:
        line = truncate(line, SECTION_LIMIT - len(title) - 1)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > SECTION_LIMIT:
            sections.append(_section(current))
            current = line
        else:
            current = candidate
    if current:
        sections.append(_section(current))
    return sections


def _fit(blocks: list[Block], tail: list[Block], note: str) -> list[Block]:
    """At most MAX_BLOCKS: cut the body (never the tail of buttons) and say so."""
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], _context(note)]
    return blocks + tail


def _reply(text: str, blocks: Sequence[Block]) -> Reply:
    rendered = [b.to_dict() for b in blocks]
    if len(rendered) > MAX_BLOCKS:
        raise ValueError(f"{len(rendered)} blocks exceed Slack's limit of {MAX_BLOCKS}")
    # The fallback shows in notifications and is parsed as mrkdwn too, so it is escaped like the blocks.
    return Reply(text=truncate(escape(text), FALLBACK_LIMIT), blocks=rendered)


def _shared_context(shared_by: str | None) -> list[Block]:
    return [_context(f"Shared by <@{shared_by}>")] if shared_by else []


def _coverage_line(coverage: Coverage) -> str:
    if coverage.releases:  # each system's data and the dates of service it covers
        return "Code sets: " + "; ".join(
            f"{escape(r.name)} (dates of service {r.covers_from.isoformat()} to {r.covers_through.isoformat()})"
            for r in coverage.releases
        )
    return (
        f"Code sets: {escape(coverage.release)} · dates of service "
        f"{coverage.covers_dos_from.isoformat()} to {coverage.covers_dos_through.isoformat()}"
    )


BADGES = {
    "billable": "`billable`",
    "header": "`header: not billable, pick a child`",
    "deleted": "`deleted: not valid for current dates`",
    "table": "`PCS table: add characters`",
    "modifier": "`modifier`",
}


def _badge(status: str, billable: bool) -> str:
    return BADGES.get(status) or (BADGES["billable"] if billable else BADGES["header"])


def _share_value(command_text: str, offset: int = 0) -> dict[str, Any]:
    return {"t": command_text, "o": offset}


# ---- replies ---------------------------------------------------------------------------------------------

PIN_QUERY_CHARS = 200

HELP_LINES = (
    "*`/code words or code`* find codes (same as `/code lookup ...`), e.g. `/code heart attack`",
    "*`/code fav`* your pinned codes and your team's (*Pin* on a result; `/code fav remove <code>` unpins)",
    "*`/code show <code>`* a code's title, notes, 7th characters and children, e.g. `/code show S72.001`",
    "*`/code check <codes> [dos:YYYY-MM-DD] [age:N] [sex:F|M] [setting:inpatient]`* check a claim's codes "
    "against the edits, e.g. `/code check E10.9 E11.9 dos:2025-03-01`; `dx:E119,I10` and `px:G0439,J1234-59` "
    "say which codes are diagnoses and which procedures (modifiers after a dash)",
    "*`/code help`* this message",
)


def help_reply() -> Reply:
    blocks: list[Block] = [
        _section(
            "*CodeDesk* looks up ICD-10-CM, ICD-10-PCS, HCPCS and CPT codes and checks a claim's codes."
        ),
        _section("\n".join(HELP_LINES)),
        _context("Replies are only visible to you; use *Share in channel* to post one."),
    ]
    text = "CodeDesk /code: lookup <words>, show <code>, check <codes> [dos: age: sex: setting:], help"
    return _reply(text, blocks)


def favourites_reply(
    mine: Sequence[tuple[str, str]], team: Sequence[tuple[str, str, int]], team_name: str = "your team"
) -> Reply:
    """The caller's pins (code, title) and the team's most pinned (code, title, people)."""
    lines = [f"• *{escape(code)}*  {escape(title)}" for code, title in mine] or [
        "None yet: press *Pin* on a lookup result."
    ]
    blocks: list[Block] = _packed_sections(f"*Your pinned codes* ({len(mine)})", lines)
    team_lines = [
        f"• *{escape(code)}*  {escape(title)} · pinned by {people}" for code, title, people in team
    ] or ["None yet."]
    blocks += _packed_sections(f"*Pinned most by {escape(team_name)}*", team_lines)
    blocks.append(_context("What your team pins and uses lifts those codes a little in its lookups."))
    text = "Pinned: " + ", ".join(code for code, _ in mine) if mine else "No pinned codes yet."
    return _reply(text, blocks)


def message_reply(message: str) -> Reply:
    """A short notice (usage error, nothing found); the message may quote the user, so it is escaped."""
    if not escape(message).strip():  # nothing visible once invisible characters are removed
        message = "(nothing to show)"
    return _reply(message, [_section(escape(message))])


def lookup_reply(
    query: str,
    hits: Sequence[HitView],
    *,
    offset: int,
    has_more: bool,
    coverage: Coverage | None = None,
    shared_by: str | None = None,
    command_text: str | None = None,
    notice: str = "",
) -> Reply:
    """`notice` is what the search says about the query as a whole ("that is a CPT service ...")."""
    shown_query = escape(query)
    if not hits:
        message = (
            f"No codes found for “{shown_query}”. Try fewer words, a code (E11.9) or an abbreviation (CHF)."
            if offset == 0
            else f"No more codes for “{shown_query}”."
        )
        if notice and offset == 0:
            message = f"“{shown_query}”: {escape(notice)}"
        return _reply(f"No codes found for “{query}”", [_section(message)])
    first, last = offset + 1, offset + len(hits)
    blocks: list[Block] = [
        *_shared_context(shared_by),
        _section(f"*Codes for* “{shown_query}” ({first}–{last}{'+' if has_more else ''})"),
    ]
    if notice:
        blocks.append(_context(f":information_source: {escape(notice)}"))
    for hit in hits:
        badge = _badge(hit.status, hit.billable)
        text = f"*{escape(hit.code)}*  {escape(hit.title)}\n{escape(hit.system)} · {badge}"
        if hit.why:
            text += f"\n_Why: {escape(hit.why)}_"
        accessory = None
        if hit.status == "header" or (not hit.billable and hit.status not in BADGES):
            accessory = _button("Show children", ids.SHOW_CHILDREN, hit.code)
        elif shared_by is None:
            accessory = _button("Pin", ids.PIN_CODE, {"c": hit.code, "q": truncate(query, PIN_QUERY_CHARS)})
        blocks.append(_section(text, accessory=accessory))
    if coverage is not None:
        blocks.append(_context(_coverage_line(coverage)))
    tail: list[Block] = []
    if shared_by is None:
        buttons = [
            _button("Share in channel", ids.SHARE_IN_CHANNEL, _share_value(command_text or query, offset))
        ]
        if has_more:
            buttons.append(_button("More results", ids.SHOW_MORE, {"q": query, "o": offset + len(hits)}))
        tail.append(ActionsBlock(block_id=ids.CODE_RESULT_ACTIONS_BLOCK, elements=buttons))
    fallback = f"Codes for “{query}”: " + "; ".join(f"{h.code} {h.title}" for h in hits)
    return _reply(fallback, _fit(blocks, tail, "More results did not fit; use More results."))


def detail_reply(
    detail: DetailView,
    *,
    coverage: Coverage | None = None,
    shared_by: str | None = None,
    command_text: str | None = None,
) -> Reply:
    code = escape(detail.code)
    badge = _badge(detail.status, detail.billable)
    blocks: list[Block] = [
        *_shared_context(shared_by),
        _header(f"{detail.code} {detail.title}"),
        _section(f"*{code}*  {escape(detail.title)}\n{escape(detail.system)} · {badge}"),
        *(_context(f"Also {escape(other)}") for other in detail.also[:3]),
    ]
    for kind, notes in detail.notes.items():
        if notes:
            label = NOTE_LABELS.get(kind, kind.replace("_", " ").capitalize())
            blocks += _packed_sections(f"*{escape(label)}*", (f"• {escape(n)}" for n in notes))
    if detail.seventh:
        blocks += _packed_sections(
            "*7th characters*", (f"`{escape(ch)}` {escape(meaning)}" for ch, meaning in detail.seventh)
        )
    if detail.children:
        lines = [
            f"`{escape(child)}` {escape(title)}{'' if billable else '  (header)'}"
            for child, title, billable in detail.children[:MAX_CHILD_LINES]
        ]
        extra = len(detail.children) - MAX_CHILD_LINES
        if extra > 0:
            lines.append(f"…and {extra} more: narrow down with `/code show <child code>`")
        blocks.append(DividerBlock())
        blocks += _packed_sections(f"*Codes under {code}* ({len(detail.children)})", lines)
    if detail.history:
        blocks.append(_context("History: " + " · ".join(escape(h) for h in detail.history)))
    if coverage is not None:
        blocks.append(_context(_coverage_line(coverage)))
    tail: list[Block] = []
    if shared_by is None:
        share = _share_value(command_text or f"show {detail.code}")
        tail.append(
            ActionsBlock(
                block_id=ids.CODE_RESULT_ACTIONS_BLOCK,
                elements=[_button("Share in channel", ids.SHARE_IN_CHANNEL, share)],
            )
        )
    note = f"Some details did not fit in one message; narrow down with `/code show` on a child of {code}."
    fallback = f"{detail.code} {detail.title} ({'billable' if detail.billable else 'header, not billable'})"
    return _reply(fallback, _fit(blocks, tail, note))


def _finding_line(finding: FindingView) -> str:
    codes = " ".join(f"`{escape(c)}`" for c in finding.codes)
    system = f" ({escape(finding.system)})" if finding.system else ""
    line = f"• *{escape(finding.rule)}* {codes}{system}: {escape(finding.message)}"
    if finding.fix:
        line += f"\n    _Fix:_ {escape(finding.fix)}"
    if finding.source:
        line += f"\n    _Source:_ {escape(finding.source)}"
    return line


def check_reply(
    codes: Sequence[str],
    dos: date,
    result: CheckView,
    *,
    shared_by: str | None = None,
    command_text: str | None = None,
) -> Reply:
    shown_codes = " ".join(f"`{escape(c)}`" for c in codes)
    by_severity = {sev: [f for f in result.findings if f.severity == sev] for sev, _ in SEVERITY_TITLES}
    counts = ", ".join(
        f"{len(found)} {title.lower() if len(found) > 1 else title.lower()[:-1]}"
        for (sev, title) in SEVERITY_TITLES
        if (found := by_severity[sev])
    )
    failed = result.verdict != "pass"
    verdict = "❌ *Fail*" if failed else "✅ *Pass*"
    blocks: list[Block] = [
        *_shared_context(shared_by),
        _section(f"{verdict} {shown_codes} · DOS {dos.isoformat()}" + (f"\n{counts}" if counts else "")),
    ]
    for sev, title in SEVERITY_TITLES:
        if by_severity[sev]:
            blocks += _packed_sections(f"*{title}*", (_finding_line(f) for f in by_severity[sev]))
    note = result.rejection_note() if failed else ""
    if note:
        blocks.append(_section(f"*Rejection note*\n```{escape(note)}```"))
    blocks.append(_context(_coverage_line(result.coverage)))
    tail: list[Block] = []
    if shared_by is None:
        buttons: list[ButtonElement] = []
        if failed:
            buttons.append(
                _button(
                    "Ask the office",
                    ids.ASK_OFFICE,
                    {"codes": list(codes), "dos": dos.isoformat()},
                    style="primary",
                )
            )
        share = _share_value(command_text or "check " + " ".join(codes))
        buttons.append(_button("Share in channel", ids.SHARE_IN_CHANNEL, share))
        tail.append(ActionsBlock(block_id=ids.CHECK_ACTIONS_BLOCK, elements=buttons))
    fallback = f"{'Fail' if failed else 'Pass'}: {' '.join(codes)}" + (f" ({counts})" if counts else "")
    return _reply(fallback, _fit(blocks, tail, "More findings did not fit; check fewer codes at a time."))
