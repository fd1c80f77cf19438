"""The encounter a poisoning story tells, kept when the story is read as its Drug Table line (guideline
I.C.19.a: the 7th character of a T36-T65 code is the encounter's, as an injury's is).

"poisoning by local anesthetics, assault, f/u visit" is read as the Table's words for the substance and the
intent (bot.lookups.index.substance_stories); those words alone complete the line at the initial encounter
(T41.3X3A). The encounter the query tells in office words ("f/u", "recheck", "late effect of") goes with
them: T41.3X3D.
"""

from __future__ import annotations

from bot.lookups.index.injury_words import read_injury_words
from bot.lookups.index.query import encounter_told

# The encounter words the Tabular's titles print for a 7th character other than the initial encounter's.
_TOLD = {"D": "subsequent encounter", "S": "sequela"}


def with_told_encounter(story_query: str, query: str) -> str:
    """A poisoning story's Drug Table words with the encounter the query tells; the story's words as they are
    when the query tells the initial encounter or none."""
    told = _TOLD.get(encounter_told(read_injury_words(" ".join(query.lower().split()))))
    if told is None or told in story_query.lower():
        return story_query
    return f"{story_query} {told}"
