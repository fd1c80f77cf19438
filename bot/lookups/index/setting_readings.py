"""A place or an activity told beside a cause that names no External Cause Index line of its own.

"Slipped in the hospital cafeteria", "tripped at the zoo", "burned hand while grilling burgers", "cut finger
while cooking dinner": the cause is a bare verb (slipped, tripped, fell, burned, cut, hurt) whose line is the
Index's default, and what the query tells is where or doing what - the Place of occurrence (Y92) or Activity
(Y93) line, listed first, the cause's default line beside it. A cause told with its own thing ("slipped on the
ice", "fell off the balcony", "cut by a knife") keeps its line first, the setting beside it; so does one at
home or at work (the residence and the work status are the commonest settings, coded beside the cause).

Whether words name a place or an activity is the Index's to say: "injured in the wrestling match" is no place
but the Activity line "wrestling"; "hurt while picking fruit in the orchard" names no activity line, the
orchard is "Place of occurrence, farm, orchard". So each setting is read both ways, the way the query says it
first (`Readings.alternatives`), and the lookup keeps the first that reaches a line below its main term.

An organized doing is often named by its event ("karate class injury", "strained back in pilates class",
"knee pain from spin class on a stationary bike"): the words before the event are the activity, and what it
was done on another reading of it. No event is read where no one is hurt ("SLE nephritis class IV").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ACTIVITY_WORDS = "activity"
PLACE_WORDS_PREFIX = "place of occurrence"
# The verbs of a cause whose External Cause Index line is the default of its kind.
_BARE_CAUSES = frozenset(
    {
        "fell",
        "fall",
        "falls",
        "slipped",
        "slip",
        "tripped",
        "trip",
        "stumbled",
        "burned",
        "burnt",
        "cut",
        "hurt",
        "injured",
        "injury",
        "injuries",
    }
)
_SAID_AROUND = frozenset(
    {
        "a",
        "an",
        "the",
        "his",
        "her",
        "my",
        "their",
        "our",
        "got",
        "get",
        "was",
        "were",
        "is",
        "self",
        "himself",
        "herself",
        "accidentally",
        "and",
        "while",
        "during",
        "when",
    }
)
# A word telling the cause's own thing or direction ("on the ice", "off the ladder", "by a dog") or the
# injury's nature: the cause has a line of its own.
_OWN_LINE = frozenset(
    {
        "on",
        "off",
        "from",
        "over",
        "into",
        "onto",
        "against",
        "with",
        "by",
        "out",
        "of",
        "down",
        "up",
        "under",
        "through",
        "fracture",
        "fractured",
        "broke",
        "broken",
        "sprain",
        "sprained",
        "strain",
        "strained",
        "tore",
        "torn",
        "tear",
        "dislocated",
        "laceration",
    }
)
# Settings coded beside the cause, never instead of it.
# (A fall "in" water is the Index's "Fall, into, water / swimming pool", a line of the cause's own.)
_BESIDE_ONLY = frozenset(
    {
        "home",
        "house",
        "work",
        "job",
        "shower",
        "bathtub",
        "tub",
        "bath",
        "pool",
        "water",
        "lake",
        "river",
        "ocean",
        "sea",
        "pond",
        "creek",
        "hole",
        "ditch",
    }
)
# Words after "at" / "in" that name no place: a time, a state, another clause ("in the past, at risk").
_NO_PLACE = frozenset(
    {
        "past",
        "night",
        "morning",
        "evening",
        "afternoon",
        "time",
        "times",
        "moment",
        "end",
        "middle",
        "risk",
        "process",
        "bed",
        "first",
        "last",
        "same",
        "least",
        "all",
        "pain",
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "with",
        "and",
        "or",
    }
)
_WHILE = re.compile(r"\b(?:while|during|when)\s+(?P<what>[a-z][a-z' -]*)$")
_PLACE = re.compile(
    r"\b(?:at|in|inside)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|my\s+|their\s+|our\s+)?"
    r"(?P<where>[a-z][a-z']*(?:\s+[a-z][a-z']*){0,2})$"
)
_GERUND = re.compile(r"\b(?P<what>[a-z]{3,}ing(?:\s+[a-z']+){0,3})$")
# Words a setting is read past: whose it is, and the event around a sport ("his hockey game").
SETTING_FILLER = frozenset(
    {
        "a",
        "an",
        "the",
        "his",
        "her",
        "my",
        "their",
        "our",
        "game",
        "games",
        "match",
        "practice",
        "session",
        "class",
    }
)
_LEFT_OUT = SETTING_FILLER | {"lesson", "lessons", "playing"}
_NOT_DOINGS = frozenset(
    {
        "during",
        "morning",
        "evening",
        "ceiling",
        "building",
        "railing",
        "swing",
        "spring",
        "ring",
        "thing",
        "something",
        "nothing",
        "parking",
        "landing",
        "bleeding",
        "swelling",
        "bruising",
        "boiling",
        "burning",
        "falling",
        "flying",
        "moving",
        "ongoing",
        "following",
        # the Index's participles naming a part or a wound, never a doing ("blast injury descending colon")
        "descending",
        "ascending",
        "penetrating",
        "perforating",
        "draining",
        "weeping",
    }
)


@dataclass(frozen=True)
class Readings:
    cause: str  # the query's cause words, the setting's clause taken out ("slipped")
    alternatives: tuple[str, ...]  # the setting read as each line, the way the query says it first


def _kept(words: Iterable[str]) -> list[str]:
    return [w for w in words if w not in _LEFT_OUT]


def _bare_cause(before: str) -> bool:
    """Whether the words before the setting tell a cause by a bare verb (and at most a part of the body)."""
    words = [w for w in before.split() if w not in _SAID_AROUND]
    causes = [w for w in words if w in _BARE_CAUSES]
    others = [w for w in words if w not in _BARE_CAUSES]
    return bool(causes) and len(others) <= 2 and not _OWN_LINE.intersection(others)


def _both_ways(first: str, words: list[str], place: list[str]) -> tuple[str, ...]:
    said = " ".join(_kept(words))
    where = " ".join(_kept(place))
    readings = []
    if said:
        readings.append(f"{first} {said}")
    if where and first == ACTIVITY_WORDS:
        readings.append(f"{PLACE_WORDS_PREFIX} {where}")
    if said and first == PLACE_WORDS_PREFIX:
        readings.append(f"{ACTIVITY_WORDS} {said}")
    return tuple(readings)


# An organized doing named by its event ("karate class injury", "strained back in pilates class", "knee pain
# from spin class on stationary bike"): the word before the event is the activity (and what it was done on).
_EVENT = re.compile(
    r"\b(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+(?:class|classes|practice|lesson|lessons|game|match|tournament|"
    r"meet|league)\b(?P<after>.*)$"
)
_BEFORE_EVENT = frozenset(
    {
        "in",
        "at",
        "during",
        "from",
        "while",
        "after",
        "of",
        "a",
        "an",
        "the",
        "his",
        "her",
        "my",
        "doing",
        "taking",
        "teaching",
        "playing",
    }
)
_HURT_AFTER = re.compile(r"^\s*(?:injury|injuries|injured|hurt|accident)\b")
_ACHES = frozenset({"pain", "ache", "aches", "sore", "soreness", "strained", "sprained", "pulled", "injury"})


def _event(text: str) -> Readings | None:
    match = _EVENT.search(text)
    if match is None:
        return None
    what = [w for w in match.group("what").split() if w not in _BEFORE_EVENT]
    before = [w for w in text[: match.start("what")].split() if w not in _BEFORE_EVENT]
    told = [w for w in before if w not in _SAID_AROUND]
    causes = [w for w in told if w in _BARE_CAUSES or w in _ACHES]
    if not what or len(told) - len(causes) > 2 or _OWN_LINE.intersection(told) - _ACHES:
        return None
    if not causes and not _HURT_AFTER.search(match.group("after")):
        return None  # "SLE nephritis class IV": no one hurt
    after = re.sub(r"^\s*(?:on|with|using)\s+(?:a\s+|an\s+|the\s+)?", "", match.group("after")).split()
    after = [w for w in after if w not in _BARE_CAUSES and w not in _ACHES]
    readings = [f"{ACTIVITY_WORDS} {' '.join(what)}"]
    if after and match.group("after").split()[0] in {"on", "with", "using"}:
        readings.append(f"{ACTIVITY_WORDS} {' '.join(after)}")
    return Readings(" ".join(told) or "injury", tuple(readings))


def read_bare_setting(text: str) -> Readings | None:
    """The setting told beside a bare cause ("tripped at the zoo", "burned hand while ironing clothes"), or
    None when the cause has a line of its own or the setting is one coded beside it (home, work)."""
    event = _event(text)
    if event is not None:
        return event
    clause = _WHILE.search(text)
    doing = clause.group("what") if clause else ""
    start = clause.start() if clause else -1
    if clause is None:
        gerund = _GERUND.search(text)
        if gerund is not None and gerund.group("what").split()[0] not in _NOT_DOINGS and gerund.start() > 0:
            doing, start = gerund.group("what"), gerund.start()
    if doing:
        place = _PLACE.search(doing)
        activity = doing[: place.start()].split() if place else doing.split()
        where = place.group("where").split() if place else []
        if _NO_PLACE.intersection(where):
            where = []
        if _BESIDE_ONLY.intersection(activity + where) or not _bare_cause(text[:start]):
            return None
        readings = _both_ways(ACTIVITY_WORDS, activity, where)
        return Readings(text[:start].strip(), readings) if readings else None
    place = _PLACE.search(text)
    if place is None or not _bare_cause(text[: place.start()]):
        return None
    where = place.group("where").split()
    if _BESIDE_ONLY.intersection(where) or _NO_PLACE.intersection(where):
        return None
    readings = _both_ways(PLACE_WORDS_PREFIX, where, [])
    return Readings(text[: place.start()].strip(), readings) if readings else None
