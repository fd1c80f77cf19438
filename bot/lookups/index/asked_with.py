"""A first answer "X without Y" whose "X with Y" twin asks for an additional code of a condition the query
names: "BPH with nocturia" is N40.1, not N40.0.

The Tabular says what "with Y" holds where the Index does not list it: N40.1 "Benign prostatic hyperplasia
with lower urinary tract symptoms" says "Use additional code for associated symptoms, when specified:
incomplete bladder emptying (R39.14), nocturia (R35.1), ... urinary retention (R33.8) ..."; R65.11 "SIRS of
non-infectious origin with acute organ dysfunction" says "Use additional code to identify specific acute organ
dysfunction, such as: acute kidney failure (N17.-) ...". A coder who finds "X" in the Index and the query's
other condition in the twin's note codes the twin (guideline I.A.12.a / I.A.15: the combination code, the
other condition's code beside it as the note asks). The twin is the code of the same parent whose title is
the first answer's with "without" read "with"; a note line counts when the query says all its words or when
another answer's code is one it cites.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups.index.sequencing import CITED
from bot.lookups.index.words import content_stems, stem

_PARENTHESES = re.compile(r"\([^)]*\)")
# A note line's words that name no condition ("code to identify the specific ...", "when specified").
GENERIC = frozenset(
    stem(w)
    for w in (
        *("code", "identify", "specific", "such", "as", "any", "if", "applicable", "when", "specified"),
        *("associated", "type", "additional", "use"),
    )
)
_KEY = "asked with twins"  # their key in the tree's memo
KEPT = 2000


def asked_twin(
    conn: sqlite3.Connection,
    memo: dict[object, object],
    code: str,
    title: str,
    said: frozenset[str],
    others: Sequence[str],
) -> tuple[str, str, str] | None:
    """(the twin's code, its title, the note line the query names) for a first answer "X without Y", or None.
    `said`: the query's stems; `others`: the codes of the other answers."""
    if " without " not in f" {title.lower()} ":
        return None
    twin = _twin(conn, memo, code.replace(".", ""), title)
    if twin is None:
        return None
    twin_code, twin_title, lines = twin
    plain = [o.replace(".", "") for o in others]
    for line in lines:
        named = {s for s in content_stems(_PARENTHESES.sub(" ", line)) if not s.isdigit()} - GENERIC
        cited = [head + (tail or "") for head, tail in CITED.findall(line)]
        if (named and named <= said) or any(o.startswith(c) for o in plain for c in cited):
            return twin_code, twin_title, line
    return None


def _twin(
    conn: sqlite3.Connection, memo: dict[object, object], code: str, title: str
) -> tuple[str, str, tuple[str, ...]] | None:
    kept = memo.get(_KEY)
    if not isinstance(kept, dict):
        kept = memo[_KEY] = {}
    if code not in kept:
        if len(kept) >= KEPT:
            kept.clear()
        kept[code] = _read_twin(conn, code, title)
    found = kept[code]
    return found if isinstance(found, tuple) else None


def _read_twin(conn: sqlite3.Connection, code: str, title: str) -> tuple[str, str, tuple[str, ...]] | None:
    wanted = re.sub(r"(?i)\bwithout\b", "with", title).lower()
    # (the parent first, then its children by the (system, parent) index: left to itself SQLite reads every
    # ICD-10-CM code by the primary key to find them, ~30 ms a code)
    parent = conn.execute("SELECT parent FROM codes WHERE system = 'cm' AND code = ?", [code]).fetchone()
    if parent is None:
        return None
    row = conn.execute(
        "SELECT code, title FROM codes INDEXED BY codes_parent WHERE system = 'cm' AND parent = ? AND code != ? "
        "AND billable = 1 AND lower(title) = ? ORDER BY code",
        [parent[0], code, wanted],
    ).fetchone()
    if row is None:
        return None
    lines = conn.execute(
        "SELECT text FROM notes WHERE system = 'cm' AND code = ? AND kind IN ('use_additional', 'code_also') "
        "ORDER BY seq",
        [row[0]],
    ).fetchall()
    return str(row[0]), str(row[1]), tuple(str(r[0]) for r in lines)
