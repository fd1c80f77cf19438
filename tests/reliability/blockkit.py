"""What every message the app renders must satisfy, as functions returning the problems found.

Validation goes through `slack_sdk.models` (each block is parsed back and re-serialised, which runs the SDK's
limit checks) plus the Block Kit limits the SDK does not check (empty texts, section and header lengths).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_TEXT = {"section": 3000, "context": 3000, "header": 150}
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK = 40_000  # Slack truncates longer `text`; the app keeps its fallbacks far shorter

# Slack's control sequences: a mention, a channel link, a special mention (!channel, !here, !date...) or a URL.
CONTROL = re.compile(r"<(?:[@#!]|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)
BARE_BROADCAST = re.compile(r"(?<![\w\u200d])@(?:channel|here|everyone)\b", re.IGNORECASE)
# Bidi controls and zero-width characters (a joiner inside an emoji sequence is allowed): visual spoofing.
INVISIBLE = re.compile(
    "[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]"
    "|(?<![\U0001f000-\U0001faff\u2600-\u27bf\ufe0f])\u200d|\u200d(?![\U0001f000-\U0001faff\u2600-\u27bf])"
)


def _text_objects(node: Any) -> Iterator[Mapping[str, Any]]:
    """Every text object ({"type": "mrkdwn"|"plain_text", "text": ...}), recursively."""
    if isinstance(node, Mapping):
        if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
            yield node
        for value in node.values():
            yield from _text_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _text_objects(item)


def _texts(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """(type of the block it is in, text) for every text object."""
    for block in blocks:
        for obj in _text_objects(block):
            yield str(block.get("type", "")), str(obj["text"])


def shown_texts(message: Mapping[str, Any]) -> list[str]:
    """Every text Slack parses as mrkdwn (where `<...>` and `@channel` mean something): the fallback `text`
    and the mrkdwn text objects. plain_text objects are shown literally, so they cannot ping or link."""
    mrkdwn = [str(o["text"]) for o in _text_objects(message.get("blocks", [])) if o.get("type") == "mrkdwn"]
    return [str(message.get("text", "")), *mrkdwn]


def _button_values(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        if node.get("type") == "button" and "value" in node:
            yield str(node["value"])
        for value in node.values():
            yield from _button_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _button_values(item)


def block_problems(blocks: list[dict[str, Any]], max_blocks: int) -> list[str]:
    problems = []
    if len(blocks) > max_blocks:
        problems.append(f"{len(blocks)} blocks (limit {max_blocks})")
    for n, block in enumerate(blocks):
        try:
            parsed = Block.parse(block)
            if parsed is None or parsed.to_dict() != block:
                problems.append(f"block {n} does not survive slack_sdk parsing: {block}")
        except Exception as e:
            problems.append(f"block {n} rejected by slack_sdk: {type(e).__name__}: {e}")
        if (
            block.get("type") == "section"
            and not block.get("text", {}).get("text")
            and not block.get("fields")
        ):
            problems.append(f"block {n}: a section without text")
    for kind, text in _texts(blocks):
        limit = MAX_TEXT.get(kind)
        if not text:
            problems.append(f"an empty {kind or 'text'} object")
        if limit is not None and len(text) > limit:
            problems.append(f"a {kind} text of {len(text)} characters (limit {limit})")
        if INVISIBLE.search(text):
            problems.append(f"an invisible (bidi or zero-width) character in a {kind} text")
    problems += [
        f"a button value of {len(v)} characters" for v in _button_values(blocks) if len(v) > MAX_BUTTON_VALUE
    ]
    return problems


def message_problems(message: Mapping[str, Any]) -> list[str]:
    """A chat message / response_url reply: valid blocks and a usable fallback text."""
    problems = block_problems(list(message.get("blocks", [])), MAX_MESSAGE_BLOCKS)
    fallback = str(message.get("text", ""))
    if not fallback.strip():
        problems.append("no fallback text")
    if len(fallback) > MAX_FALLBACK:
        problems.append(f"a fallback of {len(fallback)} characters")
    return problems


def view_problems(view: Mapping[str, Any]) -> list[str]:
    problems = block_problems(list(view.get("blocks", [])), MAX_VIEW_BLOCKS)
    try:
        View(**view).to_dict()
    except Exception as e:
        problems.append(f"view rejected by slack_sdk: {type(e).__name__}: {e}")
    return problems


def leaks(
    texts: Iterable[str], allowed: Iterable[str | re.Pattern[str]] = (), *, bare_broadcasts: bool = True
) -> list[str]:
    """Control sequences (`<@`, `<#`, `<!`, `<http...`) and bare broadcasts in `texts` that the app did not
    put there itself: `allowed` are the exact tokens or patterns its templates add (its own mentions, dates)."""
    allowed = list(allowed)
    found = []
    for text in texts:
        for token in allowed:
            text = token.sub("", text) if isinstance(token, re.Pattern) else text.replace(token, "")
        found += [
            f"{m.group(0)!r} in {text[max(0, m.start() - 30) : m.end() + 30]!r}"
            for m in CONTROL.finditer(text)
        ]
        if bare_broadcasts:
            found += [f"bare {m.group(0)!r}" for m in BARE_BROADCAST.finditer(text)]
        if "<" in text:
            found.append(f"an unescaped '<' in {text[:80]!r}")
        found += [f"invisible {m.group(0)!r} in {text[:80]!r}" for m in INVISIBLE.finditer(text)]
    return found
