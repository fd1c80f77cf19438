"""How long or how often a condition lasts, told in plain words, read as the Index's word for its course.

The Alphabetic Index files a condition's course as a subterm or modifier of the condition's main term:
"Tonsillitis, recurrent" J03.91, "Conjunctivitis, chronic" H10.40-, "Laryngitis, chronic" J37.0, "Rhinitis,
chronic" J31.0, "Menstruation, infrequent - see Oligomenorrhea" N91.5. A patient says the course by time words,
never by the clinical adjective; a coder hears the adjective (the words' meanings as WordNet states them:
"recurrent: coming back", "chronic: being long-lasting and recurrent or characterized by long suffering",
"infrequent: not frequent; not occurring regularly or at short intervals"):

- a condition the patient "keeps getting", gets "over and over" or "again and again" is recurrent;
- one that "never goes away", "won't clear up", or has lasted "for months" or "for years" ("that's been going
  on for months", "all year round") is chronic (weeks are no chronic course);
- one that comes only "every 3 or 4 months", "every few months" is infrequent.

`read_course` puts the Index's word in place of the time phrase. The search reads the text so made as the
query and keeps it only when the answer says the course word (its Index path or title: bot.lookups.search.
Searcher._lay_shape), so a course the Index does not print for the condition ("on cyclosporine for years") never changes
an answer.
"""

from __future__ import annotations

import re

# Again and again: "keeps getting", "kept getting", "over and over (again)", "again and again", "time after time"
# (not a change: "keeps getting bigger", "worse", "lost", "into fights").
_RECURS = re.compile(
    r"\b(?:keeps?|kept)\s+(?:on\s+)?(?:getting|having)\b(?!\s+(?:\w+er|worse|more|less|lost|in|into)\b)|"
    r"\b(?:over\s+and\s+over|again\s+and\s+again|time\s+after\s+time)(?:\s+again)?\b"
)
# Lasting: "never goes away", "won't go away", "doesn't clear up", "for months", "for years", "for 6 months now",
# "that's been going on for months", "all year round", "year-round".
_NUMBER = (
    r"(?:many|several|a\s+few|a\s+couple(?:\s+of)?|some|\d+|two|three|four|five|six|seven|eight|nine|ten)"
)
_LASTS = re.compile(
    r"\b(?:that\s+|which\s+|it\s+)?(?:never|won'?t|wont|doesn'?t|doesnt|will\s+not|does\s+not|didn'?t|"
    r"did\s+not)\s+(?:ever\s+|really\s+)?(?:go(?:es)?\s+away|clear(?:s)?\s+up|get(?:s)?\s+better)\b|"
    r"\b(?:(?:that'?s|that\s+has|it'?s|it\s+has|has|have|had|i'?ve|he'?s|she'?s)\s+)?(?:been\s+)?"
    rf"(?:going\s+on\s+|there\s+)?for\s+(?:(?:the\s+)?(?:past|last)\s+)?(?:{_NUMBER}\s+)?(?:months|years)"
    r"(?:\s+now)?\b|"
    r"\ball\s+year(?:\s+(?:round|long))?\b|\byear[\s-]round\b"
)
# Seldom: "every 3 or 4 months", "every few months", "only every other month", "a few times a year".
_SELDOM = re.compile(
    r"\b(?:only\s+)?(?:once\s+)?every\s+(?:few|couple(?:\s+of)?|other|\d+(?:\s*(?:or|to|-)\s*\d+)?|two|three|"
    r"four|five|six)\s+months?\b|\b(?:only\s+)?(?:a\s+few|two|three|once|twice)\s+(?:times\s+)?a\s+year\b"
)
_MAY = re.compile(
    r"\b(?:keep|keeps|kept|over|again|time|never|won'?t|wont|doesn'?t|doesnt|not|for|year|every)\b"
)


def may_read_course(text: str) -> bool:
    """A cheap test of the words: whether a course may be said."""
    return _MAY.search(text) is not None


def course_said(text: str) -> frozenset[str]:
    """The course words `read_course` reads into the text (lowercase) that it did not say itself."""
    return frozenset(read_course(text).split()) - frozenset(text.split())


def read_course(text: str) -> str:
    """The text (lowercase) with each course phrase said as the Index's word: recurrent, chronic, infrequent."""
    if not may_read_course(text):
        return text
    text = _SELDOM.sub(" infrequent", text)
    text = _RECURS.sub(" recurrent", text)
    text = _LASTS.sub(" chronic", text)
    return " ".join(text.split())
