"""An injury's Index words said the way a chart or a patient says them.

- consciousness denied ("never blacked out", "didn't lose consciousness", "did not pass out") is the
  Index's "without loss of consciousness" (Concussion, without loss of consciousness S06.0X0; Hematoma,
  subdural, traumatic ... S06.5X0): a plain "no" before "LOC" is read by the negation rules already, a verb's
  denial is not;
- ribs counted ("3 ribs", "two broken ribs", "ribs 4-6") are the Index's "Fracture, rib, multiple": more
  than one rib broken on a side is S22.4-, not "one rib" S22.3-.
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
    """The text with consciousness denied and ribs counted in the Index's words; other text as it is."""
    text = _CONSCIOUSNESS_DENIED.sub(" without loss of consciousness ", text)
    text = _RIBS_COUNTED.sub(lambda m: _multiple_ribs(m.group()), text)
    return " ".join(text.split())


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
