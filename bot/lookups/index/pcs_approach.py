"""The approach a query says: Percutaneous Endoscopic by its own name, and a clause naming only the approach.

The approach's own name. "Percutaneous Endoscopic" is one approach value (4: "entry, by puncture or minor
   incision, of instrumentation through the skin or mucous membrane ... to reach and visualize the site"), not
   the Percutaneous one (3) with a scope beside it: a query that says both words ("percutaneous endoscopic
   drainage of mediastinum", "endoscopic percutaneous release") names approach 4, as the table prints it.
   A percutaneous endoscopic gastrostomy or jejunostomy (PEG, PEJ) is the exception the name keeps: the scope
   is in the stomach through the mouth only to guide the tube put in through the skin, which is Percutaneous
   (0DH63UZ), so the name of those procedures says no approach 4.

A clause of approach words alone ("PDA ligation with clip, open", "cholecystectomy, laparoscopic") says how the
procedure before it was done, not a condition of its own: it is no clause to answer apart (search._by_clause),
where "open" alone would read as an open wound.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.lookups.index.words import content_stems, stem

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


# Words that say nothing but the approach beside an approach word ("via natural opening", "open approach").
APPROACH_FILLERS = frozenset(
    stem(w) for w in ("approach", "via", "natural", "artificial", "opening", "or", "and")
)


def approach_only(clause: str, reads: Callable[[frozenset[str]], frozenset[str]]) -> bool:
    """Whether a clause's words name an approach and nothing else (`reads`: the approach characters a set of
    stems names, completion.said_approaches)."""
    stems = content_stems(clause)
    if not stems or not reads(stems):
        return False
    return all(s in APPROACH_FILLERS or reads(frozenset({s})) for s in stems)
