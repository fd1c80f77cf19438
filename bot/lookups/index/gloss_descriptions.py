"""A condition described in everyday words, named by the dictionary definition that says the same words.

"my lower jaw sticks out too far", "pink flat birthmark on half of my baby's face", "tight neck muscle, head
tilted to one side": the patient describes a condition without its name, and no Index line prints her words.
A dictionary does: WordNet 3.0 defines each sense in plain words ("prognathism: the condition of having a
projecting jaw", "port-wine stain, nevus flammeus: a flat birthmark varying from pink to purple",
"torticollis: an unnatural condition in which the head leans to one side because the neck muscles are
contracted"). Read backwards - a reverse dictionary - the definition that says the most of the sentence names
the condition, and the name is an Index term.

The shipped extract (data/wordnet_glosses.tsv.gz, built by scripts/build_wordnet_data.py from WordNet's
data.noun, licence in data/wordnet.md) holds the glosses of the noun senses of a condition's kind (a state, a
process, an act, an attribute, a phenomenon, a feeling) named by a lemma the ICD-10-CM Alphabetic Index prints as a
main term or as a path's words. `read_by_gloss` scores each gloss by the sentence's describing words it says
(bot.lookups.index.lay_descriptions.describing_words, in the forms the Index reads them, a noun's WordNet
synonyms and a phrasal verb's: "crack" / fissure, "sticks out" / project), rarer words counting more; a word that is itself a name
of the sense ("sty" for hordeolum, "sleepwalks" for somnambulism) counts as two. A gloss is taken only when it
says two words of the sentence or more, not only body parts, at least half of the describing words, and (but
for a name said) the sentence says two fifths of the definition's own words (not those many definitions use),
and no other gloss says as much. The search then looks the sense's Index term up as a query of its own
(bot.lookups.search.Searcher._glossed), so the Index and the Tabular still decide the code.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.lookups.index.lay_descriptions import describing_words, word_forms
from bot.lookups.index.lay_sentences import _EMPTY
from bot.lookups.index.no_stems import compact
from bot.lookups.index.words import stem
from bot.lookups.wordnet import WordNet

GLOSSES = "wordnet_glosses.tsv.gz"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Words of a sentence that say how it feels or how much, or who, never what the condition is ("feels like",
# "way too far", "8 year old", "a lot", "someone put ..."): grammatical words, read past.
_LOOSE = frozenset(
    {"like", "old", "most", "lot", "lots", "way", "much", "many", "thing", "things", "stuff"}
    | {"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "people", "person"}
)
# The particles of phrasal verbs read with their verb ("sticks out" / stick out: project, protrude).
_PARTICLES = ("out", "up", "off", "over", "down", "in", "away")
_LEAST = 2  # words a gloss must say (a name of the sense counts as two)
_GENERIC = 60  # a stem this many glosses say or more is no word of a definition's own ("caused", "skin")
_TOLD = 0.4  # the share of a definition's own words a sentence must say (when it names no lemma of the sense)


@dataclass(frozen=True)
class Gloss:
    """One sense: its WordNet id, kind, the lemmas the Index prints (first: the term looked up), its
    definitions and the stems they and the lemmas say."""

    id: int
    kind: str
    terms: tuple[str, ...]
    text: str
    stems: frozenset[str]
    parts: tuple[frozenset[str], ...]  # each definition's stems (a gloss may give two: "...; ...")


@dataclass(frozen=True)
class GlossReading:
    """What the sentence describes: the Index term to look up, the definition that says it, the sentence's
    words it says and those it does not."""

    term: str
    gloss: str
    said: tuple[str, ...]
    unused: tuple[str, ...]
    score: float

    @property
    def why(self) -> str:
        """The reading as the user sees it ("WordNet: prognathism = ... having a projecting jaw")."""
        return f"WordNet: {self.term} = {self.gloss}"


def _gloss_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in _EMPTY and len(w) > 2)


class Glosses:
    """The shipped glosses with the senses each stem is said by (and how rare it is among them)."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.glosses: list[Gloss] = []
        self.by_id: dict[int, int] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        for sense_id, kind, terms, text in rows:
            named = tuple(terms.split("|"))
            # (one set where two are equal: a definition of one part is its whole, and its names mostly add
            # no stem to it; each kept at its smallest table - ~1 MB less over the 2,100 definitions)
            whole = compact(_gloss_stems(text))
            stems = whole | _gloss_stems(" ".join(named))
            stems = whole if len(stems) == len(whole) else compact(stems)
            parts = (
                tuple(compact(_gloss_stems(part)) for part in text.split("; ")) if "; " in text else (whole,)
            )
            at = len(self.glosses)
            number = int(sense_id)
            self.glosses.append(Gloss(number, kind, named, text, stems, parts))
            self.by_id[number] = at
            for s in stems:
                postings[s].append(at)
        self.postings = {s: tuple(at) for s, at in postings.items()}
        self._size = len(self.glosses)

    def told(self, gloss: Gloss, said: set[str]) -> float:
        """How much of its most fitting definition the stems said tell: the share of the definition's own
        words (not the words many definitions use: "caused", "condition", "characterized", "skin") said."""
        best = 0.0
        for part in gloss.parts:
            own = {s for s in part if len(self.postings.get(s, ())) < _GENERIC}
            if own:
                best = max(best, len(own & said) / len(own))
        return best

    def weight(self, form: str) -> float:
        """How much a stem says: the rarer among the glosses, the more (log of the inverse frequency)."""
        return math.log(self._size / (1 + len(self.postings.get(form, ()))))


