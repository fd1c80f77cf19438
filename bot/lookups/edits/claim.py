"""A claim's codes resolved against the loaded data: each code read in one system, decided once.

How a code's system is decided (never by which reading happens to be valid on the date of service):
- a dotted code is ICD-10-CM, always;
- a code the claim's context names is read in that context: `dx:` (ICD-10-CM) or `px:` (ICD-10-PCS, HCPCS,
  CPT), from `--dx` / `--px` on the command line, `dx:` / `px:` in Slack, or claim lines in a file;
- otherwise the data decides: the systems that hold the code in any loaded release. When more than one does,
  the claim's own convention picks (a claim that writes other ICD-10-CM codes undotted reads it as ICD-10-CM;
  otherwise it is read in the system whose codes are written undotted) and the `ambiguous-system` rule names
  both readings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, NamedTuple

from bot.lookups.codebook import CodeBook, Span
from bot.lookups.edits.refs import Ref
from bot.lookups.edits.tables import Tables
from bot.lookups.errors import QueryError
from bot.lookups.systems import SYSTEM_NAMES, SYSTEMS, display, undot

MAX_CODES = 100
MAX_LISTED = 10  # codes named in one message before "and N more"
MAX_TOKEN = 24  # characters of a written code kept for messages
CONTEXT_SYSTEMS = {"dx": ("cm",), "px": ("pcs", "hcpcs", "cpt")}
UNDOTTED_FIRST = ("pcs", "hcpcs", "cpt", "cm")
PROCEDURE_SYSTEMS = ("pcs", "hcpcs", "cpt")
_TOKEN = re.compile(r"^(?:(?P<context>dx|px):)?(?P<code>[^-]*?)(?P<mods>(?:-[0-9A-Z]{2})*)$", re.IGNORECASE)


class Row(NamedTuple):
    system: str
    code: str
    title: str
    parent: str
    kind: str
    billable: bool
    added: str
    terminated: str


@dataclass(frozen=True)
class Token:
    written: str  # as typed (trimmed)
    code: str  # undotted, upper case
    dotted: bool
    context: str | None  # "dx" | "px" | None
    modifiers: tuple[str, ...] = ()


def read_tokens(codes: Sequence[str] | str) -> list[Token]:
    """Claim codes as typed: separated by spaces, commas or semicolons; `dx:` / `px:` name the context
    (`dx:E119,I10`); a procedure code may carry modifiers (`J1234-59`, `G0463-XE-59`)."""
    if isinstance(codes, str):
        codes = [codes]
    tokens: list[Token] = []
    for item in codes:
        context: str | None = None
        for part in (p for p in re.split(r"[\s,;]+", str(item)) if p):
            prefix = re.match(r"^(dx|px):", part, re.IGNORECASE)
            if prefix:
                context = prefix.group(1).lower()
                part = part[prefix.end() :]
                if not part:
                    continue
            tokens.append(_token(part, context))
    if not tokens:
        raise QueryError(
            "Give at least one code to check, e.g. E11.9 I10 (ICD-10-CM), 0DTJ4ZZ (ICD-10-PCS) "
            "or J0135 (HCPCS)."
        )
    if len(tokens) > MAX_CODES:
        raise QueryError(
            f"A claim holds at most {MAX_CODES} codes; this one has {len(tokens)}. Split it and check each part."
        )
    return tokens


def _token(part: str, context: str | None) -> Token:
    text = part.strip()
    m = _TOKEN.match(text.upper())
    code, mods = (m["code"], m["mods"]) if m and m["code"] else (text.upper(), "")
    if "." in code or context == "dx":
        code, mods = text.upper(), ""  # modifiers belong to procedures; a diagnosis is kept as written
    if context == "px" and "." in code:
        raise QueryError(
            f"px:{text[:MAX_TOKEN]}: a dotted code is an ICD-10-CM diagnosis; list it as a diagnosis "
            "(dx: in Slack, --dx on the command line) or undotted as the procedure code it is."
        )
    modifiers = tuple(mods.strip("-").split("-")) if mods else ()
    if not re.search(r"[0-9A-Z]", undot(code)):
        raise QueryError(
            f"{text[:MAX_TOKEN]!r} is not a code: codes are letters and digits, e.g. E11.9 or J0135."
        )
    return Token(text[:MAX_TOKEN], undot(code)[:MAX_TOKEN], "." in code, context, modifiers)


@dataclass
class Entry:
    position: int  # 1-based place on the claim
    token: Token
    readings: list[str]  # systems that hold the code in any loaded release (before context)
    system: str | None = None  # the system it is read in; None when no system can hold it
    alternatives: list[str] = field(default_factory=list)  # other systems holding it, not chosen
    decided_by: str = ""  # "dotted" | "context" | "data" | "convention"
    row: Row | None = None
    spans: list[Span] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # the code then its ancestors (CM), nearest first
    valid: bool = False

    @property
    def code(self) -> str:
        return self.token.code

    @property
    def modifiers(self) -> tuple[str, ...]:
        return self.token.modifiers

    @property
    def found(self) -> bool:
        return self.row is not None or bool(self.spans)

    @property
    def display(self) -> str:
        if self.system:
            return display(self.system, self.code)
        return self.token.written.upper()

    @property
    def title(self) -> str:
        return self.row.title if self.row else ""

    @property
    def named(self) -> str:
        return f"{self.display} ({self.title})" if self.title else self.display

    @property
    def system_name(self) -> str | None:
        return SYSTEM_NAMES[self.system] if self.system else None

    def flags(self, dos: date) -> frozenset[str]:
        span = span_on(self.spans, dos)
        return span.flags if span else frozenset()


@dataclass
class Claim:
    book: CodeBook
    tables: Tables
    dos: date
    age: int | None
    sex: str | None
    setting: str
    entries: list[Entry]
    cm_rows: dict[str, Row]
    rows: dict[tuple[str, str], Row]
    all_spans: dict[tuple[str, str], list[Span]]
    cache: dict[object, Any] = field(default_factory=dict)  # per-claim results rules share

    @cached_property
    def unique(self) -> list[Entry]:
        seen: set[tuple[str | None, str]] = set()
        out = []
        for e in self.entries:
            if (e.system, e.code) not in seen:
                seen.add((e.system, e.code))
                out.append(e)
        return out

    @cached_property
    def cm(self) -> list[Entry]:
        return [e for e in self.unique if e.system == "cm"]

    @cached_property
    def procedures(self) -> list[Entry]:
        return [e for e in self.entries if e.system in PROCEDURE_SYSTEMS]

    @cached_property
    def principal(self) -> Entry | None:
        return next((e for e in self.entries if e.system == "cm"), None)

    def titles(self, e: Entry) -> list[str]:
        """The code's title and its ancestors' (categories, blocks), nearest first."""
        key = ("titles", e.position)
        if key not in self.cache:
            self.cache[key] = self._titles(e)
        found: list[str] = self.cache[key]
        return found

    def _titles(self, e: Entry) -> list[str]:
        out = []
        for code in e.chain:
            row = self.cm_rows.get(code)
            title = row.title if row else self.tables.titles.get(code, "")
            if title:
                out.append(title)
        return out

    def seventh_meaning(self, e: Entry) -> str:
        if len(e.code) != 7:
            return ""
        key = ("seventh", e.position)
        if key not in self.cache:
            self.cache[key] = dict(self.tables.seventh_for(e.chain[1:], e.code)[1]).get(e.code[6], "")
        found: str = self.cache[key]
        return found

    def matching(self, ref: Ref) -> list[Entry]:
        """The claim's CM codes a note reference names."""
        if ref.simple:
            return self.prefixes.get(ref.low, [])
        return [e for e in self.cm if ref.covers(e.code) and self.qualified(ref, e)]

    def qualified(self, ref: Ref, e: Entry) -> bool:
        """The reference's qualifiers hold for the code (titles and 7th-character meanings read only if asked)."""
        titles = self.titles(e) if ref.words else ()
        seventh = self.seventh_meaning(e) if ref.seventh_words else ""
        return ref.matches(e.code, titles, seventh)

    @cached_property
    def prefixes(self) -> dict[str, list[Entry]]:
        """Every prefix (3 characters up) of the claim's CM codes: a "(E11.-)" reference is one lookup."""
        found: dict[str, list[Entry]] = defaultdict(list)
        for e in self.cm:
            for size in range(3, len(e.code) + 1):
                found[e.code[:size]].append(e)
        return found


