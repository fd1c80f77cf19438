"""The approach Percutaneous Endoscopic said by its own name.

The approach's own name. "Percutaneous Endoscopic" is one approach value (4: "entry, by puncture or minor
   incision, of instrumentation through the skin or mucous membrane ... to reach and visualize the site"), not
   the Percutaneous one (3) with a scope beside it: a query that says both words ("percutaneous endoscopic
   drainage of mediastinum", "endoscopic percutaneous release") names approach 4, as the table prints it.
   A percutaneous endoscopic gastrostomy or jejunostomy (PEG, PEJ) is the exception the name keeps: the scope
   is in the stomach through the mouth only to guide the tube put in through the skin, which is Percutaneous
   (0DH63UZ), so the name of those procedures says no approach 4.
"""

from __future__ import annotations

from bot.lookups.index.words import stem

PERCUTANEOUS = stem("percutaneous")
PERC = stem("perc")
ENDOSCOPIC_PREFIX = "endoscop"
GUIDED_TUBES = ("gastrostom", "jejunostom", "peg", "pej")  # the scope guides a tube put in through the skin
PERCUTANEOUS_ENDOSCOPIC = "4"


def names_percutaneous_endoscopic(query_stems: frozenset[str]) -> bool:
    """Whether the query says the approach Percutaneous Endoscopic by its two words (not a PEG or PEJ)."""
    if not (PERCUTANEOUS in query_stems or PERC in query_stems):
        return False
    if any(w.startswith(GUIDED_TUBES) for w in query_stems):
        return False
    return any(w.startswith(ENDOSCOPIC_PREFIX) for w in query_stems)
