"""An injury story read in its parts: the mechanism first, its place, activity and status beside it.

A coder reads "hit with baseball bat during game", "pecked by a rooster in the yard" or "struck by the backhoe
bucket while digging a trench" in parts. The mechanism and intent is the External Cause Index's main term and
its subterms (Struck by, bat, baseball -> W21.11; Contact, with, chicken, peck -> W61.33): that code is the
external cause reported first. The place of occurrence (Y92), the activity (Y93) and the external cause status
(Y99) are reported after it, never alone first when a cause is told (ICD-10-CM Official Guidelines I.C.20.a.1,
I.C.20.b, I.C.20.c, I.C.20.k: "a place of occurrence, activity, or status code is used only once ... and
never as a principal or first-listed code"; "do not use the place of occurrence / activity code if ... not
stated").

So a story whose whole reading answers no mechanism line (nothing, a setting line, a word of the setting read
as something else) is split at a setting clause - the words from a setting's preposition or conjunction
("while", "during", "at", "in", "on", "playing") to the end of its clause - into the mechanism's words and
the setting's. The split is kept only when both parts read as a coder reads them: the mechanism part alone
answers a mechanism line (V, W, X, Y00-Y38), and the setting part told as a setting alone ("injured in the
yard", "injured while digging a trench") answers a Place of occurrence, Activity or External cause status line
below its main term. The mechanism's answer leads, the setting's line is suggested beside it.

This module holds the pure parts: the candidate splits and what counts as a mechanism or a setting line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The words that open a setting clause: where (at, in, on, inside), while doing what (while, during, when),
# and "playing", which names its game in the clause ("hurt playing volleyball").
_OPENERS = ("while", "during", "when", "at", "in", "on", "inside", "playing")
_OPENER = re.compile(r"\b(?:" + "|".join(_OPENERS) + r")\b")
_OPENER_BEFORE = re.compile(r"\b(?:" + "|".join(_OPENERS) + r")\s*$")
# Where a clause ends: punctuation or a word joining another clause.
_CLAUSE_END = re.compile(r"[,;.]|\b(?:and|but|then|so)\b")
_WORD = re.compile(r"[a-z0-9']+")
# A setting's own filler: articles and possessives say no place.
_FILLER = frozenset({"a", "an", "the", "my", "his", "her", "their", "our", "your", "its", "some", "this"})
MAX_SPLITS = 3  # setting clauses tried, the last said first (each costs two lookups)
# The external cause chapter's mechanism and intent codes: transport (V), other accidents (W, X00-X58),
# intentional self-harm, assault and undetermined intent (X71-Y38). Y62-Y84 (complications of care) and the
# setting codes Y90-Y99 are not a mechanism told by a story.
_MECHANISM_LETTERS = frozenset("VWX")
_SETTING_CATEGORIES = frozenset({"Y92", "Y93", "Y99"})
_UNSPECIFIED_SETTINGS = frozenset({"Y92.9", "Y93.9", "Y99.9", "Y929", "Y939", "Y999"})
SETTING_PROBE = "injured"  # a setting told alone is read as where or while someone was injured
# A query that names the kind of setting it asks for ("fell at the mosque, place of occurrence", "burned hand
# while ironing, activity") asks for that line itself.
_ASKS_SETTING = re.compile(r"\b(?:place|activity|activities|status)\b")
# An answer's External Cause Index path below its main term ("Struck by, bat or racquet, baseball bat"), or a
# Tabular inclusion term ("Contact with pitchfork"): the mechanism told with its object, not a bare main term
# ("Injury -> X58", "Fall -> W19").
_TOLD_LINE = re.compile(r"External Cause Index: [^>]*?,[^>]*? ->|inclusion term: ")


@dataclass(frozen=True)
class CauseParts:
    """A story split at a setting clause: the mechanism's words and the setting told alone."""

    cause: str  # the query without the setting clause ("hit with baseball bat")
    setting: str  # the clause as its own story ("injured during game")
    clause: str  # the clause as said ("during game")


def may_read_parts(query: str) -> bool:
    """Whether a query has a setting clause after some words of a story (a cheap test before the split), and
    does not ask for the setting's own line by its kind ("..., place")."""
    lowered = query.lower()
    return _OPENER.search(lowered) is not None and _ASKS_SETTING.search(lowered) is None


def told_mechanism(code: str, why: str) -> bool:
    """Whether an answer is a mechanism line told with its object (a path below the External Cause Index's
    main term, or a Tabular inclusion term), not a bare main term's default ("Injury -> X58")."""
    return is_mechanism(code) and _TOLD_LINE.search(why) is not None


def cause_parts(query: str) -> list[CauseParts]:
    """The query's candidate splits at a setting clause, the clause said last first (at most MAX_SPLITS); a
    split needs two words of a story before the clause and a word other than filler in it."""
    text = " ".join(query.lower().replace("’", "'").split())
    found: list[CauseParts] = []
    for opener in reversed(list(_OPENER.finditer(text))):
        end_match = _CLAUSE_END.search(text, opener.end())
        end = end_match.start() if end_match is not None else len(text)
        start = opener.start()
        while (before := _OPENER_BEFORE.search(text[:start])) is not None:
            start = before.start()  # "while playing pickleball": the clause's openers together
        clause = text[start:end].strip()
        said = [w for w in _WORD.findall(text[opener.end() : end]) if w not in _FILLER]
        cause = " ".join(f"{text[:start]} {text[end:]}".split()).strip(" ,;.")
        if not said or len(_WORD.findall(cause)) < 2 or any(p.clause == clause for p in found):
            continue
        found.append(CauseParts(cause, f"{SETTING_PROBE} {clause}", clause))
        if len(found) == MAX_SPLITS:
            break
    return found


def is_mechanism(code: str) -> bool:
    """Whether a code is an external cause's mechanism or intent (V00-X58, X71-Y38), not a setting (Y92, Y93,
    Y99) nor a complication of care (Y62-Y84)."""
    if code[:1] in _MECHANISM_LETTERS:
        return True
    return code[:1] == "Y" and code[1:3].isdigit() and int(code[1:3]) <= 38


# A setting's answer: the setting reader's note ("story: injured in the barn -> place of occurrence barn"), or
# the External Cause Index line it reached ("Activity, blackout game -> Y93.85").
_SETTING_NOTE = "(story: "
_LAST_LINE = re.compile(r"External Cause Index: [^>]*?([^,>]+) ->")


def setting_read(why: str, clause: str) -> bool:
    """Whether a setting's answer reads the clause as a setting: the setting reader read it (its note), or the
    last line of the Index path is said whole in the clause (not "Activity, blackout game" for "during a
    game": a line adding its own words to one word of the clause is another activity)."""
    if _SETTING_NOTE in why:
        return True
    line = _LAST_LINE.search(why)
    if line is None:
        return False
    said = set(_WORD.findall(clause))
    return all(w in said for w in _WORD.findall(line.group(1).lower()))


def is_named_setting(code: str) -> bool:
    """Whether a code is a Place of occurrence, Activity or External cause status line below its main term
    (not the unspecified Y92.9 / Y93.9 / Y99.9)."""
    return code[:3] in _SETTING_CATEGORIES and code not in _UNSPECIFIED_SETTINGS
