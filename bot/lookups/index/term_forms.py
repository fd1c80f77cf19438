"""The forms of one word that the Index lists together as one main term ("Ulcer, ulcerated, ulcerating,
ulceration, ulcerative"; "Arteriosclerosis, arteriosclerotic"; "Diabetes, diabetic"): the Index says they are one
entry, so a subterm elsewhere that uses another of them ("Arteriosclerosis, extremities, leg, right, with,
ulceration, heel"; "Diabetes, with, periodontal disease" for periodontitis is not one) reads the query's word too.

Only forms that share their first letters with the main term's head are forms ("Fracture, traumatic" lists
no form of "fracture").
"""

from __future__ import annotations

from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import stem

SHARED_LETTERS = 5  # "ulcer" / "ulceration", "diabe"tes / "diabe"tic
MEMO_KEY = "main-term-forms"


def _forms(tree: IndexTree) -> dict[str, frozenset[str]]:
    found = tree.memo.get(MEMO_KEY)
    if isinstance(found, dict):
        return found
    forms: dict[str, set[str]] = {}
    for (term,) in tree.conn.execute(
        "SELECT term FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term LIKE '%,%'"
    ):
        words = [w.strip().lower() for w in str(term).split(",")]
        head = words[0]
        if " " in head or len(head) < SHARED_LETTERS or not head.isalpha():
            continue
        same = [
            w
            for w in words
            if w.isalpha() and len(w) >= SHARED_LETTERS and w[:SHARED_LETTERS] == head[:SHARED_LETTERS]
        ]
        if len(same) < 2:
            continue
        for w in same:
            forms.setdefault(stem(w), set()).update(o for o in same if stem(o) != stem(w))
    kept = {s: frozenset(f) for s, f in forms.items()}
    tree.memo[MEMO_KEY] = kept
    return kept


def term_forms(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The other forms the Index lists beside a word as one main term ("ulcer" -> ulceration, ulcerated ...)."""
    return tuple(sorted(_forms(tree).get(stem(word), frozenset())))
