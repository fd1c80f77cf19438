"""The repair of a perineal laceration is the Repair of the deepest layer its degree says is torn.

A perineal laceration's degree names the layers it goes through (the ICD-10-CM Tabular's O70 inclusion terms):
first degree the skin (and the vaginal mucosa, the fourchette, the labia), second degree the perineal muscles,
third degree the anal sphincter, fourth degree the rectal mucosa. A coder codes its repair ("repair 2nd degree
perineal laceration after delivery", "3rd degree tear sutured") to ICD-10-PCS Repair (Q) of that layer's body
part: Perineum Skin (0HQ9, External), Perineum Muscle (0KQM), Anal Sphincter (0DQR), Rectum (0DQP) - not to the
diagnosis the same words also name (O70.1 Second degree perineal laceration during delivery), which is the
reason for the repair.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from bot.lookups.index.completion import complete_pcs
from bot.lookups.index.words import content_stems

LACERATION = re.compile(r"\b(?:lacerations?|lacs?|tears?|torn)\b")
PERINEAL = re.compile(r"\b(?:perine\w*|vaginal|obstetric\w*|delivery|svd|birth|postpartum)\b")
REPAIRED = re.compile(r"\b(?:repair\w*|sutur\w*|stitch\w*|clos(?:ed|ure))\b")
# The degree said, and the table and body part of the deepest layer it tears.
DEGREES = (
    (re.compile(r"\b(?:1st|first|1)\s*(?:degree|deg)\b"), "0HQ9", "Perineum Skin"),
    (re.compile(r"\b(?:2nd|second|2)\s*(?:degree|deg)\b"), "0KQM", "Perineum Muscle"),
    (re.compile(r"\b(?:3rd|third|3)\s*(?:degree|deg)\b"), "0DQR", "Anal Sphincter"),
    (re.compile(r"\b(?:4th|fourth|4)\s*(?:degree|deg)\b"), "0DQP", "Rectum"),
)
CUE = re.compile(r"\b(?:degree|deg)\b")


@dataclass(frozen=True)
class LayerRepair:
    code: str
    title: str
    why: str


def perineal_repair(conn: sqlite3.Connection, query: str, memo: dict[object, object]) -> LayerRepair | None:
    """The Repair code of the layer a repaired perineal laceration's degree tears; None when the query does not
    say the repair of a perineal laceration of a degree."""
    text = query.lower()
    if not (LACERATION.search(text) and PERINEAL.search(text) and REPAIRED.search(text)):
        return None
    for pattern, table, layer in DEGREES:
        said = pattern.search(text)
        if said is None:
            continue
        done = complete_pcs(conn, table, frozenset(content_stems(layer)), "", memo)
        if done is None:
            return None
        why = f"Repair of the layer a {said.group(0)} laceration tears: {layer} -> {done.how or done.code}"
        return LayerRepair(done.code, done.title, why)
    return None
