"""A finding told as a change ("white count dropped", "blood pressure fell too low", "potassium went up")
read as the level it reached, in the words the vocabulary knows ("low white count" -> leukopenia, "low blood
pressure" -> hypotension, "high potassium" -> hyperkalemia).

A coder codes the abnormal level the change left, not the change: the Index's main terms are the states
(Hypotension, Leukopenia, Hyperkalemia). The rule is the direction of the verb, not a list of findings: the
words before the verb are read as "low <them>" or "high <them>" only when the vocabulary holds that phrase,
so a word the change verb follows that names no measurement ("he dropped his phone") is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CHANGE = re.compile(
    r"\b(?P<verb>dropped|drops|dropping|fell|falling|crashed|tanked|plummeted|went\s+down|bottomed\s+out|"
    r"went\s+up|rose|rising|spiked|shot\s+up|climbed)\b(?:\s+(?:too\s+|very\s+|really\s+)?(?:low|high|much|a\s+lot))?",
    re.IGNORECASE,
)
_DOWN = ("drop", "fell", "fall", "crash", "tank", "plummet", "went down", "bottomed")
_ON_DRUG = re.compile(
    r"\s+on\s+(?:(?:his|her|their|my|the)\s+)?(?P<drug>[a-z][a-z0-9-]{3,})\b", re.IGNORECASE
)
MAX_WORDS = 3  # "blood pressure", "white blood count": the measurement's words before the verb


def may_read_change(text: str) -> bool:
    return bool(_CHANGE.search(text))


def read_change(text: str, knows: Callable[[str], bool], is_drug: Callable[[str], bool]) -> str | None:
    """The text with "<measurement> <change verb>" said as the level the vocabulary knows, or None. A drug
    the change happened on ("... dropped on carbamazepine") is its cause: "from <drug>", as the Index's
    "drug-induced" lines and the Drug Table's adverse effect read it ("htn on lisinopril", no change told,
    stays a drug taken)."""
    found = _CHANGE.search(text)
    if found is None:
        return None
    before = text[: found.start()].split()
    level = "low" if found.group("verb").lower().startswith(_DOWN) else "high"
    for size in range(min(MAX_WORDS, len(before)), 0, -1):
        said = " ".join(before[-size:]).lower().strip(",;")
        if knows(f"{level} {said}"):
            head = " ".join(before[:-size])
            rest = text[found.end() :]
            on = _ON_DRUG.match(rest)
            if on is not None and is_drug(on.group("drug").lower()):
                rest = f" from {rest[on.start('drug') :]}"
            return " ".join(f"{head} {level} {said} {rest}".split())
    return None
