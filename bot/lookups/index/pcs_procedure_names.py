"""A procedure said by its everyday name is read as the PCS Index main term a dictionary gives for it.

People name operations in everyday words ("facelift", "nose job", "tummy tuck"); the ICD-10-PCS Index holds
them under their clinical names ("Rhytidectomy - see Alteration, Face", "Rhinoplasty - see Alteration, Nasal
Mucosa and Soft Tissue", "Abdominoplasty - see Alteration, Abdominal Wall"). WordNet files both names in one
sense of kind noun.act (an act, here a medical procedure: "face lift, facelift, lift, face lifting, cosmetic
surgery, rhytidectomy"), so a coder's dictionary step is read from it: a word or a phrase of two or three words
of the query that is no PCS Index main term, whose first noun.act sense (among its first two) names it among
its first three names and names a synonym that is one, is given that main term's words as its alternatives (a
one-word main term first: the query's one word can stand for it whole). A word at a time through the cached WordNet reader; only words no
vocabulary reading already explains are looked up by the caller.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence

from bot.lookups.wordnet import WordNet

ACT = "noun.act"
SENSES = 2
LONGEST_PHRASE = 3
SHORT = 3  # letters of an abbreviation, read by the vocabulary, not WordNet ("ct")
SAME_WORD = 5  # first letters a main term shares with the word when it is a form of it
NAMED_FIRST = 3  # the sense's first names: a word named later is a looser kin ("cosmetic surgery")
_PARENTHESIZED = re.compile(r"\([^)]*\)")


def _main_terms(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The PCS Index's main terms, lower case, their parenthesized words aside ("Face lift", "Rhytidectomy")."""
    found = memo.get("pcs main terms whole")
    if not isinstance(found, frozenset):
        found = frozenset(
            " ".join(_PARENTHESIZED.sub(" ", str(term)).lower().split())
            for (term,) in conn.execute("SELECT term FROM index_nodes WHERE book = 'pcs' AND depth = 0")
        )
        memo["pcs main terms whole"] = found
    return found


def procedure_name_alternatives(
    conn: sqlite3.Connection,
    wordnet: WordNet,
    words: Sequence[str],
    memo: dict[object, object],
    indexed: Callable[[str], bool],
    known: Callable[[str], bool],
) -> dict[str, list[str]]:
    """Each query word of an everyday procedure name with the words of the PCS Index main term WordNet gives
    for it ("facelift" -> rhytidectomy; "tummy", "tuck" -> abdominoplasty). A phrase of two or three words every
    one of which some Index line holds (`indexed`: "cesarean delivery", the Index's own "Delivery, cesarean") is read as the
    Index reads it."""
    terms = _main_terms(conn, memo)
    low = [w.lower() for w in words]
    out: dict[str, list[str]] = {}
    for end in range(len(low)):
        for size in range(min(LONGEST_PHRASE, end + 1), 0, -1):
            phrase = low[end - size + 1 : end + 1]
            said = " ".join(phrase)
            if (
                not all(w.replace("-", "").isalpha() for w in phrase)
                or (size == 1 and len(said) <= SHORT)
                or known(said)
                or said in terms
                or (size > 1 and all(indexed(w) for w in phrase))
            ):
                continue
            act = next((s for s in wordnet.senses(said)[:SENSES] if s.kind == ACT), None)
            if act is None or said not in act.lemmas[:NAMED_FIRST]:
                continue  # ("cosmetic surgery" is the fifth name of WordNet's face lift: no name of it)
            named = [lemma for lemma in act.lemmas if lemma != said and lemma in terms]
            named.sort(key=lambda lemma: " " in lemma)  # (a one-word main term first)
            if not named or named[0][:SAME_WORD] == said[:SAME_WORD]:
                continue  # (another form of the word itself: "drain", "drainage")
            for word in phrase:
                out.setdefault(word, [])
                out[word] += [w for w in named[0].split() if w not in out[word]]
            break
    return out
