"""A line of chat words only: "the elevator on 3 is broken again", "testing 1 2 3" - a message, answered with
no code at all (bot.lookups.search: "no confident match").

bot.lookups.index.office_talk answers a line of chat words with no code when it names an office thing (a
printer, lunch, a password). A line of `MIN_WORDS` words or more whose every word is chat - pronouns,
auxiliaries, the everyday words of a broken machine or a late colleague, the office's rooms, times and
numbers (`CHAT`), or the words of a message about a record ("testing", "please"; bot.lookups.index.vague) -
names nothing a coder codes either: no condition, no body part, no injury's verb, no drug, procedure or item.
Two kinds of chat word still keep it a coding question, searched as before:

- a word a place of occurrence's title prints (ICD-10-CM Y92, "Parking lot as the place of occurrence of
  the external cause"): the place alone is what the External Cause Index codes ("in a parking lot" is
  Y92.481; guideline I.C.20.b, the place of occurrence code);
- a word whose usual WordNet senses are a body part or a state ("back": "broken back again" is a fracture).

A line shorter than `MIN_WORDS` ("broken again", "patient left") may be a coding question's shorthand.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Sequence

from bot.lookups.filler import FILLER
from bot.lookups.index.office_talk import CHAT
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.vague import OFFICE_WORDS
from bot.lookups.schema import STOPWORDS
from bot.lookups.wordnet import Sense

MIN_WORDS = 3
USUAL = 2  # the senses a word is usually meant in
TOLD_KINDS = frozenset({"noun.body", "noun.state"})
_NUMBERED = re.compile(r"^[0-9][0-9:.,/-]*(?:am|pm|st|nd|rd|th)?$")
# The place of occurrence codes (ICD-10-CM Y92, from Y92 up to Y93): their titles' words are the places the
# External Cause Index codes.
PLACE_CODES_FROM, PLACE_CODES_BEFORE = "Y92", "Y93"
_MEMO_KEY = "chat_only.places"


def place_words(conn: sqlite3.Connection) -> frozenset[str]:
    """The words the titles of the place of occurrence codes (Y92) print, function words aside (about 250
    titles)."""
    rows = conn.execute(
        "SELECT title FROM codes WHERE system = 'cm' AND code >= ? AND code < ?",
        [PLACE_CODES_FROM, PLACE_CODES_BEFORE],
    ).fetchall()
    said = {w for (title,) in rows for w in re.findall(r"[a-z]+", str(title).lower())}
    return frozenset(w for w in said if len(w) > 2 and w not in STOPWORDS and w not in FILLER)


def places_of(tree: IndexTree) -> frozenset[str]:
    """`place_words` of the tree's code database, read once per tree (kept in its memo, which keeps a table
    read whole)."""
    found = tree.memo.get(_MEMO_KEY)
    if found is None:
        found = tree.memo[_MEMO_KEY] = place_words(tree.conn)
    return found  # type: ignore[return-value]


def chat_only(
    words: Sequence[str], places: Collection[str], senses: Callable[[str], Sequence[Sense]]
) -> bool:
    """Whether the line's words (lower case, in order, end punctuation off) are chat only (see the module
    docstring)."""
    if len(words) < MIN_WORDS:
        return False
    for word in words:
        if _NUMBERED.match(word):
            continue
        if word not in CHAT and word not in OFFICE_WORDS:
            return False
        if word in places or any(s.kind in TOLD_KINDS for s in senses(word)[:USUAL]):
            return False
    return True
