"""The code of a category the Tabular marks as a drug's adverse effect.

The Tabular List marks the codes of a condition caused by a drug with the note "Use additional code for
adverse effect, if applicable, to identify drug (T36-T50 with fifth or sixth character 5)": Ototoxic hearing
loss H91.0-, Hemorrhagic disorder due to extrinsic circulating anticoagulants D68.32, Drug-induced
hypotension I95.2, Hypothyroidism due to medicaments E03.2. A coder who finds a condition in its category
(Unspecified hearing loss H91.9-, Coagulation defect, unspecified D68.9) and reads that the query tells it
as the adverse effect of a drug taken correctly codes the category's marked code (guideline I.C.19.e.5.a:
the nature of the adverse effect first, then the drug's T code), whatever word the query used for the drug
link ("from", "due to", "after").

`noted_in_category` reads the marks from the notes table: a category whose one code below it carries the
note (the category itself not: "Migraine" G43 as a whole takes the note, so no code of it is the drug's).
"""

from __future__ import annotations

import re
import sqlite3

# A note's drug codes: "(T36-T50 with fifth or sixth character 5)" (any drug), "(T45.515, T45.525)",
# "(T39.0-, with sixth character 5)" (salicylates only: Reye's syndrome G93.7).
_ANY_DRUG = "T36-T50"
_CODE = re.compile(r"\bT\d{2}(?:\.[0-9A-Z]+)?")
_kept: dict[int, dict[str, tuple[str, ...]]] = {}


def adverse_noted(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """The undotted codes whose Tabular notes ask for the drug's adverse-effect code beside them (about a
    hundred), each with the T-code beginnings its note names (() when any drug, T36-T50), read once per
    connection."""
    found = _kept.get(id(conn))
    if found is None:
        rows = conn.execute(
            "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'use_additional' "
            "AND text LIKE '%adverse effect%' AND code NOT LIKE 'T%'"
        )
        found = {}
        for code, text in rows:
            named = () if _ANY_DRUG in text else tuple(c.replace(".", "") for c in _CODE.findall(text))
            found[str(code)] = named
        _kept[id(conn)] = found
    return found


def noted_in_category(conn: sqlite3.Connection, code: str, drug_code: str) -> str:
    """The one code (undotted, maybe a subcategory) of `code`'s category whose Tabular note marks it as a
    drug's adverse effect, for the drug whose adverse-effect code is `drug_code` (the note's codes hold it),
    or "" when the code is marked itself (or under a marked code), the category as a whole is marked, or
    it holds no such code or several."""
    plain = code.replace(".", "").rstrip("-")
    noted = adverse_noted(conn)
    if any(plain.startswith(n) for n in noted):
        return ""
    category = plain[:3]
    below = [n for n in noted if n.startswith(category) and len(n) > 3]
    if len(below) != 1:
        return ""
    named = noted[below[0]]
    drug = drug_code.replace(".", "")
    return below[0] if not named or any(drug.startswith(c) for c in named) else ""
