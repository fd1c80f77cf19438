"""Block Kit as readable plain text, for the console (what a Slack user would see, minus the styling)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

RULE = "─" * 60
_LINK = re.compile(r"<([^<>|]+)\|([^<>]*)>")
_BARE = re.compile(r"<([^<>]+)>")
_SPECIAL = {"!channel": "@channel", "!here": "@here", "!everyone": "@everyone"}


def mrkdwn_to_text(text: str) -> str:
    """Real Slack mentions/links as readable text; escaped user text back to the characters the user typed."""

    def link(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith(("@", "#")):
            return f"{target[0]}{label}"
        return f"{label} ({target})"

    def bare(m: re.Match[str]) -> str:
        return _SPECIAL.get(m.group(1), m.group(1))

    text = _LINK.sub(link, text)
    text = _BARE.sub(bare, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text


def _text_of(obj: Any) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return mrkdwn_to_text(obj)
    if isinstance(obj, Mapping):
        if obj.get("type") == "mrkdwn":
            return mrkdwn_to_text(str(obj.get("text", "")))
        if "text" in obj:
            inner = obj["text"]
            return _text_of(inner) if isinstance(inner, Mapping) else str(inner)
        if obj.get("type") == "image":
            return f"[image: {obj.get('alt_text', '')}]"
    return ""


def _element_text(element: Mapping[str, Any]) -> str:
    kind = element.get("type")
    if kind == "button":
        return f"[{_text_of(element.get('text'))}]"
    if kind in ("static_select", "users_select", "conversations_select", "channels_select", "overflow"):
        placeholder = _text_of(element.get("placeholder")) or "choose"
        return f"[{placeholder} ▾]"
    return _text_of(element)


def _block_text(block: Mapping[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text_of(block.get("text"))
        return [title, "=" * min(len(title), 60)]
    if kind == "divider":
        return [RULE]
    if kind == "section":
        lines = []
        if block.get("text"):
            lines.extend(_text_of(block["text"]).splitlines())
        for field in block.get("fields") or []:
            lines.append("  " + _text_of(field).replace("\n", " "))
        accessory = block.get("accessory")
        if isinstance(accessory, Mapping):
            lines.append("    " + _element_text(accessory))
        return lines
    if kind == "context":
        parts = [_text_of(e) for e in block.get("elements") or []]
        return ["  " + " · ".join(p for p in parts if p)]
    if kind == "actions":
        return ["  " + " ".join(_element_text(e) for e in block.get("elements") or [])]
    if kind == "input":
        label = _text_of(block.get("label"))
        return [f"{label}: ____"]
    if kind == "image":
        return [f"[image: {block.get('alt_text', '')}]"]
    if kind == "rich_text":
        return [_rich_text(block)]
    return []


def _rich_text(block: Mapping[str, Any]) -> str:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            kind = node.get("type")
            if kind == "text":
                out.append(str(node.get("text", "")))
            elif kind == "user":
                out.append(f"@{node.get('user_id', '')}")
            elif kind == "link":
                out.append(str(node.get("text") or node.get("url", "")))
            for child in node.get("elements") or []:
                walk(child)

    walk(block)
    return "".join(out)


def blocks_to_text(blocks: Sequence[Mapping[str, Any]] | None, text_fallback: str = "") -> str:
    """The blocks as lines of text; the `text` fallback when there are no blocks."""
    if not blocks:
        return mrkdwn_to_text(text_fallback)
    lines: list[str] = []
    for block in blocks:
        lines.extend(_block_text(block))
    return "\n".join(lines)
