"""Claim edits: `check_claim(book, codes, dos, ...)` runs the checks a reviewer runs, by date of service.

Every rule is one small function returning findings. Codes are resolved against their own system
(ICD-10-CM, ICD-10-PCS, HCPCS, CPT when imported); CM and PCS validity comes from the CMS MCE spans, HCPCS
validity from the HCPCS file's added/terminated dates. Tabular notes (Excludes1, Code first, Use additional,
Code also) and the 7th-character definitions are parsed once per code book and kept in memory, so one check
costs two or three indexed queries, plus a few more only when a finding needs a list of codes to suggest.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, NamedTuple

from bot.lookups.codebook import CodeBook, Coverage, Span
from bot.lookups.errors import QueryError
from bot.lookups.systems import SYSTEM_NAMES, display, guess_systems, undot

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}
RULES = (
    "not-found",
    "not-valid-on-dos",
    "header-code",
    "seventh-character",
    "excludes1",
    "manifestation-first",
    "external-cause-first",
    "unacceptable-principal",
    "age-conflict",
    "sex-conflict",
    "unspecified",
    "duplicate",
    "dos-outside-data",
    "use-additional",
    "code-also",
)
MAX_CODES = 100
MAX_LISTED = 10  # codes named in one message before "and N more"
SETTINGS = ("outpatient", "inpatient")
SEXES = {"f": "F", "female": "F", "m": "M", "male": "M"}
DOS_FORMAT = "--dos must be a date as YYYY-MM-DD, e.g. 2026-03-15"
ICD10_START = date(2015, 10, 1)
AGE_GROUPS = ("newborn", "pediatric", "maternity", "adult")
SEX_WORD = {"F": "female", "M": "male"}
OFFICIAL = {"cm": "CDC/CMS", "pcs": "CMS", "hcpcs": "CMS", "cpt": "the AMA"}


# ---- results ----------------------------------------------------------------------------------------------


@dataclass
class Finding:
    rule: str
    severity: str
    codes: list[str]  # official display form, in claim order
    message: str
    fix: str
    reason: str = field(default="", compare=False)  # one-line reason for the rejection note (not in JSON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "codes": list(self.codes),
            "message": self.message,
            "fix": self.fix,
        }


@dataclass
class CheckResult:
    verdict: str  # pass | fail
    findings: list[Finding]
    coverage: Coverage
    dos: date
    codes: list[str]  # the claim's codes in display form, claim order
    age: int | None = None
    sex: str | None = None
    setting: str = "outpatient"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "data": {
                "release": self.coverage.release,
                "covers_dos_from": self.coverage.covers_dos_from.isoformat(),
                "covers_dos_through": self.coverage.covers_dos_through.isoformat(),
            },
        }

    def rejection_note(self) -> str:
        """The text sent back with a returned claim: one line per error with its reason; empty on a pass."""
        errors = self.errors
        if not errors:
            return ""
        lines = [f"Claim returned: {_count(len(errors), 'error')} (date of service {self.dos.isoformat()})"]
        lines += [f"- {', '.join(f.codes)}: {f.reason or f.message}" for f in errors]
        return "\n".join(lines)

    def report(self) -> str:
        """A plain-text report a reviewer can paste into a ticket or an email."""
        counts = [_count(len(group), label) for label, group in self._groups() if group]
        head = f"Claim check: {self.verdict.upper()}" + (f" ({', '.join(counts)})" if counts else "")
        details = [f"date of service {self.dos.isoformat()}", f"setting {self.setting}"]
        details += [f"age {self.age}"] if self.age is not None else []
        details += [f"sex {self.sex}"] if self.sex else []
        lines = [
            head,
            f"Codes: {' '.join(self.codes)}",
            "Patient and claim: " + ", ".join(details),
            "Checked against:",
        ]
        lines += [
            f"  {r.name}: dates of service {r.covers_from.isoformat()} to {r.covers_through.isoformat()}"
            for r in self.coverage.releases
        ]
        if not self.findings:
            lines += ["", "No findings: every code passed every edit."]
        for label, group in self._groups():
            if group:
                lines += ["", f"{label.capitalize()}s:"]
                for n, f in enumerate(group, 1):
                    lines += [f"{n}. [{f.rule}] {', '.join(f.codes)}", f"   {f.message}", f"   Fix: {f.fix}"]
        note = self.rejection_note()
        if note:
            lines += ["", "Rejection note:", note]
        return "\n".join(lines)

    def _groups(self) -> list[tuple[str, list[Finding]]]:
        return [
            (label, [f for f in self.findings if f.severity == sev])
            for sev, label in ((ERROR, "error"), (WARNING, "warning"), (INFO, "note"))
        ]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---- input ------------------------------------------------------------------------------------------------


def parse_dos(text: str) -> date:
    """A date of service typed as YYYY-MM-DD; QueryError with the expected form otherwise."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", text or "")
    if not match:
        raise QueryError(DOS_FORMAT)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise QueryError(DOS_FORMAT) from None


def _tokens(codes: Sequence[str] | str) -> list[str]:
    if isinstance(codes, str):
        codes = [codes]
    tokens = [t for item in codes for t in re.split(r"[\s,;]+", str(item)) if t]
    if not tokens:
        raise QueryError(
            "Give at least one code to check, e.g. E11.9 I10 (ICD-10-CM), 0DTJ4ZZ (ICD-10-PCS) "
            "or J0135 (HCPCS)."
        )
    if len(tokens) > MAX_CODES:
        raise QueryError(
            f"A claim holds at most {MAX_CODES} codes; this one has {len(tokens)}. "
            "Split it and check each part."
        )
    bad = [t for t in tokens if not guess_systems(t)]
    if bad:
        shown = ", ".join(repr(t if len(t) <= 20 else t[:20] + "...") for t in bad[:5])
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise QueryError(
            f"Not a code: {shown}{more}. Codes look like E11.9 (ICD-10-CM), 0DTJ4ZZ (ICD-10-PCS), "
            "J0135 (HCPCS) or 99213 (CPT)."
        )
    return tokens


def _check_age(age: int | str | None) -> int | None:
    if age is None:
        return None
    if isinstance(age, str) and age.strip().isdigit():
        age = int(age)
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 124:
        raise QueryError(f"--age must be a whole number of years from 0 to 124; got {age!r}.")
    return age


