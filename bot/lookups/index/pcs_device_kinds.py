"""A device the Device Key names as a kind of another: the kind, not the general device, is the value.

The ICD-10-PCS Device Key names some devices as "<device>, <kind>": "Endotracheal tube (cuffed)(double-lumen) -
use Intraluminal Device, Endotracheal Airway in Respiratory System", "Implantable drug infusion pump
(anti-spasmodic)(chemotherapy)(pain) - use Infusion Device, Pump in Subcutaneous Tissue and Fascia". The
Device Aggregation table says the same: the specific device (Endotracheal Airway, Infusion Pump) is coded in
the tables that offer it, and the general device (Intraluminal Device, Infusion Device) only where they do not.
So where a table offers both values ("0BH Trachea: D Intraluminal Device; E Endotracheal Airway"), the value
holding the kind's words is the one the key line names.

Here: the words after the last comma of each Device Key value the query says by its name (bot.lookups.index.
pcs_keys.names_key, or its acronym), for the table completion to prefer the device value holding them.
"""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.index.pcs_keys import names_key
from bot.lookups.index.store import pcs_use_values
from bot.lookups.index.tree import SIDE_STEMS
from bot.lookups.index.words import content_stems, stem

ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]+)\)")  # a key line's acronym: "(PICC)"
MEMO_LIMIT = 20_000  # the completion memo's bound (as bot.lookups.index.completion clears it)


def _kinds(
    conn: sqlite3.Connection, word: str, memo: dict[object, object]
) -> tuple[tuple[str, frozenset[str]], ...]:
    """The key lines holding a word whose value names a kind after a comma, with the kind's words."""
    key = ("device kinds", word)
    found = memo.get(key)
    if isinstance(found, tuple):
        return found
    out = []
    for term, value in pcs_use_values(conn, word):
        if "," in value:
            kind = content_stems(value.rsplit(",", 1)[1]) - SIDE_STEMS
            if kind:
                out.append((term, kind))
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    memo[key] = result = tuple(out)
    return result


def device_kind_words(
    conn: sqlite3.Connection, query_stems: frozenset[str], memo: dict[object, object] | None
) -> frozenset[str]:
    """The words of the device kinds the Device Key lines the query names give ("ETT" said as endotracheal
    tube -> {endotracheal, airway})."""
    memo = {} if memo is None else memo
    return frozenset(
        w
        for word in query_stems
        for term, kind in _kinds(conn, word, memo)
        if names_key(term, query_stems) or {stem(a) for a in ACRONYM.findall(term)} & query_stems
        for w in kind
    )
