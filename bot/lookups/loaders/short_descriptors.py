"""Read the cut words of HCPCS short descriptors as the whole words they stand for.

The I/OCE carries only a 28-character short descriptor for codes added after the 2020 annual file, and cuts
words to fit: "Inj pegfilgrast ex bio 0.5mg" (J2506), "Inj, methylpred sod succ 5mg" (J2919). Search compares
whole words, so "pegfilgrastim" or "methylprednisolone sodium succinate" never meets them. Two generic rules
write a cut word out, both from official or published word lists, never from a list of queries:

1. the abbreviations the annual file itself uses: its codes carry both descriptors ("Inj methylpred sod succ
   40mg" / "Injection, methylprednisolone sodium succinate, up to 40 mg"), so a short word that is the start
   (or, with the same first letter, the consonant skeleton: "wnd" -> "wound") of exactly one word of its own
   long descriptor is read as that word - when the descriptors use it so more often than as a word of its own;
2. a cut word of 4 letters or more known as no whole word, that starts exactly one known whole word (long
   descriptors, code titles, the Table of Drugs and Chemicals, the English word list): "pegfilgrast" ->
   "pegfilgrastim".
3. a cut word that rules 1 and 2 leave (it starts several known words: "succ" -> success, succinate ...) is
   read from the sibling descriptors: the long descriptors holding a drug or item word the same descriptor
   names ("methylprednisolone", written out by rule 1 or 2). When exactly one of their words starts with
   the cut word, that is the word ("Inj, methylpred sod succ 5mg" -> "succinate", from "Injection,
   methylprednisolone sodium succinate, up to 40 mg").
4. a cut word the rules above leave that is no known word is read from its range: the long descriptors of
   the annual file's codes sharing its code's letter and first two digits (A65xx: the gradient compression
   garments), when exactly one of their words starts with it (3 letters or more) or, with 4 letters or more,
   is abbreviated by it ("stking" -> "stocking", "garmnt" -> "garment"). A word after a hyphen is a name's
   suffix ("-lanm"), not a cut word.

The reading is kept beside the descriptor, never instead of it: both are searched.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

WORD = re.compile(r"[A-Za-z]+")
MIN_CUT = 4  # a cut word read by the start of a known word: shorter ones ("ex", "bio") start too many
MIN_VOTES = 2  # descriptor pairs that must agree on an abbreviation
SIBLING_WORD = 6  # a naming word ("methylprednisolone") whose long descriptors are a cut word's siblings
MIN_SIBLING_CUT = 3  # a cut word read from its siblings ("succ", "sod")
MIN_RANGE_SKELETON = 4  # a cut word read from its range by leaving letters out ("stking"; not "bpi")
FAMILY = 4  # letters past the abbreviation that words of one family share ("inj" -> "inject...")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def abbreviates(short: str, long: str) -> bool:
    """`short` abbreviates `long` by leaving letters out ("wnd" -> "wound", "mtrx" -> "matrix")."""
    if len(short) < 3 or short[0] != long[0]:
        return False
    at = 0
    for ch in long:
        if at < len(short) and ch == short[at]:
            at += 1
    return at == len(short)


def _cut_of(word: str, long_words: Iterable[str]) -> str:
    """The one word of a long descriptor that `word` is cut from, or ""."""
    longer = [w for w in dict.fromkeys(long_words) if len(w) > len(word)]
    starts = [w for w in longer if w.startswith(word)]
    if not starts:
        starts = [w for w in longer if abbreviates(word, w)]
    return starts[0] if len(starts) == 1 else ""


def learn_abbreviations(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Short-descriptor word -> the whole word it abbreviates, from (short, long) descriptors of one code.

    Kept when at least MIN_VOTES pairs read it as one word, and more than two thirds of the pairs that
    use it without its long descriptor printing it read it as that word or one of its family (the same
    first letters: "adm" -> administration / administered; not "fem" -> femoral / female), and the long
    descriptors read it so more often than they print it as a word of their own ("per", "cap" stay).
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    whole: Counter[str] = Counter()
    for short, long in pairs:
        long_words = words_of(long)
        present = set(long_words)
        whole.update(present)
        for word in dict.fromkeys(words_of(short)):
            if len(word) < 2 or word in present:
                continue
            votes[word][_cut_of(word, long_words)] += 1  # "": read as no word of its long descriptor
    learned: dict[str, str] = {}
    for word, counts in sorted(votes.items()):
        read = [(n, cut) for cut, n in counts.items() if cut]
        if not read:
            continue
        n, best = max(read, key=lambda item: (item[0], -len(item[1]), item[1]))
        family = best[: len(word) + FAMILY]
        agreeing = sum(m for cut, m in counts.items() if cut and cut[: len(word) + FAMILY] == family)
        if n >= MIN_VOTES and agreeing * 3 > sum(counts.values()) * 2 and n > whole[word]:
            learned[word] = best
    return learned


@dataclass(frozen=True)
class Reader:
    """Reads short descriptors with the abbreviations learned and the whole words known."""

    abbreviations: Mapping[str, str]
    clinical: frozenset[str]  # whole words of titles, index terms, long descriptors, the Drug Table
    known: frozenset[str]  # the same and the ordinary English words
    ordered: tuple[str, ...]  # `known`, sorted, for prefix look-ups
    # A naming word of the long descriptors (no English word, SIBLING_WORD letters or more) -> the words of
    # the long descriptors holding it: the siblings rule 3 reads a cut word from.
    siblings: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        abbreviations: Mapping[str, str],
        clinical: Iterable[str],
        english: Iterable[str],
        descriptors: Iterable[str] = (),
    ) -> Reader:
        words = frozenset(w for w in clinical if w.isalpha())
        plain = frozenset(w for w in english if w.isalpha())
        known = words | plain
        siblings: dict[str, set[str]] = defaultdict(set)
        for descriptor in descriptors:
            said = set(words_of(descriptor))
            for word in said:
                if len(word) >= SIBLING_WORD and word not in plain:
                    siblings[word] |= said
        return cls(
            dict(abbreviations),
            words,
            known,
            tuple(sorted(known)),
            {w: frozenset(s) for w, s in siblings.items()},
        )

    def word(self, word: str) -> str:
        """The whole word a descriptor word stands for (itself when it is whole or cannot be told).

        An abbreviation the descriptors use is read so unless the word is itself a clinical word ("bio",
        "ex", "walk" stay); an English word that is not ("sod", "rehab") is read as the descriptors use it.
        """
        lowered = word.lower()
        learned = self.abbreviations.get(lowered)
        if learned and lowered not in self.clinical:
            return learned
        if lowered in self.known or len(lowered) < MIN_CUT:
            return lowered
        at = bisect_left(self.ordered, lowered)
        found: list[str] = []
        while at < len(self.ordered) and self.ordered[at].startswith(lowered) and len(found) < 2:
            found.append(self.ordered[at])
            at += 1
        return found[0] if len(found) == 1 else lowered

    def from_siblings(self, word: str, context: Iterable[str]) -> str:
        """Rule 3: the one word starting with `word` in the long descriptors holding a word of `context`
        (each context word's siblings read alone: a common one, "sodium", may hold several; they must
        agree)."""
        lowered = word.lower()
        if lowered in self.known or len(lowered) < MIN_SIBLING_CUT:
            return lowered
        readings: set[str] = set()
        for other in context:
            found = {w for w in self.siblings.get(other, ()) if w.startswith(lowered) and w != lowered}
            if len(found) == 1:
                readings |= found
        return readings.pop() if len(readings) == 1 else lowered

    def from_range(self, word: str, neighbours: frozenset[str]) -> str:
        """Rule 4: the one word of the range's long descriptors `word` is cut from, or `word`."""
        lowered = word.lower()
        if lowered in self.known or lowered in neighbours or len(lowered) < MIN_SIBLING_CUT:
            return lowered
        longer = [w for w in neighbours if len(w) > len(lowered)]
        found = [w for w in longer if w.startswith(lowered)]
        if not found and len(lowered) >= MIN_RANGE_SKELETON:
            found = [w for w in longer if abbreviates(lowered, w)]
        return found[0] if len(found) == 1 else lowered

    def read(self, descriptor: str, neighbours: frozenset[str] = frozenset()) -> str:
        """The descriptor with its cut words written out, or "" when none is cut; `neighbours`: the words of
        the long descriptors of its code's range (rule 4)."""
        matches = list(WORD.finditer(descriptor))
        first = [self.word(m.group()) for m in matches]
        context = {w for w in first if w in self.siblings}
        changed = False
        out: list[str] = []
        last = 0
        for match, whole in zip(matches, first, strict=True):
            if whole == match.group().lower() and context:
                whole = self.from_siblings(match.group(), context)
            suffix = match.start() > 0 and descriptor[match.start() - 1] == "-"
            if whole == match.group().lower() and neighbours and not suffix:
                whole = self.from_range(match.group(), neighbours)
            out.append(descriptor[last : match.start()])
            if whole != match.group().lower():
                changed = True
                out.append(whole.capitalize() if match.group()[0].isupper() else whole)
            else:
                out.append(match.group())
            last = match.end()
        out.append(descriptor[last:])
        return "".join(out) if changed else ""
