"""The body part a procedure word names, read in the table the PCS Index sends it to.

Many procedure words are PCS Index main terms that name only a body system ("Iridectomy see Excision, Eye
08B"; "Bursectomy see Excision, Bursae and Ligaments 0MB"; "Tenotomy see Division, Tendons 0L8"): the
coder turns to the table and reads the body part from the word itself - "irid-" is the Iris, a body part
of that table, though the Latin stem (irid-) and the English name (iris) part after three letters. Here a
procedure word's combining form is matched against the body-part values of the table only, where three
shared letters are enough to tell (the whole PCS book would need more).

The word's body part also completes a Body Part Key line the query names only half of: "olecranon
bursectomy" says "Olecranon" and, through its form, "bursa" - the Key's "Olecranon bursa - use Elbow
Bursa and Ligament".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups.index.completion import value_words
from bot.lookups.index.pcs_roots import SIDE_WORDS, combining_form, shared_prefix
from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import stem

TABLE_SHARED = 3  # letters a form shares with a body part's name of the table: "irid" / "Iris"
SLACK = 2  # letters of the form past the shared start ("irid": one; "ethmoid": none)
_WORD = re.compile(r"[a-z]+")


def _part_words(conn: sqlite3.Connection, table: str, memo: dict[object, object]) -> tuple[str, ...]:
    key = ("pcs table part words", table)
    found = memo.get(key)
    if not isinstance(found, tuple):
        words: set[str] = set()
        for (meaning,) in conn.execute(
            "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4", [table]
        ):
            words.update(w for w in _WORD.findall(str(meaning).lower()) if w not in SIDE_WORDS)
        found = tuple(sorted(words))
        memo[key] = found
    return found


def table_form_words(
    conn: sqlite3.Connection, table: str, words: Sequence[str], memo: dict[object, object]
) -> frozenset[str]:
    """The stems of the body-part words of a table (three characters: no body part chosen) that a
    procedure word's combining form begins ("iridectomy" in 08B: iris); empty when none does."""
    if len(table) != 3:
        return frozenset()
    found: set[str] = set()
    for word in words:
        if not PROCEDURE_SUFFIX.search(word):
            continue
        form = combining_form(word)
        if len(form) < TABLE_SHARED:
            continue
        best, named = 0, []
        for part in _part_words(conn, table, memo):
            shared = shared_prefix(form, part)
            if shared < TABLE_SHARED or shared < len(form) - SLACK:
                continue
            if shared > best:
                best, named = shared, [part]
            elif shared == best:
                named.append(part)
        found.update(stem(p) for p in named)
    return frozenset(found)


def keyed_by_form(
    conn: sqlite3.Connection, said: frozenset[str], implied: frozenset[str], memo: dict[object, object]
) -> frozenset[str]:
    """The words of the Body Part Key values whose key term the query says half of and a procedure word's
    body part the other half ("olecranon" + "bursectomy": Olecranon bursa -> Elbow Bursa and Ligament)."""
    if not implied - said:
        return frozenset()
    return value_words(conn, said | implied, memo) - value_words(conn, said, memo)
