"""A part taken out that the Index's Absence does not list as acquired -> the acquired Absence line of its kind.

The Index lists an acquired absence under Absence (of), by the part: "Absence, kidney (acquired)" Z90.5,
"Absence, intestine (acquired) (small), large" Z90.49, "Absence, digestive organ(s), acquired NEC" Z90.49.
Some parts it lists only as born missing: "Absence, appendix, congenital" Q42.8. A coder told "s/p
appendectomy" or "appendix removed as a kid" (guideline I.C.21.c.3: the status of an organ taken out is its
acquired absence, Z90.-) reads where the Tabular files that part - Q42.8 is "Congenital absence ... of other
parts of large intestine" - and takes the acquired line of that larger part: Absence, intestine, large,
Z90.49.

`acquired_absence` does it from the data: the part's own acquired line when the Index has one (its words all
said by the part's words: "colon large intestine" says "intestine, large"); else the part's congenital line's
code, and its Tabular levels nearest first (the code, its category, its block), the acquired line whose every
word a level's title says, the fullest such line at the nearest level that names one (two different codes
named equally: none).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.lookups.index.words import content_stems

MAIN = "Absence"
LEVELS = 2  # the Tabular levels of a congenital code read: the code and its category (a block names several)
# Words of an acquired line that say no part (the line's frame and its bookkeeping).
_FRAME = frozenset(content_stems("acquired nec other specified part parts any"))


@dataclass(frozen=True)
class AcquiredLine:
    """An Absence line whose code is an acquired absence: its code, its path and the words of its part."""

    code: str
    path: str
    words: frozenset[str]


@dataclass(frozen=True)
class Absences:
    """The Absence main term's lines: the acquired ones, and the congenital code of each part listed only so."""

    acquired: tuple[AcquiredLine, ...]
    congenital: dict[str, str]  # a part the Index lists only as born missing -> its congenital code

    @staticmethod
    def build(conn: sqlite3.Connection) -> Absences:
        """Read once from the Index (a few hundred lines)."""
        row = conn.execute(
            "SELECT id FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term = ?", [MAIN]
        ).fetchone()
        if row is None:
            return Absences((), {})
        titles = {
            str(code): str(title).lower()
            for code, title in conn.execute(
                "SELECT code, title FROM codes WHERE system = 'cm' AND (code LIKE 'Z89%' OR code LIKE 'Z90%')"
            )
        }
        acquired: list[AcquiredLine] = []
        congenital: dict[str, str] = {}
        otherwise: set[str] = set()  # (parts the Index lists with a code of no congenital absence)
        todo: list[tuple[int, tuple[str, ...]]] = [(int(row[0]), ())]
        while todo:
            parent, path = todo.pop()
            for node, term, code in conn.execute(
                "SELECT id, term, code FROM index_nodes WHERE parent = ?", [parent]
            ):
                terms = (*path, str(term).strip())
                todo.append((int(node), terms))
                raw = str(code).replace(".", "").rstrip("-")
                if not raw:
                    continue
                # (a part's own term may carry its frame: "appendix, congenital")
                first = terms[0].lower().split(",")[0].strip()
                if raw.startswith("Q"):
                    congenital.setdefault(first, raw)
                else:
                    otherwise.add(first)
                title = titles.get(raw) or next((t for c, t in titles.items() if c.startswith(raw)), "")
                # (the Tabular's titles of Z89-Z90: "Acquired absence of ...", "Acquired total absence of ...")
                if (
                    title.startswith("acquired")
                    and "absence" in title
                    and "congenital" not in " ".join(terms).lower()
                ):
                    words = frozenset(content_stems(" ".join(terms))) - _FRAME
                    if words:
                        acquired.append(AcquiredLine(str(code), ", ".join((MAIN, *terms)), words))
        only = {part: code for part, code in congenital.items() if part not in otherwise}
        return Absences(tuple(acquired), only)


def _fullest(lines: list[AcquiredLine]) -> AcquiredLine | None:
    """The line of most words among those named, None when two codes are named equally fully."""
    if not lines:
        return None
    most = max(len(line.words) for line in lines)
    best = [line for line in lines if len(line.words) == most]
    return best[0] if len({line.code for line in best}) == 1 else None


def acquired_absence(
    conn: sqlite3.Connection, absences: Absences, part: str, means: str = ""
) -> tuple[AcquiredLine, str] | None:
    """The acquired Absence line of a part taken out ("appendix"; `means`: more words for it, "colon large
    intestine"), and how it was read ("" for its own line, else the Tabular title of its kind), or None."""
    said = content_stems(f"{part} {means}")
    if not said:
        return None
    own = _fullest([line for line in absences.acquired if line.words <= said])
    if own is not None:
        return own, ""
    code = absences.congenital.get(part.lower())
    for _ in range(LEVELS):
        if not code:
            return None
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]
        ).fetchone()
        if row is None:
            return None
        title = str(row[0])
        level = content_stems(title.lower())
        found = _fullest([line for line in absences.acquired if line.words <= level])
        if found is not None:
            return found, title
        code = str(row[1] or "")
    return None
