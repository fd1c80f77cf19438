"""An answer that leaves a word of the query unused ranks below one that uses that word and every word the
first uses: a coder reading "swollen gland under arm" takes the Index's Swollen, glands (R59.9), not a title
sharing only "arm" ("Arm rest"); the answer saying more of what was asked is the better answer.

This is dominance, not a count: an answer that uses one word and leaves another ("rotaviral diarrhea":
Diarrhea leaves the organism, Rotaviral enteritis leaves "diarrhea") does not dominate the other, and the
ranking stays as scored. A query saying a negation is left alone ("asthma without status asthmaticus": the
title saying "status asthmaticus" uses a word the query negates).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.filler import FILLER, LINKING, content_words, says_negation
from bot.lookups.index.words import stem

LOOKED_AT = 5  # the answers compared with the first
_MIN_LENGTH = 3
# Where a finding is, said around its site ("under my arm", "behind the knee"): no word of the condition.
_WHERE = frozenset({"under", "above", "below", "around", "between", "near", "behind", "inside", "outside"})


def said_stems(query: str, sites: frozenset[str] = frozenset()) -> list[str]:
    """The stems of the query's words that name something (filler, linking words, numbers aside), less the
    body sites (`sites`): a code that does not subdivide by the site leaves it, as a coder does."""
    out: list[str] = []
    for word in content_words(query.lower()):
        if (
            len(word) < _MIN_LENGTH
            or word in FILLER
            or word in LINKING
            or word in _WHERE
            or not word.isalpha()
        ):
            continue
        s = stem(word)
        if s not in out and s not in sites:
            out.append(s)
    return out


def _left(said: Sequence[str], used: frozenset[str]) -> frozenset[str]:
    return frozenset(
        s
        for s in said
        if s not in used and not any(u.startswith(s) or s.startswith(u) for u in used if len(u) > 4)
    )


def dominating(
    query: str,
    used_by: Sequence[frozenset[str]],
    sites: frozenset[str] = frozenset(),
    allowed: Sequence[int] | None = None,
) -> int:
    """The position (among the first LOOKED_AT, and in `allowed` when given) of the answer to put first: one
    that uses every query word the first answer uses and more (`used_by`: each answer's stems, in rank
    order); 0 when none does."""
    if len(used_by) < 2 or says_negation(query):
        return 0
    said = said_stems(query, sites)
    if not said or len(said_stems(query)) < 2:
        return 0
    first = _left(said, used_by[0])
    if not first:
        return 0
    best, fewest = 0, len(first)
    for n, used in enumerate(used_by[1:LOOKED_AT], start=1):
        if allowed is not None and n not in allowed:
            continue
        left = _left(said, used)
        if left < first and len(left) < fewest:
            best, fewest = n, len(left)
    return best


def uses_only_sites(query: str, used: frozenset[str], sites: frozenset[str]) -> bool:
    """Whether an answer uses no word of the query but its body sites (one at least), while the query says
    another word ("ecchymoses on legs" answered by "Lengthening, leg"; "Bradycardia" for "heart rate 44"
    uses no site either: read from the value, not from the site)."""
    said = said_stems(query, sites)
    where = [s for s in said_stems(query) if s not in said]
    return bool(said) and any(s in used for s in where) and _left(said, used) == frozenset(said)


def definitive_diagnosis(query: str, used_by: Sequence[frozenset[str]], diseases: Sequence[int]) -> int:
    """The position of a definitive diagnosis to put before a first answer that is a symptom (an R code): one
    (`diseases`: the positions of ICD-10-CM codes of chapters 1-17) that uses a word the symptom leaves
    unused and leaves unused only words the symptom uses - the symptom is integral to it ("shingles rash":
    Zoster before Rash; guideline I.B.5, signs and symptoms routinely associated with a disease are not coded
    beside it); 0 when none does."""
    if len(used_by) < 2 or says_negation(query):
        return 0
    said = said_stems(query)
    first = _left(said, used_by[0])
    if not first:
        return 0
    symptom = frozenset(said) - first
    for n in diseases:
        if not 0 < n < len(used_by):
            continue
        left = _left(said, used_by[n])
        if left <= symptom and (first - left) and not (first <= left):
            return n
    return 0
