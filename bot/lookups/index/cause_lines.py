"""A symptom told with its cause, read at the "due to" line the Index sends that symptom's causes to.

"itchy rash on my scalp from hair dye", "rash after a caterpillar crawled on my arm", "itchy rash where my belt
buckle touches, nickel allergy": the patient names a symptom (Rash R21, a nonspecific eruption) and what brought
it on. The Alphabetic Index files the symptom with a cause under another main term's "due to" line, and says so
itself: "Rash, food - see Dermatitis, due to, food" (and "Eruption, skin, meaning dermatitis - see Dermatitis");
"Laryngitis, due to external agent - see Inflammation, respiratory, upper, due to"; "Erythema, medicamentosum -
see Dermatitis, due to, drugs". A coder who hears a rash with a cause reads the cause under "Dermatitis, due to"
(nickel, dyes, plants, cement, caterpillar...), as the Index's own cross-reference does for food.

`cause_lines` reads those cross-references from the Index: for each main term with a code (no injury: a
fracture's or a cave-in's "due to" is another story) one of whose subterms sends to a "due to" line, the path up
to that "due to" ("Rash" -> "Dermatitis, due to"). `told_cause` finds the cause a sentence says after its
connective ("from", "after", "when", "every time", "wherever", "where ... touches", "due to", "because of",
"caused by"). The search looks the "due to" line up with the cause's words and keeps the answer only when its
Index path runs through that main term and reads a word of the cause (bot.lookups.search.Searcher._caused).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.lookups.index.words import stem

# The connectives a cause follows ("rash from hair dye", "rash every time I pet the cat", "rash where my belt
# buckle touches").
_CAUSE = re.compile(
    r"\b(?:from|after|when|whenever|wherever|every\s+time|each\s+time|due\s+to|because\s+of|caused\s+by|"
    r"where(?=\s+[^,.;]*\btouch))\s+(?P<cause>.+)$"
)
_WORD = re.compile(r"[a-z]+")
# Words of a cause clause that are no cause ("when I run", "after I got home"): who and what was done with it.
_NO_CAUSE = frozenset(
    {
        "i",
        "me",
        "my",
        "he",
        "she",
        "his",
        "her",
        "we",
        "they",
        "it",
        "the",
        "a",
        "an",
        "and",
        "on",
        "in",
        "at",
        "of",
        "with",
        "to",
        "was",
        "is",
        "got",
        "get",
        "had",
        "have",
        "some",
        "something",
        "new",
        "that",
        "this",
        "allergic",
        "allergy",
        "allergies",
    }
)


def cause_lines(execute: Callable[..., Any]) -> dict[str, str]:
    """Each coded, non-injury main term (its first form, lowercase) whose subterm sends to a "due to" line, by
    that line's path ("rash" -> "Dermatitis, due to"), read from the Alphabetic Index once."""
    rows = execute(
        "SELECT m.term, m.code, c.see FROM index_nodes c JOIN index_nodes m ON m.id = c.parent "
        "WHERE c.book = 'cm' AND m.depth = 0 AND m.code != '' AND c.see LIKE '%, due to%'"
    ).fetchall()
    found: dict[str, str] = {}
    for term, code, see in rows:
        if str(code)[:1] in "ST":
            continue  # (an injury's "due to" is another kind of line: Fracture, pathological, due to)
        parts = [p.strip() for p in str(see).split(",")]
        at = next((i for i, p in enumerate(parts) if p.startswith("due to")), None)
        if at is None or at == 0:
            continue
        found.setdefault(str(term).split(",")[0].strip().lower(), ", ".join([*parts[:at], "due to"]))
    return found


def told_cause(text: str) -> tuple[str, ...]:
    """The words of the cause the sentence says after its connective, the words of no cause left out (empty
    when it says none)."""
    found = _CAUSE.search(text.lower().replace("\u2019", "'"))
    if found is None:
        return ()
    return tuple(w for w in _WORD.findall(found.group("cause")) if w not in _NO_CAUSE and len(w) > 2)


def symptom_said(text: str, lines: dict[str, str]) -> str | None:
    """The main term of `lines` the sentence names by its own word ("rash", "rashes"), or None."""
    said = {stem(w) for w in _WORD.findall(text.lower())}
    for term in lines:
        if " " not in term and stem(term) in said:
            return term
    return None
