"""An "-ostomy" joining two organs' forms is a Bypass from the first to the second: the last form is the qualifier.

A procedure word made of two combining forms and "-ostomy" ("gastro" + "jejun" + "ostomy", "uretero" + "cyst"
+ "ostomy", "dacryocysto" + "rhin" + "ostomy") names an anastomosis: a new route from the first organ to the
second. ICD-10-PCS codes it to the root operation Bypass ("altering the route of passage of the contents of a
tubular body part"), the body part the organ the route starts from, the qualifier (the seventh character of the
Bypass tables) the organ it ends in: "Bypass Stomach to Jejunum" 0D160ZA, "Bypass Left Ureter to Bladder"
0T170ZB, "Bypass Left Lacrimal Duct to Nasal Cavity" 081X0Z3. The PCS Index holds some of these words
("Gastrojejunostomy - see Bypass, Stomach 0D16") and leaves the qualifier to the coder, who reads it from the
word's last form; the tables' qualifier values are read here the same way, by the word of the form (the
vocabulary's combining forms: "jejun" -> jejunum, "cyst" -> bladder, "rhin" -> nose) or the noun the value's
adjective pertains to in WordNet ("Nasal Cavity": nasal -> nose). A word of one form ("colostomy") is a stoma,
read by bot.lookups.index.pcs_stoma.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence

from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import WordNet, reader

SUFFIXES = ("ostomy", "ostomies")
THROUGH = "trans"  # "transureteroureterostomy": across to the other side, no organ
JOINING_VOWEL = "o"  # the vowel that ends a first form ("gastr-o-", "uretero-", "pancreatic-o-")
SHORTEST_FIRST = 3  # letters of a first form before its vowel ("ile-o-")
SHORTEST_LAST = 3  # "ile" (ileum), "col" (colon), "cyst" (bladder)
BYPASS = "1"  # the root operation character of the Bypass tables
QUALIFIER = 7
BODY = "noun.body"
_LETTERS = re.compile(r"[a-z]+")


def _form_of(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            form = word[: -len(suffix)]
            return form[len(THROUGH) :] if form.startswith(THROUGH) else form
    return ""


def joined_ends(words: Iterable[str], roots: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """Each "-ostomy" word of two or more forms with the body part words its last form names
    ("gastrojejunostomy" -> [jejunum]); the first form is read as the word's body part elsewhere. The last
    form is the shortest ending of the word after a joining vowel that the vocabulary's combining forms read
    (roots(form + "ostomy"), as a one-form word is read), with a first form before it that they read too."""
    out: dict[str, list[str]] = {}
    for word in words:
        form = _form_of(word)
        if len(form) < SHORTEST_FIRST + 1 + SHORTEST_LAST:
            continue
        for cut in range(len(form) - SHORTEST_LAST, SHORTEST_FIRST, -1):
            first, last = form[:cut], form[cut:]
            if not first.endswith(JOINING_VOWEL):
                continue
            end = [w for w in roots(last + SUFFIXES[0]) if w.isalpha()]
            if end and roots(first + SUFFIXES[0]):
                out[word] = end
                break
    return out


def _wordnet(conn: sqlite3.Connection, memo: dict[object, object]) -> WordNet:
    return reader(conn)  # (one reader a connection, shared with the other readings)


def _meaning_nouns(meaning: str, wordnet: WordNet) -> frozenset[str]:
    """A qualifier value's words and the nouns its adjectives pertain to ("Nasal Cavity": nasal, nose,
    cavity), stemmed."""
    out = set(content_stems(meaning))
    for word in _LETTERS.findall(meaning.lower()):
        for sense in wordnet.pertains(word):
            out.update(stem(w) for w in sense.lemmas if w.isalpha())
    return frozenset(out)


def end_qualifier(
    conn: sqlite3.Connection, table: str, ends: Iterable[str], memo: dict[object, object]
) -> str:
    """The qualifier value of a Medical and Surgical Bypass table that names the organ an anastomosis ends in
    ("jejunum" in 0D1: "Jejunum"; "nose" in 081: "Nasal Cavity"); "" for another table or no such value."""
    wanted = frozenset(stem(w) for w in ends)
    if not wanted or len(table) < 3 or table[0] != "0" or table[2] != BYPASS:
        return ""
    key = ("pcs anastomosis qualifiers", table[:3])
    values = memo.get(key)
    if not isinstance(values, tuple):
        wordnet = _wordnet(conn, memo)
        values = tuple(
            (str(meaning), _meaning_nouns(str(meaning), wordnet))
            for (meaning,) in conn.execute(
                "SELECT DISTINCT meaning FROM pcs_axes WHERE tbl = ? AND position = ?", [table[:3], QUALIFIER]
            )
        )
        memo[key] = values
    best = _naming(values, wanted)
    if not best:
        # "choledochojejunostomy": the biliary Bypass tables name no jejunum, only the Small Intestine the
        # jejunum is part of (WordNet's nearest broader word of a body noun).
        wordnet = _wordnet(conn, memo)
        broader = frozenset(
            s
            for end in ends
            if (senses := wordnet.senses(end)) and senses[0].kind == BODY
            for sense, _ in wordnet.broader(end, depth=1)
            for lemma in sense.lemmas
            for s in content_stems(lemma)
        )
        best = _naming(values, broader)
    return best


def _naming(values: tuple[tuple[str, frozenset[str]], ...], wanted: frozenset[str]) -> str:
    """The value whose words name the wanted words most, the plainest between equals."""
    best = ""
    best_share = 0
    for meaning, nouns in values:
        share = len(nouns & wanted)
        # (the value naming the end most wholly: "Jejunum" before "Duodenum, Jejunum" would be a tie broken by
        # the fewest other words)
        if share > best_share or (share == best_share and share and len(nouns) < len(_meaning_stems(best))):
            best, best_share = meaning, share
    return best


def _meaning_stems(meaning: str) -> frozenset[str]:
    return content_stems(meaning) if meaning else frozenset()


def joined_operation(joined: dict[str, list[str]]) -> str:
    """The root operation an anastomosis names, Bypass, when the query says one ("gastrojejunostomy": of the
    Index's "see Bypass | see Drainage", the route between two organs); "" otherwise."""
    return BYPASS if joined else ""


def used_end_words(
    conn: sqlite3.Connection, code: str, ends: Iterable[str], memo: dict[object, object]
) -> frozenset[str]:
    """The words of a Bypass code's qualifier when it is the organ the anastomosis ends in: the query said
    them in its word's last form ("Jejunum" of "Bypass Stomach to Jejunum" for "gastrojejunostomy")."""
    end = end_qualifier(conn, code, ends, memo) if len(code) == 7 else ""
    if not end:
        return frozenset()
    key = ("pcs anastomosis value", code[:3], code[6])
    meaning = memo.get(key)
    if not isinstance(meaning, str):
        row = conn.execute(
            "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = ? AND char = ?",
            [code[:3], QUALIFIER, code[6]],
        ).fetchone()
        meaning = str(row[0]) if row else ""
        memo[key] = meaning
    return content_stems(end) if meaning == end else frozenset()


# The prepositions a Bypass title puts before its qualifier: "Bypass Descending Colon to Rectum" (the route's
# end), "Bypass Coronary Artery, One Artery from Aorta" (the coronary bypass's source).
ROUTE_PREPOSITIONS = ("to", "from")
_ROUTE_STOPS = frozenset({"to", "from", "with", "and", "using", "via", "by", "for", "of", "in"})
ROUTE_WORDS = 3  # the most words after the preposition read as the route's other end


def said_route_end(
    conn: sqlite3.Connection, table: str, words: Sequence[str], memo: dict[object, object]
) -> str:
    """The qualifier value of a Medical and Surgical Bypass table that the query names after the preposition
    the table's titles put before the qualifier (PCS root operation Bypass: "altering the route of passage",
    the body part the route begins in, the qualifier where it goes): "anastomosis descending colon to rectum"
    -> Rectum; "CABG x2 saphenous vein grafts from aorta" -> Aorta; "" when the query says no such end."""
    if len(table) < 3 or table[0] != "0" or table[2] != BYPASS:
        return ""
    key = ("pcs route preposition", table[:3])
    preposition = memo.get(key)
    if not isinstance(preposition, str):
        row = conn.execute(
            "SELECT title FROM codes WHERE system = 'pcs' AND code > ? AND code < ? LIMIT 1",
            [table[:3], table[:3] + "~"],
        ).fetchone()
        title = str(row[0]) if row else ""
        preposition = next((p for p in ROUTE_PREPOSITIONS if f" {p} " in title), "")
        memo[key] = preposition
    lowered = [w.lower() for w in words]
    if not preposition or preposition not in lowered:
        return ""
    at = len(lowered) - 1 - lowered[::-1].index(preposition)
    after: list[str] = []
    for word in lowered[at + 1 : at + 1 + ROUTE_WORDS]:
        if word in _ROUTE_STOPS:
            break
        after.append(word)
    return end_qualifier(conn, table, after, memo) if after else ""
