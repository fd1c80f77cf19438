"""The value the query says on the axis the first answer's title leaves unspecified.

A Tabular subcategory's codes differ along one axis - a site, a side, a level, a part - and the code the
Index default reaches says "unspecified" on it: "Cellulitis, unspecified" (L03.90) beside "Cellulitis of face"
(L03.211), "Other cervical disc displacement, unspecified cervical region" (M50.20) beside "... at C4-C5 level"
(M50.221), "Lymphocyte-rich Hodgkin lymphoma, unspecified site" (C81.40) beside "..., lymph nodes of axilla and
upper limb" (C81.44). A coder reads the words that differ between the sibling titles as the axis and takes the
code whose axis value the record says; the unspecified code only when nothing on the axis is said (guideline
I.A.9.b; I.B.1: the Tabular decides among the codes the Index leads to).

`axis_choice` does it from the titles alone: among the billable codes of the first answer's category (of its
encounter, when it has a 7th character), the one whose title keeps every word of the first's title but those of
its "unspecified ..." part, and adds only words the query says - itself, by the vocabulary's reading, or by an
adjective pertaining to the word ("facial": face, "aortic": aorta). A value printed as a list ("axilla and upper
limb", "head, face, and neck") is said when one of its members is. Where two codes say as much, none is chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.lookups.index.category_detail import (
    GRAMMAR,
    contradicts,
    negated_parts,
    residual_words,
    says_word,
    told,
)
from bot.lookups.index.words import content_stems

# The part of a title the code leaves open: "unspecified site", "unspecified cervical region", "part
# unspecified", a trailing ", unspecified".
_OPEN = re.compile(
    r"(?i)\bunspecified\b((?:\s+(?!of\b|with\b|without\b|in\b|and\b)[a-z][a-z-]*){0,3})|,\s*([a-z-]+)\s+unspecified\b"
)
# Members of a list printed as one value ("axilla and upper limb", "head, face, and neck").
_LIST = re.compile(r"(?i)\s*,\s*(?:and|or)\s+|\s+(?:and|or)\s+|\s*,\s*")
_SIDES = frozenset({"right", "left", "bilater"})
PREFIX = 4  # a word said and a title's word share this many first letters at least (or it holds the word)
SUBCATEGORY = 5  # a code this long lies in a subcategory whose values share a frame
FRAME_COUNT = 3  # a word this many values of the axis print is its frame, no value


@dataclass(frozen=True)
class AxisChoice:
    code: str  # undotted
    title: str
    words: tuple[str, ...]  # the query's words that said the axis value, as the title prints them


def open_part(title: str) -> frozenset[str]:
    """The stems of the words a title leaves open ("unspecified cervical region" -> cervical, region)."""
    out: set[str] = set()
    for match in _OPEN.finditer(title):
        out |= content_stems(f"{match.group(1) or ''} {match.group(2) or ''}")
    return frozenset(out)


def _printed(stem_: str, title: str) -> str:
    """A stem as the title prints it (for the user to read)."""
    for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*", title):
        if stem_ in content_stems(word):
            return word.lower()
    return stem_


def path_words(why: str) -> frozenset[str]:
    """The stems an answer's path chose below its main terms: the subterms of its Index lines and the words
    its Tabular completion read ("Neoplasm, kidney, hilus ... -> Tabular: uncertain, behavior, renal"), not
    the main terms a "see" reference named ("see Injury")."""
    out: set[str] = set()
    for segment in why.split(" (")[0].split(" -> "):
        text = segment.partition(": ")[2] if ": " in segment else segment
        if segment.startswith("Tabular"):
            out |= content_stems(text)
        else:
            out |= content_stems(text.removeprefix("see ").partition(",")[2])
    return frozenset(out)


def axis_choice(
    first: tuple[str, str],
    family: Iterable[tuple[str, str]],
    said: frozenset[str],
    refused: frozenset[str] = frozenset(),
    chosen: frozenset[str] = frozenset(),
) -> AxisChoice | None:
    """The billable code (`family`: (code, title), undotted, of the first answer's category) that says the
    value the query says on the axis the first answer's title leaves unspecified, or None.

    `said`: the query's stems (its vocabulary readings and the nouns its adjectives pertain to included),
    `refused`: the stems it negates, `chosen`: the words the first answer's path chose (`path_words`). A code
    dropping a word the query says or the path chose ("traffic", "hip", "renal") is none, unless a word of its
    own holds it ("pancolitis" holds colitis); a word of the first's own title in another form, one the first
    negates ("with status epilepticus" beside "without ...", unless said as printed) and one of an "Other ..."
    residual ("other arteries") say no value."""
    code, title = first
    if "unspecified" not in title.lower():
        return None
    opened = open_part(title)
    mine = told(title)
    affirmed = frozenset(said - refused - GRAMMAR)
    kept_words = affirmed | chosen
    negated = frozenset(w for part in negated_parts(title) for w in part)
    # (a title printing no query word's beginning says no value: read no further)
    starts = tuple({w[:PREFIX] for w in affirmed if len(w) >= PREFIX})
    kept: list[tuple[str, str, frozenset[str]]] = []
    for other, other_title in family:
        if other == code or (len(code) == 7) != (len(other) == 7):
            continue
        if len(code) == 7 and other[-1] != code[-1]:
            continue  # (another encounter: the 7th character is the query's, already chosen)
        theirs = told(other_title)
        if not theirs - mine:
            continue
        added = theirs - mine
        dropped = [w for w in mine - theirs if not says_word(w, added)]
        if any(not says_word(w, opened) or says_word(w, kept_words) for w in dropped):
            continue  # (it drops a word the first's title says outside its open part, or one the query says,
            # and no word of its own holds it: "pancolitis" holds the colitis of "Ulcerative colitis, unspecified")
        kept.append((other, other_title, theirs - mine))
    # the words most values of the axis print ("lymph nodes" of "lymph nodes of axilla"): its frame
    counts: dict[str, int] = {}
    for _, _, added in kept:
        for word in added:
            counts[word] = counts.get(word, 0) + 1
    frame = frozenset(w for w, n in counts.items() if n >= FRAME_COUNT)
    memo: dict[str, bool] = {}
    best: list[tuple[tuple[int, int], str, str, tuple[str, ...]]] = []
    for other, other_title, added in kept:
        if not any(w.startswith(starts) or len(w) >= PREFIX * 2 for w in added):
            continue
        # (the "Other ..." a title begins with is its kind, shared with its siblings: "Other cervical disc
        # displacement at C4-C5 level"; one after it is a residual value: "of other arteries")
        head, _, tail = other_title.partition(" ")
        residual = residual_words(tail if head.lower() == "other" else other_title)
        heard = {
            w
            for w in added
            if w not in residual
            and not says_word(w, mine)
            and (w in affirmed if w in negated else _heard(w, affirmed, memo))
        }
        if not heard or contradicts(other_title, affirmed, refused):
            continue
        unheard = added - heard
        # (a frame word is left unsaid only beside a value of the same subcategory: "lymph nodes" of C81.44 for
        # C81.40, not "suppurative" of H66.002 for H66.92, nor the "current episode" of F31.10 for F31.9)
        same = len(code) >= SUBCATEGORY and other[: len(code) - 1] == code[:-1]
        framed = frame if same else frozenset()
        if unheard & _SIDES or (unheard and not members_of_said_list(other_title, unheard, heard, framed)):
            continue
        words = tuple(sorted(_printed(w, other_title) for w in heard))
        best.append(((len(heard), -len(unheard)), other, other_title, words))
    if not best:
        return None
    best.sort(key=lambda b: b[0], reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    _, other, other_title, words = best[0]
    return AxisChoice(other, other_title, words)


def _heard(word: str, affirmed: frozenset[str], memo: dict[str, bool]) -> bool:
    """Whether the query says a title's word (each word asked once per reading)."""
    known = memo.get(word)
    if known is None:
        known = memo[word] = says_word(word, affirmed)
    return known


def members_of_said_list(
    title: str, unheard: Iterable[str], heard: Iterable[str], frame: frozenset[str]
) -> bool:
    """Whether every unsaid word belongs to a site the query names by another of its words: a word of the
    axis's frame in the same member ("lymph nodes" of "lymph nodes of axilla" when the axilla is said), or
    another member of a list of sites printed as one value, after an "of" with no "with" before it ("upper
    limb" of "axilla and upper limb"; "head" of "head, face, and neck" when the face is said; not
    "perforation" of "with perforation and abscess", nor "stage 2" of "right elbow, stage 2"). A side said
    names no site ("left" of "left lower leg")."""
    named = set(heard) - _SIDES
    spans = _spans(title)
    members = [content_stems(title[a:b]) for a, b in spans]
    said_at = [n for n, m in enumerate(members) if m & named]
    if not said_at:
        return False
    for word in unheard:
        at = [n for n, m in enumerate(members) if word in m]
        if word in frame and any(n in said_at for n in at):
            continue
        if not any(_listed(title, spans, n, j) for n in at for j in said_at if n != j):
            return False
    return True


def _spans(title: str) -> list[tuple[int, int]]:
    """The (start, end) of each member of a title, between its commas and its "and" / "or"."""
    out: list[tuple[int, int]] = []
    start = 0
    for sep in _LIST.finditer(title):
        if sep.start() > start:
            out.append((start, sep.start()))
        start = sep.end()
    if start < len(title):
        out.append((start, len(title)))
    return out


def _listed(title: str, spans: list[tuple[int, int]], one: int, other: int) -> bool:
    """Whether two members of a title are sites of one list: an "and" / "or" between or after them, and an
    "of" before the first with no "with" / "without" between ("of left ankle and foot")."""
    first, last = sorted((one, other))
    start = title[: spans[first][1]].rfind(" of ")
    if start < 0 or re.search(r"(?i)\b(?:with|without|due)\b", title[start : spans[last][0]]):
        return False
    return re.search(r"(?i)\b(?:and|or)\b", title[spans[first][1] :]) is not None
