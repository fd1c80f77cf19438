"""An accident told with no injury found -> the Index's "Examination, following, accident" (Z04.1-Z04.3).

ICD-10-CM's Alphabetic Index files the encounter of a person examined after an accident in which no injury
is found under Examination (or Observation), following, accident NEC (Z04.3) - transport (Z04.1), work
(Z04.2); the Tabular's Z04 note: "examination and observation ... for reasons other than ... when no
injury is found" (guideline I.C.21.c.6: observation when the condition is ruled out). The external cause
code is no first-listed code (guideline I.C.20); it may be reported beside the Z04 code.

Users tell the accident and the all-clear in their own words: "exam after car accident no injury found",
"pt fell at home, CT head neg, no injury found", "checked after accident at work, no injuries". A coder
hears the pair - the event (an external cause the rest of the sentence answers) and the injury denied - and
reads it as the Index's line: the kind of accident is the chapter block the event's cause falls in (V00-V99,
Transport accidents: "transport"), or work when the sentence says it happened at work.

`injury_ruled_out` returns the sentence without its all-clear clause and without the encounter told before
"after" (the event, to be answered: "seen after a motorcycle crash" -> "a motorcycle crash"), or None;
`examination_words` the Index words of the Examination line for the event's cause code.
"""

from __future__ import annotations

import re

# The injury denied or nothing found (the clause that closes the story), as users write it.
_NO_INJURY = re.compile(
    r"(?:,\s*|;\s*|\s+)(?:but\s+|and\s+)?(?:"
    r"(?:no|without)\s+(?:apparent\s+|obvious\s+|visible\s+|acute\s+)?injur(?:y|ies)(?:\s+(?:found|noted|seen))?|"
    r"not\s+(?:injured|hurt)|uninjured|unhurt|nothing\s+(?:found|seen|wrong)|none\s+found"
    r")\s*[.!]?$"
)
_WORK = re.compile(r"\b(?:at\s+work|on\s+the\s+job|work\s+(?:accident|injury)|workplace)\b")
_AFTER = re.compile(r"\s*\b(?:after|following)\s+")
TRANSPORT_LETTER = "V"  # V00-V99, the Tabular's block "Transport accidents"


def injury_ruled_out(query: str) -> str | None:
    """The event told before the sentence's closing all-clear ("car accident" for "exam after car accident
    no injury found"), or None when the sentence does not end by denying an injury."""
    text = " ".join(query.lower().replace("’", "'").split())
    match = _NO_INJURY.search(text)
    if match is None or match.start() == 0:
        return None
    told = text[: match.start()].strip(" ,;")
    # ("seen after a motorcycle crash": the encounter's frame before "after" is no word of the event)
    after = _AFTER.split(told, maxsplit=1)
    event = after[1] if len(after) > 1 and re.search(r"[a-z]{3}", after[1]) else told
    return event if re.search(r"[a-z]{3}", event) else None


def examination_words(cause_code: str, query: str) -> str:
    """The Index words of the Examination, following, accident line for an event whose external cause is
    `cause_code`: transport for a V code, work when the sentence says it happened at work."""
    kind = ""
    if _WORK.search(query.lower()):
        kind = " work"
    elif cause_code[:1] == TRANSPORT_LETTER:
        kind = " transport"
    return f"examination following accident{kind}"
