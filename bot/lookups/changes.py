"""Code-set changes between releases: which codes were added, deleted, expanded into children or retitled.

The events are derived from validity spans (a span that ends without a next one starting the day after is a
deletion; a code whose longer codes start that day was expanded into them) and from title changes stated by the
official files (addenda "Revise to:" lines, a quarterly descriptor that changed). They are stored in the code
database (`code_changes`), with every loaded release in `release_history`, so changes between any two loaded
releases can be listed, and matched against what a team used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

CHANGE_KINDS = ("deleted", "expanded", "retitled", "added")
CHANGE_LABELS = {
    "deleted": "deleted",
    "expanded": "expanded into more specific codes",
    "retitled": "retitled",
    "added": "new",
}


@dataclass(frozen=True)
class ChangeEvent:
    system: str
    effective: date
    code: str
    change: str  # one of CHANGE_KINDS
    title: str  # the title before the change (the new code's title for "added")
    new_title: str = ""  # after a retitle
    replacements: tuple[str, ...] = ()  # children of an expanded code; codes added alongside a deleted one
    source: str = ""

    def row(self) -> tuple[str, ...]:
        return (
            self.system,
            self.effective.isoformat(),
            release_label(self.system, self.effective),
            self.code,
            self.change,
            self.title,
            self.new_title,
            "|".join(self.replacements),
            self.source,
        )


def release_label(system: str, effective: date) -> str:
    """How coders name the release that took effect on a date: FY2027 (October 1), FY2024-April (April 1) for
    ICD-10; 2026-Q2 for the quarterly HCPCS and CPT updates."""
    if system in {"cm", "pcs"}:
        if effective.month == 10 and effective.day == 1:
            return f"FY{effective.year + 1}"
        fy = effective.year + (1 if effective.month >= 10 else 0)
        return (
            f"FY{fy}-{effective.strftime('%B')}" if effective.day == 1 else f"FY{fy}-{effective.isoformat()}"
        )
    return f"{effective.year}-Q{(effective.month - 1) // 3 + 1}"


def label_start(label: str) -> date | None:
    """The first day of a release named like FY2027 or 2026-Q2 (None when the name has neither form)."""
    text = label.strip().upper()
    if text.startswith("FY") and text[2:6].isdigit() and len(text) == 6:
        return date(int(text[2:6]) - 1, 10, 1)
    if len(text) == 7 and text[:4].isdigit() and text[4:6] == "-Q" and text[6] in "1234":
        return date(int(text[:4]), 3 * (int(text[6]) - 1) + 1, 1)
    return None


@dataclass(frozen=True)
class SimpleSpan:
    start: date
    end: date | None


def span_changes(
    system: str,
    spans: Mapping[str, Sequence[SimpleSpan]],
    titles: Mapping[str, str],
    data_start: date,
    source: str,
    min_prefix: int = 3,
) -> list[ChangeEvent]:
    """Adds, deletions and expansions read from validity spans (each code's spans sorted by start).

    A deletion's replacements are the codes that start the same day under the longest shared prefix (at least
    `min_prefix` characters); an expansion's are the codes below it valid from that day.
    """
    starts: dict[date, list[str]] = defaultdict(list)
    for code, code_spans in spans.items():
        for n, span in enumerate(code_spans):
            previous = code_spans[n - 1] if n else None
            if span.start > data_start and not (
                previous and previous.end and previous.end + timedelta(days=1) == span.start
            ):
                starts[span.start].append(code)
    for day in starts:
        starts[day].sort()
    events: list[ChangeEvent] = []
    for day, codes in starts.items():
        events.extend(ChangeEvent(system, day, c, "added", titles.get(c, ""), source=source) for c in codes)
    for code, code_spans in spans.items():
        for n, span in enumerate(code_spans):
            if span.end is None:
                continue
            day = span.end + timedelta(days=1)
            following = code_spans[n + 1] if n + 1 < len(code_spans) else None
            if following and following.start == day:
                continue
            new = starts.get(day, [])
            below = [c for c in new if c != code and c.startswith(code)]
            if below:
                leaves = [c for c in below if not any(o != c and o.startswith(c) for o in below)]
                events.append(
                    ChangeEvent(
                        system, day, code, "expanded", titles.get(code, ""), "", tuple(leaves), source
                    )
                )
                continue
            events.append(
                ChangeEvent(
                    system,
                    day,
                    code,
                    "deleted",
                    titles.get(code, ""),
                    "",
                    _alongside(code, new, min_prefix),
                    source,
                )
            )
    return sorted(events, key=lambda e: (e.effective, e.system, e.code, e.change))


def _alongside(code: str, new: Iterable[str], min_prefix: int) -> tuple[str, ...]:
    best: list[str] = []
    best_len = min_prefix - 1
    for other in new:
        shared = 0
        while shared < min(len(code), len(other)) and code[shared] == other[shared]:
            shared += 1
        if shared > best_len:
            best, best_len = [other], shared
        elif shared == best_len and best:
            best.append(other)
    return tuple(sorted(best))
