"""The App Home tab as a Block Kit view: what the bot does, the caller's recent lookups and open items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import ids
from bot.lookups.codebook import Coverage
from bot.render.admin_blocks import AdminHome, admin_home_blocks
from bot.render.mrkdwn import escape, truncate
from bot.services import OpenItem
from storage.usage import RecentLookup

SECTION_LIMIT = 3000
MAX_OPEN_ITEMS = 20


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_LIMIT)), block_id=block_id)


def coverage_lines(coverage: Coverage, today: date) -> list[str]:
    """Each system's loaded data and the dates of service it covers, with how long today stays inside."""
    lines = []
    for r in coverage.releases:
        left = (r.covers_through - today).days
        state = (
            f":warning: ended {-left} day{'s' if left != -1 else ''} ago: import the newer release"
            if left < 0
            else f"{left} day{'s' if left != 1 else ''} left"
        )
        lines.append(
            f"• {escape(r.name)}: {r.covers_from.isoformat()} to {r.covers_through.isoformat()} ({state})"
        )
    return lines


@dataclass(frozen=True)
class HomeFavourites:
    mine: Sequence[tuple[str, str]]  # (code, title)
    team: Sequence[tuple[str, str, int]]  # (code, title, people who pinned it)


def _favourites_blocks(favourites: HomeFavourites) -> list[Block]:
    lines = [f"• `{escape(code)}` {escape(title)}" for code, title in favourites.mine]
    team = [f"• `{escape(code)}` {escape(title)} · {people}" for code, title, people in favourites.team]
    text = "*Your pinned codes*\n" + (
        "\n".join(lines) if lines else "None yet: press *Pin* on a lookup result."
    )
    if team:
        text += "\n*Pinned most by your team*\n" + "\n".join(team)
    return [DividerBlock(), _section(text, block_id=ids.HOME_FAVOURITES_BLOCK)]


def home_view(
    recent: Sequence[RecentLookup],
    open_items: Sequence[OpenItem],
    admin: AdminHome | None = None,
    favourites: HomeFavourites | None = None,
    coverage: Coverage | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text="CodeDesk")),
        _section(
            "Look up ICD-10-CM, ICD-10-PCS, HCPCS and CPT codes, check a claim's codes against the edits, "
            "and send coding questions to an office.\n"
            "• `/code heart attack` find codes\n"
            "• `/code show E11.9` a code's notes and children\n"
            "• `/code check E11.9 I10 dos:2025-03-01` check a claim\n"
            "• `/clarify` ask an office a question"
        ),
        DividerBlock(),
        _section("*Your recent lookups*"),
    ]
    if recent:
        lines = [f"• `/code {escape(r.query)}`" for r in recent]
        blocks.append(_section("\n".join(lines), block_id=ids.HOME_RECENT_BLOCK))
    else:
        blocks.append(
            ContextBlock(
                block_id=ids.HOME_RECENT_BLOCK,
                elements=[MarkdownTextObject(text="Nothing yet: try `/code heart attack`.")],
            )
        )
    if favourites is not None:
        blocks += _favourites_blocks(favourites)
    blocks += [DividerBlock(), _section("*Your open clarifications*")]
    if open_items:
        lines = []
        for item in open_items[:MAX_OPEN_ITEMS]:
            title = escape(item.title)
            if item.link:
                title = f"<{item.link}|{title}>"
            lines.append(f"• {title} · {escape(item.status)}")
        if len(open_items) > MAX_OPEN_ITEMS:
            lines.append(f"…and {len(open_items) - MAX_OPEN_ITEMS} more")
        blocks.append(_section("\n".join(lines), block_id=ids.HOME_OPEN_ITEMS_BLOCK))
    else:
        blocks.append(
            ContextBlock(block_id=ids.HOME_OPEN_ITEMS_BLOCK, elements=[MarkdownTextObject(text="None open.")])
        )
    if coverage is not None and today is not None and coverage.releases:
        blocks += [
            DividerBlock(),
            _section(
                "*Code data* (dates of service covered)\n" + "\n".join(coverage_lines(coverage, today)),
                block_id=ids.HOME_COVERAGE_BLOCK,
            ),
        ]
    if admin is not None:
        blocks += admin_home_blocks(admin)
    return View(type="home", blocks=blocks).to_dict()
