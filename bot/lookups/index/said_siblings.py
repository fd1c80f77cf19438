"""The Tabular's specific line the query's words name, instead of the unspecified one the Index's words reached.

The Index often reaches an "Unspecified ..." subcategory: "Dislocation, knee" is S83.10- ("Unspecified
subluxation and dislocation of proximal end of tibia"), "Contusion, heart" is S26.91 ("... unspecified with or
without hemopericardium"). A coder then reads the category in the Tabular and takes the sibling whose title
the documentation says: "Posterior subluxation and dislocation of proximal end of tibia" when the tibia went
back, "Injury of heart without hemopericardium" when none is said to be there (guideline I.A.9.b: the
unspecified code only when the record says no more).

`said_sibling` does it from the Tabular itself: from the answered code it climbs to the highest ancestor whose
title says "unspecified", compares each sibling of that ancestor with it word by word (the words a sibling's
title adds), and takes the one sibling the query says the added words of (a direction said in everyday words:
"went back" is posterior, "inward" medial). The answer keeps the rest of its code (side, 7th character):
the sibling's code plus the same characters, a code the Tabular has whose title keeps the answered code's
own words (its side, its encounter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from bot.lookups.index.words import content_stems, stem

_WORD = re.compile(r"[a-z][a-z0-9]*")
_GROUP = re.compile(r"(?i)\bother and unspecified\b")
# Words a sibling's title may add that say nothing the user would (the Tabular's bookkeeping).
_PLAIN = frozenset(
    [
        "of",
        "and",
        "or",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "with",
        "as",
        "other",
        "specified",
        "unspecified",
        "nec",
        "site",
        "sites",
        "part",
        "parts",
        "type",
        "types",
        "level",
        "region",
        "initial",
        "subsequent",
        "encounter",
        "sequela",
    ]
)
# The axis words the Tabular's siblings differ by.
_QUALIFIERS = frozenset(
    [
        "anterior",
        "posterior",
        "medial",
        "lateral",
        "inferior",
        "superior",
        "central",
        "without",
        "partial",
        "complete",
        "incomplete",
        "minor",
        "major",
        "displaced",
        "nondisplaced",
        "acute",
        "chronic",
        "subacute",
        "primary",
        "secondary",
        "unilateral",
        "bilateral",
        "recurrent",
        "single",
        "multiple",
        "open",
        "closed",
        "upper",
        "lower",
        "proximal",
        "distal",
        "superficial",
        "deep",
        "traumatic",
        "nontraumatic",
        "intractable",
        "obstructive",
        "nonobstructive",
    ]
)
# Directions said in everyday words, as the Tabular's titles say them.
_DIRECTIONS = {
    "back": "posterior",
    "backward": "posterior",
    "backwards": "posterior",
    "behind": "posterior",
    "rear": "posterior",
    "forward": "anterior",
    "forwards": "anterior",
    "inward": "medial",
    "inwards": "medial",
    "inside": "medial",
    "outward": "lateral",
    "outwards": "lateral",
    "outside": "lateral",
    "downward": "inferior",
    "downwards": "inferior",
    "upward": "superior",
    "upwards": "superior",
}

# How much of a thing, said in everyday words, as the Tabular's complete / partial axis says it ("a whole
# artificial leg": complete; "part of"... is said by "partial" itself).
_EXTENTS = {
    "whole": "complete",
    "entire": "complete",
    "full": "complete",
}


@dataclass(frozen=True)
class Node:
    """A Tabular line: its title, its parent's code, whether it is billable."""

    title: str
    parent: str
    billable: bool


@dataclass(frozen=True)
class Line:
    code: str
    title: str


def sibling_words(text: str) -> set[str]:
    """The query's words, with an adverb read as its adjective ("posteriorly"), and a direction or an extent
    said in everyday words as the Tabular's ("went back": posterior; "a whole artificial arm": complete)."""
    words = set(_WORD.findall(text.lower()))
    for word in list(words):
        if word.endswith("ly") and len(word) > 5:
            words.add(word[:-2])
        if word in _DIRECTIONS:
            words.add(_DIRECTIONS[word])
        if word in _EXTENTS:
            words.add(_EXTENTS[word])
    return words


def _content(title: str) -> set[str]:
    text = re.sub(r"(?i)\bwith or without\b", " ", title.lower())
    return {w for w in _WORD.findall(text) if w not in _PLAIN}