def _check_sex(sex: str | None) -> str | None:
    if sex is None or (isinstance(sex, str) and not sex.strip()):
        return None
    key = sex.strip().lower() if isinstance(sex, str) else ""
    if key not in SEXES:
        raise QueryError(f"--sex must be F or M; got {sex!r}.")
    return SEXES[key]


def _check_setting(setting: str | None) -> str:
    key = (setting or "outpatient").strip().lower() if isinstance(setting, str) or setting is None else ""
    if key not in SETTINGS:
        raise QueryError(f"--setting must be outpatient or inpatient; got {setting!r}.")
    return key


def _check_dos(dos: date) -> date:
    if isinstance(dos, datetime):
        return dos.date()
    if not isinstance(dos, date):
        raise QueryError(DOS_FORMAT)
    return dos


# ---- tabular note references ------------------------------------------------------------------------------

_CODE_RE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?"
_REF = re.compile(
    rf"(?P<low>{_CODE_RE})(?:\.?-)?(?:\s*-\s*(?P<high>{_CODE_RE})(?:\.?-)?)?(?:\s*with\s+(?P<tail>.+))?"
)
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


@dataclass(frozen=True)
class Ref:
    """A code reference in a tabular note: one code and its children, or a range, optionally qualified
    ("E08-E13 with .42", "T36-T50 with fifth or sixth character 5")."""

    low: str
    high: str | None = None
    tail: re.Pattern[str] | None = None

    def matches(self, code: str) -> bool:
        if self.high is None:
            if not code.startswith(self.low):
                return False
        elif code[: len(self.low)] < self.low or code[: len(self.high)] > self.high:
            return False
        return self.tail is None or self.tail.match(code) is not None

    @property
    def simple(self) -> bool:
        return self.high is None and self.tail is None


def parse_refs(text: str) -> tuple[Ref, ...]:
    """Code references in the parentheses of a note: "(E08.-)", "(N18.1-N18.6)", "(E10.-, E11.-)"."""
    refs: list[Ref] = []
    for group in re.findall(r"\(([^()]*)\)", text):
        for part in group.split(","):
            ref = _parse_ref(part.strip())
            if ref is not None:
                refs.append(ref)
    return tuple(refs)


def _parse_ref(part: str) -> Ref | None:
    match = _REF.fullmatch(part)
    if not match:
        return None
    low = undot(match["low"]).rstrip("-")
    high = undot(match["high"]).rstrip("-") if match["high"] else None
    tail = None
    if match["tail"]:
        tail = _parse_tail(match["tail"].strip())
        if tail is None:
            return None  # a qualifier we cannot read: better no check than a wrong one
    return Ref(low, high if high != low else None, tail)


def _char_class(low: str, high: str | None) -> str | None:
    if high is None:
        return re.escape(low)
    if len(low) != len(high) or low[:-1] != high[:-1] or low[-1] > high[-1]:
        return None
    return f"{re.escape(low[:-1])}[{low[-1]}-{high[-1]}]"


def _parse_tail(tail: str) -> re.Pattern[str] | None:
    tail = tail.rstrip(" .")
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


@dataclass(frozen=True)
class Note:
    """One tabular instruction (a lead-in line and its items, or a single line) with its code references."""

    holder: str  # the code, block or chapter the note stands under
    kind: str
    text: str
    refs: tuple[Ref, ...]
    examples_only: bool  # "such as": the list names examples, not every acceptable code


# ---- per-code-book tables ----------------------------------------------------------------------------------


@dataclass
class _Tables:
    excludes1: dict[str, list[Note]]
    code_first: dict[str, list[Note]]
    reminders: dict[str, list[Note]]  # use_additional and code_also
    seventh: dict[str, list[tuple[str, str]]]
    parents: dict[str, str]  # CM category/block -> parent
    mce: str
    release_key: str
    age_ranges: dict[date, dict[str, tuple[int, int]]] = field(default_factory=dict)


_TABLES: weakref.WeakKeyDictionary[CodeBook, _Tables] = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.Lock()


def _tables(book: CodeBook) -> _Tables:
    key = book.coverage().release
    found = _TABLES.get(book)
    if found is not None and found.release_key == key:
        return found
    with _TABLES_LOCK:
        found = _TABLES.get(book)
        if found is None or found.release_key != key:
            found = _build_tables(book, key)
            _TABLES[book] = found
        return found


def _build_tables(book: CodeBook, key: str) -> _Tables:
    rows = book.db.execute(
        "SELECT code, kind, text FROM notes WHERE system = 'cm' AND kind IN "
        "('excludes1', 'code_first', 'use_additional', 'code_also') ORDER BY code, kind, seq"
    ).fetchall()
    by_holder: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, kind, text in rows:
        by_holder[(code, kind)].append(text)
    excludes1: dict[str, list[Note]] = defaultdict(list)
    code_first: dict[str, list[Note]] = defaultdict(list)
    reminders: dict[str, list[Note]] = defaultdict(list)
    target = {
        "excludes1": excludes1,
        "code_first": code_first,
        "use_additional": reminders,
        "code_also": reminders,
    }
    for (holder, kind), texts in by_holder.items():
        notes = _group_notes(holder, kind, texts, split=kind == "excludes1")
        target[kind][holder] += [n for n in notes if n.refs]
    seventh: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, char, meaning in book.db.execute("SELECT code, char, meaning FROM seventh ORDER BY rowid"):
        seventh[code].append((char, meaning))
    parents = dict(
        book.db.execute(
            "SELECT code, parent FROM codes WHERE system = 'cm' AND kind IN ('category', 'block', 'chapter')"
        ).fetchall()
    )
    found = re.search(r"MCE\s+v?(\d+(?:\.\d+)?)", key)
    mce = f"CMS MCE v{found[1]}" if found else "CMS MCE"
    return _Tables(dict(excludes1), dict(code_first), dict(reminders), dict(seventh), parents, mce, key)


