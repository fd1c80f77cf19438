"""The written forms of one English compound: open, hyphenated or closed ("dodge ball", "dodge-ball",
"dodgeball"; "ping pong", "ping-pong"), and the head of an open compound (its last word: "table tennis" is
a kind of tennis).

English writes a compound noun three ways and a dictionary or an Index prints one of them: the External Cause
Index has "Activity, dodge ball", WordNet has "ping-pong", a user types "dodgeball" or "ping pong". Word
formation, not a list: the forms are the same letters with the joints spaced, hyphened or closed up. The head
rule is the grammar of an English compound noun (the last word names the kind, the words before it the sort).
"""

from __future__ import annotations

import re

_JOINT = re.compile(r"[\s-]+")


def closed(phrase: str) -> str:
    """The compound written closed up: "dodge ball" and "dodge-ball" -> dodgeball."""
    return _JOINT.sub("", phrase.lower())


def compound_forms(phrase: str) -> list[str]:
    """The phrase as written, then its other written forms: open words also hyphenated and closed up ("ping
    pong" -> ping-pong, pingpong); a hyphenated one also open and closed. A single word has only itself."""
    low = " ".join(phrase.lower().split())
    parts = [p for p in _JOINT.split(low) if p]
    if len(parts) < 2:
        return [low]
    return [*dict.fromkeys([low, " ".join(parts), "-".join(parts), "".join(parts)])]


def head(phrase: str) -> str:
    """The head of an open compound (its last word), or "" for a single word."""
    parts = [p for p in _JOINT.split(phrase.lower()) if p]
    return parts[-1] if len(parts) > 1 else ""
