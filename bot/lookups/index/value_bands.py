"""A measured value said as a number, read as the code whose title's band holds it.

"BMI 39.4", "BMI 17.2", "peds BMI 96th percentile", "blood alcohol level 150", "exfoliation over 35% of the body",
"burns 45% TBSA, 20% third degree": the Tabular files a measure in sibling codes whose titles differ only by a
band of its value ("Body mass index [BMI] 39.0-39.9, adult"; "18.4 or less, adult"; "Blood alcohol level of 120-199
mg/100 ml"; "Burns involving 40-49% of body surface with 20-29% third degree burns"). A coder reads the value and
takes the code whose band holds it. Matching the number as a word cannot: "39.4" is no word of "39.0-39.9", and
its "4" is a word of "18.4 or less".

`BandFamilies` reads the families from the Tabular itself: every current billable ICD-10-CM title holding band
expressions (a range "A-B" / "A to B" / "A% to B%", "A or less", "A or more", "A and over", "less than A",
"greater than or equal to A", a percentile "Nth percentile", a share of one "N% of the 95th percentile") is cut
into a template (the title with each band replaced by "{}") and its bands; a template three codes share or more
is a family. `read` takes a query's numbers (not inside a code: "E66.811"), finds the family whose template words
the query says most (the vocabulary's readings counted: "BMI", "TBSA" said as the title's words) with as many
values as the family has bands and a member whose bands hold them all, in order; a value said as a percentile or
as a share of the 95th percentile is held only by a band of that unit. The answer names the member code.

No code is listed here: a new band the Tabular adds (FY2026's Z68.18 / Z68.19) is read the day it is loaded.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.lookups import derived
from bot.lookups.index.words import content_stems

PLAIN, PERCENTILE, OF_95TH = "", "percentile", "of95"
_ORDINALS = {"first": 1, "fifth": 5, "tenth": 10}
# One end of a band: a number (or ordinal word), its ordinal suffix and unit ("%", "percent", "percentile",
# "% of the 95th percentile"); "for age" after a percentile says nothing about the value.
_END = (
    r"(?:\d+(?:\.\d+)?|first|fifth|tenth)(?:st|nd|rd|th)?"
    r"(?:\s*(?:%\s*of\s*the\s*95th\s*percentile|%|percent(?:ile)?))?(?:\s*for\s*age)?"
)
_BAND = re.compile(
    rf"(?P<lower>greater than or equal to |less than )?(?P<a>{_END})"
    rf"(?:\s*(?:-|to(?P<open> less than)?)\s*(?P<b>{_END}))?"
    r"(?P<tail>\s*(?:or less|or fewer|or more|or greater|and over))?",
    re.IGNORECASE,
)
_VALUE = re.compile(
    r"(?<![a-z0-9.])(?P<n>\d{1,3}(?:\.\d{1,2})?)(?![\d.]*\d)(?:st|nd|rd|th)?(?![a-z])\s*"
    # (a range said, "30-39 percent": the band's own words, read as its low end)
    r"(?:(?:-|to\s)\s*\d{1,3}(?:\.\d{1,2})?(?![\d.]*\d)(?:st|nd|rd|th)?(?![a-z])\s*)?"
    r"(?P<unit>%\s*of\s*(?:the\s*)?95(?:th)?(?:\s*%ile|\s*percentile)?|(?:st|nd|rd|th)?\s*(?:percentile|%ile)|%|\s*percent)?",
    re.IGNORECASE,
)
# A unit said right after a number that no band family's value is told in (an age, a duration, a dose, a length):
# "newborn 3 days old" says no birthweight band.
_OTHER_UNIT = re.compile(
    r"\s*(?:-\s*)?(?:days?|d|wks?|weeks?|months?|mos?|years?|yrs?|yo|y/o|hours?|hrs?|h|min|minutes?|mg|mcg|kg|lbs?|"
    r"cm|mm|ml|cc|units?|x|times|mmhg|bpm|am|pm|o'?clock)\b",
    re.IGNORECASE,
)
_FIRST = re.compile(r"\d+(?:\.\d+)?|first|fifth|tenth", re.IGNORECASE)
MIN_FAMILY = 3
# The derived table (bot.lookups.derived_tables) the data build stores the families' titles in: reading every
# current billable title that holds a digit and cutting each (~2,900) took a process ~120 ms CPU the first time
# a query said a number.
BAND_TITLES = "value_band_titles"
_TITLES_WITH_NUMBERS = "SELECT code, title FROM codes WHERE system = 'cm' AND billable = 1 AND current = 1 AND title GLOB '*[0-9]*'"


@dataclass(frozen=True)
class Interval:
    low: float  # inclusive
    high: float  # exclusive
    unit: str

    def holds(self, value: float, unit: str) -> bool:
        return unit == self.unit and self.low <= value < self.high


@dataclass(frozen=True)
class Member:
    code: str
    title: str
    bands: tuple[tuple[Interval, ...], ...]  # per band of the template, the intervals that read it


@dataclass(frozen=True)
class Family:
    template: str
    stems: frozenset[str]  # the template's content words
    members: tuple[Member, ...]


@dataclass(frozen=True)
class BandReading:
    code: str
    note: str  # the `why` the answer carries
    unread: frozenset[str]  # the query's stems neither a value nor a word of the template


def _number(text: str) -> float:
    return float(_ORDINALS.get(text.lower(), text)) if not text[0].isdigit() else float(text)


def _step(text: str) -> float:
    """The precision a bound is printed to: "39.9" holds up to 39.99..., "29" up to 29.99..."""
    return 10.0 ** -len(text.split(".")[1]) if "." in text else 1.0


def _unit(said: str | None) -> str:
    low = (said or "").lower()
    if "% of" in low:
        return OF_95TH
    return PERCENTILE if "percentile" in low or "%ile" in low else PLAIN


def _intervals(match: re.Match[str]) -> tuple[Interval, ...] | None:
    a_text = _FIRST.search(match.group("a"))
    if a_text is None:
        return None
    a = _number(a_text.group(0))
    a_unit = _unit(match.group("a"))
    lower = (match.group("lower") or "").strip().lower()
    tail = (match.group("tail") or "").strip().lower()
    if match.group("b"):
        b_text = _FIRST.search(match.group("b"))
        if b_text is None:
            return None
        b = _number(b_text.group(0))
        b_unit = _unit(match.group("b"))
        if a_unit == PLAIN and b_unit != PLAIN and a_text.group(0) == match.group("a").strip():
            a_unit = b_unit  # ("10-19 percent": the unit said once, after the range)
        high = b if match.group("open") else b + _step(b_text.group(0))
        if a_unit == b_unit:
            return (Interval(a, high, a_unit),) if a < high else None
        # "95th percentile for age to less than 120% of the 95th percentile": from a percentile to a share of it
        if a_unit == PERCENTILE and b_unit == OF_95TH and a == 95:
            return (Interval(a, math.inf, PERCENTILE), Interval(100.0, high, OF_95TH))
        return None
    if lower == "less than":
        return (Interval(-math.inf, a, a_unit),)
    if lower.startswith("greater"):
        return (Interval(a, math.inf, a_unit),)
    if tail in ("or less", "or fewer"):
        return (Interval(-math.inf, a + _step(a_text.group(0)), a_unit),)
    if tail:
        return (Interval(a, math.inf, a_unit),)
    return None


def cut(title: str) -> tuple[str, tuple[tuple[Interval, ...], ...]] | None:
    """The title's template and its bands, or None when it states no band."""
    parts: list[str] = []
    bands: list[tuple[Interval, ...]] = []
    at = 0
    for match in _BAND.finditer(title):
        if not match.group("b") and not match.group("lower") and not match.group("tail"):
            continue  # a lone number ("type 2", "fetus 3") is no band
        read = _intervals(match)
        if read is None:
            return None
        parts.append(title[at : match.start()])
        bands.append(read)
        at = match.end()
    if not bands:
        return None
    parts.append(title[at:])
    return " {} ".join(p.strip() for p in parts).strip().lower(), tuple(bands)


