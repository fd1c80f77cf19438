"""Making user and official text safe to put in Slack: the one escaper for every text and fallback we post.

Slack turns `<!channel>`, `<@U123>` and `<https://x|y>` into pings and disguised links, and some clients still
ping on a bare `@channel`. Everything we did not write ourselves goes through `escape` so it shows literally.
Invisible characters are removed first: bidirectional overrides and isolates (which reorder what a reader sees,
so `E11.9` can display as `9.11E`) and zero-width characters (which hide inside a code or a name). A zero-width
joiner between two emoji is kept, because it is what makes a family or a profession emoji one picture.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
ZWJ = "\u200d"
# The bare broadcast is defused with a full-width at sign: visible, never a mention, no invisible character.
DEFUSED_AT = "\uff20"

# Bidi embeddings/overrides/isolates and marks, and the zero-width and invisible formatting characters.
INVISIBLE = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad\u034f\u115f\u1160\u3164\uffa0"
)
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")
_EMOJI_BEFORE_JOINER = frozenset({"\ufe0f"})


def _is_emoji_side(char: str) -> bool:
    return unicodedata.category(char) == "So" or "\U0001f3fb" <= char <= "\U0001f3ff"


def visible(text: str) -> str:
    """`text` without bidi controls and zero-width characters (a joiner inside an emoji sequence stays)."""
    if not _INVISIBLE.search(text):
        return text

    def keep_joiner(m: re.Match[str]) -> str:
        i = m.start()
        if m.group() == ZWJ and 0 < i < len(text) - 1:
            before, after = text[i - 1], text[i + 1]
            if (_is_emoji_side(before) or before in _EMOJI_BEFORE_JOINER) and _is_emoji_side(after):
                return ZWJ
        return ""

    return _INVISIBLE.sub(keep_joiner, text)


def escape(text: str) -> str:
    """Invisible characters removed, &, <, > escaped (Slack's three control characters), bare broadcast
    mentions defused."""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: f"{DEFUSED_AT}{m.group(1)}", text)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, ending in an ellipsis when cut; never cuts an `&amp;` entity in half.
    Invisible characters are removed too, so every text that is cut to fit a block is clean."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = visible(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = _ENTITY_TAIL.sub("", cut)
    cut = cut.rstrip("\u200d")  # a joiner cut from the emoji after it would be left invisible
    return cut + ELLIPSIS
