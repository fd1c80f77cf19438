"""A body part (or a blood cell) said in everyday words is read as the word the PCS tables name it by, through
WordNet.

The ICD-10-PCS tables name body parts and qualifiers in anatomists' words ("Zygomatic Bone", "Tibia", "Larynx",
"Leukocytes", "Femoral Shaft"); a clinician or a patient says "cheekbone", "shinbone", "voice box", "white
cell", "femur shaft". A coder reads the everyday word as the anatomical one, as a dictionary does: WordNet's
first sense of the word (or of a two- or three-word phrase of the query), when it is a body noun, holds the
anatomical synonym ("cheekbone": zygomatic bone, malar; "white cell": leukocyte), and the tables' adjectives
say the noun of their own root they pertain to ("Femoral": femur, "Humeral": humerus, "Tibial": tibia). Each query word so named is
given, as its alternatives, the words of the first synonym every word of which is a word of the tables' axis
values, and a noun the tables do not print, the value adjectives pertaining to it; an adjective the tables' body
parts do not print, the body part noun of its root it pertains to ("mandibular" -> Mandible, "orbital" -> Orbit). Read only for a query that asks a procedure (a PCS Index
procedure word or an approach said), a word at a time through the cached WordNet reader.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Sequence

from bot.lookups.index.pcs_body_part_key import body_part_key_words
from bot.lookups.index.words import content_stems, stem
from bot.lookups.wordnet import WordNet

BODY = "noun.body"
LONGEST_PHRASE = 3
SENSES = 3  # the senses read for a body one
SIDES = frozenset({"right", "left", "bilateral"})
SAME_ROOT = 3  # first letters an adjective shares with the noun it pertains to
_LETTERS = re.compile(r"[a-z]+")


def _value_stems(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The stems of every word of the PCS tables' body part, device and qualifier values."""
    found = memo.get("pcs value stems")
    if not isinstance(found, frozenset):
        words: set[str] = set()
        for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position IN (4, 6, 7)"):
            words.update(content_stems(str(meaning)))
        found = frozenset(words)
        memo["pcs value stems"] = found
    return found


