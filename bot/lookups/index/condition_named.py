"""The condition the query names before a title sharing its other words (issue #10).

The Alphabetic Index is entered at the main term, the condition itself, with the anatomical site a subterm
(ICD-10-CM conventions, section I.A, and guideline I.B.1: locate the term in the Alphabetic Index, then verify
it in the Tabular). A query naming a condition that is an Index main term ("sialolithiasis") is answered by
that main term's line, even when the line lists no subterm for the site the query adds ("submandibular
gland"), and not by a code title that shares the site words but leaves the condition unread ("Malignant
neoplasm of submandibular gland")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.index.words import stem
from bot.lookups.schema import WORD

LOOKED_DEEPER = 10  # the answers searched for the condition's own Index line
_QUERY_NOTES = re.compile(r"\((?:spelling|word form): [^)]*\)")


def condition_line(
    query: str,
    answers: Sequence[tuple[str, str, str]],
    adds: Callable[[str, str], list[str] | None],
    used: Callable[[str, str], frozenset[str]],
) -> int:
    """The position of the Index line to put first, or 0: the first answer (`answers`: each answer's system,
    title and why, in rank order) is a code title or inclusion term that leaves unread a main term the
    query names whole, and a later ICD-10-CM Index line is that main term's, saying no word the query does
    not (`adds`: the words a path adds to the query; `used`: the stems an answer says)."""
    if (
        len(answers) < 2
        or answers[0][0] != "ICD-10-CM"  # (an item's or a service's title is another code set's answer)
        or not answers[0][2].startswith(("title:", "inclusion term:"))
    ):
        return 0
    # (a spelling read for the whole query is no word the title reads: "sialolithiasus -> sialolithiasis")
    first_used = used(answers[0][1], _QUERY_NOTES.sub(" ", answers[0][2]))
    for n, (system, _title, why) in enumerate(answers[1:LOOKED_DEEPER], start=1):
        if system != "ICD-10-CM" or not why.startswith("Index: ") or " -> see " in why:
            continue  # (a main term that only refers on - "Tumor - see Neoplasm" - codes no condition itself)
        path = why.removeprefix("Index: ").split(" -> ")[0]
        main = path.split(", ")[0]
        stems = {stem(w) for w in WORD.findall(main.lower())}
        if not stems or any(_reads(s, first_used) for s in stems):
            continue  # (the title reads the condition too, in any form: its own words choose)
        if adds(query, why.replace(path, main, 1)) == [] and adds(query, why) == []:
            return n
    return 0


def _reads(said: str, used: frozenset[str]) -> bool:
    """Whether an answer's stems hold a word said, in any of its forms ("gaseous" reads Gas)."""
    return said in used or any(u.startswith(said) or said.startswith(u) for u in used if len(u) > 3)