_SELECT = "SELECT system, code, title, parent, kind, billable, added, terminated FROM codes"


def fetch_rows(
    book: CodeBook, codes: Iterable[str], system: str | None = None, among: Sequence[str] = SYSTEMS
) -> list[Row]:
    wanted = sorted(set(codes))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    systems = (system,) if system else tuple(among)
    where = f"system IN ({', '.join('?' for _ in systems)})"  # the (system, code) key serves both
    rows = book.db.execute(f"{_SELECT} WHERE {where} AND code IN ({marks})", [*systems, *wanted]).fetchall()
    return [Row(s, c, t, p, k, bool(b), a or "", x or "") for s, c, t, p, k, b, a, x in rows]


def fetch_spans(book: CodeBook, codes: Iterable[str]) -> dict[tuple[str, str], list[Span]]:
    wanted = sorted(set(codes))
    spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
    if not wanted:
        return spans
    marks = ", ".join("?" for _ in wanted)
    for system, code, start, end, flags in book.db.execute(
        f"SELECT system, code, start, end, flags FROM validity WHERE system IN ({', '.join('?' for _ in SYSTEMS)}) "
        f"AND code IN ({marks}) ORDER BY start",
        [*SYSTEMS, *wanted],
    ):
        spans[(system, code)].append(
            Span(
                date.fromisoformat(start),
                date.fromisoformat(end) if end else None,
                frozenset(f for f in flags.split("|") if f),
            )
        )
    return spans


