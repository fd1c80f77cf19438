"""The dominant or nondominant side of a hemiplegia, monoplegia or their sequelae (G81, G83.1-G83.3, I69),
chosen as guideline I.C.6.a says, not by the Tabular's first child.

Those codes say the side affected and whether it is the dominant one. A query says the side and, sometimes,
the patient's hand ("flaccid hemiplegia of left side in a right-handed patient"): the side of the dominant
hand is the dominant side, the other the nondominant one. Said ambidextrous, the side is dominant. Nothing said
of the hand: "If the left side is affected, the default is non-dominant. If the right side is affected, the
default is dominant." ("left hemiplegia" G81.94, not G81.92.)
"""

from __future__ import annotations

import re

_TITLE = re.compile(r"\baffecting (left|right) (dominant|non-?dominant) side\b")
_HANDED = re.compile(
    r"\b(left|right|l|r)(?:[- ]?hand(?:ed|er)|\s+hand\s+(?:is\s+)?dominant)\b|\b(ambidextrous)\b|"
    r"\bdominant\s+hand\s+(?:is\s+)?(?:the\s+)?(left|right|l|r)\b",
    re.IGNORECASE,
)
_SAID = re.compile(r"\b(?:non-?)?dominant\s+side\b|\bdominant\b(?!\s+hand)", re.IGNORECASE)
_SIDES = {"l": "left", "r": "right"}


def hand_said(query: str) -> str:
    """The patient's dominant hand the query says: "left", "right", "both" (ambidextrous) or ""."""
    said = _HANDED.search(query)
    if said is None:
        return ""
    if said.group(2):
        return "both"
    hand = (said.group(1) or said.group(3)).lower()
    return _SIDES.get(hand, hand)


def dominance(query: str, side: str) -> str:
    """ "dominant" or "nondominant": the side affected against the hand the query says (or the default)."""
    hand = hand_said(query)
    if not hand:
        return "dominant" if side == "right" else "nondominant"
    return "dominant" if hand in {"both", side} else "nondominant"


def other_titles(title: str, query: str) -> tuple[str, ...]:
    """The sibling's title (as either spelling prints it) the query asks for when a title says the other
    dominance; () when it says the one asked for or none."""
    found = _TITLE.search(title)
    if found is None or (_SAID.search(query) and not hand_said(query)):
        return ()  # ("... affecting left dominant side": said as the title says it)
    wanted = dominance(query, found.group(1))
    if found.group(2).replace("-", "") == wanted:
        return ()
    words = ("nondominant", "non-dominant") if wanted == "nondominant" else ("dominant",)
    return tuple(f"{title[: found.start(2)]}{w}{title[found.end(2) :]}" for w in words)


def dominance_note(query: str) -> str:
    """Why the side is (non)dominant, for the answer's reason."""
    if hand_said(query):
        return "the side against the hand said (guideline I.C.6.a)"
    return "no hand said: left nondominant, right dominant (guideline I.C.6.a)"
