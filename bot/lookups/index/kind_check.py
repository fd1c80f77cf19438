"""The coder's check of a procedure or service code against the query: a condition told is no procedure.

Before accepting a code a coder reads its title and the path that led to it back against the documentation.
A query that tells a condition ("dumping syndrome after gastric bypass", "rectocele noted on pelvic exam",
"glanders confirmed by culture") is coded with ICD-10-CM; an ICD-10-PCS procedure or a HCPCS item or service
that a word of the query happened to reach (the Bypass table for "bypass", the culture service for "culture")
is of another kind, and the condition's code comes first (guideline I.A.1-3: the Alphabetic Index's main term is the condition; the code sets' own
scope: ICD-10-CM codes diagnoses, ICD-10-PCS inpatient procedures, HCPCS Level II items and services).

`condition_unread` tells whether the procedure's or service's answer leaves unread a typed word the ICD-10-CM
answer's Index main term reads (the condition named). Its answer then leads, unless the query names a procedure
or item the first answer reads (a root operation or a PCS Index main term that sends to one; for HCPCS, a made
thing: WordNet's noun.artifact) outside a clause of time or cause ("after gastric bypass" tells the condition's
past, not the service asked; "metal foreign body removed from right cornea" keeps 08C8XZZ). A condition said
only in a clause of purpose ("xolair for asthma") is the service's reason, no condition asked. The ICD-10-CM
answer must be billable, no encounter reason (Z: it goes with a service, I.C.21), reached by an Index main term
that says nothing the query does not ("Infusion complication" is no reading of "keytruda infusion") and that
the first answer's own title does not say ("B12 shot": J3420 "... injection", not Injection, traumatic jet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

# A clause telling the circumstance a condition came in or after: what it names is its cause or its past, no
# service asked ("dumping syndrome after gastric bypass", "sore throat since the intubation"). The
# prepositions and conjunctions of time and cause, as a grammar states them, and the chart's "s/p".
_CIRCUMSTANCE = re.compile(
    r"\b(?:after|following|since|post|s/p|status\s+post|from|due\s+to|because\s+of|caused\s+by|"
    r"secondary\s+to|history\s+of|hx\s+of|h/o)\b.*$",
    re.IGNORECASE,
)
# A clause telling what a service is for ("xolair for asthma", "AROM to augment labor"): the condition it names
# is the service's reason, and the service asked comes first.
_PURPOSE = re.compile(r"\b(?:for|to|in\s+order\s+to)\b.*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")


def said_outside_circumstance(query: str, words: Sequence[str]) -> list[str]:
    """The words among `words` said before any clause of circumstance (time or cause) in the query."""
    head = _CIRCUMSTANCE.sub(" ", query.lower())
    kept = set(_WORD.findall(head))
    return [w for w in words if w in kept]


def said_before_purpose(query: str) -> str:
    """The query before any clause telling a service's purpose, lower case."""
    return _PURPOSE.sub(" ", query.lower())


def said_outside(head: str, words: Sequence[str]) -> list[str]:
    """The words among `words` said in `head`."""
    kept = set(_WORD.findall(head))
    return [w for w in words if w in kept]


def asks_procedure(words: Sequence[str], names_procedure: Callable[[str], bool]) -> bool:
    """Whether a word the procedure's or service's answer reads names a procedure or an item: the query asks
    for it, and the answer's kind is the query's."""
    return any(names_procedure(w) for w in words)


def condition_unread(condition: Collection[str], unread: Collection[str]) -> bool:
    """Whether the procedure's or service's answer leaves unread every word of the condition the ICD-10-CM
    answer's main term reads (a word of it read is the condition read in part: "TENS unit")."""
    left = {w.lower() for w in unread}
    return bool(condition) and all(w.lower() in left for w in condition)