def _group_notes(holder: str, kind: str, texts: list[str], split: bool) -> list[Note]:
    """Lines ending with ':' lead the items after them; Excludes1 items stay separate (each its own pair)."""
    groups: list[tuple[str, list[str]]] = []
    for text in texts:
        if text.rstrip().endswith(":"):
            groups.append((text.strip(), []))
        elif groups and groups[-1][0]:
            groups[-1][1].append(text.strip())
        else:
            groups.append(("", [text.strip()]))
    notes: list[Note] = []
    for lead, items in groups:
        examples = "such as" in lead.lower()
        if split:
            notes += [
                Note(holder, kind, f"{lead} {item}".strip(), parse_refs(item), examples) for item in items
            ]
        else:
            body = "; ".join(items)
            text = f"{lead} {body}".strip() if items else lead
            notes.append(Note(holder, kind, text, tuple(r for i in items for r in parse_refs(i)), examples))
    return notes


# ---- resolving the claim ----------------------------------------------------------------------------------


class _Row(NamedTuple):
    system: str
    code: str
    title: str
    parent: str
    kind: str
    billable: bool
    added: str
    terminated: str


@dataclass
class _Entry:
    position: int  # 1-based place on the claim
    code: str  # undotted, upper case
    guesses: list[str]
    dotted: bool
    system: str | None = None
    row: _Row | None = None
    spans: list[Span] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # the code then its ancestors (CM), nearest first
    valid: bool = False

    @property
    def display(self) -> str:
        if self.system:
            return display(self.system, self.code)
        return display("cm", self.code) if "cm" in self.guesses else self.code

    @property
    def title(self) -> str:
        return self.row.title if self.row else ""

    @property
    def named(self) -> str:
        return f"{self.display} ({self.title})" if self.title else self.display

    def flags(self, dos: date) -> frozenset[str]:
        span = _span_on(self.spans, dos)
        return span.flags if span else frozenset()


@dataclass
class _Claim:
    book: CodeBook
    tables: _Tables
    dos: date
    age: int | None
    sex: str | None
    setting: str
    entries: list[_Entry]
    cm_rows: dict[str, _Row]

    @cached_property
    def unique(self) -> list[_Entry]:
        seen: set[tuple[str | None, str]] = set()
        out = []
        for e in self.entries:
            if (e.system, e.code) not in seen:
                seen.add((e.system, e.code))
                out.append(e)
        return out

    @cached_property
    def cm(self) -> list[_Entry]:
        return [e for e in self.unique if e.system == "cm"]

    @cached_property
    def principal(self) -> _Entry | None:
        return next((e for e in self.entries if e.system == "cm"), None)

    def matching(self, ref: Ref) -> list[_Entry]:
        if ref.simple:
            return self.prefixes.get(ref.low, [])
        return [e for e in self.cm if ref.matches(e.code)]

    @cached_property
    def prefixes(self) -> dict[str, list[_Entry]]:
        """Every prefix (3 characters up) of the claim's CM codes: a "(E11.-)" reference is one lookup."""
        found: dict[str, list[_Entry]] = defaultdict(list)
        for e in self.cm:
            for size in range(3, len(e.code) + 1):
                found[e.code[:size]].append(e)
        return found


_SELECT = "SELECT system, code, title, parent, kind, billable, added, terminated FROM codes"


def _fetch_rows(book: CodeBook, system_sql: str, codes: Iterable[str]) -> list[_Row]:
    wanted = sorted(set(codes))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    rows = book.db.execute(f"{_SELECT} WHERE system {system_sql} AND code IN ({marks})", wanted).fetchall()
    return [_Row(s, c, t, p, k, bool(b), a or "", x or "") for s, c, t, p, k, b, a, x in rows]


def _fetch_spans(book: CodeBook, codes: Iterable[str]) -> dict[tuple[str, str], list[Span]]:
    wanted = sorted(set(codes))
    spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
    if not wanted:
        return spans
    marks = ", ".join("?" for _ in wanted)
    for system, code, start, end, flags in book.db.execute(
        "SELECT system, code, start, end, flags FROM validity "
        f"WHERE system IN ('cm', 'pcs', 'hcpcs') AND code IN ({marks}) "
        "ORDER BY start",
        wanted,
    ):
        spans[(system, code)].append(
            Span(
                date.fromisoformat(start),
                date.fromisoformat(end) if end else None,
                frozenset(f for f in flags.split("|") if f),
            )
        )
    return spans


def _resolve(book: CodeBook, tables: _Tables, tokens: list[str], dos: date) -> _Claim:
    entries = [_Entry(n, undot(t), guess_systems(t), "." in t) for n, t in enumerate(tokens, 1)]
    cm_codes = {e.code[:size] for e in entries if "cm" in e.guesses for size in range(3, len(e.code) + 1)}
    cm_rows = {r.code: r for r in _fetch_rows(book, "= 'cm'", cm_codes)}
    others = {
        (r.system, r.code): r
        for r in _fetch_rows(
            book, "IN ('pcs', 'hcpcs', 'cpt')", (e.code for e in entries if set(e.guesses) - {"cm"})
        )
    }
    spans = _fetch_spans(book, (e.code for e in entries))
    claim = _Claim(book, tables, dos, None, None, "outpatient", entries, cm_rows)
    for e in entries:
        _choose_system(claim, e, others, spans)
    return claim


def _choose_system(
    claim: _Claim, e: _Entry, others: dict[tuple[str, str], _Row], spans: dict[tuple[str, str], list[Span]]
) -> None:
    """Pick the system a code belongs to; a few codes exist in two (G0439 is HCPCS, G04.39 is ICD-10-CM).

    A dotted code is ICD-10-CM. An undotted one found in both is read as ICD-10-CM on an all-undotted claim
    (claim-file style) and as the other system when the claim writes its ICD-10-CM codes dotted. Among the
    candidates the first valid on the date of service wins.
    """
    order = ["cm", "pcs", "hcpcs", "cpt"]
    if not e.dotted and any(o.dotted for o in claim.entries):
        order = ["pcs", "hcpcs", "cpt", "cm"]
    options: list[tuple[str, _Row | None, list[Span]]] = []
    for system in order:
        if system not in e.guesses:
            continue
        row = claim.cm_rows.get(e.code) if system == "cm" else others.get((system, e.code))
        found = spans.get((system, e.code), [])
        if row is not None or found:
            options.append((system, row, found))
    for system, row, found in options + options[:1]:  # none valid: ends back on the first candidate
        e.system, e.row, e.spans = system, row, found
        e.valid = _valid_on(e, claim.dos)
        if e.valid:
            break
    if e.system == "cm":
        e.chain = _chain(claim, e.code)


