"""A partial resection, or the resection of a growth, is an Excision.

ICD-10-PCS root operations: Resection is "cutting out or off, without replacement, ALL of a body part";
Excision is "cutting out or off, without replacement, a PORTION of a body part" (guideline B3.8: Resection is
coded only when all of the body part is cut out or off). So where the Index led to a Resection table and the
query says only part of the body part was removed ("partial small bowel resection", "transurethral resection of
bladder tumor": the growth, not the bladder; a "microdiscectomy": the herniated part), the Excision table of the same body system completes the code for
the same body part, as a coder turns from one table to the other.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import stem

RESECTION = "T"
EXCISION = "B"
# Words saying that part of the body part was taken: "partial", or a growth or lesion cut out of it.
PORTION_STEMS = frozenset(
    stem(w)
    for w in ("partial", "portion", "segmental", "wedge", "tumor", "tumour", "lesion", "polyp", "mass")
)


# A microsurgical "-ectomy" ("microdiscectomy": the herniated part of the disc taken through a small opening)
# takes a portion of the body part.
MICRO = "micro"
CUT_OUT = "ectom"


def says_portion(query_stems: frozenset[str]) -> bool:
    return bool(query_stems & PORTION_STEMS) or any(s.startswith(MICRO) and CUT_OUT in s for s in query_stems)


def excision_for_portion(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    qualifier: str,
    memo: dict[object, object],
) -> Completion | None:
    """The Excision code for the same body part when a Resection code was reached for a query saying only a
    portion was removed; None when it does not apply or the Excision table has no such body part."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != RESECTION or not says_portion(query_stems):
        return None
    found = complete_pcs(conn, code[:2] + EXCISION + code[3], query_stems, qualifier, memo)
    if found is None or found.code[:4] != code[:2] + EXCISION + code[3]:
        return None
    how = (
        f"a portion only: Excision, not Resection -> {found.how}" if found.how else "a portion only: Excision"
    )
    return Completion(found.code, found.title, found.billable, how)
