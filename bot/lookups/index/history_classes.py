"""A personal history of a condition -> the Z85-Z87 code of the condition's own class in the Tabular.

The Index's History, personal lines name some conditions ("History, personal, pneumonia (recurrent)",
"History, personal, hepatitis B") and classes for the rest; the Tabular files every other condition by the
class its code is in. Each personal history category carries an inclusion note "Conditions classifiable to
<range>" (Z86.1: A00-B89, B99; Z86.6: G00-G99, H00-H95; Z87.4: N00-N99; Z87.5: O00-O9A), and its codes'
titles name the class of the chapter or block they take: Z87.43 "Personal history of diseases of male genital
organs" is the block N40-N53 "Diseases of male genital organs"; Z86.19 "Personal history of other infectious
and parasitic diseases" the chapter "Certain infectious and parasitic diseases". A coder reading "history of
epididymitis" (N45.1) goes to the note holding N45.1 (Z87.4), then to the code whose title names the class of
N45.1's block (Z87.43), then to its "other" line (Z87.438) as no line names epididymitis itself.

`personal_history` returns that code, or None when no note holds the condition's code.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.reasons import history_code, residual_child
from bot.lookups.index.words import content_stems

_LEAD = re.compile(r"^personal history of\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s*\([A-Z]\d[\dA-Z]*-[A-Z]\d[\dA-Z]*\)\s*$")
_ASIDE = re.compile(r"\([^)]*\)")  # "(corrected)", "(healed)": how the history is, no word of the class
_GENERIC = frozenset({"other", "and", "unspecifi", "nec", "specifi", "certain", "condit", "of", "the"})
SAME_START = 8  # two stems this long starting alike are one word's forms ("infections", "infectious")
ANCESTORS = 8  # code, category, block, chapter: the deepest Tabular path is shorter


def _stems(title: str) -> frozenset[str]:
    return content_stems(_ASIDE.sub(" ", _RANGE.sub("", title)).lower().replace("-", "")) - _GENERIC


def _names(cls: frozenset[str], title: frozenset[str]) -> bool:
    """Whether a title says every word of a class, in this or another form of the word."""
    return all(
        s in title or (len(s) >= SAME_START and any(t[:SAME_START] == s[:SAME_START] for t in title))
        for s in cls
    )


def _codes_under(conn: sqlite3.Connection, head: str) -> list[tuple[str, frozenset[str], bool]]:
    """The codes below a history code: code, the stems of the class its title names, billable."""
    rows = conn.execute(
        "SELECT code, title, billable FROM codes WHERE system = 'cm' AND current = 1 AND code > ? AND code < ?",
        [head, head + "\uffff"],
    ).fetchall()
    return [(str(c), _stems(_LEAD.sub("", str(t))), bool(b)) for c, t, b in rows if _LEAD.match(str(t))]


def _ancestors(conn: sqlite3.Connection, code: str) -> list[frozenset[str]]:
    """The title stems of a code and of each level above it (category, block, chapter), nearest first."""
    out: list[frozenset[str]] = []
    for _ in range(ANCESTORS):
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            break
        out.append(_stems(str(row[0])))
        if not row[1]:
            break
        code = str(row[1])
    return out


def _by_class(conn: sqlite3.Connection, head: str, condition: str) -> str | None:
    """The code below `head` whose title names the condition or the nearest class above it; its billable
    "other" line when the class's code is a header."""
    below = _codes_under(conn, head)
    for level in _ancestors(conn, condition):
        named = [c for c in below if c[1] and _names(c[1], level)]
        if named:
            code, _, billable = max(named, key=lambda c: (len(c[1]), c[2], -len(c[0])))
            if billable:
                return code
            other = residual_child(conn, code)
            return other[0] if other else None
    return None


def personal_history(conn: sqlite3.Connection, memo: dict[object, object], condition: str) -> str | None:
    """The personal history code (storage form, billable) of a condition's code (storage form): the code whose
    title names the condition's class below the note that holds it, or the note's "other" line."""
    head = history_code(conn, memo, condition, family=False)
    if head is None:
        return None
    found = _by_class(conn, head, condition)
    if found is not None:
        return found
    row = conn.execute("SELECT billable FROM codes WHERE system = 'cm' AND code = ?", [head]).fetchone()
    if row is not None and row[0]:
        return head
    other = residual_child(conn, head)
    return other[0] if other else None
