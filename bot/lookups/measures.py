"""Sizes and strengths a query says against the ranges a HCPCS descriptor states.

Supplies differ only by a measure: "Gradient compression stocking, below knee, 18-30 mmhg" and "... 30-40 mmhg";
gauze "pad size 16 sq. in. or less" and "more than 16 sq. in. but less than or equal to 48 sq. in."; "Infusion,
d5w, 1000 cc" and "5% dextrose/water (500 ml = 1 unit)". A query saying "30-40 mmHg", "16 sq in" or "500 ml"
asks for the descriptor whose range holds it: `measure_fit` rewards that descriptor and demotes one whose ranges
in the same unit hold none of it. Volumes are read in millilitres ("cc" is a millilitre, "1 liter" is 1000 ml);
a range said without a unit ("stockings below knee 30-40") is read in the descriptor's unit; "per 10 ml" is a
billing unit, no size, and is never contradicted.
"""

from __future__ import annotations

import re

MEASURE_FIT = 25.0  # a descriptor whose range holds the measure said, against one whose ranges do not

_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = (
    r"(mm\s?hg|sq\.?\s*in(?:ch(?:es)?)?\.?|square\s+inch(?:es)?"
    r"|ml|cc|millilit(?:er|re)s?|lit(?:er|re)s?|lbs?|pounds?|inch(?:es)?|in(?!\s*\d)"
    r"|years?|yrs?|yo|y/o)(?![a-z])"
)  # (a length in inches: "width less than 22 inches"; "3 in 1" is no length; an age: "pediatric (0-10 years)")
_RANGE = re.compile(r"(?<![\d.])" + _NUMBER + r"\s*(?:-|to)\s*" + _NUMBER + r"(?:\s*" + _UNIT + r")?")
_ONE = re.compile(r"(?<![\d.\-])" + _NUMBER + r"\s*" + _UNIT)
# A pad said by its sides ("4x4", "2 x 2 in", "10x10 cm"): its area in square inches, as descriptors state it.
_SIDES = re.compile(
    r"(?<![\d.])"
    + _NUMBER
    + r"\s*(?:\"|in\b\.?)?\s*[x×]\s*"
    + _NUMBER
    + r"\s*(\"|in(?:ch(?:es)?)?\b\.?|cm\b)?"
)
_SQUARE_CM = 6.4516  # square centimetres in a square inch
_BELOW_BEFORE = re.compile(
    r"(?:less than or equal to|up to(?: and including)?|not more than|at most|<=|≤)\s*$"
)
# (a size compared in plain words: "bigger than 48 square inches" is "more than 48 sq. in.")
_UNDER_BEFORE = re.compile(r"(?:less than|smaller than|shorter than|narrower than|under|below|<)\s*$")
_LEAST_BEFORE = re.compile(r"(?:greater than or equal to|at least|>=|≥)\s*$")
_ABOVE_BEFORE = re.compile(
    r"(?:more than|greater than|bigger than|larger than|longer than|wider than|over|above|>)\s*$"
)
_BILLING_BEFORE = re.compile(r"(?:per|each)\s*$")
_BELOW_AFTER = re.compile(r"^\s*(?:or less|or smaller|and under|or under)")
_ABOVE_AFTER = re.compile(r"^\s*(?:or greater|or more|or larger|and over|and greater|\+)")

# A rank the descriptors number after its noun: "Advanced life support, level 2 (als 2)", "Level 3 hospital
# emergency department visit", "Power wheelchair, group 3", "stage iii" (a number, or a roman numeral as the
# descriptors also print it; "level 7.0 - 9.0%" is a value, no rank). "als" is the descriptors' own short name
# of the ambulance level ("level 1 (als 1 - emergency)"), read as the level.
_RANK_NOUNS = {"level": "level", "als": "level", "group": "group", "stage": "stage"}
_RANK = re.compile(r"\b(level|als|group|stage)[\s-]*(\d{1,2}|iv|v|i{1,3})\b(?![.\d%]|\s*-\s*\d)")
_GLUED_RANK = re.compile(r"\b(level|als|group|stage)(\d)", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}

AGE = "yr"  # an age in years, as said ("6 year old") and as descriptors range it ("pediatric (0-10 years)")
KEPT_UNITS = frozenset({"lb", AGE})  # measures whose words stay in the text read
_INFINITE = float("inf")
_ANY_UNIT = ""  # a range stated without a unit ("bk30-40"): compared in the unit the other side says

Interval = tuple[str, float, float]  # unit, lowest, highest (inclusive)


def _unit(raw: str | None) -> tuple[str, float]:
    """The unit a measure is compared in and the factor to it ("1 liter" is 1000 ml)."""
    text = (raw or "").lower().replace(" ", "").replace(".", "")
    if not text:
        return _ANY_UNIT, 1.0
    if text.startswith("mm"):
        return "mmhg", 1.0
    if text.startswith("sq") or text.startswith("square"):
        return "sqin", 1.0
    if text.startswith("lit"):
        return "ml", 1000.0
    if text.startswith(("lb", "pound")):
        return "lb", 1.0
    if text.startswith("in"):
        return "in", 1.0
    if text.startswith("y"):
        return AGE, 1.0  # "6 year old", "6yo": the age a descriptor's range holds ("adult (11 years +)")
    return "ml", 1.0


