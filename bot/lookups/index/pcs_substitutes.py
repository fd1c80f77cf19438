"""Replacement or Supplement: which of the two a substitute put in is, by the root operations' definitions.

ICD-10-PCS root operation Replacement (R): "putting in or on biological or synthetic material that physically
takes the place and/or function of all or a portion of a body part"; Supplement (U): "putting in or on
biological or synthetic material that physically reinforces and/or augments the function of a portion of a
body part". The PCS Index sends a graft or a reconstruction to both ("Graft - see Replacement | Supplement",
"Reconstruction - see Repair | Replacement | Supplement"), and leaves the choice to what the record says was
done with the substitute:

- a substitute said to reinforce or augment the part (the words of Supplement's definition: "trachea augmented
  with autograft", "mesh reinforcement"), or a patch (a piece put over a hole or weak place of a part that
  stays: "cystic duct patch with bovine graft"), is a Supplement;
- a part said to be reconstructed with a substitute ("ACL reconstruction with hamstring autograft", "ossicular
  chain reconstruction with titanium prosthesis") is rebuilt: the substitute takes the place of the part, a
  Replacement, where the body part has one (a scrotum has no Replacement table: its reconstruction stays a
  Supplement).

Where the Index led to one of the two and the query says the other's words, the other table completes the code
for the same body part, as a coder turns from one table to the other.
"""

from __future__ import annotations

import sqlite3

from bot.lookups.index.completion import Completion, value_words
from bot.lookups.index.pcs_devices import device_words
from bot.lookups.index.pcs_supplement import SUPPLEMENT, with_substitute
from bot.lookups.index.words import stem

REPLACEMENT = "R"
#: The words of Supplement's definition ("reinforces and/or augments") in their forms, and a patch.
SUPPLEMENT_WORDS = frozenset(
    stem(w)
    for w in (
        *("reinforce", "reinforced", "reinforcement", "reinforcing", "augment", "augmented", "augmentation"),
        *("patch", "patched", "patches"),
    )
)
#: A part rebuilt: the substitute takes its place.
REBUILT_WORDS = frozenset(
    stem(w) for w in ("reconstruction", "reconstructed", "reconstruct", "reconstructive")
)


def substitute_by_definition(
    conn: sqlite3.Connection,
    done: Completion,
    query_stems: frozenset[str],
    memo: dict[object, object],
) -> Completion | None:
    """The Supplement code for the body part a Replacement code names when the query says the substitute
    reinforces or augments it; the Replacement code for the body part a Supplement code names when the query
    says the part was reconstructed with a substitute; None otherwise, or when the other table has no such
    body part with a substitute."""
    code = done.code
    if len(code) != 7 or code[0] != "0" or code[2] not in (REPLACEMENT, SUPPLEMENT):
        return None
    augments = bool(query_stems & SUPPLEMENT_WORDS)
    if code[2] == REPLACEMENT and augments:
        other, how = SUPPLEMENT, "a substitute that reinforces or augments the part: Supplement"
    elif code[2] == SUPPLEMENT and not augments and query_stems & REBUILT_WORDS:
        other, how = REPLACEMENT, "the part rebuilt, the substitute taking its place: Replacement"
    else:
        return None
    named = device_words(conn, query_stems, memo) | value_words(conn, query_stems, memo)
    return with_substitute(conn, code, other, query_stems | named, how, memo)