def resolve(book: CodeBook, tables: Tables, tokens: list[Token], dos: date) -> Claim:
    entries = [Entry(n, t, []) for n, t in enumerate(tokens, 1)]
    codes = {t.code for t in tokens}
    prefixes = {t.code[:size] for t in tokens for size in range(3, len(t.code))}
    rows = {(r.system, r.code): r for r in fetch_rows(book, codes | prefixes, "cm")}
    rows |= {(r.system, r.code): r for r in fetch_rows(book, codes, None, PROCEDURE_SYSTEMS)}
    spans = fetch_spans(book, (t.code for t in tokens))
    cm_rows = {code: r for (system, code), r in rows.items() if system == "cm"}
    held: dict[str, set[str]] = defaultdict(set)
    for system, code in [*rows, *spans]:
        held[code].add(system)
    for e in entries:
        e.readings = [s for s in UNDOTTED_FIRST if s in held.get(e.code, ())]
    claim = Claim(book, tables, dos, None, None, "outpatient", entries, cm_rows, rows, spans)
    undotted_cm = {e.position for e in entries if not e.token.dotted and e.readings == ["cm"]}
    for e in entries:
        _decide(e, len(undotted_cm - {e.position}) > 0)
        if e.system:
            e.row = rows.get((e.system, e.code))
            e.spans = spans.get((e.system, e.code), [])
            e.valid = valid_on(e, dos)
        if e.system == "cm":
            e.chain = chain(claim, e.code)
    return claim


def _decide(e: Entry, others_undotted_cm: bool) -> None:
    token = e.token
    if token.dotted:
        e.system, e.decided_by = "cm", "dotted"
        e.alternatives = [s for s in e.readings if s != "cm"]
        return
    if token.context:
        allowed = CONTEXT_SYSTEMS[token.context]
        held = [s for s in e.readings if s in allowed]
        e.system = held[0] if held else (allowed[0] if token.context == "dx" else None)
        e.alternatives = held[1:]
        e.decided_by = "context"
        return
    if len(e.readings) <= 1:
        e.system = e.readings[0] if e.readings else None
        e.decided_by = "data"
        return
    e.system = "cm" if others_undotted_cm and "cm" in e.readings else e.readings[0]
    e.alternatives = [s for s in e.readings if s != e.system]
    e.decided_by = "convention"