def stated_measures(text: str) -> list[Interval]:
    """The sizes a text states: ranges ("18-30 mmhg"), bounds ("16 sq. in. or less", "more than 16 sq. in. but
    less than or equal to 48 sq. in." is one interval) and single values ("1000 cc", "500 ml = 1 unit")."""
    lowered = text.lower()
    found: list[Interval] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(lowered):
        unit, factor = _unit(match.group(3))
        low, high = float(match.group(1)) * factor, float(match.group(2)) * factor
        if low < high:
            found.append((unit, low, high))
            taken.append(match.span())
    for match in _SIDES.finditer(lowered):
        area = float(match.group(1)) * float(match.group(2))
        area = area / _SQUARE_CM if (match.group(3) or "").startswith("cm") else area
        found.append(("sqin", area, area))
        taken.append(match.span())
    for match in _RANK.finditer(lowered):
        raw = match.group(2)
        rank = float(_ROMAN[raw]) if raw in _ROMAN else float(raw)
        found.append((_RANK_NOUNS[match.group(1)], rank, rank))
    lows: dict[str, float] = {}
    highs: dict[str, float] = {}
    for match in _ONE.finditer(lowered):
        if any(start <= match.start() < end for start, end in taken):
            continue
        unit, factor = _unit(match.group(2))
        value = float(match.group(1)) * factor
        before, after = lowered[: match.start()], lowered[match.end() :]
        if _BILLING_BEFORE.search(before):
            continue
        if _BELOW_BEFORE.search(before) or _BELOW_AFTER.search(after):
            highs[unit] = value
        elif _UNDER_BEFORE.search(before):
            highs[unit] = value - 0.001
        elif _LEAST_BEFORE.search(before):
            lows[unit] = value
        elif _ABOVE_BEFORE.search(before):
            lows[unit] = value + 0.001
        elif _ABOVE_AFTER.search(after):
            lows[unit] = value
        else:
            found.append((unit, value, value))
    for unit in set(lows) | set(highs):
        found.append((unit, lows.get(unit, 0.0), highs.get(unit, _INFINITE)))
    return found


def measure_fit(title: str, said: list[Interval]) -> float:
    """How a descriptor fits the measures the query says: +MEASURE_FIT when one of its intervals holds a
    measure said in its unit, -MEASURE_FIT when it states intervals comparable with a measure said and none
    holds it, 0 when they state nothing comparable."""
    if not said:
        return 0.0
    stated = stated_measures(title)
    comparable = False
    for unit, low, high in said:
        for other, lowest, highest in stated:
            if _ANY_UNIT not in (unit, other) and unit != other:
                continue
            if unit == _ANY_UNIT and other == _ANY_UNIT:
                continue  # two bare numbers: nothing says they measure the same thing
            if _ANY_UNIT in (unit, other) and (low == high or lowest == highest):
                continue  # a range without a unit is compared only with a range
            comparable = True
            if lowest <= low and high <= highest:
                return MEASURE_FIT
    return -MEASURE_FIT if comparable else 0.0


RANK_UNITS = frozenset(_RANK_NOUNS.values())


def stated_ranks(text: str) -> list[Interval]:
    """The ranks a text numbers ("ALS level 2" -> level 2; "group 3 power chair" -> group 3)."""
    return [m for m in stated_measures(text) if m[0] in RANK_UNITS]


def rank_phrases(ranks: list[Interval]) -> list[str]:
    """The phrases a descriptor prints a rank in ("level 2", "level ii", "als 2"), for a phrase search."""
    romans = {n: r for r, n in _ROMAN.items()}
    out = []
    for unit, low, _ in ranks:
        number = int(low)
        for noun in (n for n, u in _RANK_NOUNS.items() if u == unit):
            out.append(f"{noun} {number}")
            if number in romans:
                out.append(f"{noun} {romans[number]}")
    return list(dict.fromkeys(out))


def said_as_ambulance_level(text: str) -> bool:
    """Whether a text numbers a level with "als" ("ALS1", "ALS 2"), as only the ambulance descriptors do."""
    return any(m.group(1) == "als" for m in _RANK.finditer(text.lower()))


def spaced_ranks(text: str) -> str:
    """The text with a rank's noun and number apart ("ALS2" -> "ALS 2"), so each is a word of its own."""
    return _GLUED_RANK.sub(r"\1 \2", text)


def _unread(match: re.Match[str], group: int = 2) -> str:
    """A size no descriptor word answers, left out; a weight kept ("lost 20 lbs" says a weight change), and an
    age ("6 year old": who the patient is, read by its own rules)."""
    unit = match.group(group)
    return match.group(0) if not unit or _unit(unit)[0] in KEPT_UNITS else " "


def without_measures(text: str) -> str:
    """The text less the sizes it says with a unit ("gauze pad 16 sq in" -> "gauze pad"), whose numbers no
    descriptor word answers (measure_fit weighs them); the text itself when nothing else is left."""
    lowered = text.lower()
    rest = _ONE.sub(_unread, _RANGE.sub(lambda m: _unread(m, 3), _SIDES.sub(" ", lowered)))
    rest = " ".join(rest.split())
    return rest if rest != " ".join(lowered.split()) and any(c.isalpha() for c in rest) else text