def families(titles: Iterable[tuple[str, str]]) -> tuple[Family, ...]:
    """The band families of (code, title) pairs: templates three codes share or more."""
    by_template: dict[str, list[Member]] = defaultdict(list)
    for code, title in titles:
        found = cut(title)
        if found is not None:
            by_template[found[0]].append(Member(code, title, found[1]))
    return tuple(
        Family(template, content_stems(template.replace("{}", " ")), tuple(members))
        for template, members in sorted(by_template.items())
        if len(members) >= MIN_FAMILY
    )


def values_said(query: str) -> list[tuple[float, str, str]]:
    """The numbers a query says, in order, with their unit and the text that said them."""
    out: list[tuple[float, str, str]] = []
    if not any(c.isdigit() for c in query):
        return out
    for match in _VALUE.finditer(query):
        if not match.group("unit") and _OTHER_UNIT.match(query, match.end("n")):
            continue
        out.append((float(match.group("n")), _unit(match.group("unit")), match.group(0).strip()))
    return out


class BandFamilies:
    """The band families of a code book's current billable ICD-10-CM titles, and the family of each member."""

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        self.families = families(titles)
        self._of: dict[str, Family] = {m.code: f for f in self.families for m in f.members}

    def family_of(self, code: str) -> Family | None:
        return self._of.get(code.replace(".", ""))

    def read(self, query: str, said: frozenset[str], within: Family | None = None) -> BandReading | None:
        """The member code whose bands hold the values the query says, or None: of `within` when given (the
        family the search's own answer is of), else of the family whose template words the query says most
        (then the one leaving fewest of its words unsaid: "unspecified time" before "at hospital admission").
        `said`: the query's content stems, the vocabulary's readings included."""
        values = values_said(query)
        if not values:
            return None
        numbers = {s for s in said if s[:1].isdigit()}
        ranked: list[tuple[int, int, Family]] = []
        for family in (within,) if within is not None else self.families:
            shared = len((family.stems - numbers) & said)
            if shared or within is not None:
                ranked.append((-shared, len(family.stems - said), family))
        ranked.sort(key=lambda r: (r[0], r[1], r[2].template))
        for _, _, family in ranked:
            member = _holding(family, values)
            if member is not None:
                told = ", ".join(t for _, _, t in values)
                words = {s for s in said if not s[:1].isdigit()}
                return BandReading(
                    member.code,
                    f"value band: {told} -> {member.title}",
                    frozenset(words - family.stems),
                )
        return None


