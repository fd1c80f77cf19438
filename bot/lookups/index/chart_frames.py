"""A chart sentence's frame read the way a coder reads it: the section label is no word of the condition, and
a past condition told beside the present one is its own code, after it.

- A note's section label ("Assessment:", "A/P:", "Impression:", "Dx:", "CC:") only says where the words
  stand: "assessment: community acquired pneumonia" is Pneumonia (not the PCS "Assessment" tables).
- "h/o DVT, now with new PE", "pt c/o dizziness, hx of stroke": the present condition is what the visit is
  for and is coded first (guideline IV.A, the first-listed diagnosis is the reason for the encounter); the
  past one is a history code (History, personal, ... Z86.-/Z85.-) beside it, not a word of the present
  condition's path ("sore throat, h/o strep" is no streptococcal pharyngitis). A relative's history
  ("family history of") is not a past condition of the patient and is left to the query's own reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A note's section label at the start of the query.
_LABEL = re.compile(
    r"^\s*(?:assessment(?:\s+and\s+plan)?|a\s*/\s*p|a&p|impression|imp|dx|diagnosis|diagnoses|"
    r"chief\s+complaint|cc|problem|final\s+diagnosis|working\s+diagnosis)\s*[:\-]\s*(?=\S)",
    re.IGNORECASE,
)
_HISTORY = (
    r"(?:h/o|hx\s+of|hx|history\s+of|pmh\s+of|pmhx?:?|past\s+history\s+of|past\s+medical\s+history\s+of)"
)
_PRESENT = (
    r"(?:now\s+(?:with|w/|presents\s+with|presenting\s+with|here\s+(?:with|for)|c/o|has|having|"
    r"complains\s+of|developed|with\s+new)|now|presents\s+with|presenting\s+with|here\s+(?:with|for)|"
    r"c/o|complains\s+of|comes\s+in\s+with|admitted\s+with)"
)
# "h/o X, now with Y", "hx of X presents with Y"
_HISTORY_FIRST = re.compile(
    rf"^\s*(?:(?:pt|patient)\s+(?:with\s+)?)?{_HISTORY}\s+(?P<past>[^,;]+?)\s*(?:[,;]\s*)?{_PRESENT}\s+(?P<now>.+)$",
    re.IGNORECASE,
)
# "dizziness, hx of stroke"
_HISTORY_AFTER = re.compile(
    rf"^(?P<now>[^,;]+?)\s*[,;]\s*(?:(?:with|w/|and)\s+)?{_HISTORY}\s+(?P<past>[^,;]+?)\s*$", re.IGNORECASE
)
_FAMILY = re.compile(r"(?i)\b(?:family|fam|fh|fhx|mother|father|sister|brother)\b")
# The cheap first look: a section label or a history word.
_MAY_READ = re.compile(
    r"(?i)\b(?:h/o|hx|history|pmhx?|assessment|a\s*/\s*p|a&p|impression|imp|dx|diagnos|cc|chief|problem)"
)


@dataclass(frozen=True)
class Frame:
    now: str  # the present condition, as typed
    past: str  # the past condition told beside it ("" when none)


def read_frame(text: str) -> Frame | None:
    """The query's present condition and the past one beside it, its section label read past; None when the
    query has no such frame."""
    if not _MAY_READ.search(text):
        return None
    label = _LABEL.match(text)
    rest = text[label.end() :] if label else text
    if _FAMILY.search(rest):
        return Frame(rest, "") if label else None
    for pattern in (_HISTORY_FIRST, _HISTORY_AFTER):
        found = pattern.match(rest)
        if found is not None and found.group("now").strip() and found.group("past").strip():
            return Frame(found.group("now").strip(" ,;"), found.group("past").strip(" ,;"))
    return Frame(rest, "") if label else None
