"""Ages, durations and counts of time a query states against the ranges an Index line or title states.

"newborn check 5 days old" meets both "Newborn, examination, 8 to 28 days old" and "... under 8 days old": the
words are the same, only the number tells them apart. A line whose ranges in a unit the query also states
(days, weeks, months, years, hours, minutes) hold none of the query's numbers in that unit is contradicted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNIT = r"(day|week|month|year|hour|minute)s?\b"
_SAID = re.compile(r"\b(\d{1,3})\s*-?\s*" + _UNIT)
_BETWEEN = re.compile(r"\b(\d{1,3})\s*(?:to|-|through)\s*(\d{1,3})\s*(?:completed\s+)?" + _UNIT)
_BELOW = re.compile(r"\b(?:under|less than|younger than|fewer than)\s*(\d{1,3})\s*(?:completed\s+)?" + _UNIT)
_ABOVE_AFTER = re.compile(
    r"\b(\d{1,3})\s*(?:completed\s+)?"
    + _UNIT
    + r"\s*(?:(?:of age\s+)?or more|or older|and over|and older|or greater)"
)
_ABOVE_BEFORE = re.compile(
    r"\b(?:greater than|more than|over|older than)\s*(\d{1,3})\s*(?:completed\s+)?" + _UNIT
)

Range = tuple[str, int, int]  # unit, lowest, highest (inclusive)
_NO_END = 10_000


# A stage is written before its number ("stage 3a", "stage 1 through stage 4"); "end stage" has none.
_STAGE = re.compile(r"\bstage\s+(\d{1,2})[a-z]?\b")
_STAGES = re.compile(r"\bstages?\s+(\d{1,2})\s*(?:to|-|through)\s*(?:stage\s+)?(\d{1,2})\b")


def stated_numbers(text: str) -> dict[str, set[int]]:
    """{unit: numbers} the text states with a unit ("5 days old" -> {"day": {5}}; "stage 3a" -> {"stage": {3}})."""
    said: dict[str, set[int]] = {}
    lowered = text.lower()
    for number, unit in _SAID.findall(lowered):
        said.setdefault(unit, set()).add(int(number))
    for number in _STAGE.findall(lowered):
        said.setdefault("stage", set()).add(int(number))
    return said


def stated_ranges(text: str) -> list[Range]:
    lowered = text.lower()
    ranges: list[Range] = [(u, int(a), int(b)) for a, b, u in _BETWEEN.findall(lowered)]
    ranges += [(u, 0, int(a) - 1) for a, u in _BELOW.findall(lowered)]
    ranges += [(u, int(a), _NO_END) for a, u in _ABOVE_AFTER.findall(lowered)]
    ranges += [(u, int(a) + 1, _NO_END) for a, u in _ABOVE_BEFORE.findall(lowered)]
    # "with stage 1 through stage 4 chronic kidney disease"; a single stage ("stage 5") is a range of one.
    spans = _STAGES.findall(lowered)
    ranges += [("stage", int(a), int(b)) for a, b in spans]
    if not spans:
        ranges += [("stage", int(n), int(n)) for n in _STAGE.findall(lowered)]
    return ranges


def contradicted(said: dict[str, set[int]], texts: Iterable[str]) -> bool:
    """Whether the texts (an Index path's lines, a title) state ranges in a unit the query states, none of which
    holds any of the query's numbers in that unit."""
    if not said:
        return False
    ranges = [r for text in texts for r in stated_ranges(text)]
    for unit, numbers in said.items():
        mine = [(low, high) for u, low, high in ranges if u == unit]
        if mine and not any(low <= n <= high for n in numbers for low, high in mine):
            return True
    return False
