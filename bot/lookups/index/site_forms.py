"""A site the Neoplasm Table prints in two forms on one line is one site in either form.

The Table names many sites by the noun and its adjective side by side ("pelvis, pelvic", "spine, spinal",
"thorax, thoracic", "larynx, laryngeal"), and then, below a tissue, by one form only ("Neoplasm, bone, pelvic",
"Neoplasm, meninges, spinal"). A coder sent by a morphology to the tissue ("Sarcoma, Ewing's - see Neoplasm,
bone, malignant"; "Meningioma - see Neoplasm, meninges, benign") reads the site the chart names in either form
on that line: "Ewing sarcoma of pelvis" is Neoplasm, bone, pelvic (C41.4), not the soft parts of the pelvis
(Neoplasm, pelvis C76.3). The pairs are read from the Table's own lines (two words of one stem on one line),
never listed here, and only for a query naming a neoplasm (a morphology whose main term the Index sends to the
Table, or the Table's own main term): elsewhere the Index keeps the forms apart ("Disease, spinal" is the spinal
cord's, no disease of the spine).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.lookups.index.matching import QueryWord
from bot.lookups.index.words import content_stems, stem

_KEY = "neoplasm site forms"  # their key in the tree's memo
_MORPHOLOGY_KEY = "neoplasm morphology stems"
MIN_SHARED = 4  # letters the two forms share from the start ("pelv-is", "pelv-ic")
MAX_ENDING = 4  # letters each form may have past what they share ("thor-ax", "thor-acic")


def site_form_pairs(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, frozenset[str]]:
    """Each form's stem -> the stems of the other form the Table prints beside it on one line."""
    kept = memo.get(_KEY)
    if isinstance(kept, dict):
        return kept
    found: dict[str, set[str]] = {}
    rows = conn.execute("SELECT DISTINCT term FROM index_nodes WHERE book = 'neoplasm' AND term LIKE '%, %'")
    for (term,) in rows:
        pair = _forms(str(term))
        if pair is None:
            continue
        one, other = stem(pair[0]), stem(pair[1])
        if one != other:
            found.setdefault(one, set()).add(other)
            found.setdefault(other, set()).add(one)
    table = {word: frozenset(others) for word, others in found.items()}
    memo[_KEY] = table
    return table


def _forms(term: str) -> tuple[str, str] | None:
    """The two forms of one word a line prints ("pelvis, pelvic"), or None."""
    parts = [p.strip().lower() for p in term.split(",")]
    if len(parts) != 2 or not all(p.isalpha() for p in parts) or parts[0] == parts[1]:
        return None
    one, other = parts
    shared = 0
    while shared < min(len(one), len(other)) and one[shared] == other[shared]:
        shared += 1
    if shared < MIN_SHARED or max(len(one), len(other)) - shared > MAX_ENDING:
        return None
    return one, other


def morphology_stems(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The stems of the Index's main terms that send to the Neoplasm Table ("Sarcoma - see also Neoplasm,
    connective tissue, malignant"; "Meningioma"; "Tumor"), with the Table's own main term (Neoplasm)."""
    kept = memo.get(_MORPHOLOGY_KEY)
    if isinstance(kept, frozenset):
        return kept
    rows = conn.execute(
        "SELECT DISTINCT n.term FROM index_refs r JOIN index_nodes n ON n.id = r.node "
        "WHERE n.depth = 0 AND n.book = 'cm' AND r.book = 'neoplasm' "
        "UNION SELECT term FROM index_nodes WHERE depth = 0 AND book = 'neoplasm'"
    )
    found = frozenset(s for (term,) in rows for s in content_stems(str(term).split(",")[0]))
    memo[_MORPHOLOGY_KEY] = found
    return found


def with_site_forms(
    qwords: Sequence[QueryWord], conn: sqlite3.Connection, memo: dict[object, object]
) -> list[QueryWord]:
    """The query's words, each with the other form the Neoplasm Table prints its site in - unless the query says
    that form itself elsewhere ("pelvis fracture without disruption of pelvic ring": each form has its own
    reading there, and the pelvis is not the negated ring)."""
    typed = {s for word in qwords for s in word.stems}
    if typed.isdisjoint(morphology_stems(conn, memo)):
        return list(qwords)
    pairs = site_form_pairs(conn, memo)
    out: list[QueryWord] = []
    for word in qwords:
        more = frozenset(s for own in word.stems for s in pairs.get(own, ()) if s not in typed)
        out.append(QueryWord(word.text, word.stems | more, word.weight) if more - word.stems else word)
    return out
