"""A patient's everyday noun for a part, a fluid or a condition, read as the word the Index prints for it by a
general dictionary's synonyms (WordNet 3.0, bot.lookups.wordnet), not a hand list.

Patients name the body as people do ("windpipe", "teat", "spit", "pee", "gum", "kneecap"); the Alphabetic
Index prints the clinical word of the same meaning ("Tracheitis", "Cracked nipple", "saliva", "urine",
"gingiva", "patella"). WordNet lists both as one sense's words, its usual name first. A coder hearing the lay word thinks
of its clinical synonym; so does `clinical_synonyms`:

- only a word the Index itself rarely prints (the Index's own words need no synonym);
- only a sense of the kinds a complaint is told in (a part or fluid of the body, a state, a substance, a
  process): of the word's first three senses the first of such a kind ("spit" is first a point of land, then
  saliva; "gum" first chewing gum, then the gingiva);
- only the sense's first other one-word lemma the Index prints, WordNet's usual name of the sense first
  ("belly" / abdomen, not stomach): a synonym no line holds says nothing; a word that is the usual name
  itself and that the Index prints on a few lines is already the Index's ("rash" is no roseola);
- only a word the reader has no reading of its own for (`DESCRIBED_AS`, the vocabulary's lay words).

The synonyms are read as more forms of the patient's word (bot.lookups.index.lay_descriptions), so a line is
still taken only when it says two words of the sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.lookups.wordnet import WordNet, reader

# The kinds of sense a complaint is told in.
_KINDS = frozenset({"noun.body", "noun.state", "noun.substance", "noun.process"})
# How many of a word's senses may be passed over to reach one of those kinds.
_SENSES = 3
# A word the Index prints on more lines than this is the Index's own word; one that is its sense's usual name,
# on more than `_ABSENT`.
_OWN_WORD = 20
_ABSENT = 3


def _wordnet(conn: object) -> WordNet:
    return reader(conn)  # type: ignore[arg-type]


@lru_cache(maxsize=8192)
def _lemmas(conn: object, word: str) -> tuple[str, ...]:
    senses = _wordnet(conn).senses(word)[:_SENSES]
    sense = next((s for s in senses if s.kind in _KINDS), None)
    if sense is None:
        return ()
    return tuple(w for w in sense.lemmas if w != word and w.isalpha())


@lru_cache(maxsize=8192)
def _usual_name(conn: object, word: str) -> bool:
    senses = _wordnet(conn).senses(word)[:_SENSES]
    sense = next((s for s in senses if s.kind in _KINDS), None)
    return sense is not None and sense.lemmas[0] == word


def clinical_synonyms(conn: object, word: str, lines: Callable[[str], int]) -> tuple[str, ...]:
    """The usual one-word name of a rarely indexed word's sense that the Index prints ("windpipe" / trachea,
    "spit" / saliva), or nothing: `lines(word)` is how many Index lines print a word (its stem)."""
    word = word.lower()
    if len(word) < 3 or lines(word) > _OWN_WORD:
        return ()
    if lines(word) > _ABSENT and _usual_name(conn, word):
        return ()  # the usual name, and the Index's own word ("rash" is no roseola)
    found = _lemmas(conn, word) or (_lemmas(conn, word[:-1]) if word.endswith("s") else ())
    return next(((w,) for w in found if lines(w)), ())
