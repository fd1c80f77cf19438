"""A site the Index does not list under a main term, read as the limb it is part of ("boil on my thigh":
Furuncle, leg (any part) -> see Furuncle, lower limb).

A coder looks for the site under the main term and, when it is not there, goes to the region holding it: the
Index's limb lines say so themselves ("leg (any part)", "arm (any part, above wrist)"). The site keeps its
own meaning wherever a main term the query names lists it (Laceration, thigh; Pain, limb, lower, thigh), so
the limb is offered only as the fallback a coder would take.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import stem

# A part of a limb and the Index's word for the limb ("leg (any part)", "arm (any part, above wrist)").
LIMB_OF: dict[str, str] = {
    "thigh": "leg",
    "thighs": "leg",
    "calf": "leg",
    "calves": "leg",
    "shin": "leg",
    "shins": "leg",
    "forearm": "arm",
    "forearms": "arm",
}
MAX_MAINS = 6  # main terms of each other word looked in


def limb_alternatives(
    tree: IndexTree, words: Sequence[str], alternatives: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """{site word: its limb} for each limb part said that no main term holding another word lists (by the
    word or its alternatives)."""
    out: dict[str, str] = {}
    for word in words:
        limb = LIMB_OF.get(word)
        if limb is None:
            continue
        forms = [stem(word), *(stem(a) for a in alternatives.get(word, ()))]
        mains = [
            m
            for other in words
            if other != word and other.isalpha() and other not in LIMB_OF
            for m in tree.main_terms_holding(stem(other))[:MAX_MAINS]
        ]
        listed = False
        for main in mains:
            node = tree.node(main)
            if node is not None and tree.within(node, forms, limit=1):
                listed = True
                break
        if mains and not listed:
            out[word] = limb
    return out
