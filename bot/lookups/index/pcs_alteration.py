"""A procedure done to improve appearance is an Alteration, whatever root operation its name led to.

ICD-10-PCS root operation Alteration (0): "modifying the anatomic structure of a body part without affecting
the function of the body part", its explanation "principal purpose is to improve appearance" (examples: face
lift, breast augmentation). The Index sends many "-plasty" words to Repair, Replacement or Supplement only
("Otoplasty - see Repair, Ear, Nose, Sinus 09Q | Replacement 09R | Supplement 09U"), and the coder turns to the
Alteration table of the same body system when the record says the operation was cosmetic ("otoplasty to pin
back both ears, cosmetic": Alteration of Bilateral External Ear 0902XZZ). So where a Medical and Surgical code
of another root operation was reached and the query says the purpose is appearance, the Alteration table of the
same body system completes the code for the same body part, when it has that body part.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, complete_pcs
from bot.lookups.index.words import stem

ALTERATION = "0"
# The words saying the purpose is the look of the body part (the definition's "improve appearance").
APPEARANCE_STEMS = frozenset(
    stem(w) for w in ("cosmetic", "cosmetically", "aesthetic", "esthetic", "appearance")
)


def alteration_for_appearance(
    conn: sqlite3.Connection, done: Completion, query_stems: frozenset[str], memo: dict[object, object]
) -> Completion | None:
    """The Alteration code for the same body part when the query says the operation was for appearance; None
    when it does not apply or the Alteration table has no such body part."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] == ALTERATION or not query_stems & APPEARANCE_STEMS:
        return None
    table = code[:2] + ALTERATION + code[3]
    found = complete_pcs(conn, table, query_stems, "", memo)
    if found is None or found.code[:4] != table:
        return None
    how = f"for appearance: Alteration -> {found.how}" if found.how else "for appearance: Alteration"
    return Completion(found.code, found.title, found.billable, how)