def said_sibling(
    code: str,
    said: Collection[str],
    node: Callable[[str], Node | None],
    children: Callable[[str], list[Line]],
) -> Line | None:
    """The billable code of the sibling the words say, of the unspecified line the code lies under (codes
    without dots; `node(code)`: the Tabular's line, `children(code)`: the lines under it), or None."""
    chain: list[Line] = []
    current = code
    while current and "-" not in current and len(chain) < 6:
        found = node(current)
        if found is None:
            return None
        chain.append(Line(current, found.title))
        current = found.parent
    # ("Other and unspecified malignant neoplasm of skin of eyelid" heads its own "Unspecified ..." line and
    # the siblings that say the morphology: a group's title, not the unspecified line)
    unspecified = [
        i
        for i, node in enumerate(chain)
        if "unspecified" in node.title.lower() and not _GROUP.search(node.title)
    ]
    if not unspecified:
        return None
    top = max(unspecified)
    if top + 1 >= len(chain) or (top == 0 and len(chain[0].code) <= 3):
        return None
    general, parent = chain[top], chain[top + 1]
    base = _content(general.title)
    siblings = [
        (sibling, _content(sibling.title) - base)
        for sibling in children(parent.code)
        if sibling.code != general.code
        and len(sibling.code) == len(general.code)
        and "unspecified" not in sibling.title.lower()
    ]
    # a word only one sibling adds tells that sibling ("posterior"; "tibia", added by all four, tells none)
    counts: dict[str, int] = {}
    for _, added in siblings:
        for word in added:
            counts[word] = counts.get(word, 0) + 1
    best: list[tuple[int, Line]] = []
    for sibling, added in siblings:
        named = {w for w in added if counts[w] == 1} & set(said)
        # a qualifier (the Tabular's axis words) tells it; another word only with all the words it adds
        # ("distal radioulnar joint"; "colon" alone is no "inflammatory polyps of colon")
        if named and (named & _QUALIFIERS or added <= set(said)):
            best.append((len(named), sibling))
    best.sort(key=lambda kv: -kv[0])
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    chosen = best[0][1].code + code[len(general.code) :]
    found = node(chosen)
    if found is None or not found.billable:
        return None
    kept = _content(chain[0].title) - _content(general.title)
    if not kept <= _content(found.title) | _content(best[0][1].title):
        return None  # (another structure below the sibling: not the same side or encounter)
    return Line(chosen, found.title)


# A title's words that say the default kind, which a user says by saying nothing ("primary osteoarthritis",
# "idiopathic gout"): a sibling adding only these adds no condition.
_DEFAULTS = frozenset(
    stem(w)
    for w in (
        "primary",
        "idiopathic",
        "uncomplicated",
        "essential",
        "simple",
        "typical",
        "unilateral",
        "other",
    )
)
# Words that link a title's conditions, no condition of their own ("resulting from hip dysplasia").
_LINKERS = frozenset(
    stem(w) for w in ("resulting", "due", "associated", "caused", "related", "involving", "following", "from")
)
_NOT_DEFINITE = re.compile(r"(?i)\b(?:other|unspecified|nec)\b")
_WITHOUT = re.compile(r"(?i)\bwithout\b[^,;]*")
_SIDE = re.compile(r"(?i)\b(?:right|left)\b")


def _told(title: str) -> frozenset[str]:
    """A title's stems outside its "without ..." clause (a without clause says no more is there)."""
    return content_stems(_WITHOUT.sub(" ", title))


def may_add_unsaid(first: str, other: str, path: str) -> bool:
    """A cheap test before `adds_unsaid_condition` (no query words read): the other is a definite line and
    the first adds a word of its Index line."""
    if _NOT_DEFINITE.search(other):
        return False
    added = _told(first) - _told(other) - _DEFAULTS - _LINKERS
    return bool(added & content_stems(path))


def adds_unsaid_condition(
    first: str, other: str, said: frozenset[str], path: str, pertains: Callable[[str], Iterable[str]]
) -> bool:
    """Whether the first title adds a condition the query does not say ("recurrent, severe with psychotic
    symptoms"; "resulting from hip dysplasia") where the other, of the same category, adds none but the
    default kind or a "without" clause ("severe without psychotic features"; "primary"). Guideline I.A.9.b:
    no code states a condition the record does not. `said`: the query's stems (its vocabulary read);
    `path`: the words of the Index line that reached the first answer - the condition it adds must be one
    of that line's unsaid subterms ("Depression, psychotic, recurrent"), not the meaning of a name the query
    said ("Ramsay-Hunt": geniculate ganglionitis); `pertains`: the nouns an adjective pertains to
    ("pulmonary": lung, said by "lung")."""
    if _NOT_DEFINITE.search(other):
        return False  # ("Other ...", "... unspecified": no line that says the default kind)
    told_first, told_other = _told(first), _told(other)
    default = _DEFAULTS | ({stem("unilateral")} if _SIDE.search(first) else frozenset())
    added = told_first - told_other - default - _LINKERS
    added_other = told_other - told_first - said - default - _LINKERS
    if not added or added_other or not (told_first & said) <= told_other:
        return False
    if not added & content_stems(path):
        return False
    for word in _WORD.findall(first.lower()):
        if stem(word) in added and (
            stem(word) in said or any(stem(n) in said for noun in pertains(word) for n in noun.split())
        ):
            return False
    return True
