"""Code references in tabular notes, read wherever the tabular writes them.

A note names the codes it means in parentheses ("type 1 diabetes mellitus (E10.-)"), or, when no parenthesis
holds a code, in its running text ("injury to visual cortex S04.04-", "conditions classified to Q67.0-Q67.4",
"see categories E08-E10, E11, E13 with ketoacidosis"). References are lists joined by commas, "and" and "or";
ranges are written "A-B", "A to B" or "A.-B"; a trailing "with ..." qualifies the whole list by character
positions ("with .42", "with fifth or sixth character 5"), by 7th-character meaning ("with open fracture 7th
character") or by words of the code's title ("with ketoacidosis"). A qualifier that cannot be read drops the list:
better no check than a wrong one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.lookups.systems import undot

_CODE = re.compile(r"(?<![A-Za-z0-9.])([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?![0-9A-Za-z])(\.?-(?!\d))?")
_RANGE_GAP = re.compile(r"\s*(?:-|–|to)?\s*")
_LIST_GAP = re.compile(r"\s*(?:,|;|and|or|and/or)(?:\s*(?:and|or)\b)?\s*")
_WITH = re.compile(r"\s*with\s+(?P<tail>[^;()]+)")
_POS_WORD = r"(fourth|fifth|sixth|six|seventh|[4-7]th)"
_POSITION = {
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "sixth": 5,
    "six": 5,
    "6th": 5,
    "seventh": 6,
    "7th": 6,
}
_TAIL_CHAR = re.compile(
    rf"{_POS_WORD}(?:\s+(or|to)\s+{_POS_WORD})?[\s-]+characters?\s+\.?([0-9A-Z]+)(?:-([0-9A-Z]+))?"
)
_TAIL_FINAL = re.compile(r"final characters?\s+-?([0-9A-Z]+)")
_TAIL_DOT = re.compile(r"\.([0-9A-Z]+)(?:-\.([0-9A-Z]+))?-?")
_TAIL_SEVENTH = re.compile(r"(?P<words>[a-z][a-z ,-]*?)\s+(?:7th|seventh) characters?")
_TAIL_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 '-]*")
_NEGATION = ("without", "no", "not", "other than")


@dataclass(frozen=True)
class Ref:
    """One code and its children, or a range, optionally qualified ("E08-E13 with .42")."""

    low: str
    high: str | None = None
    tail: re.Pattern[str] | None = None  # character positions
    words: str = ""  # "with ketoacidosis": the code's title (or an ancestor's) says it
    seventh_words: str = ""  # "with open fracture 7th character": the 7th character's meaning says it

    def covers(self, code: str) -> bool:
        """In the range, qualifiers aside."""
        if self.high is None:
            return code.startswith(self.low)
        return self.low <= code[: len(self.low)] and code[: len(self.high)] <= self.high

    def matches(self, code: str, titles: Sequence[str] = (), seventh: str = "") -> bool:
        """`titles`: the code's title and its ancestors'; `seventh`: the meaning of its 7th character."""
        if not self.covers(code):
            return False
        if self.tail is not None and self.tail.match(code) is None:
            return False
        if self.words and not any(mentions(t, self.words) for t in titles):
            return False
        return not self.seventh_words or mentions(seventh, self.seventh_words)

    @property
    def simple(self) -> bool:
        return self.high is None and self.tail is None and not self.words and not self.seventh_words


def mentions(text: str, phrase: str) -> bool:
    """`phrase` appears in `text` as whole words and is not negated ("without ketoacidosis")."""
    lowered = text.lower()
    if phrase.lower() not in lowered:
        return False
    for found in _phrase(phrase.lower()).finditer(lowered):
        before = lowered[: found.start()].rstrip()
        if not any(before.endswith(n) for n in _NEGATION):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")


def parse_refs(text: str, known: Callable[[str], bool] | None = None) -> tuple[Ref, ...]:
    """The codes a note names: those in its parentheses, or, when no parenthesis names one, those in its text.

    `known` (a code -> exists test) drops references to codes the data does not hold ("vitamin B12")."""
    groups = _groups(text)
    inside = [ref for group in groups for ref in _refs_in(group, known)]
    if inside:
        return tuple(inside)
    outside = re.sub(r"\([^()]*\)?", " ", text)
    return tuple(_refs_in(outside, known))


def _groups(text: str) -> list[str]:
    """Parenthesised parts; an unclosed "(" runs to the end ("(Z89.52-")."""
    groups = re.findall(r"\(([^()]*)\)", text)
    unclosed = re.search(r"\(([^()]*)$", text)
    if unclosed:
        groups.append(unclosed.group(1))
    return groups


def _refs_in(text: str, known: Callable[[str], bool] | None) -> list[Ref]:
    matches = list(_CODE.finditer(text))
    refs: list[Ref] = []
    index = 0
    while index < len(matches):
        run: list[tuple[str, str | None]] = []
        while index < len(matches):
            low = matches[index]
            high = None
            nxt = matches[index + 1] if index + 1 < len(matches) else None
            gap = text[low.end() : nxt.start()] if nxt else ""
            if nxt and _is_range(low, gap):
                high = nxt
                index += 1
                nxt = matches[index + 1] if index + 1 < len(matches) else None
                gap = text[high.end() : nxt.start()] if nxt else ""
            run.append((low.group(1), high.group(1) if high else None))
            index += 1
            if not (nxt and _LIST_GAP.fullmatch(gap)):
                break
        end = (high or low).end()
        refs += _qualified(run, text[end:], known)
    return refs


def _is_range(low: re.Match[str], gap: str) -> bool:
    if low.group(2):  # "S06.1- to S06.6-", "F98.2.-F98.3": the dash belongs to the range
        return gap.strip() in ("", "to", "-", "–")
    return bool(gap) and gap.strip() in ("-", "–", "to") and _RANGE_GAP.fullmatch(gap) is not None


def _qualified(
    run: list[tuple[str, str | None]], after: str, known: Callable[[str], bool] | None
) -> list[Ref]:
    tail_match = _WITH.match(after)
    qualifier: dict[str, object] = {}
    if tail_match and not _CODE.search(tail_match["tail"]):
        parsed = _parse_qualifier(tail_match["tail"].strip().rstrip(" ."))
        if parsed is None:
            return []  # a qualifier we cannot read
        qualifier = parsed
    refs = []
    for low_text, high_text in run:
        low = undot(low_text)
        high = undot(high_text) if high_text else None
        if known is not None and not (known(low) or (high is not None and known(high))):
            continue  # a range may end on a code the tabular no longer has ("R10.1-R10.4-")
        refs.append(Ref(low, high if high != low else None, **qualifier))  # type: ignore[arg-type]
    return refs


def _parse_qualifier(tail: str) -> dict[str, object] | None:
    pattern = _parse_tail(tail)
    if pattern is not None:
        return {"tail": pattern}
    if m := _TAIL_SEVENTH.fullmatch(tail):
        return {"seventh_words": m["words"].strip()}
    if re.search(r"\b(character|characters)\b|\d", tail) or not _TAIL_WORDS.fullmatch(tail):
        return None
    return {"words": tail.strip()}


def _char_class(low: str, high: str | None) -> str | None:
    if high is None:
        return re.escape(low)
    if len(low) != len(high) or low[:-1] != high[:-1] or low[-1] > high[-1]:
        return None
    return f"{re.escape(low[:-1])}[{low[-1]}-{high[-1]}]"


def _parse_tail(tail: str) -> re.Pattern[str] | None:
    if m := _TAIL_DOT.fullmatch(tail):
        chars = _char_class(m[1], m[2])
        return re.compile(f".{{3}}{chars}") if chars else None
    if m := _TAIL_FINAL.fullmatch(tail):
        return re.compile(f".*{re.escape(m[1])}$")
    m = _TAIL_CHAR.fullmatch(tail)
    if not m:
        return None
    first, joiner, second, low, high = m.groups()
    start = _POSITION[first]
    if joiner == "to":
        end = _POSITION[second]
        if high or len(low) != end - start + 1:
            return None
        return re.compile(f".{{{start}}}{re.escape(low)}")
    chars = _char_class(low, high)
    if chars is None or len(low) != 1:
        return None
    starts = [start] + ([_POSITION[second]] if joiner == "or" else [])
    return re.compile("|".join(f"(?:.{{{s}}}{chars})" for s in starts))
