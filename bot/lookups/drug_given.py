"""A drug named as given - its dose, its route, its purpose - asks for its HCPCS drug line, not a poisoning.

The Table of Drugs and Chemicals lists every drug with six columns; its poisoning columns are coded when the
record says a poisoning (an overdose, a wrong substance, a wrong route, an intent; guideline I.C.19.e.5.b), and
a drug said with what it was given as - "4 mg po", "monthly injection", "150" - says none: it names the
product given, which a HCPCS Level II drug line bills ("Dexamethasone, oral, 0.25 mg", "Injection,
naltrexone, depot form, 1 mg"). And an imaging study said as what a contrast agent is for ("gadavist contrast
for MRI") is the purpose of the agent's line ("Injection, gadobutrol, 0.1 ml"), not the study asked for; a
drug named alone ("Vivitrol") is its drug line, not a service line that prints the drug among what it bundles
("Medication assisted treatment, naltrexone; weekly bundle including dispensing ...").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.lookups.doses import amount_said, route_said
from bot.lookups.index.stories import is_poisoning, tells_taking

_PURPOSE = re.compile(r"\b(?:for|used for|used in)\b")
_WORD = re.compile(r"[a-z0-9-]+")
# Words telling what happened to the drug or the patient: a poisoning's story, whose Drug Table column stays.
_STORY = re.compile(
    r"\b(?:took|taken|taking|swallow(?:ed|s)?|ingest(?:ed|ion|s)?|ate|drank|accidental(?:ly)?|intentional(?:ly)?|"
    r"suicid\w*|self[- ]harm|assault\w*|wrong|mistake|mistaken|extra|double|too much|found|got into|gave|given)\b"
)


def purpose_only(query: str, words: Collection[str]) -> set[str]:
    """The words of a set said only in the query's purpose (after "for"), never before it."""
    lowered = query.lower()
    match = _PURPOSE.search(lowered)
    if match is None:
        return set()
    before = set(_WORD.findall(lowered[: match.start()]))
    after = set(_WORD.findall(lowered[match.end() :]))
    return {w for w in after if w in words and w not in before}


# The course of treatment a drug is given in ("carboplatin chemo"): the drug said as given, like its route.
COURSE_WORDS = frozenset({"chemo", "chemotherapy"})


def given_not_poisoned(query: str, typed: Sequence[str], code: str, why: str) -> bool:
    """Whether a Drug Table poisoning code first reads only the drug's name in a query that says the drug as
    given (a dose, a route or the course of treatment it is given in) and tells no story of a poisoning."""
    if not why.startswith("Drug Table:") or not is_poisoning(code):
        return False
    if _STORY.search(query.lower()) or tells_taking(query):
        return False
    said = set(typed)
    return amount_said(list(typed)) is not None or bool(route_said(said)) or bool(said & COURSE_WORDS)


def service_unsaid(title: str, typed: Sequence[str], drug_words: Sequence[str]) -> bool:
    """Whether a (service) title shares no word with the query but the drug's own words."""
    own = set(_WORD.findall(title.lower()))
    drug = {w for d in drug_words for w in _WORD.findall(d.lower())}
    return not any(w in own for w in typed if w not in drug and len(w) > 2)
