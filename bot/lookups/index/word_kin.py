"""The words a note's context word stands for, read in a general dictionary: what chooses among an abbreviation's
senses when the note says the thing by another name.

A coder meeting an abbreviation of several senses reads the one the rest of the note is about, and knows the
note's words by what they are: "SCD, teen steals with his gang" is about an adolescent (socialized conduct disorder,
"Conduct disorder, adolescent-onset type"), "CNA in 3 day old preemie" about a newborn (central neonatal apnea of
newborn), "PIDD after angel dust" about phencyclidine, "budgie owner" about a bird. The Tabular titles a sense is
checked against name the kind, the note names the thing. WordNet (`bot.lookups.wordnet`) gives each context word
its synonyms and the broader words it is a kind of (first sense: the usual one; two steps up, where the kinds the
Tabular names are - "preemie" -> neonate -> baby, "LSD" -> hallucinogen), and an adjective the noun it pertains to
("pulmonary" -> lung). A pair of words the dictionary holds as one ("foster child", "angel dust") is read as one.
Words so general they fit any title (person, disease, part) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.lookups.wordnet import WordNet

STEPS = 2  # broader words this many steps up: the kind the Tabular names, not "organism" or "entity"
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# Dictionary words that fit every title or none: WordNet's top kinds and the words of any condition.
_GENERAL = frozenset(
    [
        "person",
        "people",
        "individual",
        "organism",
        "being",
        "entity",
        "thing",
        "object",
        "whole",
        "part",
        "matter",
        "substance",
        "material",
        "act",
        "action",
        "activity",
        "change",
        "state",
        "condition",
        "disease",
        "illness",
        "disorder",
        "ill",
        "health",
        "problem",
        "process",
        "event",
        "group",
        "unit",
        "causal",
        "agent",
        "cause",
        "agent",
        "physical",
        "abstraction",
        "attribute",
        "relation",
        "quality",
        "kind",
        "type",
        "form",
        "body",
        "structure",
        "location",
        "region",
        "area",
        "place",
        "time",
        "period",
        "measure",
        "amount",
        "user",
        "consumer",
        "worker",
        "adult",
        "juvenile",
        "male",
        "female",
        "man",
        "woman",
        "someone",
        "somebody",
        "artifact",
        "instrumentality",
        "device",
        "covering",
        "natural",
        "association",
        "organization",
        "organisation",
        "social",
        "collection",
    ]
)
# Context words too plain to look up (the initialism readers leave them out too).
_PLAIN = frozenset(
    [
        "the",
        "and",
        "with",
        "without",
        "for",
        "from",
        "after",
        "before",
        "into",
        "onto",
        "over",
        "under",
        "his",
        "her",
        "its",
        "their",
        "our",
        "your",
        "pt",
        "patient",
        "yo",
        "old",
        "new",
        "day",
        "days",
        "week",
        "weeks",
        "year",
        "years",
        "month",
        "months",
    ]
)


def kin_words(word: str, wordnet: WordNet) -> tuple[str, ...]:
    """The words of a word's first sense's synonyms and of what it is a kind of (up to STEPS steps), and of the
    noun an adjective pertains to, each a single word and none of the general ones."""
    found: dict[str, None] = {}
    senses = wordnet.senses(word)
    lemmas: list[str] = []
    if senses:
        lemmas += senses[0].lemmas
        lemmas += [w for sense, step in wordnet.broader(word, depth=STEPS) for w in sense.lemmas[:2]]
    for noun in wordnet.pertains(word)[:1]:
        lemmas += noun.lemmas[:2]
    for lemma in lemmas:
        for part in _WORD.findall(lemma.lower().replace("_", " ")):
            if len(part) > 2 and part not in _GENERAL and part != word:
                found[part] = None
    return tuple(found)


class WordKin:
    """The stems of the kin words of a text's words and word pairs, kept per word."""

    def __init__(self, wordnet: WordNet, stem: Callable[[str], str], cached: int = 20_000) -> None:
        self.wordnet = wordnet
        self._wordnet = wordnet
        self._stem = stem
        self._cached = cached
        self._known: dict[str, frozenset[str]] = {}
        self._pertains: dict[str, tuple[str, ...]] = {}

    def of_word(self, word: str) -> frozenset[str]:
        found = self._known.get(word)
        if found is None:
            found = frozenset(self._stem(w) for w in kin_words(word, self._wordnet))
            if len(self._known) > self._cached:
                self._known.clear()
            self._known[word] = found
        return found

    def pertained(self, word: str) -> tuple[str, ...]:
        """The nouns an adjective pertains to ("cutaneous" -> skin), kept per word."""
        found = self._pertains.get(word)
        if found is None:
            found = tuple(n.lemmas[0] for n in self._wordnet.pertains(word)[:1] if " " not in n.lemmas[0])
            if len(self._pertains) > self._cached:
                self._pertains.clear()
            self._pertains[word] = found
        return found

    def __call__(self, text: str) -> frozenset[str]:
        """The kin stems of a note's context words (the words other than an abbreviation) and word pairs."""
        words = [w for w in _WORD.findall(text.lower()) if w not in _PLAIN and not w.isdigit()]
        out: set[str] = set()
        paired = -1  # (a word of a pair the dictionary holds is read in the pair: "foster child", not Foster)
        for at, word in enumerate(words):
            if at + 1 < len(words):
                pair = self.of_word(f"{word} {words[at + 1]}")
                if pair:
                    out |= pair
                    paired = at + 1
                    continue
            if len(word) > 2 and at != paired:
                out |= self.of_word(word)
        return frozenset(out)
