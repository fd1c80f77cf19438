"""Small pieces of Slack mrkdwn the job reports share: aligned tables, message links, rates, hours, dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.relay.messages import escape

MAX_TABLE_ROWS = 15


def message_link(channel: str, ts: str | None, label: str) -> str:
    """A link to a posted message (Slack resolves /archives links for members), or the label alone."""
    if not ts:
        return label
    return f"<https://slack.com/archives/{channel}/p{ts.replace('.', '')}|{label}>"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A monospaced table in a code block: first column left-aligned, the rest right-aligned."""
    cells = [[str(cell) for cell in header], *[[escape(str(cell)) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        first, *rest = row
        parts = [
            first.ljust(widths[0]),
            *(cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)),
        ]
        lines.append("  ".join(parts).rstrip())
    return "```\n" + "\n".join(lines) + "\n```"


def clip(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def rate(numerator: int, denominator: int) -> str:
    return "–" if denominator == 0 else f"{100 * numerator / denominator:.0f}% ({numerator}/{denominator})"


def hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} h"


def local_time(moment: datetime, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    return local.strftime("%a %-d %b %Y %H:%M ") + (local.tzname() or "")


def day_label(day: date) -> str:
    return day.strftime("%a %-d %b")


def business_days(count: int) -> str:
    return f"{count} business day{'' if count == 1 else 's'}"


def more_line(shown: int, total: int, what: str) -> str | None:
    return None if total <= shown else f"…and {total - shown} more {what}."
