"""An injury's Index words said the way a chart or a patient says them.

- consciousness denied ("never blacked out", "didn't lose consciousness", "did not pass out") is the
  Index's "without loss of consciousness" (Concussion, without loss of consciousness S06.0X0; Hematoma,
  subdural, traumatic ... S06.5X0): a plain "no" before "LOC" is read by the negation rules already, a verb's
  denial is not;
- ribs counted ("3 ribs", "two broken ribs", "ribs 4-6") are the Index's "Fracture, rib, multiple": more
  than one rib broken on a side is S22.4-, not "one rib" S22.3-;
- the encounter told in office words (guideline I.C.19.a and the fracture 7th characters): "slow to heal",
  "healing slowly" is delayed healing (G); "healing fine", "healing well" is routine healing (D); "first
  visit", "new injury" is the initial encounter (A); a "recheck" of an injury is a subsequent encounter (D);
- a muscle "pulled" is the Index's "Strain" ("pulled quad muscle" -> strain quadriceps muscle).
"""

from __future__ import annotations

import re

_DENIED = (
    r"(?:no|not|never|without|w/o|denies|denied|didn't|didnt|did\s+not|doesn't|doesnt|does\s+not|"
    r"wasn't|wasnt|was\s+not|hasn't|has\s+not)"
)
_LOST = (
    r"(?:(?:lose|lost|losing|loss\s+of)\s+consciousness|(?:black|blacked|blacking|pass|passed|passing)\s+out|"
    r"(?:get|got|gets|been|being)\s+knocked\s+out|knocked\s+out|blackout|loc)"
)
_CONSCIOUSNESS_DENIED = re.compile(rf"\b{_DENIED}\s+(?:(?:ever|even|any|a|he|she|they|pt)\s+)*{_LOST}\b")
_COUNTS = r"(?:two|three|four|five|six|seven|eight|several|multiple|[2-9]|1[0-2])"
_RIBS_COUNTED = re.compile(
    rf"\b{_COUNTS}\s+(?:(?:broken|fractured|cracked|displaced|nondisplaced|left|right|l|r)\s+)*ribs\b|"
    r"\bribs\s+(?:#\s*)?\d{1,2}\s*(?:-|to|through|thru)\s*\d{1,2}\b"
)


def read_injury_words(text: str) -> str:
    """The text with consciousness denied, ribs counted, the encounter told in office words and a pulled
    muscle in the Index's words; other text as it is."""
    text = _CONSCIOUSNESS_DENIED.sub(" without loss of consciousness ", text)
    text = _RIBS_COUNTED.sub(lambda m: _multiple_ribs(m.group()), text)
    text = _PULLED.sub(lambda m: "strain " + _QUAD.sub("quadriceps", m.group("what")), text)
    if _INJURY.search(text):
        for pattern, words in _HEALING:
            text, read = pattern.subn(f" {words} ", text)
            if read and words != "initial encounter":
                # "follow up visit, healing fine": the visit is the encounter the healing words say
                text = _FOLLOW_UP.sub(" ", text)
    return " ".join(text.split())


# An injury named, so the visit words below say its encounter (a "recheck" of blood pressure says none).
_INJURY = re.compile(
    r"\b(?:fx|fxs|fractures?|fractured|broken|broke|breaks?|sprains?|sprained|strains?|strained|"
    r"dislocations?|dislocated|lacerations?|laceration|cut|burns?|burned|contusions?|bruised?|wounds?|"
    r"injury|injuries|injured|tears?|torn|avulsion|amputation|concussion)\b"
)
# (the encounter told in office words, the words the Tabular's 7th character says); the healing first, so
# "follow up, slow to heal" is the delayed healing, not the routine one.
_HEALING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (
            r"\b(?:slow(?:ly)?\s+(?:to\s+)?(?:heal|healing|union|to\s+unite)|heal(?:ing)?\s+slow(?:ly)?|"
            r"not\s+heal(?:ing|ed)\s+(?:yet|as\s+expected|well)|delayed\s+(?:union|heal)|slow-healing)\b",
            "delayed healing",
        ),
        (
            r"\b(?:heal(?:ing|ed)?\s+(?:fine|well|normally|nicely|ok|okay|as\s+expected|on\s+schedule|"
            r"appropriately)|normal\s+healing|uncomplicated\s+healing)\b",
            "routine healing",
        ),
        (
            r"\b(?:first|1st|initial)\s+(?:visit|time\s+seen|evaluation|eval|presentation)|"
            r"\bnew\s+(?:injury|injuries)\b|\bjust\s+happened\b",
            "initial encounter",
        ),
        (r"\b(?:recheck|re-check|rechecked|recheck\s+visit)\b", "subsequent encounter"),
    )
)
_FOLLOW_UP = re.compile(r"(?:\bfollow[- ]?up|\bf/u)(?:\s+(?:visit|appointment|appt|exam))?(?![a-z])")
# "pulled a muscle", "pulled quad muscle": a strain (Strain; Injury, muscle, strain). The hamstring, groin and
# calf said pulled are the vocabulary's own phrases.
_PULLED = re.compile(
    r"\bpulled\s+(?:(?:a|my|his|her|their|the)\s+)?"
    r"(?P<what>(?:[a-z]+\s+)?(?:muscles?|tendons?)|quads?(?:\s+muscles?)?|quadriceps(?:\s+muscles?)?)\b"
)
_QUAD = re.compile(r"\bquads?\b")


def _multiple_ribs(said: str) -> str:
    """ "two broken left ribs" -> "multiple broken left ribs": the count's words other than the number kept."""
    words = said.split()
    if words[0] == "ribs":
        return "multiple ribs"
    return " ".join(["multiple", *words[1:]])


# An injury event told ("SDH after fall", "subarachnoid bleed from MVC", "pneumothorax after being struck"):
# the condition came of it, so the Index's "traumatic" line is the one the story names (Hemorrhage,
# intracranial, subdural, traumatic - see Injury, intracranial), not the nontraumatic default (I62.00). Said
# against "spontaneous" or "nontraumatic", it is not read.
_INJURY_EVENT = re.compile(
    r"\b(?:falls?|fell|falling|fallen|mvc|mva|crash\w*|collision|accident|assault\w*|struck|trauma|"
    r"tackled|kicked|punched|blow\s+to)\b"
)
_NOT_TRAUMATIC = re.compile(
    r"\b(?:spontaneous\w*|non-?\s?traumatic|atraumatic|no\s+(?:trauma|injury|fall))\b"
)


def told_as_traumatic(text: str) -> bool:
    """Whether the text tells of an injury event the condition came of (and does not deny one)."""
    return bool(_INJURY_EVENT.search(text)) and not _NOT_TRAUMATIC.search(text)
