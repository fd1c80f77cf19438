"""A burn told by how the skin looks, read as the degree the Index files it under.

The Index files a burn (and a sunburn) by its depth: "Burn, hand, second degree", "Sunburn, second degree". A
patient does not say the degree; she says what the skin did, and a coder reads the depth the way the clinical
definitions give it: skin that blistered is a partial-thickness burn, the Index's second degree; skin only
red, "no blisters", is the first degree. "sunburn with blisters all over my back" is Sunburn, second degree;
"burned my hand on the stove and it blistered" is Burn, hand, second degree; "red sunburn on my face but no
blisters" is Sunburn, first degree.

`read_burn_depth` says the degree in the Index's words in place of the blister words, only in a text telling a
burn and saying no degree; any other text comes back as it was.
"""

from __future__ import annotations

import re

# A burn told (a sunburn, a scald, a burned part), not a burning feeling ("my feet burn", "burning pee").
_BURN = re.compile(r"\b(?:sunburn(?:ed|t|s)?|sun\s+poisoning|burned|burnt|burn|burns|scald(?:ed|s)?)\b")
_FEELING = re.compile(r"\bburn(?:s|ing)?\s+(?:when|while|on|with|during)\s+(?:i\s+)?(?:pee|urinat)")
_DEGREE = re.compile(r"\b(?:first|second|third|1st|2nd|3rd)[\s-]+degree\b|\bdegree\b")
_BLISTER = r"(?:blisters?|blistered|blistering|blistery|blistred)"
# "no blisters", "didn't blister", "without any blistering": the skin only red, the first degree.
_NOT_BLISTERED = re.compile(
    rf"\b(?:no|not|without|never|didn'?t|did\s+not|hasn'?t|has\s+not|but\s+no)\s+(?:any\s+|a\s+|it\s+)?"
    rf"(?:{_BLISTER}|blister)\b"
)
_BLISTERED = re.compile(
    rf"\b(?:(?:with|and|that|it|has|have|got|had|then|into|big|huge|small|a|some)\s+)*{_BLISTER}(?:\s+up)?\b"
)


def read_burn_depth(text: str) -> str:
    """The text with a burn's blisters said as the Index's degree ("second degree"; "first degree" when the
    blisters are denied), or the text as it was when it tells no burn, says a degree already or no
    blisters."""
    low = text.lower()
    if "blist" not in low or not _BURN.search(low) or _DEGREE.search(low) or _FEELING.search(low):
        return text
    denied = _NOT_BLISTERED.search(low) is not None
    read = (_NOT_BLISTERED if denied else _BLISTERED).sub(" ", low)
    burn = _BURN.search(read)
    if burn is None:
        return text
    degree = "first degree" if denied else "second degree"
    # (said beside the burn, in its clause: "scalded my forearm, big blister" is one burn)
    read = f"{read[: burn.end()]} {degree} {read[burn.end() :]}"
    return " ".join(re.sub(r"\s*,\s*(?:a\s+|big\s+|huge\s+|small\s+)*(?=,|$)", "", read).split())
