"""A subterm printed as several comma-separated forms uses every form the query says whole.

The Alphabetic Index prints some subterms as two or more forms on one line: words a coder reads together
("Infestation, pubic, louse" -> B85.3; "Complaint, bowel, functional, psychogenic") or alternatives
("postherpetic, postzoster"). The matcher reads a line by its best-said form, so a query saying two of its
forms ("pubic louse infestation") was credited with one of them, and a line holding only the other word
("Infestation, louse -> see Infestation, Pediculus" -> B85.2) read as much of the query and ranked first,
leaving "pubic" unused. The line says each of its forms: every other form the query says whole is used too.
A form that is another form of a word already used ("uterus, uteri, uterine"; the vocabulary's reading
beside the word typed) adds nothing, and a form holding a negation is left to the matcher's own reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from bot.lookups.index.words import NEGATIONS

SAME_WORD = 4  # the least common beginning of two stems read as forms of one word ("uteru", "uterin")


def said_forms(forms: Sequence[frozenset[str]], by_stem: Mapping[str, set[int]], used: Set[int]) -> set[int]:
    """The query words (indices) of every form of a line that the query says whole (each of its stems
    said), beyond `used` (the words the line's best form uses); a form sharing a word's beginning with a
    word already used, or holding a negation, adds none."""
    out: set[int] = set()
    used_stems = {s for s, held in by_stem.items() if held & used}
    for form in forms:
        if not form or not form.isdisjoint(NEGATIONS) or not all(s in by_stem for s in form):
            continue
        held = {i for s in form for i in by_stem[s]}
        if held <= used or any(_same_word(s, u) for s in form for u in used_stems):
            continue
        out |= held
    return out


def _same_word(a: str, b: str) -> bool:
    return a[:SAME_WORD] == b[:SAME_WORD]
