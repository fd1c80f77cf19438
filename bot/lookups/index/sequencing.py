"""The Tabular's "Code first" notes order two codes a query names (guideline I.A.13, etiology/manifestation);
a block the Tabular provides "as supplementary or additional codes" (B95-B97, the infectious agent as the cause
of diseases classified elsewhere) is not listed before the condition the query names beside it. (Y90-Y99's
"supplementary information" is left alone: a place of occurrence asked for alone is the answer.)

"covid-19 with pneumonia": J12.82 "Pneumonia due to coronavirus disease 2019" says "Code first COVID-19
(U07.1)"; "diabetic foot ulcer left heel": L97 says "Code first ... diabetic ulcers (E08.621, ..., E11.621,
...)"; "CKD 3b with anemia": D63.1 says "Code first underlying chronic kidney disease (CKD) (N18.-)". When the
first answer's note cites a code that another answer for the query's words completes, that code is listed first
and the first answer beside it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups import data_version, derived
from bot.lookups.index.words import content_stems, stem

CITED = re.compile(r"\b([A-Z]\d[0-9A-Z])(?:\.([0-9A-Z]{1,4}))?-?")
LOOKED_AT = 5  # the answers after the first whose code a note may cite
_PARENTHESES = re.compile(r"\([^)]*\)")
# A note line's words that name no condition ("underlying chronic kidney disease", "any associated ...").
GENERIC_STEMS = frozenset(
    stem(w) for w in ["underlying", "any", "associated", "condition", "disease", "such", "as", "if", "known"]
)


def cited_codes(
    conn: sqlite3.Connection, code: str, said: frozenset[str] | None = None, alone: bool = False
) -> list[str]:
    """The code prefixes (no dot) that the "Code first" notes of an ICD-10-CM code and of its parents cite;
    with `said` (the query's stems) only those whose note line names nothing the query did not say
    ("COVID-19 (U07.1)", "diabetic ulcers (E11.621, ...)" - not "heart failure following surgery (I97.13-)"
    for "CHF", nor "essential hypertension (I10)" for "resistant hypertension"); `alone`: only lines citing
    one code ("sepsis NOS (A41.9)", not "diabetic ulcers (E08.621, E08.622, ...)")."""
    plain = code.replace(".", "")
    holders = [plain[:n] for n in range(3, 8)]  # the category and each longer code, up to seven characters
    rows = conn.execute(
        "SELECT text FROM notes WHERE system = 'cm' AND kind = 'code_first' AND code IN (?, ?, ?, ?, ?)",
        holders,
    ).fetchall()
    if said is not None:
        said = said | {part for s in said for part in s.split("-")}  # "covid-19" says covid
    cited: list[str] = []
    for (text,) in rows:
        line = str(text)
        named = {s for s in content_stems(_PARENTHESES.sub(" ", line)) if not s.isdigit()} - GENERIC_STEMS
        if said is not None and named - said:
            continue
        found = [head + (tail or "") for head, tail in CITED.findall(line)]
        if not alone or len(found) == 1:
            cited += found
    return cited


def titled_by_note(conn: sqlite3.Connection, code: str, title: str, cited: str) -> bool:
    """Whether a code's title names the condition its "Code first" note cites `cited` by: "Anemia in chronic
    kidney disease" for "underlying chronic kidney disease (CKD) (N18.-)". Such a code is the combination the
    query's "X in Y" asks for, the Index's own answer (Anemia, in, chronic kidney disease D63.1), and leads;
    the code the note cites stands beside it. A manifestation "in diseases classified elsewhere" (F02.80, F05)
    names no condition and follows the note."""
    plain = code.replace(".", "")
    holders = [plain[:n] for n in range(3, 8)]
    rows = conn.execute(
        "SELECT text FROM notes WHERE system = 'cm' AND kind = 'code_first' AND code IN (?, ?, ?, ?, ?)",
        holders,
    ).fetchall()
    own = content_stems(title)
    other = cited.replace(".", "")
    for (text,) in rows:
        line = str(text)
        if not any(other.startswith(head + (tail or "")) for head, tail in CITED.findall(line)):
            continue
        named = {s for s in content_stems(_PARENTHESES.sub(" ", line)) if not s.isdigit()} - GENERIC_STEMS
        if named and named <= own:
            return True
    return False


def complete_cited(conn: sqlite3.Connection, code: str, said: frozenset[str]) -> list[tuple[str, str]]:
    """The complete codes (code, title) that a "Code first" note of a code cites by a line naming only what
    the query says: R65.21's "sepsis NOS (A41.9)" for "severe sepsis with septic shock" (guideline I.C.1.d.4:
    the systemic infection first, A41.9 when the organism is not named)."""
    out: list[tuple[str, str]] = []
    for cited in cited_codes(conn, code, said, alone=True):
        if len(cited) < 4:
            continue
        row = conn.execute(
            "SELECT code, title FROM codes WHERE system = 'cm' AND code = ? AND billable = 1", [cited]
        ).fetchone()
        if row is not None:
            out.append((str(row[0]), str(row[1])))
    return out


def code_first_rank(
    conn: sqlite3.Connection, first: str, others: Sequence[str], said: frozenset[str] | None = None
) -> int | None:
    """The index in `others` of the first code that a "Code first" note of `first` cites, or None."""
    cited = cited_codes(conn, first, said)
    if not cited:
        return None
    for i, other in enumerate(others[:LOOKED_AT]):
        plain = other.replace(".", "")
        if plain != first.replace(".", "") and any(plain.startswith(c) for c in cited):
            return i
    return None


def supplementary(conn: sqlite3.Connection, memo: dict[object, object], code: str) -> bool:
    """Whether an ICD-10-CM code's block says it is provided as supplementary or additional codes
    ("B95-B97": "... to identify the infectious agent(s) in diseases classified elsewhere")."""
    category = code.replace(".", "")[:3]
    blocks = data_version.kept(
        conn,
        memo,
        ("supplementary blocks",),
        _BLOCKS,
        lambda: derived.stored_or_built(
            conn, SUPPLEMENTARY_BLOCKS, decode_blocks, lambda: build_blocks(conn)
        ),
    )
    return any(low <= category <= high for low, high in blocks)


_BLOCKS: dict[str, tuple[tuple[str, str], ...]] = {}


SUPPLEMENTARY_BLOCKS = "supplementary_blocks"  # stored by the data build (bot.lookups.derived)


def decode_blocks(stored: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((low, high) for low, high in stored)


def build_blocks(conn: sqlite3.Connection) -> tuple[tuple[str, str], ...]:
    rows = conn.execute(
        "SELECT code FROM notes WHERE system = 'cm' AND kind = 'notes' AND code LIKE '%-%' "
        "AND text LIKE '%supplementary or additional codes%'"
    ).fetchall()
    return tuple((low, high) for low, _, high in (str(r[0]).partition("-") for r in rows))
