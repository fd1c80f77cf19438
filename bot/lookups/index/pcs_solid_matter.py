"""The thing a query says was taken out, read as solid matter by what it is.

ICD-10-PCS tells three takings apart by what is taken out: a device is a Removal ("taking out or off a device
from a body part"), a body part an Excision, Resection or Extraction, and anything else solid an Extirpation
("taking or cutting out solid matter from a body part ... an abnormal byproduct of a biological function or a
foreign body"). A coder does not need the foreign body named as "foreign body": a bead in the ear canal, a
peanut in a bronchus, a marble in the nose or a piece of glass in the palm is solid matter because it is a
thing that is neither the patient's body nor a device put in. Here the object of the taking word (the words
after it up to the next preposition, or the words before it: "bead removal") is read in WordNet: its first
noun sense filed as a natural object, a substance, a food, a plant part or an artifact is a thing; a word the
PCS tables name as a body part, a device the query names (bot.lookups.index.pcs_removal.names_device: the Device
Key, the device values, the common device words) or a state ("polyp", "cyst": noun.state) is not. The only
lists are grammar (the prepositions that end the object, the articles) and WordNet's own lexicographer files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from bot.lookups.index.pcs_removal import names_device
from bot.lookups.index.words import stem
from bot.lookups.wordnet import reader

# WordNet's lexicographer files of things one can hold: what is taken out as solid matter is one of them.
THING_KINDS = frozenset({"noun.object", "noun.substance", "noun.food", "noun.plant", "noun.artifact"})
# Words that end the object of a taking ("removal of a bead from the ear", "removed ... with forceps").
OBJECT_ENDS = frozenset(
    {"from", "with", "by", "using", "via", "in", "out", "through", "under", "at", "on", "to"}
)
ARTICLES = frozenset({"a", "an", "the", "of", "some", "two", "three", "several", "multiple", "retained"})
SHORT = 3  # a word this short is a sign or an initial, not a thing named
_MEMO_KEY = "pcs thing words"
CACHE = 4096


def object_words(words: Sequence[str], taking: frozenset[str]) -> list[str]:
    """The words a taking word (its stem in `taking`) takes out: those after it up to the next preposition, or
    when none follow, those before it back to one ("foreign body removal from stomach")."""
    low = [w.lower() for w in words]
    out: list[str] = []
    for at, word in enumerate(low):
        if stem(word) not in taking:
            continue
        after: list[str] = []
        for nxt in low[at + 1 :]:
            if nxt in OBJECT_ENDS or stem(nxt) in taking:
                break
            if nxt not in ARTICLES:
                after.append(nxt)
        if after:
            out += after
            continue
        before: list[str] = []
        for prev in reversed(low[:at]):
            if prev in OBJECT_ENDS or prev in ARTICLES or stem(prev) in taking:
                break
            before.append(prev)
        out += reversed(before)
    return out


def _body_part_stems(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    key = "pcs body part stems"
    found = memo.get(key)
    if not isinstance(found, frozenset):
        stems: set[str] = set()
        for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
            stems.update(stem(w) for w in str(meaning).lower().replace(",", " ").split() if w.isalpha())
        found = frozenset(stems)
        memo[key] = found
    return found


def memo_part(memo: dict[object, object], key: str, limit: int) -> dict[Any, Any]:
    """The tree memo's own dictionary under `key` for one reading's results, started again when it holds
    `limit` entries (a bounded cache the memo's clearing also drops)."""
    part = memo.get(key)
    if not isinstance(part, dict) or len(part) >= limit:
        part = {}
        memo[key] = part
    return part


def is_thing(conn: sqlite3.Connection, word: str, memo: dict[object, object]) -> bool:
    """Whether a word's first WordNet noun sense is a thing one can hold (THING_KINDS), and no PCS body part
    word."""
    word = word.lower()
    if len(word) <= SHORT or not word.isalpha() or stem(word) in _body_part_stems(conn, memo):
        return False
    cache = memo_part(memo, _MEMO_KEY, CACHE)
    found = cache.get(word)
    if found is None:
        senses = reader(conn).senses(word)
        found = bool(senses) and senses[0].kind in THING_KINDS
        cache[word] = found
    return bool(found)


def things_taken(
    conn: sqlite3.Connection,
    words: Sequence[str],
    taking: frozenset[str],
    memo: dict[object, object],
) -> frozenset[str]:
    """The stems of the things a query says were taken out (bead, peanut, glass); none when it names a device:
    a device taken out is a Removal."""
    objects = object_words(words, taking)
    if not objects:
        return frozenset()
    if names_device(conn, frozenset(stem(w) for w in words), memo):
        return frozenset()
    return frozenset(stem(w) for w in objects if is_thing(conn, w, memo))
