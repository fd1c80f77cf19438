"""Making user and official text safe to put in Slack mrkdwn.

Slack turns `<!channel>`, `<@U123>` and `<https://x|y>` into pings and disguised links, and some clients still
ping on a bare `@channel`. Everything we did not write ourselves goes through `escape` so it shows literally.
"""

from __future__ import annotations

import re

ZWJ = "\u200d"
ELLIPSIS = "…"
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")


def escape(text: str) -> str:
    """Escape &, <, > (Slack's three control characters) and defuse bare broadcast mentions."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"@{ZWJ}{m.group(1)}", text)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when cut; never cuts an `&amp;` entity in half."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = _ENTITY_TAIL.sub("", cut)
    return cut + ELLIPSIS
