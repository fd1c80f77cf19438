"""A code a Tabular "use additional code" note names follows the condition whose note it is.

The Tabular tells the order of a pair: "E66 Overweight and obesity - Use additional code to identify body mass
index (BMI), if known (Z68.-)"; "R63.6 Underweight - Use additional code to identify body mass index (BMI)". A
coder who reads "BMI 27, overweight" codes the overweight first and the BMI after it (Guidelines I.B.14: the BMI
is reported only with its associated diagnosis). The answer as typed may find the additional code first - its
line reads the number - and leave the condition's words unread; the condition the note's holder names then goes
first and the additional code after it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from bot.lookups import derived

# A code or a range a note names: "(Z68.-)", "(Z68.1-Z68.45)", "(T36-T50 with fifth or sixth character 5)".
_REF = re.compile(r"\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?")

_ADVERSE = re.compile(r"character 5\b")


@dataclass(frozen=True)
class Note:
    holder: str  # the code whose note it is, undotted ("E66", "R636")
    low: str  # the first code the note names, undotted ("Z681")
    high: str  # the last ("Z6845"); the same as low for one code or category
    # The note names only the adverse effects of its range ("T36-T50 with fifth or sixth character 5"): a
    # poisoning is coded first itself.
    adverse: bool = False


# The derived table (bot.lookups.derived_tables) the data build stores the notes in (reading them: ~7 ms).
ADDITIONAL_NOTES = "use_additional_notes"


def load_notes(conn: sqlite3.Connection) -> tuple[Note, ...]:
    """The ICD-10-CM "use additional code" notes, each code or range they name (`build_notes`, as the data
    build stored them); kept by the caller."""
    return derived.stored_or_built(conn, ADDITIONAL_NOTES, decode_notes, lambda: build_notes(conn))


def encode_notes(notes: tuple[Note, ...]) -> list[list[object]]:
    return [[n.holder, n.low, n.high, n.adverse] for n in notes]


def decode_notes(stored: list[list[Any]]) -> tuple[Note, ...]:
    return tuple(
        Note(str(holder), str(low), str(high), bool(adverse)) for holder, low, high, adverse in stored
    )


def build_notes(conn: sqlite3.Connection) -> tuple[Note, ...]:
    """The ICD-10-CM "use additional code" notes, each code or range they name; one query."""
    out: list[Note] = []
    for holder, text in conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'use_additional' ORDER BY code, seq"
    ):
        adverse = bool(_ADVERSE.search(str(text)))
        for low, high in _REF.findall(str(text)):
            low = low.replace(".", "")
            out.append(Note(str(holder), low, (high or low).replace(".", ""), adverse))
    return tuple(out)


def named_by(code: str, notes: tuple[Note, ...]) -> tuple[str, ...]:
    """The codes whose "use additional" note names a code (undotted): "Z6827" -> E66, R636."""
    return tuple(
        dict.fromkeys(
            n.holder
            for n in notes
            if n.low <= code[: len(n.low)]
            and code[: len(n.high)] <= n.high
            and (not n.adverse or "5" in code[4:6])
        )
    )
