"""A Z code answered whose reading left a query word unread -> the code of its category the Tabular names it by.

The Index files the factors influencing health status (chapter 21, Z00-Z99) under few frame words and
fewer subterms; the Tabular says the rest in its titles and inclusion terms (guideline I.C.21: the Z codes
are chosen by what the record says of the encounter, the status or the history; I.A.9.b: an unspecified or
"other" code only when the record says no more). "virus is resistant to the antiviral meds" reaches
"Drug, resistant organism infection" (Z16.30, "Resistance to unspecified antimicrobial drugs") and leaves
"antiviral" unread, where Z16.33 beside it is "Resistance to antiviral drug(s)"; "hx of bariatric surgery"
reaches "History, personal, surgery NEC" (Z98.890, "Other specified postprocedural states") where Z98.84 is
"Bariatric surgery status"; "long term steroid inhaler" reaches Z79.899, where Z79.51 is "Long term
(current) use of inhaled steroids". A coder reads the category's codes in the Tabular and takes the one
that says the word.

`unread_sibling` compares each billable code of the first answer's category with it: the code must say
(by its title, or an inclusion term the query says whole) a query word the first answer's reading left
unread, say every query word the first's title says, and contradict nothing the query says or negates; where the
first's title says no query word, the code must not add more words the query does not say than it reads.
Among such codes the one saying the most unread words, then adding the fewest words the query does not
say, is taken; a tie is no answer (the Tabular does not decide). A reading that left most of the query's
words unread is no such reading: the words were rewritten into the Index's ("sedentary lifestyle" is "Lack
of, physical exercise"), and its note of unused words is no guide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.lookups.index.category_detail import (
    _OTHER,
    GRAMMAR,
    CodeReading,
    _says,
    _says_word,
    contradicts,
    told,
)
from bot.lookups.index.words import content_stems

# The chapter whose codes this reading compares (Factors influencing health status, Z00-Z99).
CHAPTER = "Z"
# Words of the encounter's frame every Z title may print and a query may say as bookkeeping: they never tell
# one code of a category from another.
_FRAME = content_stems("encounter visit patient person status history personal family other unspecified")


@dataclass(frozen=True)
class UnreadChoice:
    code: str  # undotted
    words: tuple[str, ...]  # the unread query words it says, as typed


def unread_sibling(
    said: frozenset[str],
    typed: frozenset[str],
    refused: frozenset[str],
    unread: Sequence[str],
    first: CodeReading,
    siblings: Sequence[CodeReading],
    pertains: Callable[[str], Iterable[str]] = lambda word: (),
) -> UnreadChoice | None:
    """The code of the first answer's category (`siblings`, the category's billable codes) that says a query
    word the first's reading left `unread` (see the module's docstring), or None.

    `said`: the query's stems (its vocabulary readings included), `typed`: the stems of its own words (a
    vocabulary reading's frame words - "long term steroids -> long-term drug therapy" - are the first's Index
    line, not words another code must print), `refused`: the stems it negates."""
    raw = first.code.replace(".", "")
    if not raw.startswith(CHAPTER):
        return None
    affirmed = frozenset(said - refused - GRAMMAR)
    unread = [w.strip() for w in unread if w.strip()]
    missed = frozenset(s for w in unread for s in content_stems(w)) - GRAMMAR - _FRAME
    if 2 * len(missed) > len(typed - GRAMMAR - _FRAME):
        # (a reading that left most of the query unread is one the words were rewritten for - "sedentary
        # lifestyle" read as "Lack of, physical exercise" - whose note of unused words is no guide)
        return None
    # (a word the first code's own Tabular words print is no word its reading missed: "IUD removed" is
    # Z30.432's "removal" whatever its path's note says)
    own = told(first.title).union(*(told(term) for term in first.inclusions))
    left = frozenset(
        w
        for w in frozenset(s for w in unread for s in content_stems(w)) - GRAMMAR - _FRAME - refused
        if not _says_word(w, own)
    )
    if not left:
        return None
    kept = [w for w in typed - refused - GRAMMAR - _FRAME if _says_word(w, told(first.title))]
    found: list[tuple[tuple[int, int, int], str, tuple[str, ...]]] = []
    for other in siblings:
        code = other.code.replace(".", "")
        if code == raw or code[:3] != raw[:3]:
            continue
        printed = told(other.title).union(*(told(term) for term in other.inclusions))
        if not any(_says_word(w, printed) for w in left) or contradicts(other.title, affirmed, refused):
            continue  # (no unread word printed: the cheap test first)
        says = _says(other, pertains, affirmed)
        gain = tuple(sorted(w for w in left if _says_word(w, says)))
        if not gain or any(not _says_word(w, says) for w in kept):
            continue
        unsaid = [w for w in told(other.title) - _FRAME if not any(_says_word(q, (w,)) for q in affirmed)]
        if not kept and len(unsaid) > len(gain):
            # (sharing no word with the first's title, a code saying more the query does not than it
            # says: "check of VP shunt" is no pacemaker's "checking and testing")
            continue
        found.append(((len(gain), -len(unsaid), -int(bool(_OTHER.search(other.title)))), code, gain))
    if not found:
        return None
    found.sort(reverse=True)
    if len(found) > 1 and found[1][0] == found[0][0]:
        return None
    gain = found[0][2]
    words = tuple(dict.fromkeys(w for w in unread if content_stems(w) & frozenset(gain)))
    return UnreadChoice(found[0][1], words or gain)
