"""Fragments told as still in the body -> the Index's "Retained, fragments" line of their material (Z18).

The Index files a foreign body that stays embedded after its injury has healed under "Retained, fragments
(type of)" by material: acrylics, cement, concrete, glass, metal, magnetic / nonmagnetic metal, plastic,
quill, stone, tooth, wood ... (Z18.-; the Tabular's Z18 includes "embedded fragment (status)", "embedded
splinter (status)", "retained foreign body status"). Users tell the fragments and that they stayed: "iron
shrapnel still in the leg", "glass fragments still in his hand from an old accident", "retained BB in the
thigh", "bits of steel left in his eye for years". Read literally the words reach the injury (a foreign body
of the site, an open wound), an explosion's external cause or nothing.

`read_retained` reads a sentence telling fragments (a fragment noun or a material) with a word of their
staying (retained, still, left, lodged, embedded, never removed) and no word of a fresh injury, and names the
material in the words of the Index's "Retained, fragments" subterms: the word itself when a subterm says it
("glass"), else the subterm WordNet's broader words reach ("iron", "steel", "aluminum" are metals); no
material the subterms hold -> "Retained, fragments" alone (Z18.9).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookups.index.words import content_stems

RETAINED = "Retained, fragments"
_STAYED = re.compile(
    r"\b(?:retained|left\s+(?:in|inside|behind)|lodged|embedded|imbedded|never\s+(?:removed|taken\s+out|"
    r"came\s+out)|stayed|remains?|remaining)\b"
)
# "still" says the fragments stayed when a time past is said or the fragments are a blast's or a gun's
_STILL = re.compile(r"\bstill\b")
_PAST = re.compile(
    r"\b(?:ago|old|years?|months?|yrs?|since|for\s+years|long\s+time|war|combat|service|deployment)\b"
)
_FRAGMENT = re.compile(
    r"\b(?:fragments?|shrapnel|splinters?|slivers?|shards?|pieces?|bits?|pellets?|bbs?|bullets?)\b"
)
_SHOT = re.compile(r"\b(?:fragments?|shrapnel|pellets?|bbs?|bullets?)\b")
# A fresh injury is coded by its nature and site, not by the status of what it left.
_FRESH = re.compile(
    r"\b(?:today|tonight|yesterday|this\s+(?:morning|afternoon|evening)|just|now\s+(?:bleeding|infected)|"
    r"infected|bleeding|pus|red|swollen|removal|remove|removed|take\s+out|taking\s+out|extract\w*|stepped|got|"
    r"pain\w*|hurts?|hurting|aches?|aching|sore|tender|cut|cuts|lacerat\w*|wound\w*|punctur\w*|"
    r"first\s+visit|initial)\b"
)
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class RetainedReading:
    text: str
    note: str

    @staticmethod
    def used_by(code: str) -> bool:
        return code.replace(".", "").startswith("Z18")


def may_read_retained(text: str) -> bool:
    """A cheap test of the words: whether fragments that stayed may be told."""
    low = text.lower()
    stayed = _STAYED.search(low) is not None or (
        _STILL.search(low) is not None and (_PAST.search(low) is not None or _SHOT.search(low) is not None)
    )
    return stayed and (_FRAGMENT.search(low) is not None or "metal" in low or "glass" in low)


def read_retained(
    text: str, materials: tuple[str, ...], broader: Callable[[str], tuple[str, ...]]
) -> RetainedReading | None:
    """The Index words of fragments told as still in the body (module docstring), or None. `materials`: the
    subterms the Index prints under Retained, fragments; `broader(word)`: the words a word is a kind of
    (WordNet's hypernyms, nearest first)."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    if not may_read_retained(low) or _FRESH.search(low):
        return None
    by_stem: dict[str, str] = {}
    for m in materials:
        stems = content_stems(m)
        if len(stems) == 1 and "nec" not in m.lower():
            by_stem[next(iter(stems))] = m
    words = _WORD.findall(low)
    said = frozenset(s for w in words for s in content_stems(w))
    # (a subterm of several words said whole comes first: "depleted uranium" before WordNet's metal)
    whole = [m for m in materials if len(content_stems(m)) > 1 and content_stems(m) <= said]
    material = max(whole, key=lambda m: len(content_stems(m))) if whole else ""
    for w in [] if material else words:
        own = content_stems(w)
        hit = next((by_stem[s] for s in own if s in by_stem), "")
        if not hit and own and not _FRAGMENT.fullmatch(w) and len(w) > 2:
            for up in broader(w):
                hit = next((by_stem[s] for s in content_stems(up) if s in by_stem), "")
                if hit:
                    break
        if hit:
            material = hit
            break
    if not material and not _FRAGMENT.search(low):
        return None
    words_said = " ".join(p for p in ("retained fragments", material) if p)
    path = ", ".join(p for p in (RETAINED, material) if p)
    return RetainedReading(words_said, f"read: {text.strip()} -> {path}")
