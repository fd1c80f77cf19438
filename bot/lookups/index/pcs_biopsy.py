"""A biopsy of tissue is an Excision with the Diagnostic qualifier; Extraction only where Excision has no table.

The PCS Index's "Biopsy" line sends three ways: "see Drainage with qualifier Diagnostic; see Excision with
qualifier Diagnostic; see Extraction with qualifier Diagnostic" (guideline B3.4a: biopsies are coded with the
root operations Excision, Extraction or Drainage and the qualifier Diagnostic). The root operation definitions
choose among them: Excision is "cutting out or off, without replacement, a portion of a body part", Extraction
"pulling or stripping out or off all or a portion of a body part by the use of force", Drainage "taking or
letting out fluids and/or gases". A biopsy takes tissue by cutting - a needle core, a punch, a scalpel - so a
coder reaches Excision, and Extraction for the body parts whose tissue is pulled out and which the Excision
tables do not hold at all (the bone marrow's aspirate and core, the endometrium's curettage, hair, ova).

So where the walk reached the Extraction table of a body part by the Biopsy line's send, the Excision table
of the same body system completes the code for the same body part, with the Diagnostic qualifier; the
Extraction code stands when its body part has no Excision table, or when the query names the extraction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import stem

EXTRACTION = "D"
EXCISION = "B"
DIAGNOSTIC = "Diagnostic"
SENT_FOR_STUDY = " with qualifier " + DIAGNOSTIC  # "see Extraction with qualifier Diagnostic"
# The words by which a query names the pulling out itself ("extraction", "stripping", "curettage").
PULLED = frozenset(
    stem(w) for w in ("extraction", "extract", "extracted", "stripping", "curettage", "curetting")
)


def _part(title: str) -> str:
    """The body part a Medical and Surgical title names: "Extraction of Right Upper Femur, Open Approach" ->
    "Right Upper Femur"."""
    head = title.split(",")[0]
    return head.split(" of ", 1)[1] if " of " in head else ""


def excision_for_biopsy(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    said: frozenset[str],
    sends: Sequence[str],
    memo: dict[object, object],
) -> Completion | None:
    """The Excision code, qualifier Diagnostic, for the same body part when a biopsy's path reached an
    Extraction code by the Index's send (`sends`: the references the path followed, "Extraction with
    qualifier Diagnostic"); None when it does not apply, the query's own words (`said`) name the extraction,
    or the Excision table has no such body part. `query_stems` (the query's and the path's words) complete the
    Excision code's approach."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] != EXTRACTION:
        return None
    if not any(s.startswith("Extraction") and s.endswith(SENT_FOR_STUDY) for s in sends):
        return None
    if said & PULLED:
        return None
    table = code[:2] + EXCISION + code[3]
    found = complete_pcs(conn, table, query_stems | {stem(DIAGNOSTIC)}, DIAGNOSTIC, memo)
    if (
        found is None
        or found.code[:4] != table
        or found.code[6] != "X"
        or _part(found.title) != _part(done.title)
    ):
        return None
    how = "a biopsy cuts tissue out: Excision, not Extraction (guideline B3.4a)"
    return Completion(found.code, found.title, found.billable, f"{how} -> {found.how}" if found.how else how)