def _part_stems(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[str]:
    """The stems of every word of the body part values."""
    found = memo.get("pcs body part stems")
    if not isinstance(found, frozenset):
        found = frozenset(
            s
            for (m,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4")
            for s in content_stems(str(m))
        )
        memo["pcs body part stems"] = found
    return found


def _whole_parts(conn: sqlite3.Connection, memo: dict[object, object]) -> frozenset[frozenset[str]]:
    """The stems of each body part value, its side words aside ("Inner Ear", "Nasal Bone")."""
    found = memo.get("pcs whole body parts")
    if not isinstance(found, frozenset):
        found = frozenset(
            frozenset(content_stems(" ".join(w for w in _LETTERS.findall(str(m).lower()) if w not in SIDES)))
            for (m,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4")
        )
        memo["pcs whole body parts"] = found
    return found


def _closed_compounds(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, tuple[str, str]]:
    """Two words standing together in a body part value, as English may write them in one ("Toe Nail" ->
    toenail, "Finger Nail" -> fingernail): the joined letters -> the two words (read only for a word WordNet
    knows, so the closed compound is a real one)."""
    found = memo.get("pcs closed compounds")
    if isinstance(found, dict):
        return found
    out: dict[str, tuple[str, str]] = {}
    for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
        letters = _LETTERS.findall(str(meaning).lower())
        for first, second in itertools.pairwise(letters):
            if (
                first not in SIDES
                and second not in SIDES
                and len(first) >= SAME_ROOT
                and len(second) >= SAME_ROOT
            ):
                out.setdefault(first + second, (first, second))
    memo["pcs closed compounds"] = out
    return out


def _pertaining(
    conn: sqlite3.Connection, wordnet: WordNet, memo: dict[object, object]
) -> dict[str, list[str]]:
    """The tables' body part adjectives by the stem of the noun each pertains to ("femur" -> femoral)."""
    found = memo.get("pcs value adjectives")
    if isinstance(found, dict):
        return found
    words: set[str] = set()
    for (meaning,) in conn.execute("SELECT DISTINCT meaning FROM pcs_axes WHERE position = 4"):
        words.update(_LETTERS.findall(str(meaning).lower()))
    out: dict[str, list[str]] = {}
    for word in sorted(words):
        for sense in wordnet.pertains(word):
            for lemma in sense.lemmas:
                # (of the same root, as "femoral" and "femur", "humeral" and "humerus": WordNet says
                # "adrenal" pertains to the kidney and "mastoid" to the nipple, which no table means)
                if " " not in lemma and stem(lemma) != stem(word) and lemma[:SAME_ROOT] == word[:SAME_ROOT]:
                    out.setdefault(stem(lemma), []).append(word)
    memo["pcs value adjectives"] = out
    return out


def _pertained_parts(wordnet: WordNet, word: str, parts: frozenset[str]) -> list[str]:
    """The body part nouns of the tables an adjective pertains to, of its own root ("mandibular" -> mandible,
    "orbital" -> orbit; not "adrenal" -> kidney)."""
    return [
        lemma
        for sense in wordnet.pertains(word)
        if sense.kind == BODY
        for lemma in sense.lemmas
        if " " not in lemma and lemma[:SAME_ROOT] == word[:SAME_ROOT] and stem(lemma) in parts
    ]


def value_word_alternatives(
    conn: sqlite3.Connection, wordnet: WordNet, words: Sequence[str], memo: dict[object, object]
) -> dict[str, list[str]]:
    """Each query word read as PCS value words ("cheekbone" -> zygomatic, bone; "cell" of "white cell" ->
    leukocyte; "femur" -> femoral): the first body sense of the word or of a phrase ending in it (of its first three), gives its first synonym whose words are all value words; a noun gives the value adjectives
    pertaining to it."""
    values = _value_stems(conn, memo)
    parts = _part_stems(conn, memo)
    adjectives = _pertaining(conn, wordnet, memo)
    out: dict[str, list[str]] = {}
    low = [w.lower() for w in words]
    keyed = set(body_part_key_words(conn, low, memo))  # ("bony labyrinth": the Body Part Key names it)
    for end in range(len(low)):
        for size in range(min(LONGEST_PHRASE, end + 1), 0, -1):
            phrase = low[end - size + 1 : end + 1]
            if (
                not all(w.replace("-", "").isalpha() for w in phrase)
                or keyed & set(phrase)
                or all(stem(w) in parts for w in phrase)
            ):
                continue  # (a phrase of the tables' own body part words: "ureteral orifice", "left atrium")
            said = " ".join(phrase)
            # ("shin-bone", as a word form wrote "shinbone": WordNet has "shin bone" and "shinbone"; a procedure
            # is done on the body, so its first body sense: "shin bone" is first a cut of beef)
            body = next(
                (
                    sense
                    for form in dict.fromkeys((said, said.replace("-", " "), said.replace("-", "")))
                    for sense in wordnet.senses(form)[:SENSES]
                    if sense.kind == BODY
                ),
                None,
            )
            if body is None:
                continue
            synonym = next(
                (
                    lemma
                    for lemma in body.lemmas
                    if lemma != said and (stems := content_stems(lemma)) and stems <= values
                ),
                None,
            )
            if (
                synonym is None
                or content_stems(synonym) <= content_stems(said)
                or (size == 1 and content_stems(said) <= values)
                or content_stems(" ".join(w for w in phrase if w not in SIDES)) in _whole_parts(conn, memo)
            ):
                continue  # (a word or a body part the tables print already: "tibia", "nasal bone", "inner ear")
            for word in phrase:
                out.setdefault(word, [])
                out[word] += [w for w in synonym.split() if w not in out[word]]
            break
        word = low[end]
        split = _closed_compounds(conn, memo).get(word.replace("-", ""))
        if split is not None and stem(word) not in parts and wordnet.senses(word.replace("-", "")):
            # "great toenail", "fingernail", "toe-nail": the value's two words written as one (Toe Nail)
            out.setdefault(word, [])
            out[word] += [w for w in split if w not in out[word]]
        if stem(word) not in parts:
            # "mandibular condylectomy", "bx of the orbital bone": the body part the adjective pertains to, where
            # the tables name it by the noun ("Right Mandible", "Left Orbit").
            for noun in _pertained_parts(wordnet, word, parts):
                out.setdefault(word, [])
                if noun not in out[word]:
                    out[word].append(noun)
        if stem(word) in values:
            continue  # ("atrium", "arteries": the tables' own noun, not their "Atrial Septum", "Arterial Tissue")
        for adjective in adjectives.get(stem(word), ()):
            out.setdefault(word, [])
            if adjective not in out[word]:
                out[word].append(adjective)
    return out
