"""What the edits read from the tabular, parsed once per code book: notes with their code references,
7th-character definitions and the tabular's exceptions to them, and the CM hierarchy above categories."""

from __future__ import annotations

import re
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from bot.lookups.codebook import CodeBook, seventh_exclusions
from bot.lookups.edits.refs import Ref, parse_refs

NOTE_KINDS = ("excludes1", "code_first", "use_additional", "code_also", "includes")


@dataclass(frozen=True)
class Note:
    """One tabular instruction (a lead-in line and its items, or a single line) with its code references."""

    holder: str  # the code, block or chapter the note stands under
    kind: str
    text: str
    refs: tuple[Ref, ...]
    examples_only: bool  # "such as": the list names examples, not every acceptable code


@dataclass
class Tables:
    notes: dict[str, dict[str, list[Note]]]  # kind -> holder -> notes with references
    seventh: dict[str, list[tuple[str, str]]]
    seventh_excluded: dict[tuple[str, str], frozenset[str]]  # (category, 6th character) -> 7th characters
    parents: dict[str, str]  # CM category/block -> parent
    titles: dict[str, str]  # CM headers (categories, blocks, chapters) -> title
    mce: str
    release_key: str
    age_ranges: dict[date, dict[str, tuple[int, int]]] = field(default_factory=dict)
    data_version: str = ""  # the code database's data version these were read at

    def of(self, kind: str, holder: str) -> list[Note]:
        return self.notes.get(kind, {}).get(holder, [])

    def seventh_for(self, chain: list[str], code: str = "") -> tuple[str, list[tuple[str, str]]]:
        """The 7th characters that apply below the nearest definition in `chain`, less the tabular's
        exceptions for `code`'s category and 6th character (S06 with 6th character 7 or 8 has no D or S)."""
        for holder in chain:
            found = self.seventh.get(holder)
            if found:
                excluded = (
                    self.seventh_excluded.get((code[:3], code[5]), frozenset()) if len(code) >= 6 else ()
                )
                return holder, [(c, m) for c, m in found if c not in excluded]
        return "", []


_TABLES: weakref.WeakKeyDictionary[CodeBook, Tables] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def tables(book: CodeBook) -> Tables:
    """The book's tables, parsed again when its data changed (an import moved its data version)."""
    version = book.data_version()
    key = book.coverage().release
    found = _TABLES.get(book)
    if found is not None and found.release_key == key and found.data_version == version:
        return found
    with _LOCK:
        found = _TABLES.get(book)
        if found is None or found.release_key != key or found.data_version != version:
            found = _build(book, key)
            found.data_version = version
            _TABLES[book] = found
        return found


def _build(book: CodeBook, key: str) -> Tables:
    known = {code for (code,) in book.db.execute("SELECT code FROM codes WHERE system = 'cm'")}
    marks = ", ".join("?" for _ in NOTE_KINDS)
    rows = book.db.execute(
        f"SELECT code, kind, text FROM notes WHERE system = 'cm' AND kind IN ({marks}) ORDER BY code, kind, seq",
        list(NOTE_KINDS),
    ).fetchall()
    by_holder: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, kind, text in rows:
        by_holder[(code, kind)].append(text)
    notes: dict[str, dict[str, list[Note]]] = {kind: defaultdict(list) for kind in NOTE_KINDS}
    for (holder, kind), texts in by_holder.items():
        grouped = group_notes(holder, kind, texts, split=kind in ("excludes1", "includes"), known=known)
        notes[kind][holder] += [n for n in grouped if n.refs]
    seventh: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, char, meaning in book.db.execute("SELECT code, char, meaning FROM seventh ORDER BY rowid"):
        seventh[code].append((char, meaning))
    headers = book.db.execute(
        "SELECT code, parent, title FROM codes WHERE system = 'cm' AND kind IN ('category', 'block', 'chapter')"
    ).fetchall()
    found = re.search(r"MCE\s+v?(\d+(?:\.\d+)?)", key)
    mce = f"CMS MCE v{found[1]}" if found else "CMS MCE"
    return Tables(
        notes={k: dict(v) for k, v in notes.items()},
        seventh=dict(seventh),
        seventh_excluded=seventh_exclusions(book),
        parents={c: p for c, p, _ in headers},
        titles={c: t for c, _, t in headers},
        mce=mce,
        release_key=key,
    )


def group_notes(
    holder: str, kind: str, texts: list[str], split: bool, known: set[str] | None = None
) -> list[Note]:
    """Lines ending with ':' lead the items after them; with `split` each item is its own note (an Excludes1
    item is one pair, an Includes item one condition)."""
    check = known.__contains__ if known is not None else None
    groups: list[tuple[str, list[str]]] = []
    for text in texts:
        if text.rstrip().endswith(":"):
            groups.append((text.strip(), []))
        elif groups and groups[-1][0]:
            groups[-1][1].append(text.strip())
        else:
            groups.append(("", [text.strip()]))
    result: list[Note] = []
    for lead, items in groups:
        examples = "such as" in lead.lower()
        if split:
            result += [
                Note(holder, kind, f"{lead} {item}".strip(), parse_refs(item, check), examples)
                for item in items
            ]
        else:
            body = "; ".join(items)
            text = f"{lead} {body}".strip() if items else lead
            refs = tuple(r for i in items for r in parse_refs(i, check)) or parse_refs(lead, check)
            result.append(Note(holder, kind, text, refs, examples))
    return result
