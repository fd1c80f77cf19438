"""A contact with, or a family history of, a condition the Index has no line for -> the Z code of the
condition's class, as the Tabular's blocks and chapters name it.

The Index's Contact (with) and History, family lines name classes, not every disease: "Contact, viral
hepatitis" (Z20.5), "Contact, acariasis" (Z20.7), "History, family, disease or disorder, endocrine NEC"
(Z83.49), "History, family, psychiatric disorder" (Z81.8). A coder who reads "partner has hepatitis B" or
"fam hx hypothyroidism" knows the class from where the condition sits in the Tabular: hepatitis B in the
block Viral hepatitis (B15-B19), scabies in Pediculosis, acariasis and other infestations (B85-B89),
hypothyroidism in the chapter Endocrine, nutritional and metabolic diseases (E00-E89), depression in
Mental, behavioral and neurodevelopmental disorders. The Z code whose title (less its lead, "Contact with
and (suspected) exposure to", "Family history of", and "other") names that class, every word of it, is the
answer; the nearest level of the condition's code that some Z title names decides.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.words import content_stems

# The Z categories each reading's codes are in.
TARGETS: dict[str, tuple[str, ...]] = {
    "contact": ("Z20",),
    "family": ("Z80", "Z81", "Z82", "Z83", "Z84"),
}
_LEAD = re.compile(r"^(?:contact with and \(suspected\) exposure to|family history of)\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s*\([A-Z]\d[\dA-Z]*-[A-Z]\d[\dA-Z]*\)\s*$")
_GENERIC = frozenset({"other", "and", "unspecifi", "nec", "specifi"})
# The category whose title's class every line of the reading shares ("communicable diseases": the measles is
# an "other viral" one, filed among the infectious diseases, never called communicable by its own titles).
SHARED = {"contact": "Z20"}
SAME_START = 8  # two stems this long starting alike are one word's forms ("meningococcus", "meningococcal")

_MEMO: dict[tuple[str, str], object] = {}


def _class_stems(title: str) -> frozenset[str]:
    return content_stems(_RANGE.sub("", title).lower().replace("-", "")) - _GENERIC


def _candidates(conn: sqlite3.Connection, kind: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """The Z codes of a reading's categories: code, the stems of the class its title names, billable."""
    key = (str(id(conn)), kind)
    found = _MEMO.get(key)
    if isinstance(found, tuple):
        return found
    rows: list[tuple[str, frozenset[str], bool]] = []
    shared: frozenset[str] = frozenset()
    if kind in SHARED:
        row = conn.execute(
            "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [SHARED[kind]]
        ).fetchone()
        shared = _class_stems(_LEAD.sub("", str(row[0]))) if row else frozenset()
    for category in TARGETS[kind]:
        for code, title, billable in conn.execute(
            "SELECT code, title, billable FROM codes WHERE system = 'cm' AND current = 1 AND code >= ? AND code < ?",
            [category, category + "\uffff"],
        ):
            stems = _class_stems(_LEAD.sub("", str(title))) - shared
            if stems and _LEAD.match(str(title)):
                rows.append((str(code), stems, bool(billable)))
    result = tuple(rows)
    _MEMO[key] = result
    return result


def _names(cls: frozenset[str], title: frozenset[str]) -> bool:
    """Whether a title says every word of a class, in this or another form of the word."""
    return all(
        s in title or (len(s) >= SAME_START and any(t[:SAME_START] == s[:SAME_START] for t in title))
        for s in cls
    )


def class_code(conn: sqlite3.Connection, kind: str, condition: str) -> str | None:
    """The Z code (storage form) of the reading `kind` ("contact", "family") for the class the Tabular files
    the condition's code (storage form) under, or None when no level of it is named by a Z title."""
    candidates = _candidates(conn, kind)
    code = condition
    for _ in range(6):
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            return None
        title = _class_stems(str(row[0]))
        named = [c for c in candidates if _names(c[1], title)]
        if named:
            # the fullest naming of the class; a billable code before its header
            return max(named, key=lambda c: (len(c[1]), c[2], -len(c[0])))[0]
        if not row[1]:
            return None
        code = str(row[1])
    return None


def in_target(kind: str, code: str) -> bool:
    """Whether a code (storage or display form) is one of the reading's Z codes."""
    return code.replace(".", "").upper().startswith(TARGETS[kind])