def _chain(claim: _Claim, code: str) -> list[str]:
    chain = [code] + [code[:size] for size in range(len(code) - 1, 2, -1) if code[:size] in claim.cm_rows]
    node = code[:3]
    while claim.tables.parents.get(node):
        node = claim.tables.parents[node]
        chain.append(node)
    return chain


def _span_on(spans: list[Span], day: date) -> Span | None:
    covering = next((s for s in spans if s.covers(day)), None)
    if covering or not spans:
        return covering
    earlier = [s for s in spans if s.start <= day]
    return earlier[-1] if earlier else spans[0]


def _valid_on(e: _Entry, day: date) -> bool:
    if e.system in ("cm", "pcs"):
        if e.spans:
            return any(s.covers(day) for s in e.spans)
        return bool(e.row and e.row.billable and e.row.kind == "code")  # imported without MCE dates
    if e.spans:  # HCPCS validity by quarter, gaps included
        return any(s.covers(day) for s in e.spans)
    if e.row is None:
        return False
    added = date.fromisoformat(e.row.added) if e.row.added else None
    ended = date.fromisoformat(e.row.terminated) if e.row.terminated else None
    return (added is None or added <= day) and (ended is None or day <= ended)


# ---- queries used by findings ------------------------------------------------------------------------------


class _Valid(NamedTuple):
    code: str
    title: str
    flags: frozenset[str]


def _valid_under(claim: _Claim, system: str, prefix: str) -> list[_Valid]:
    """Codes below `prefix` (longer codes starting with it) valid on the DOS, with titles where known."""
    iso = claim.dos.isoformat()
    rows = claim.book.db.execute(
        "SELECT v.code, COALESCE(c.title, ''), v.flags FROM validity v LEFT JOIN codes c "
        "ON c.system = v.system AND c.code = v.code WHERE v.system = ? AND v.code > ? AND v.code < ? "
        "AND v.start <= ? AND (v.end = '' OR v.end >= ?) ORDER BY v.code",
        [system, prefix, prefix + "\uffff", iso, iso],
    ).fetchall()
    return [_Valid(c, t, frozenset(f for f in flags.split("|") if f)) for c, t, flags in rows]


def _listing(system: str, codes: Sequence[_Valid], limit: int = MAX_LISTED, titles: bool = True) -> str:
    shown = [
        f"{display(system, v.code)} {v.title}".strip() if titles else display(system, v.code)
        for v in codes[:limit]
    ]
    text = "; ".join(shown) if titles else ", ".join(shown)
    extra = len(codes) - limit
    return text + (f" ... and {extra} more" if extra > 0 else "")


