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

Two readings complete it. Where no note holds the condition's code but notes of one history category's codes
hold other categories of the condition's block (Z85.0's codes hold C15, C16, C17, ... C25, none C23 gallbladder),
that category is the one the block files under ("Personal history of malignant neoplasm of digestive organs"),
and its "other" line takes the site no code names (Z85.09). And where the class is named above the condition's own
code, the condition is one member of the class, not the class unspecified: "other" before "unspecified"
(C60.9 penis -> Z85.49 "... of other male genital organs", not Z85.45 "... of unspecified male genital organ"),
unless the condition's own title names the class itself (C63.9 "... of male genital organ, unspecified").

`personal_history` returns that code, or None when no note holds the condition's code.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.reasons import classifiable_notes, history_code, residual_child
from bot.lookups.index.words import content_stems

_LEAD = re.compile(r"^personal history of\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s*\([A-Z]\d[\dA-Z]*-[A-Z]\d[\dA-Z]*\)\s*$")
_ASIDE = re.compile(r"\([^)]*\)")  # "(corrected)", "(healed)": how the history is, no word of the class
_OTHER = re.compile(r"\bother\b", re.IGNORECASE)
_UNSPECIFIED = re.compile(r"\bunspecified\b", re.IGNORECASE)
_BLOCK = re.compile(r"\(([A-Z]\d[\dA-Z])-([A-Z]\d[\dA-Z])\)\s*$")  # a block's title ends in its range
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


def _codes_under(conn: sqlite3.Connection, head: str) -> list[tuple[str, frozenset[str], bool, str]]:
    """The codes below a history code: code, the stems of the class its title names, billable, title."""
    rows = conn.execute(
        "SELECT code, title, billable FROM codes WHERE system = 'cm' AND current = 1 AND code > ? AND code < ?",
        [head, head + "\uffff"],
    ).fetchall()
    return [
        (str(c), _stems(_LEAD.sub("", str(t))), bool(b), str(t)) for c, t, b in rows if _LEAD.match(str(t))
    ]


def _ancestor_titles(conn: sqlite3.Connection, code: str) -> list[tuple[str, str]]:
    """The code and title of a code and of each level above it (category, block, chapter), nearest first."""
    out: list[tuple[str, str]] = []
    for _ in range(ANCESTORS):
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            break
        out.append((code, str(row[0])))
        if not row[1]:
            break
        code = str(row[1])
    return out


def _block_head(conn: sqlite3.Connection, memo: dict[object, object], condition: str) -> str | None:
    """The one history category whose codes' notes hold other categories of the condition's block, when no note
    holds the condition's own code: the category the whole block files under."""
    block = next(
        (m for _, title in _ancestor_titles(conn, condition) if (m := _BLOCK.search(title)) is not None), None
    )
    if block is None:
        return None
    low, high = block.group(1), block.group(2)
    heads = {
        note.code[:4]  # (the category's first subdivision: Z85.0 for Z85.01, Z85.020, Z85.07)
        for note in classifiable_notes(conn, memo)
        if note.code.startswith(("Z85", "Z86", "Z87")) and low <= note.low[:3] and note.high[:3] <= high
    }
    return heads.pop() if len(heads) == 1 else None


def _member_kind(title: str) -> int:
    """How a history code's title fits one member of its class: "other" 1, "unspecified" -1, else 0."""
    return 1 if _OTHER.search(title) else -1 if _UNSPECIFIED.search(title) else 0


def _by_class(conn: sqlite3.Connection, head: str, condition: str) -> str | None:
    """The code below `head` whose title names the condition or the nearest class above it; its billable
    "other" line when the class's code is a header."""
    below = _codes_under(conn, head)
    path = _ancestor_titles(conn, condition)
    levels = [_stems(title) for _, title in path]
    for (at, _), level in zip(path, levels, strict=True):
        named = [c for c in below if c[1] and _names(c[1], level)]
        if named:
            # a class above the condition that its own title does not name holds it as one member: "other"
            # before "unspecified"
            member = at != condition and not any(_names(c[1], levels[0]) for c in named)
            kinds = {c[0]: _member_kind(c[3]) if member else 0 for c in named}
            code, _, billable, _ = max(named, key=lambda c: (len(c[1]), kinds[c[0]], c[2], -len(c[0])))
            if billable:
                return code
            other = residual_child(conn, code)
            return other[0] if other else None
    return None


def personal_history_head(conn: sqlite3.Connection, memo: dict[object, object], condition: str) -> str | None:
    """The personal history code whose note holds the condition's code, or the category its block files
    under (storage forms); None when neither."""
    return history_code(conn, memo, condition, family=False) or _block_head(conn, memo, condition)


def personal_history(conn: sqlite3.Connection, memo: dict[object, object], condition: str) -> str | None:
    """The personal history code (storage form, billable) of a condition's code (storage form): the code whose
    title names the condition's class below the note that holds it, or the note's "other" line."""
    head = personal_history_head(conn, memo, condition)
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
