"""The organisms the Tabular names as infectious agents (B95-B96 "... as the cause of diseases classified
elsewhere"): a query naming one that no Index line under its condition names ("sepsis from klebsiella",
"proteus sepsis") is read at the condition's "specified organism NEC" line (Sepsis A41.89), as a coder does."""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.words import content_stems, stem

ORGANISM_LINE = frozenset({stem("organism"), stem("specified")})
# Capitalized words of an agent title that are not a genus.
_NOT_GENUS = frozenset({"other", "unspecified", "methicillin", "shiga", "stec"})
_CAPITALIZED = re.compile(r"\b([A-Z][a-z]{3,})\b")
_kept: dict[int, frozenset[str]] = {}


def organism_names(conn: sqlite3.Connection) -> frozenset[str]:
    """The genera the B95-B96 agents name (streptococcus, klebsiella, proteus ...), read once per database."""
    found = _kept.get(id(conn))
    if found is None:
        try:
            rows = conn.execute(
                "SELECT title FROM codes WHERE system = 'cm' AND current = 1 AND code >= 'B95' AND code < 'B97' "
                "AND code NOT LIKE '%-%'"
            ).fetchall()
        except sqlite3.Error:
            rows = []
        genera = {
            word.lower()
            for (title,) in rows
            for word in _CAPITALIZED.findall(str(title).split(" as the cause")[0])
        }
        found = _kept[id(conn)] = frozenset(genera - _NOT_GENUS)
    return found


def organism_stems(conn: sqlite3.Connection) -> frozenset[str]:
    """The stems of the B95-B96 genera, as a query's words are matched."""
    return frozenset(stem(name) for name in organism_names(conn))


def is_specified_organism_line(term: str) -> bool:
    """Whether an Index line is "specified organism NEC" (Sepsis, Meningitis, Pharyngitis ...)."""
    return content_stems(term) == ORGANISM_LINE
