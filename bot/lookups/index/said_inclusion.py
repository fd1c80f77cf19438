"""The code of the first answer's category whose Tabular inclusion term the query says, where its title leaves
the value open.

Below a code's title the Tabular prints its inclusion terms: the conditions the code also covers, often in the
words a record uses ("Vaginal thrush" and "Candidiasis of vulva and vagina NOS" under B37.31 "Acute
candidiasis of vulva and vagina"; "Posthemorrhagic anemia (chronic)" under D50.0; "Non-specific interstitial
pneumonitis NOS" under J84.89). A coder who reached "Candidiasis, unspecified" (B37.9) for "vaginal yeast
infection" reads the category's codes, finds the inclusion term the record says and takes its code (guideline
I.A.11: inclusion terms are conditions for which the code is to be used; I.B.1: the Tabular decides among
the codes the Index leads to). `bot.lookups.index.said_axis` reads the titles only; a title adding a word the
query does not say ("Acute" of B37.31) is no value said there, though an inclusion term of the same code says
the query whole.

`inclusion_choice` takes, among the billable codes of the first answer's category (of its encounter, when it
has a 7th character) whose title keeps every word of the first's title outside its open part, the code with an
inclusion term every word of which the query says - itself, by its vocabulary reading, by an adjective
pertaining to the word, or as a word the first answer's own title prints (the Index reached it from the
query) - and which says at least one word the first's title does not. A member of a list printed as one value
("vulva and vagina") is said when another member is. Where two codes are said as much, none is chosen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.lookups.index.category_detail import GRAMMAR, contradicts, residual_words, says_word, told
from bot.lookups.index.said_axis import open_part
from bot.lookups.index.words import content_stems

# The Tabular's mark of an inclusion term that holds the condition without further detail ("NOS").
_NOS = content_stems("NOS")
_ELSEWHERE = "in diseases classified elsewhere"
# A title leaving a value open: "unspecified", or the default "without complications" of a category whose other
# codes each name a complication (E11.9 beside E11.43 "... with diabetic autonomic (poly)neuropathy").
_OPEN_TITLE = re.compile(r"(?i)\bunspecified\b|\bwithout complications?\b")
# The members of a list of sites printed as one value ("vulva and vagina", "head, face, and neck").
_LIST = re.compile(r"(?i)\s*,\s*(?:and|or)\s+|\s+(?:and|or)\s+|\s*,\s*")


@dataclass(frozen=True)
class InclusionChoice:
    code: str  # undotted
    title: str
    term: str  # the inclusion term the query says, as printed


@dataclass(frozen=True)
class Sibling:
    code: str  # undotted
    title: str
    inclusions: tuple[str, ...]  # its own inclusion terms, in the Tabular's order


def inclusion_choice(
    first: tuple[str, str],
    family: Iterable[Sibling],
    said: frozenset[str],
    refused: frozenset[str] = frozenset(),
) -> InclusionChoice | None:
    """The billable code of the first answer's category (`family`, its codes of the first's length class and
    7th character) one of whose inclusion terms the query says whole and with a word the first's title does not
    print, or None (`said`: the query's stems with their readings; `refused`: those it negates)."""
    code, title = first
    if not _OPEN_TITLE.search(title):
        return None
    mine = told(title)
    opened = open_part(title)
    affirmed = frozenset(said - refused - GRAMMAR)
    best: list[tuple[int, str, str, str]] = []
    for other in family:
        if other.code == code or not other.inclusions or _ELSEWHERE in other.title.lower():
            continue  # (a manifestation code is never the first listed, guideline I.A.13)
        if "unspecified" in other.title.lower():
            continue  # (a code leaving its own value open says none)
        if len(code) == 7 and (len(other.code) != 7 or other.code[-1] != code[-1]):
            continue  # (another encounter: the 7th character is the query's, already chosen)
        theirs = told(other.title)
        if any(not says_word(w, theirs) and not says_word(w, opened) for w in mine):
            continue  # (it drops a word of the first's title: another kind of the condition)
        if contradicts(other.title, affirmed, refused):
            continue
        top: tuple[int, str] | None = None
        for term in other.inclusions:
            words = told(term) - residual_words(term) - _NOS
            new = {w for w in words if not says_word(w, mine) and says_word(w, affirmed)}
            if not new or contradicts(term, affirmed, refused):
                continue
            heard = new | {w for w in words if says_word(w, mine) and says_word(w, affirmed | mine)}
            unheard = words - heard
            if unheard and not _other_members_said(term, unheard, heard):
                continue
            if top is None or len(new) > top[0]:
                top = (len(new), term)
        if top is not None:
            best.append((top[0], other.code, other.title, top[1]))
    if not best:
        return None
    best.sort(key=lambda b: b[0], reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    _, other_code, other_title, term = best[0]
    return InclusionChoice(other_code, other_title, term)


def _other_members_said(term: str, unheard: Iterable[str], heard: set[str]) -> bool:
    """Whether every unsaid word of an inclusion term is a whole member of the list of sites after its last
    "of", another member of which the query says ("vulva" of "Candidiasis of vulva and vagina NOS" for
    "vaginal"; not "recurrent" of "Recurrent candidiasis of vulva and vagina")."""
    _, of, sites = term.rpartition(" of ")
    if not of:
        return False
    members = [content_stems(m) - _NOS for m in _LIST.split(sites) if m.strip()]
    said_members = [m for m in members if m & heard]
    for word in unheard:
        own = [m for m in members if word in m]
        if not own or any(m & heard for m in own) or not any(m not in own for m in said_members):
            return False
    return True