@lru_cache(maxsize=1)
def glosses() -> Glosses:
    """The shipped glosses, read once per process."""
    data = resources.files("bot.lookups.data").joinpath(GLOSSES).read_bytes()
    return Glosses([line.split("\t") for line in gzip.decompress(data).decode().splitlines() if line])


def _named_forms(word: str) -> tuple[str, ...]:
    """The lemmas a word may be a form of as a noun ("sleepwalks" / sleepwalking, "sties" / sty)."""
    out = [word]
    if word.endswith("s") and len(word) > 3:
        out += [word[:-1], f"{word[:-1]}ing"]
    return tuple(out)


def _forms(word: str, after: str, wordnet: WordNet) -> set[str]:
    """The stems a gloss may say a sentence's word by: its Index forms, its first noun sense's synonyms
    ("crack" / fissure) and a phrasal verb's ("sticks out" / project, protrude, jut)."""
    found = {stem(word), *word_forms(word)}
    synonyms = list(wordnet.synonyms(word))
    # (a verb alone says too little: "put" is also "place", "lay", "set")
    for sense in (wordnet.verbs(f"{word} {after}") if after in _PARTICLES else ())[:1]:
        synonyms += sense.lemmas
    found |= {stem(s) for s in synonyms if " " not in s and len(s) > 2}
    return found


def read_by_gloss(
    text: str, wordnet: WordNet, is_site: Callable[[str], bool], book: Glosses | None = None
) -> GlossReading | None:
    """The Index term of the sense whose definition says the sentence best (the module's docstring), or None."""
    book = book or glosses()
    words, _sides, _typed = describing_words(text)
    words = [w for w in words if w not in _LOOSE]
    if len(words) < 2:
        return None
    typed = _WORD.findall(text.lower().replace("\u2019", "'"))
    after = {w: typed[i + 1] if i + 1 < len(typed) else "" for i, w in enumerate(typed)}
    said: dict[int, dict[str, float]] = defaultdict(dict)  # gloss -> the sentence's words it says, weights
    stems_said: dict[int, set[str]] = defaultdict(set)  # gloss -> its stems the sentence says
    named: dict[int, set[str]] = defaultdict(set)  # gloss -> the words that are a name of its sense
    for word in words:
        for form in _forms(word, after.get(word, ""), wordnet):
            weight = book.weight(form)
            for at in book.postings.get(form, ()):
                said[at][word] = max(said[at].get(word, 0.0), weight)
                stems_said[at].add(form)
        for lemma in _named_forms(word):
            for sense in wordnet.senses(lemma)[:2]:
                at_named = book.by_id.get(sense.id)
                if at_named is not None:
                    named[at_named].add(word)
                    said[at_named][word] = max(said[at_named].get(word, 0.0), 2 * book.weight(stem(word)))
    scored: list[tuple[float, int]] = []
    for at, held in said.items():
        gloss = book.glosses[at]
        count = len(held) + len(named.get(at, ()))
        if count < _LEAST or 2 * len(held) < len(words):
            continue
        if all(is_site(w) for w in held):
            continue  # body parts only ("belly button" is the navel, no condition)
        if all(is_site(w) for t in gloss.terms for w in t.split()):
            continue  # a part of the body, no condition
        if not named.get(at) and book.told(gloss, stems_said[at]) < _TOLD:
            continue  # a few words of a long definition ("adult ... center": osteosarcoma) say no sense
        scored.append((sum(held.values()), at))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None  # two senses say as much: no telling which
    score, at = scored[0]
    gloss = book.glosses[at]
    held = said[at]
    # the definition that says most of the sentence ("the condition of having a projecting jaw")
    parts = gloss.text.split("; ")
    shown = max(parts, key=lambda p: len(_gloss_stems(p) & {f for w in held for f in (stem(w),)}))
    return GlossReading(
        gloss.terms[0],
        shown,
        tuple(w for w in words if w in held),
        tuple(w for w in words if w not in held),
        round(score, 2),
    )
