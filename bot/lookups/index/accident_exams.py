"""A patient examined after an accident and found unhurt -> Encounter for examination and observation following
the accident (Z04.1-Z04.3; guideline I.C.21.c.6).

The Index files the visit under Examination, following, accident (transport, work, NEC) and Observation,
accident: the encounter is for the examination, because no injury was found. Users tell the accident and the
all-clear ("exam after car accident no injury found", "checked out after car accident, nothing found", "pt fell
at home, CT head neg, no injury found", "checked after accident at work, no injuries"), and read literally the
story reaches the accident's external cause code - a code that is never listed first, and codes no injury
here. A coder reads the all-clear as the frame and the accident's kind from where its external cause sits in
the Tabular: a transport accident (the V00-V99 blocks say "transport accident"), an accident at work (the
story says the work), or another accident.

`accident_story` returns the story without its all-clear and its examination words, or None when the query
tells no accident found harmless; `accident_kind` names the kind the Z04 titles use ("transport", "work",
"other") from the story's external cause and the Tabular titles above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# The all-clear: no injury found, nothing found, the imaging negative.
_ALL_CLEAR = re.compile(
    r"(?:,|;|\s)\s*(?:but\s+|and\s+)?(?:(?:there\s+(?:was|were)\s+)?no\s+(?:apparent\s+|obvious\s+|visible\s+)?"
    r"(?:injur(?:y|ies)|fractures?|trauma|damage)(?:\s+(?:was\s+|were\s+)?(?:found|seen|noted|identified))?|"
    r"nothing\s+(?:was\s+)?(?:found|wrong|seen)|not\s+(?:hurt|injured)|unhurt|uninjured|unharmed|"
    r"(?:ct|x-?rays?|xr|imaging|scans?|workup|exam)(?:\s+(?:head|chest|spine|neck))?\s+(?:was\s+|were\s+)?"
    r"(?:neg|negative|normal|clear|unremarkable))\b"
)
# The examination told before the story ("exam after", "checked out after", "seen following").
_EXAMINED = re.compile(
    r"^(?:(?:pt|patient|he|she|they)\s+)?(?:exam|examined|examination|evaluated|evaluation|eval|checked(?:\s+out)?|"
    r"check(?:ed)?\s+up|seen|assessed|cleared|observed|observation)\s+(?:after|following|post|for|from)\s+"
)
_ACCIDENT = re.compile(
    r"\b(?:accident|crash|collision|mva|mvc|wreck|fell|fall|fallen|slipped|tripped|hit\s+by|struck\s+by|rear-?ended|"
    r"thrown\s+from)\b"
)
_WORK = re.compile(
    r"\b(?:at|on)\s+(?:work|the\s+job|job\s+site|the\s+worksite)\b|\bwork(?:place|site)?\s+accident\b"
)
KINDS = ("transport", "work", "other")


def accident_story(query: str) -> str | None:
    """The accident told without its all-clear and examination words, or None (module docstring)."""
    low = " ".join(query.lower().replace("\u2019", "'").split()).strip(" .")
    clear = _ALL_CLEAR.search(low)
    if clear is None or not _ACCIDENT.search(low[: clear.start()]):
        return None
    if low[clear.end() :].strip(" ,.;"):
        rest = _ALL_CLEAR.sub(" ", low[clear.end() :]).strip(" ,.;")
        if rest:
            return None  # (words after the all-clear tell something else: "no fracture, but a bad sprain")
    story = _EXAMINED.sub("", low[: clear.start()]).strip(" ,.;")
    story = _ALL_CLEAR.sub(" ", story).strip(" ,.;")
    return story or None


def accident_kind(story: str, cause: str, titles_above: Callable[[str], Sequence[str]]) -> str:
    """The kind of accident the Z04 titles name: "work" when the story says the work, "transport" when a title
    above the external cause's code says a transport accident, else "other"."""
    if _WORK.search(story):
        return "work"
    if any("transport accident" in t.lower() for t in titles_above(cause)):
        return "transport"
    return "other"
