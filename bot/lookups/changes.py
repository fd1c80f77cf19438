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
from typing import Any, Protocol

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


# ---- reading the stored changes ------------------------------------------------------------------------------

NOTICE_KINDS = ("deleted", "expanded", "retitled")


@dataclass(frozen=True)
class StoredChange:
    system: str
    effective: date
    release: str
    code: str
    change: str
    title: str
    new_title: str
    replacements: tuple[tuple[str, str], ...]  # (code, title)
    source: str


class _Book(Protocol):
    @property
    def db(self) -> Any: ...


def loaded_releases(book: _Book) -> dict[str, date]:
    """Every loaded release by label (FY2027, FY2024-April, 2026-Q2), with the day it took effect."""
    found: dict[str, date] = {}
    for label, effective in book.db.execute(
        "SELECT label, min(effective) FROM release_history GROUP BY label"
    ):
        found[str(label)] = date.fromisoformat(effective)
    return found


def resolve_between(book: _Book, first: str, second: str) -> tuple[date, date]:
    """The dates two loaded releases took effect, oldest first; ValueError naming a release not loaded."""
    releases = loaded_releases(book)
    by_upper = {label.upper(): day for label, day in releases.items()}
    days = []
    for label in (first, second):
        day = by_upper.get(label.strip().upper())
        if day is None:
            fy = sorted(label for label in releases if label.startswith("FY") and "-" not in label)
            raise ValueError(
                f"{label} is not a loaded release; loaded: {', '.join(fy)} and quarters "
                f"{min(q for q in releases if 'Q' in q)} to {max(q for q in releases if 'Q' in q)}"
                if any("Q" in q for q in releases)
                else f"{label} is not a loaded release; loaded: {', '.join(sorted(releases))}"
            )
        days.append(day)
    return (days[0], days[1]) if days[0] <= days[1] else (days[1], days[0])


def stored_changes(
    book: _Book,
    after: date | None,
    through: date | None,
    *,
    kinds: Sequence[str] = NOTICE_KINDS,
    source: str | None = None,
    first_day_included: bool = False,
) -> list[StoredChange]:
    """Changes with effective date in (after, through] (or [after, through] with first_day_included)."""
    clauses = [f"change IN ({', '.join('?' for _ in kinds)})"]
    params: list[object] = list(kinds)
    if after is not None:
        clauses.append("effective >= ?" if first_day_included else "effective > ?")
        params.append(after.isoformat())
    if through is not None:
        clauses.append("effective <= ?")
        params.append(through.isoformat())
    if source is not None:
        clauses.append("source = ?")
        params.append(source)
    rows = book.db.execute(
        "SELECT system, effective, release, code, change, title, new_title, replacements, source FROM code_changes "
        f"WHERE {' AND '.join(clauses)} ORDER BY effective, system, code",
        params,
    ).fetchall()
    titles: dict[tuple[str, str], str] = {}
    wanted = {(r[0], c) for r in rows for c in r[7].split("|") if c}
    for system, code in wanted:
        row = book.db.execute(
            "SELECT title FROM codes WHERE system = ? AND code = ?", [system, code]
        ).fetchone()
        titles[(system, code)] = str(row[0]) if row and row[0] else ""
    return [
        StoredChange(
            str(s),
            date.fromisoformat(e),
            str(rel),
            str(c),
            str(ch),
            str(t),
            str(nt),
            tuple((r, titles.get((str(s), r), "")) for r in str(reps).split("|") if r),
            str(src),
        )
        for s, e, rel, c, ch, t, nt, reps, src in rows
    ]


def change_line(change: StoredChange, uses: Mapping[str, int] | None) -> str:
    """One change as text (plain; Slack callers escape it): code, what happened, replacements, team use."""
    from bot.lookups.systems import SYSTEM_NAMES, display

    name = display(change.system, change.code)
    title = change.title or "title not in the loaded data"
    head = f"{name} {title} ({SYSTEM_NAMES.get(change.system, change.system)} {change.release}, {change.effective})"
    if change.change == "retitled":
        what = f"retitled to: {change.new_title}"
    elif change.change == "expanded":
        what = "expanded into more specific codes"
    else:
        what = "deleted"
    if change.replacements:
        shown = "; ".join(f"{display(change.system, c)} {t}".strip() for c, t in change.replacements[:6])
        more = len(change.replacements) - 6
        label = "use" if change.change == "expanded" else "codes added alongside it"
        what += f"; {label}: {shown}" + (f" ... and {more} more" if more > 0 else "")
    elif change.change == "deleted":
        what += "; no successor named in the loaded data"
    if uses:
        total = sum(uses.values())
        parts = ", ".join(f"{USE_LABELS.get(k, k)} {n}" for k, n in sorted(uses.items()) if n)
        what += f" - your team used it {total} time{'s' if total != 1 else ''} in the last 90 days ({parts})"
    return f"{head}: {what}"


USE_LABELS = {"pick": "looked up", "check": "in checks", "clarification": "in clarifications"}


def changes_report(
    book: _Book,
    used: Mapping[str, Mapping[str, int]],
    heading: str,
    after: date | None,
    through: date | None,
    *,
    used_only: bool,
    limit: int = 200,
    first_day_included: bool = True,
) -> str:
    changes = stored_changes(book, after, through, first_day_included=first_day_included)
    shown = [c for c in changes if not used_only or c.code in used]
    shown.sort(key=lambda c: (-sum(used.get(c.code, {}).values()), c.effective, c.system, c.code))
    scope = "codes your team used in the last 90 days" if used_only else "every change"
    lines = [f"{heading} ({scope}): {len(shown)} of {len(changes)} deleted, expanded or retitled codes."]
    lines.extend(f"- {change_line(c, used.get(c.code))}" for c in shown[:limit])
    if len(shown) > limit:
        lines.append(f"... and {len(shown) - limit} more (--limit)")
    if used_only and not shown:
        lines.append("None of the codes your team used in the last 90 days changed.")
    return "\n".join(lines)