def _seventh_for(claim: _Claim, chain: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    for holder in chain:
        found = claim.tables.seventh.get(holder)
        if found:
            return holder, found
    return "", []


def _periods(spans: list[Span]) -> list[tuple[date, date | None]]:
    periods: list[tuple[date, date | None]] = []
    for s in spans:
        if periods and periods[-1][1] is not None and periods[-1][1] + timedelta(days=1) == s.start:
            periods[-1] = (periods[-1][0], s.end)
        else:
            periods.append((s.start, s.end))
    return periods


def _period_text(periods: list[tuple[date, date | None]]) -> str:
    return " and ".join(
        f"from {a.isoformat()}" if b is None else f"from {a.isoformat()} to {b.isoformat()}"
        for a, b in periods
    )


def _dos(claim: _Claim) -> str:
    return claim.dos.isoformat()


def _tabular(holder: str, what: str) -> str:
    """Cite the tabular: "ICD-10-CM Tabular, E11 Excludes1", "... block T36-T50 ...", "... chapter 19 ..."."""
    if holder.isdigit():
        name = f"chapter {holder}"
    elif "-" in holder:
        name = f"block {holder}"
    else:
        name = display("cm", holder)
    return f"ICD-10-CM Tabular, {name} {what}"


# ---- rules: one code at a time -----------------------------------------------------------------------------


def rule_not_found(claim: _Claim, e: _Entry) -> list[Finding]:
    if e.system is not None:
        return []
    placeholder = _placeholder_finding(claim, e) if "cm" in e.guesses else None
    if placeholder:
        return [placeholder]
    loaded = claim.book.systems_loaded()
    systems = [s for s in SYSTEM_NAMES if s in e.guesses and (s in loaded or s == "cpt")]
    names = " or ".join(SYSTEM_NAMES[s] for s in systems) or "any loaded code set"
    message = f"{e.display} is not a code in {names} (no loaded release has it)."
    fix = f"Correct the code from the record; search with `codedesk lookup {e.display}`."
    nearest = next(
        (
            claim.cm_rows[e.code[:n]]
            for n in range(len(e.code) - 1, 2, -1)
            if "cm" in e.guesses and e.code[:n] in claim.cm_rows
        ),
        None,
    )
    if nearest:
        message += f" The nearest ICD-10-CM code above it is {display('cm', nearest.code)} ({nearest.title})."
        fix = (
            f"Correct the code; the codes under {display('cm', nearest.code)} are listed by "
            f"`codedesk show {display('cm', nearest.code)}`."
        )
    for system in e.guesses:
        release = claim.book.coverage().for_system(system)
        if system == "cpt" and release is None:
            message += " CPT is AMA-licensed and not bundled, and no CPT file has been imported."
            fix = "Import your licensed CPT file with `codedesk import <file>`, or check it in CPT."
        elif (
            release and not release.covers_from <= claim.dos <= release.covers_through and len(e.guesses) == 1
        ):
            message += (
                f" The loaded {SYSTEM_NAMES[system]} data ({release.name}) does not cover "
                f"{_dos(claim)}, so a newer code may be missing."
            )
    return [Finding("not-found", ERROR, [e.display], message, fix, "no such code in any loaded release")]


def _placeholder_finding(claim: _Claim, e: _Entry) -> Finding | None:
    """A code missing its placeholder X (T36.01A for T36.0X1A) or carrying a 7th character not allowed."""
    base = e.code[:6]
    if len(e.code) == 7 and base in claim.cm_rows:
        holder, chars = _seventh_for(claim, _chain(claim, base))
        if chars:
            options = [v for v in _valid_under(claim, "cm", base) if len(v.code) == 7]
            allowed = ", ".join(v.code[6] for v in options) or ", ".join(c for c, _ in chars)
            message = (
                f"{e.display}: {e.code[6]} is not an allowed 7th character for {display('cm', base)} "
                f"({_tabular(holder, '7th characters')}). Valid codes: {_listing('cm', options, 20, False)}."
            )
            return Finding(
                "seventh-character",
                ERROR,
                [e.display],
                message,
                _seventh_fix(options, chars),
                f"7th character {e.code[6]} not allowed; use one of {allowed}",
            )
    variants = _x_variants(e.code)
    rows = {r.code: r for r in _fetch_rows(claim.book, "= 'cm'", variants)}
    found = next((v for v in variants if v in rows), None)
    if found is None:
        return None
    holder, chars = _seventh_for(claim, _chain(claim, found))
    if not chars:
        return None
    if len(found) == 7:
        right = display("cm", found)
        message = (
            f"{e.display} is missing the placeholder X: the code is {right} ({rows[found].title}). "
            f"A code shorter than 6 characters is filled with X before its 7th character "
            f"({_tabular(holder or found[:3], '7th characters')})."
        )
        return Finding(
            "seventh-character",
            ERROR,
            [e.display],
            message,
            f"Report {right}.",
            f"placeholder X missing; the code is {right}",
        )
    options = [v for v in _valid_under(claim, "cm", found) if len(v.code) == 7]
    listed = _listing("cm", options, 20, titles=False)
    message = (
        f"{e.display} is missing the placeholder X and a 7th character: {display('cm', found)} "
        f"({rows[found].title}) needs one ({_tabular(holder or found[:3], '7th characters')}). "
        f"Valid codes: {listed}."
    )
    return Finding(
        "seventh-character",
        ERROR,
        [e.display],
        message,
        _seventh_fix(options, chars),
        f"needs the placeholder X and a 7th character: {listed}",
    )


def _x_variants(code: str) -> list[str]:
    """The code with placeholder X inserted to reach 6 characters (no 7th) or 7 (the last kept as the 7th)."""
    variants: list[str] = []
    for size, keep_last in ((7, True), (6, False)):
        body = code[:-1] if keep_last else code
        last = code[-1] if keep_last else ""
        gap = size - len(code)
        if gap <= 0:
            continue
        for at in range(3, len(body) + (0 if keep_last else 1)):
            variants.append(body[:at] + "X" * gap + body[at:] + last)
        if keep_last:
            variants.append(body + "X" * gap + last)
    return list(dict.fromkeys(v for v in variants if v != code))


def _seventh_fix(options: Sequence[_Valid], chars: list[tuple[str, str]]) -> str:
    meaning = dict(chars)
    picks = [f"{v.code[6]} = {meaning.get(v.code[6], v.title)}" for v in options[:20]]
    return "Add the 7th character that matches the encounter: " + "; ".join(picks) + "."


def rule_validity(claim: _Claim, e: _Entry) -> list[Finding]:
    """not-valid-on-dos, header-code or seventh-character: the code exists but cannot be billed on the DOS."""
    if e.system is None or e.valid:
        return []
    if e.system in ("hcpcs", "cpt") and not e.spans:
        return [_not_valid_dated(claim, e)]
    if e.spans:
        return [_not_valid_spans(claim, e)]
    under = [v for v in _valid_under(claim, e.system, e.code)]
    seventh = _seventh_for(claim, e.chain) if e.system == "cm" else ("", [])
    if seventh[1] and under and all(_completes(e.code, v.code) for v in under):
        return [_needs_seventh(claim, e, under, seventh)]
    return [_header(claim, e, under)]


def _completes(code: str, longer: str) -> bool:
    middle = longer[len(code) : -1]
    return len(longer) == 7 and set(middle) <= {"X"}


def _needs_seventh(
    claim: _Claim, e: _Entry, options: list[_Valid], seventh: tuple[str, list[tuple[str, str]]]
) -> Finding:
    holder, chars = seventh
    listed = _listing("cm", options, 20, titles=False)
    missing = "a 7th character" if len(e.code) == 6 else "the placeholder X and a 7th character"
    message = (
        f"{e.named} is incomplete: it needs {missing} ({_tabular(holder, '7th characters')}). "
        f"Valid codes: {listed}."
    )
    return Finding(
        "seventh-character",
        ERROR,
        [e.display],
        message,
        _seventh_fix(options, chars),
        f"needs {missing}: {listed}",
    )


def _header(claim: _Claim, e: _Entry, under: list[_Valid]) -> Finding:
    billable = _leaves(under)
    system = e.system or "cm"
    source = _tabular(e.code, "has codes below it") if system == "cm" else SYSTEM_NAMES[system]
    if billable:
        listed = _listing(system, billable)
        message = (
            f"{e.named} is a header, not a billable code: only the {len(billable)} codes below it can be "
            f"reported on {_dos(claim)} ({source}): {listed}."
        )
        fix = f"Pick the specific code the documentation supports, e.g. {display(system, billable[0].code)}."
    else:
        message = (
            f"{e.named} is a header, not a billable code, and no code below it is valid on {_dos(claim)}."
        )
        fix = "Code from the record with a billable code valid on the date of service."
    return Finding(
        "header-code",
        ERROR,
        [e.display],
        message,
        fix,
        f"header code, not billable; report a code below it ({len(billable)} valid)",
    )


def _has_children(v: _Valid, under: list[_Valid]) -> bool:
    return any(o.code != v.code and o.code.startswith(v.code) for o in under)


def _not_valid_spans(claim: _Claim, e: _Entry) -> Finding:
    system = e.system or "cm"
    periods = _periods(e.spans)
    when = _period_text(periods)
    release = claim.book.coverage().for_system(system)
    dates_from = claim.tables.mce if system in ("cm", "pcs") or release is None else release.name
    message = f"{e.named} is not valid on {_dos(claim)}: it is valid {when} ({dates_from} validity dates)."
    short = f"not valid on {_dos(claim)} (valid {when})"
    suggestion = _successors(claim, e, periods)
    if suggestion.codes:
        message += f" {suggestion.hint}: {_listing(system, suggestion.codes)}."
        if suggestion.replaces:
            names = _listing(system, suggestion.codes, 5, titles=False)
            fix = f"Report {names} instead, whichever the record supports."
            short += f"; use {names}"
        else:
            fix = "Recode from the record with a code valid on the date of service; the list above may help."
    elif claim.dos < periods[0][0]:
        fix = (
            f"Check the date of service; for services before {periods[0][0].isoformat()} report the code "
            "that was valid then."
        )
    elif system in ("hcpcs", "cpt") and periods[-1][1] is not None and claim.dos > periods[-1][1]:
        fix = (
            "The code was terminated: report the code that replaced it (the HCPCS update's cross-reference)."
        )
    else:
        fix = "Recode from the record with a code valid on the date of service (`codedesk lookup`)."
    return Finding("not-valid-on-dos", ERROR, [e.display], message, fix, short)


class _Suggestion(NamedTuple):
    codes: list[_Valid]
    hint: str
    replaces: bool  # the codes replace this one (successors or the code valid then), not mere neighbours


def _successors(claim: _Claim, e: _Entry, periods: list[tuple[date, date | None]]) -> _Suggestion:
    system = e.system or "cm"
    below = _leaves(_valid_under(claim, system, e.code))
    last = periods[-1][1]
    if below:
        since = f"Since {(last + timedelta(days=1)).isoformat()} it" if last and claim.dos > last else "It"
        return _Suggestion(below, f"{since} is a header with more specific codes; use one of them", True)
    if system != "cm":
        return _Suggestion([], "", False)
    if claim.dos < periods[0][0]:
        return _predecessor(claim, e)
    for size in range(len(e.code) - 1, 2, -1):
        near = _leaves(
            [v for v in _valid_under(claim, "cm", e.code[:size]) if len(v.code) >= len(e.code) - 1]
        )
        if near:
            return _Suggestion(near, f"Codes under {display('cm', e.code[:size])} valid on that date", False)
    return _Suggestion([], "", False)


def _predecessor(claim: _Claim, e: _Entry) -> _Suggestion:
    """For a code added after the DOS: the shorter code that was billable on that date (M54.5 for M54.50)."""
    for size in range(len(e.code) - 1, 2, -1):
        prefix = e.code[:size]
        if any(s.covers(claim.dos) for s in claim.book.spans("cm", prefix)):
            row = claim.cm_rows.get(prefix)
            found = _Valid(prefix, row.title if row else "", frozenset())
            return _Suggestion([found], "On that date the code to report was", True)
    return _Suggestion([], "", False)


def _leaves(codes: list[_Valid]) -> list[_Valid]:
    return [v for v in codes if not _has_children(v, codes)]


def _not_valid_dated(claim: _Claim, e: _Entry) -> Finding:
    row = e.row
    assert row is not None
    release = claim.book.coverage().for_system(e.system or "hcpcs")
    source = release.name if release else SYSTEM_NAMES[e.system or "hcpcs"]
    added = f"from {row.added}" if row.added else ""
    ended = f"to {row.terminated}" if row.terminated else ""
    when = " ".join(p for p in (added, ended) if p) or "on other dates"
    message = (
        f"{e.named} is not valid on {_dos(claim)}: it is valid {when} ({source}, added/terminated dates)."
    )
    if row.terminated and claim.dos > date.fromisoformat(row.terminated):
        fix = "The code was terminated: report the code that replaced it (the HCPCS file's cross-reference)."
    else:
        fix = "Check the date of service; report a code that was valid on it."
    return Finding(
        "not-valid-on-dos", ERROR, [e.display], message, fix, f"not valid on {_dos(claim)} (valid {when})"
    )


def rule_age_conflict(claim: _Claim, e: _Entry) -> list[Finding]:
    if claim.age is None or not e.valid:
        return []
    flags = e.flags(claim.dos)
    ranges = claim.tables.age_ranges.get(claim.dos)
    if ranges is None:
        ranges = claim.book.age_ranges(claim.dos)
        claim.tables.age_ranges[claim.dos] = ranges
    for group in AGE_GROUPS:
        if group in flags and group in ranges:
            low, high = ranges[group]
            if not low <= claim.age <= high:
                ages = f"age {low}" if low == high else f"ages {low}-{high}"
                message = (
                    f"{e.named} is a {group} code, for {ages}, and the patient is {claim.age} "
                    f"({claim.tables.mce} age edit, ranges for {_dos(claim)})."
                )
                fix = "Check the patient's age and the code; correct whichever is wrong."
                return [
                    Finding(
                        "age-conflict",
                        ERROR,
                        [e.display],
                        message,
                        fix,
                        f"{group} code ({ages}) for a patient aged {claim.age}",
                    )
                ]
    return []


def rule_sex_conflict(claim: _Claim, e: _Entry) -> list[Finding]:
    if claim.sex is None or not e.valid:
        return []
    conflict = "female" if claim.sex == "M" else "male"
    span = _span_on(e.spans, claim.dos)
    if span is None:
        return []
    patient = SEX_WORD[claim.sex]
    if conflict in span.flags:
        message = (
            f"{e.named} is for {conflict} patients only, and the patient is {patient} "
            f"({claim.tables.mce} sex edit)."
        )
        return [
            Finding(
                "sex-conflict",
                ERROR,
                [e.display],
                message,
                "Check the patient's sex and the code; correct whichever is wrong.",
                f"{conflict}-only code for a {patient} patient",
            )
        ]
    earlier = [s for s in e.spans if s.start < span.start and conflict in s.flags]
    if not earlier:
        return []
    off = next(s.start for s in e.spans if s.start > earlier[-1].start)
    message = (
        f"{e.named} is a {conflict} diagnosis or procedure and the patient is {patient}. CMS turned the "
        f"{claim.tables.mce} sex edit off for it from {off.isoformat()}, so Medicare no longer rejects "
        "this, but other payers may."
    )
    return [
        Finding(
            "sex-conflict",
            WARNING,
            [e.display],
            message,
            "Confirm the patient's sex and the code before sending the claim.",
            f"{conflict} code for a {patient} patient",
        )
    ]


def rule_unspecified(claim: _Claim, e: _Entry) -> list[Finding]:
    if e.system != "cm" or not e.valid or "unspecified" not in e.flags(claim.dos):
        return []
    better = _specific_siblings(claim, e)
    if not better:
        return []
    listed = _listing("cm", better, 6)
    message = (
        f"{e.named} is an unspecified code ({claim.tables.mce} unspecified code list) and more specific "
        f"codes exist: {listed}."
    )
    fix = "If the record documents more detail, report the specific code; otherwise query the provider."
    return [Finding("unspecified", WARNING, [e.display], message, fix, "unspecified code")]


def _specific_siblings(claim: _Claim, e: _Entry) -> list[_Valid]:
    seventh = len(e.code) == 7 and bool(_seventh_for(claim, e.chain)[1])
    for ancestor in e.chain[1:]:
        if len(ancestor) < 3 or "-" in ancestor or not ancestor[0].isalpha():
            break
        found = [
            v
            for v in _valid_under(claim, "cm", ancestor)
            if len(v.code) == len(e.code)
            and v.code != e.code
            and "unspecified" not in v.flags
            and (not seventh or v.code[6] == e.code[6])
        ]
        if found:
            return found
    return []


# ---- rules: the claim as a whole ---------------------------------------------------------------------------


def rule_duplicate(claim: _Claim) -> list[Finding]:
    places: dict[str, list[_Entry]] = defaultdict(list)
    for e in claim.entries:
        places[e.code].append(e)
    findings = []
    for same in places.values():
        if len(same) > 1:
            where = ", ".join(str(e.position) for e in same)
            message = f"{same[0].display} appears {len(same)} times on the claim (positions {where})."
            findings.append(
                Finding(
                    "duplicate",
                    WARNING,
                    [same[0].display],
                    message,
                    "Remove the repeats: report each code once.",
                    "code repeated",
                )
            )
    return findings


def rule_excludes1(claim: _Claim) -> list[Finding]:
    """Pairs of codes valid on the DOS where one sits under an Excludes1 note (its own or an ancestor's)
    that names the other. Codes already in error are left out: their replacement gets checked instead."""
    seen: set[frozenset[str]] = set()
    findings = []
    for e in claim.cm:
        if not e.valid:
            continue
        for note, other in _excluded(claim, e):
            pair = frozenset((e.code, other.code))
            if pair not in seen:
                seen.add(pair)
                findings.append(_excludes1_finding(e, other, note))
    return findings


def _excluded(claim: _Claim, e: _Entry) -> Iterator[tuple[Note, _Entry]]:
    for holder in e.chain:
        for note in claim.tables.excludes1.get(holder, []):
            for ref in note.refs:
                if ref.matches(holder):
                    continue  # a note never excludes the codes it stands over
                for other in claim.matching(ref):
                    if other.valid and other.code != e.code:
                        yield note, other


def _excludes1_finding(e: _Entry, other: _Entry, note: Note) -> Finding:
    first, second = sorted((e, other), key=lambda x: x.position)
    source = _tabular(note.holder, "Excludes1")
    message = (
        f"{first.named} and {second.named} may not be reported together: {e.display} is under an "
        f'Excludes1 note for "{note.text}" ({source}).'
    )
    fix = (
        f"Keep the one the documentation supports and remove the other ({first.display} or "
        f"{second.display}); "
        "query the provider if the record is unclear."
    )
    return Finding(
        "excludes1",
        ERROR,
        [first.display, second.display],
        message,
        fix,
        f"Excludes1 pair, may not be reported together ({source})",
    )


def rule_manifestation_first(claim: _Claim) -> list[Finding]:
    findings = []
    for e in claim.cm:
        if "manifestation" not in e.flags(claim.dos):
            continue
        notes = [n for holder in e.chain for n in claim.tables.code_first.get(holder, [])]
        etiology = [o for n in notes for r in n.refs for o in claim.matching(r) if o.code != e.code]
        first = claim.principal is e
        strict = any(not n.examples_only for n in notes)
        before = [
            o for o in claim.cm if o.position < e.position and "manifestation" not in o.flags(claim.dos)
        ]
        missing = not etiology and (strict or not before)
        if first or missing:
            findings.append(_manifestation_finding(claim, e, notes, etiology, first, missing))
    return findings


def _manifestation_finding(
    claim: _Claim, e: _Entry, notes: list[Note], etiology: list[_Entry], first: bool, missing: bool
) -> Finding:
    examples = "; ".join(n.text for n in notes) or "the underlying disease"
    examples = examples if len(examples) <= 300 else examples[:297].rsplit(" ", 1)[0] + " ..."
    cited = f"{claim.tables.mce} manifestation code edit" + (
        f"; {_tabular(notes[0].holder, 'Code first')}" if notes else ""
    )
    what = f'{e.named} is a manifestation code ("in diseases classified elsewhere")'
    problems = []
    if first:
        problems.append("it may not be listed first")
    if missing:
        problems.append("the claim has no code for the underlying disease it requires")
    message = f"{what}: {' and '.join(problems)} ({cited}). Code first: {examples}."
    if etiology:
        fix = f"List {etiology[0].display} before {e.display}."
    else:
        fix = f"Add the code for the underlying disease, listed before {e.display}."
    reason = "manifestation code listed first" if first else "manifestation code without its etiology code"
    return Finding("manifestation-first", ERROR, [e.display], message, fix, reason)


def rule_external_cause_first(claim: _Claim) -> list[Finding]:
    e = claim.principal
    if e is None or not ("ecodepdx" in e.flags(claim.dos) or e.code[0] in "VWXY"):
        return []
    other = next(
        (
            o
            for o in claim.cm
            if o is not e and "ecodepdx" not in o.flags(claim.dos) and o.code[0] not in "VWXY"
        ),
        None,
    )
    message = (
        f"{e.named} is an external cause code (V00-Y99): it says how an injury happened and may not be the "
        f"first-listed diagnosis ({claim.tables.mce} E-code as principal diagnosis edit)."
    )
    fix = (
        f"List the injury or condition first (e.g. {other.display}) and {e.display} after it."
        if other
        else f"Add the code for the injury or condition, listed first, and keep {e.display} after it."
    )
    return [
        Finding("external-cause-first", ERROR, [e.display], message, fix, "external cause code listed first")
    ]


def rule_unacceptable_principal(claim: _Claim) -> list[Finding]:
    e = claim.principal
    if claim.setting != "inpatient" or e is None or "unacceptable" not in e.flags(claim.dos):
        return []
    if "ecodepdx" in e.flags(claim.dos):
        return []  # already reported by external-cause-first
    message = (
        f"{e.named} is not acceptable as the principal diagnosis of an inpatient claim "
        f"({claim.tables.mce} unacceptable principal diagnosis edit)."
    )
    fix = (
        f"List the condition chiefly responsible for the admission first; keep {e.display} as a secondary "
        "code if it applies."
    )
    return [
        Finding(
            "unacceptable-principal",
            ERROR,
            [e.display],
            message,
            fix,
            "unacceptable as principal diagnosis (inpatient)",
        )
    ]


def rule_dos_outside_data(claim: _Claim) -> list[Finding]:
    systems: dict[str, list[str]] = defaultdict(list)
    loaded = claim.book.systems_loaded()
    for e in claim.entries:
        guessed = [s for s in e.guesses if s in loaded]
        system = e.system or (guessed[0] if len(guessed) == 1 else None)
        if system and e.display not in systems[system]:
            systems[system].append(e.display)
    findings = []
    for system, codes in systems.items():
        release = claim.book.coverage().for_system(system)
        if release is None or release.covers_from <= claim.dos <= release.covers_through:
            continue
        findings.append(
            _outside_finding(claim, system, codes, release.name, release.covers_from, release.covers_through)
        )
    return findings


def _outside_finding(
    claim: _Claim, system: str, codes: list[str], name: str, start: date, end: date
) -> Finding:
    label = SYSTEM_NAMES[system]
    side = "after" if claim.dos > end else "before"
    fy = f" ({_fiscal_year(claim.dos)})" if system in ("cm", "pcs") else ""
    message = (
        f"The date of service {_dos(claim)}{fy} is {side} the loaded {label} data: {name} covers dates of "
        f"service {start.isoformat()} to {end.isoformat()}. These codes were checked against that "
        "release, so changes for the date of service (new, deleted or expanded codes) are not known."
    )
    if system in ("cm", "pcs") and claim.dos < ICD10_START:
        message += f" ICD-10 took effect on {ICD10_START.isoformat()}; earlier services were coded in ICD-9."
    wanted = f"the {_fiscal_year(claim.dos)} {label} files" if fy else f"the {label} file for {_dos(claim)}"
    which = "newer" if side == "after" else "matching"
    fix = (
        f"Import the {which} release with `codedesk import <file>` ({wanted}, from {OFFICIAL[system]}), "
        "then check again."
    )
    return Finding("dos-outside-data", WARNING, codes, message, fix, f"{label} data does not cover the DOS")


def _fiscal_year(day: date) -> str:
    return f"FY{day.year + 1 if day.month >= 10 else day.year}"


def rule_reminders(claim: _Claim) -> list[Finding]:
    """use-additional and code-also: tabular instructions whose codes are not on the claim."""
    seen: set[tuple[str, str, str]] = set()
    findings = []
    for e in claim.cm:
        if not e.valid:
            continue
        for holder in e.chain:
            for note in claim.tables.reminders.get(holder, []):
                key = (note.holder, note.kind, note.text)
                if key in seen:
                    continue
                seen.add(key)
                if any(o.code != e.code for r in note.refs for o in claim.matching(r)):
                    continue
                findings.append(_reminder_finding(e, note))
    return findings


def _reminder_finding(e: _Entry, note: Note) -> Finding:
    label = "Use additional code" if note.kind == "use_additional" else "Code also"
    rule = "use-additional" if note.kind == "use_additional" else "code-also"
    text = note.text
    if note.kind == "code_also":
        instruction = "Code also" + ("" if text.startswith(",") else " ") + text
    elif text.lower().startswith("code"):
        instruction = "Use additional " + text
    else:
        instruction = "Use additional code" + ("" if text.startswith((",", "(")) else " ") + text
    message = (
        f'{e.display}: "{instruction}" ({_tabular(note.holder, label)}). No code it names is on the claim.'
    )
    fix = "Add the code that applies if the record documents it; otherwise nothing to do."
    return Finding(rule, INFO, [e.display], message, fix, label.lower())


# ---- entry point ------------------------------------------------------------------------------------------


CODE_RULES = (rule_not_found, rule_validity, rule_age_conflict, rule_sex_conflict, rule_unspecified)
CLAIM_RULES = (
    rule_excludes1,
    rule_manifestation_first,
    rule_external_cause_first,
    rule_unacceptable_principal,
    rule_duplicate,
    rule_dos_outside_data,
    rule_reminders,
)


def check_claim(
    book: CodeBook,
    codes: Sequence[str],
    dos: date,
    age: int | None = None,
    sex: str | None = None,
    setting: str = "outpatient",
) -> CheckResult:
    """Run every edit on a claim's codes (claim order: the first diagnosis is the principal/first-listed)."""
    tokens = _tokens(codes)
    day = _check_dos(dos)
    checked = (_check_age(age), _check_sex(sex), _check_setting(setting))
    claim = _resolve(book, _tables(book), tokens, day)
    claim.age, claim.sex, claim.setting = checked
    findings = [f for e in claim.unique for rule in CODE_RULES for f in rule(claim, e)]
    findings += [f for rule in CLAIM_RULES for f in rule(claim)]
    order = {e.display: e.position for e in reversed(claim.entries)}
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], min(order.get(c, 0) for c in f.codes)))
    verdict = "fail" if any(f.severity == ERROR for f in findings) else "pass"
    return CheckResult(
        verdict,
        findings,
        book.coverage(),
        day,
        [e.display for e in claim.entries],
        claim.age,
        claim.sex,
        claim.setting,
    )
