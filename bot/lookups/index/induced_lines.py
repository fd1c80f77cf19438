"""The drug-induced line of a condition the query names by another of its Index entries.

The Index prints a condition's "drug-induced" (or "due to drugs") subterm under one of its main terms and
codes the same condition from others with no such subterm: "Scleroderma" is M34.9, as "Sclerosis, systemic"
is, and only the latter has "drug-induced M34.2"; "Hemolysis"-told anemia, "Neuropathy, peripheral" and
"Polyneuropathy" share the same way. A coder who finds the condition's code knows the condition, and a drug
named as its cause sends to that code's drug-induced line wherever it is printed (guideline I.C.19.e.5.a:
the nature of the adverse effect, then the drug's T code).

`induced_code` reads it from the Index itself: every line with a code whose child names a drug as the cause,
by that line's code, kept once per database; a code with two such children ("R78.9": which substance?) is no
reading.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups import derived

_DRUG_CHILD = re.compile(
    r"(?i)^(?:drug[- ]induced|due\s+to\s+drugs?|drugs?|in\s+drugs?|medicament)(?:\s+nec)?$"
)
# Chapters whose drug lines are no adverse effect of a drug taken: a use or dependence (F), the newborn's or
# the pregnancy's (P, O), a status or encounter (Z), the poisoning's own T codes.
_OTHER_CHAPTERS = ("F", "O", "P", "T", "Z")
_kept: dict[int, dict[str, str]] = {}


INDUCED_LINES = "drug_induced_lines"  # the derived table (bot.lookups.derived_tables) the data build stores


def build_induced_lines(conn: sqlite3.Connection) -> dict[str, str]:
    """The code of each Index line (as printed) with one drug-induced line below it, and that line's code."""
    children: dict[str, set[str]] = {}
    rows = conn.execute(
        "SELECT p.code, c.code, c.term FROM index_nodes c JOIN index_nodes p ON c.parent = p.id "
        "WHERE c.book = 'cm' AND c.code != '' AND p.code != '' "
        "AND (c.term LIKE '%drug%' OR c.term LIKE '%medicament%')"
    )
    for condition, induced, term in rows:
        if _DRUG_CHILD.match(" ".join(str(term).split())) and condition != induced:
            children.setdefault(str(condition), set()).add(str(induced))
    return {
        condition: next(iter(codes))
        for condition, codes in children.items()
        if len(codes) == 1 and not condition.startswith(_OTHER_CHAPTERS)
    }


def _induced_lines(conn: sqlite3.Connection) -> dict[str, str]:
    """`build_induced_lines` as the data build stored it (or worked out, in a database built before: ~25 ms),
    once per connection."""
    found = _kept.get(id(conn))
    if found is None:
        found = derived.stored_or_built(
            conn, INDUCED_LINES, derived.decode_names, lambda: build_induced_lines(conn)
        )
        _kept[id(conn)] = found
    return found


def induced_code(conn: sqlite3.Connection, code: str) -> str:
    """The code of the drug-induced line under an Index line coded `code` (as printed, "M34.9"), or ""."""
    return _induced_lines(conn).get(code, "")