def _holding(family: Family, values: list[tuple[float, str, str]]) -> Member | None:
    """The member whose bands hold consecutive values of the query, in order (the first run that fits)."""
    width = len(family.members[0].bands)
    for start in range(len(values) - width + 1):
        told = values[start : start + width]
        for member in family.members:
            if all(
                any(i.holds(v, u) for i in band) for band, (v, u, _) in zip(member.bands, told, strict=True)
            ):
                return member
    return None


def build_band_titles(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The (code, title) of every member of a band family, in the order the codes table gives them (the order
    `BandFamilies` keeps its members in): the families made of these alone are the families of every title."""
    rows = [(str(code), str(title)) for code, title in conn.execute(_TITLES_WITH_NUMBERS)]
    members = {m.code for f in families(rows) for m in f.members}
    return [(code, title) for code, title in rows if code in members]


def decode_band_titles(stored: list[list[Any]]) -> list[tuple[str, str]]:
    return [(str(code), str(title)) for code, title in stored]


def band_families(conn: sqlite3.Connection) -> BandFamilies:
    """The code database's band families: from the titles the data build stored, or (a database built before
    they were stored) from every title holding a number."""
    return BandFamilies(
        derived.stored_or_built(
            conn, BAND_TITLES, decode_band_titles, lambda: conn.execute(_TITLES_WITH_NUMBERS).fetchall()
        )
    )