def chain(claim: Claim, code: str) -> list[str]:
    found = [code] + [code[:size] for size in range(len(code) - 1, 2, -1) if code[:size] in claim.cm_rows]
    node = code[:3]
    while claim.tables.parents.get(node):
        node = claim.tables.parents[node]
        found.append(node)
    return found


def span_on(spans: list[Span], day: date) -> Span | None:
    covering = next((s for s in spans if s.covers(day)), None)
    if covering or not spans:
        return covering
    earlier = [s for s in spans if s.start <= day]
    return earlier[-1] if earlier else spans[0]


def valid_on(e: Entry, day: date) -> bool:
    """CM and PCS by their MCE spans; HCPCS by its spans when the data has them, else its added/terminated
    dates; a CM or PCS code imported without spans by being billable."""
    if e.spans:
        return any(s.covers(day) for s in e.spans)
    if e.row is None:
        return False
    if e.system in ("cm", "pcs"):
        return e.row.billable and e.row.kind == "code"
    if e.row.kind == "modifier":
        return False
    added = date.fromisoformat(e.row.added) if e.row.added else None
    ended = date.fromisoformat(e.row.terminated) if e.row.terminated else None
    return (added is None or added <= day) and (ended is None or day <= ended)


# ---- queries and wording shared by the rules -----------------------------------------------------------------


class Valid(NamedTuple):
    code: str
    title: str
    flags: frozenset[str]


def valid_under(claim: Claim, system: str, prefix: str) -> list[Valid]:
    """Codes below `prefix` (longer codes starting with it) valid on the DOS, with titles where known."""
    iso = claim.dos.isoformat()
    rows = claim.book.db.execute(
        "SELECT v.code, COALESCE(c.title, ''), v.flags FROM validity v LEFT JOIN codes c "
        "ON c.system = v.system AND c.code = v.code WHERE v.system = ? AND v.code > ? AND v.code < ? "
        "AND v.start <= ? AND (v.end = '' OR v.end >= ?) ORDER BY v.code",
        [system, prefix, prefix + "\uffff", iso, iso],
    ).fetchall()
    return [Valid(c, t, frozenset(f for f in flags.split("|") if f)) for c, t, flags in rows]


def leaves(codes: list[Valid]) -> list[Valid]:
    """The codes with no code below them in the list (in code order, a code's children follow it)."""
    ordered = sorted(codes, key=lambda v: v.code)
    return [
        v
        for i, v in enumerate(ordered)
        if not (
            i + 1 < len(ordered) and ordered[i + 1].code.startswith(v.code) and ordered[i + 1].code != v.code
        )
    ]


def listing(system: str, codes: Sequence[Valid], limit: int = MAX_LISTED, titles: bool = True) -> str:
    shown = [
        f"{display(system, v.code)} {v.title}".strip() if titles else display(system, v.code)
        for v in codes[:limit]
    ]
    text = "; ".join(shown) if titles else ", ".join(shown)
    extra = len(codes) - limit
    return text + (f" ... and {extra} more" if extra > 0 else "")


def periods(spans: list[Span]) -> list[tuple[date, date | None]]:
    found: list[tuple[date, date | None]] = []
    for s in spans:
        if found and found[-1][1] is not None and found[-1][1] + timedelta(days=1) == s.start:
            found[-1] = (found[-1][0], s.end)
        else:
            found.append((s.start, s.end))
    return found


def period_text(spans: list[tuple[date, date | None]]) -> str:
    return " and ".join(
        f"from {a.isoformat()}" if b is None else f"from {a.isoformat()} to {b.isoformat()}" for a, b in spans
    )


def tabular(holder: str, what: str) -> str:
    """Cite the tabular: "ICD-10-CM Tabular, E11 Excludes1", "... block T36-T50 ...", "... chapter 19 ..."."""
    if holder.isdigit():
        name = f"chapter {holder}"
    elif "-" in holder:
        name = f"block {holder}"
    else:
        name = display("cm", holder)
    return f"ICD-10-CM Tabular, {name} {what}"


def fiscal_year(day: date) -> str:
    return f"FY{day.year + 1 if day.month >= 10 else day.year}"
