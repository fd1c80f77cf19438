"""A thing that hurt the patient, looked up where the External Cause Index lists it.

"injured by a rototiller", "hand caught in a pulley", "exposure to radioisotopes", "fell off a hoverboard":
the query's verb names a main term (Injury, Caught, Exposure, Fall) that does not list the thing, and a coder
turns to the main term that does (Contact, with, tool, powered, rototiller; Accident, caused by, pulley;
Radiation, radioisotopes; Accident, transport, pedestrian, conveyance, hoverboard, fall). Here the verb is
also read as the External Cause Index main terms holding the thing, when the verb's own main term does not
hold it and only a few main terms do (a thing the Index lists in one place says where to look; a word listed
everywhere says nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import stem

# The verbs and nouns of being hurt that name no thing: the thing said beside them says the main term.
HARM_WORDS = frozenset(
    {"injured", "injury", "hurt", "caught", "accident", "exposure", "exposed", "fell", "fall", "pinched"}
)
MAX_HOLDERS = 3  # main terms listing the thing: more, and the thing says nothing of where to look
EXT_MAIN_TERMS = 2000  # (all of them: the External Cause Index has a few hundred)


def cause_alternatives(tree: IndexTree, words: Sequence[str]) -> dict[str, list[str]]:
    """{harm word: the External Cause Index main terms (their first word) listing a thing said beside it}."""
    harms = [w for w in words if w in HARM_WORDS]
    if not harms:
        return {}
    own = {stem(w) for w in harms}
    found: list[str] = []
    for word in words:
        if word in HARM_WORDS or not word.isalpha() or len(word) < 4:
            continue
        for main in _holders(tree, word):
            first = main.term.split()[0].lower().strip(",")
            if stem(first) in own:
                return {}  # the verb's own main term lists the thing (Fall, from, ladder)
            if first not in found:
                found.append(first)
    return {h: found for h in harms} if found else {}


def _holders(tree: IndexTree, word: str) -> list[Node]:
    """The External Cause Index main terms with a line holding the word below them (none when a main term
    of any book is the word itself, or when more than MAX_HOLDERS list it)."""
    key = ("cause_objects", word)
    cached = tree.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    stemmed = stem(word)
    holders: list[Node] = []
    if not tree.main_terms_holding(stemmed):
        for main in tree.broadest("ext", EXT_MAIN_TERMS):
            if tree.within(main, [stemmed], limit=1):
                holders.append(main)
                if len(holders) > MAX_HOLDERS:
                    holders = []
                    break
    tree.memo[key] = holders
    return holders
