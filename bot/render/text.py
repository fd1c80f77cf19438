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
        if target.startswith("!date^"):  # a date token: its fallback is the moment as text (UTC)
            return label
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


def _option_names(element: Mapping[str, Any]) -> list[str]:
    return [
        _text_of(option.get("text")) for option in element.get("options") or [] if isinstance(option, Mapping)
    ]


def _element_text(element: Mapping[str, Any]) -> str:
    """A button or menu as text, with the action id to type after `click` (as in `click show_more`)."""
    kind = element.get("type")
    action = element.get("action_id")
    click = f" ‹click {action}›" if action else ""
    if kind == "button":
        return f"[{_text_of(element.get('text'))}{click}]"
    if kind in ("static_select", "users_select", "conversations_select", "channels_select", "overflow"):
        placeholder = _text_of(element.get("placeholder")) or "choose"
        names = _option_names(element)
        choices = f": {' | '.join(names)}" if names else ""
        return f"[{placeholder} ▾{click} <choice>{choices}]" if action else f"[{placeholder} ▾{choices}]"
    return _text_of(element)


def _input_value(element: Mapping[str, Any]) -> str:
    """What an input shows before anyone types: its initial value or choice, and the choices it offers."""
    kind = element.get("type")
    if kind in ("plain_text_input", "number_input", "email_text_input", "url_text_input"):
        value = str(element.get("initial_value") or "")
        return value.replace("\n", " ⏎ ") if value else "____"
    if kind in ("static_select", "radio_buttons"):
        initial = element.get("initial_option")
        picked = _text_of(initial.get("text")) if isinstance(initial, Mapping) else "____"
        return f"{picked}  (choices: {' | '.join(_option_names(element))})"
    if kind == "checkboxes":
        initial = [
            _text_of(o.get("text")) for o in element.get("initial_options") or [] if isinstance(o, Mapping)
        ]
        names = _option_names(element)
        ticked = ", ".join(initial) if initial else "none ticked"
        if len(names) == 1:  # typed as yes or no (bot/console.py: ticked_options)
            return f"{ticked}  (yes | no)" if initial else f"{ticked}  (yes | no: {names[0]})"
        return f"{ticked}  (boxes: {' | '.join(names)})"
    if kind == "timepicker":
        return str(element.get("initial_time") or "____") + "  (HH:MM)"
    if kind == "datepicker":
        return str(element.get("initial_date") or "____") + "  (YYYY-MM-DD)"
    if kind == "datetimepicker":
        initial = element.get("initial_date_time")
        return "____  (YYYY-MM-DDTHH:MM)" if not initial else f"{initial}  (epoch seconds)"
    if kind == "conversations_select":
        initial = element.get("initial_conversation")
        return f"#{initial}" if initial else "____  (#channel-name or a channel id)"
    if kind == "channels_select":
        initial = element.get("initial_channel")
        return f"#{initial}" if initial else "____  (#channel-name or a channel id)"
    if kind == "multi_users_select":
        users = element.get("initial_users") or []
        return " ".join(f"@{u}" for u in users) if users else "____  (user ids, e.g. U123 U456)"
    return "____"


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
        element = block.get("element") or {}
        field = block.get("block_id")
        shown = _input_value(element) if isinstance(element, Mapping) else "____"
        optional = " (optional)" if block.get("optional") else ""
        return [f"{label}{optional} [{field}]: {shown}"]
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
