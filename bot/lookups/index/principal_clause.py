"""The principal finding of a chart line of several: the clause said first that is answered whole.

A chart line often strings several findings together ("MG w/o exacerbation, on pyridostigmine", "floppy infant,
generalized low tone", "TFCC tear right wrist, traumatic"). No Index path holds every word of such a line, so
the line as a whole has no confident answer; and when no clause is answered surely enough to outrank the whole
line (the search's clause reading), the line got no answer at all. A coder codes the finding the line states:
the first-listed diagnosis is the condition chiefly responsible (ICD-10-CM Official Guidelines II.A), a sign or
symptom integral to a definitive diagnosis is not coded beside it (I.B.4-5), and what is denied is not coded.

So, when the line as a whole finds no confident match, each clause (split at commas and semicolons, a clause
that only says a side or an encounter joined to the one before it, a denied clause left out) is looked up on
its own, and a clause is an answer only when its own lookup answers it with confidence and leaves none of its
words unused ("not used" in the answer's why): a clause the Index or a title answers only in part stays no
answer. Of those, the first said that names a definitive diagnosis (a code outside the symptom chapter R)
leads; a symptom clause leads only when no clause names a diagnosis. The answer's why says which clause it
answers and that the others were not used. This module holds the pure parts: the clauses and the choice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookups.filler import SIDE_WORDS, content_words, denies
from bot.lookups.index.side_clauses import joined_sides

_SPLIT = re.compile(r"[,;]")
_WORD = re.compile(r"[a-z]")
_NOT_USED = "(not used: "
_GUESS = "?)"  # an initialism read by a guess ("read: PDS -> peritoneal dialysis status?")
# A clause the line leaves uncertain or ruled out is not coded (guideline IV.H; I.C.21.c.6): notation words.
_UNCERTAIN = re.compile(
    r"\b(?:not\s+confirmed|unconfirmed|ruled\s+out|rule\s+out|r/o|possible|possibly|probable|probably|"
    r"suspected|suspect|questionable|likely|versus|vs)\b|\?"
)
DIAGNOSES = "ICD-10-CM"  # the principal finding is a diagnosis: a procedure or item line is read whole
SYMPTOM_CHAPTER = "R"  # ICD-10-CM chapter 18: symptoms, signs and abnormal findings (guideline I.B.4-5)


@dataclass(frozen=True)
class Answered:
    """A clause of the line answered with confidence: its first answer's code, system and why."""

    clause: str
    code: str
    system: str
    why: str
    adds: tuple[str, ...]  # the words its Index path adds to what the clause says ("traumatic": Fracture)


def line_clauses(text: str) -> list[str]:
    """The clauses of a chart line of several findings (at least two), denied ones and those said uncertain
    ("MI not confirmed", "r/o PE") left out; [] for a line of one clause."""
    clauses = joined_sides([c.strip() for c in _SPLIT.split(text) if _WORD.search(c.lower())])
    if len(clauses) < 2:
        return []
    return [c for c in clauses if not denies(c) and not _UNCERTAIN.search(c.lower()) and names_something(c)]


def names_something(clause: str) -> bool:
    """Whether a clause says more than sides ("both sides", "left one"): a side is where a finding is, no
    finding of its own."""
    return any(
        w not in SIDE_WORDS and w.removesuffix("s") not in SIDE_WORDS for w in content_words(clause.lower())
    )


def answered_whole(answered: Answered) -> bool:
    """Whether a clause's answer is a diagnosis (ICD-10-CM) reading every word of the clause (no "not used"
    note), through a path adding no word of its own ("traumatic" alone is no "Fracture, traumatic") and no
    guessed initialism."""
    why = answered.why
    return answered.system == DIAGNOSES and not answered.adds and _NOT_USED not in why and _GUESS not in why


def principal(answered: Sequence[Answered]) -> Answered | None:
    """The clause a coder codes from those answered whole, in the order said: the first naming a definitive
    diagnosis (guideline II.A; I.B.4-5: its symptoms are not coded beside it), else the first said."""
    whole = [a for a in answered if answered_whole(a)]
    if not whole:
        return None
    for a in whole:
        if not a.code.startswith(SYMPTOM_CHAPTER):
            return a
    return whole[0]


def principal_note(chosen: str, clauses: Sequence[str]) -> str:
    """The why's note: the clause answered, and the others not used."""
    others = [c for c in clauses if c != chosen]
    left = f"; not used: {', '.join(others)}" if others else ""
    return f"principal finding, the clause “{chosen}” (guideline II.A{left})"
