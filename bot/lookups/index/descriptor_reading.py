"""A HCPCS item asked in its descriptor's own words: when no other reading answered (or only lines the search
was not confident of, under its "No confident match" notice), or beside a condition.

A coder who finds no Index line for a supply, a device or a service reads the HCPCS Level II descriptors: the
long descriptor is the code's meaning and the short descriptor an abbreviation of it. The query's words are
compared with both, each read as the descriptors write it:

- a word the short descriptors abbreviate ("msg", "cath", "disartic") is read as the word of the long
  descriptor it stands for, learnt by aligning every short descriptor with its own long descriptor
  (bot.lookups.loaders.short_descriptors.learn_abbreviations); an initialism the same way: a short-descriptor
  token spelling the first letters of consecutive words of its own long descriptor ("Sgd prerec msg > 40 min"
  / "Speech generating device, ...": "sgd" -> speech generating device), kept when two descriptors at least
  read it so and more than two thirds of those using it agree;
- a compound written closed ("legrests", "prerecorded", "wheelchair") is the descriptor's open or hyphenated
  one ("leg rests", "pre-recorded", "wheel chair"): a long word split in two parts the descriptors print;
- a count or a unit the descriptors spell ("3" -> three, "one" -> 1, "min" -> minutes; bot.lookups.hcpcs_items).

The descriptor holding every required word of the query but one (three at least) answers; among several, the
one holding more, then the one printing the fewest words the query does not say (the plainest line of the
family). Words that say how an item is billed or where it is used ("per", "each", "home", "rental") and a kind
noun the descriptors say as "orthosis" or not at all ("brace") are no required words. The same reading puts
a HCPCS line before a condition's code that says it left two words of the query unread, or before a HCPCS line
that left one, when the descriptor reads more and, beside a condition, reads the item's head noun (the last
word before its purpose: "clinical trial participant exam" is an exam, not S9996 "Meals for clinical trial
participant"; bot.lookups.search.Searcher.hcpcs_before_condition).
The learnt forms and the index are derived tables the data build stores (bot.lookups.derived_tables).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.lookups.index.words import stem
from bot.lookups.loaders.short_descriptors import learn_abbreviations

INITIALISM_VOTES = 2  # descriptor pairs that must read a token as the same initials
# Linking words: initials beginning or ending on one are a coincidence of letters ("wo": "with or"; "onl": "of
# normal limits"), not a name.
LINKING = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})
MIN_COVERED = 3  # required words a descriptor must hold
MAX_UNREAD = 1  # required words a descriptor may leave unread
MIN_COMPOUND = 7  # letters of a word read as two descriptor words written open ("legrests")
_ALPHA = re.compile(r"[a-z]+")
_TOKEN = re.compile(r"[a-z0-9]+")


def learn_initialisms(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Short-descriptor token -> the consecutive long-descriptor words whose first letters it spells
    ("sgd" -> speech generating device), learnt over (short, long) descriptor pairs of one code each."""
    votes: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for short, long in pairs:
        long_words = _ALPHA.findall(long.lower())
        present = set(long_words)
        for token in dict.fromkeys(_ALPHA.findall(short.lower())):
            if not 2 <= len(token) <= 5 or token in present:
                continue
            size = len(token)
            found = {
                tuple(long_words[i : i + size])
                for i in range(len(long_words) - size + 1)
                if "".join(w[0] for w in long_words[i : i + size]) == token
            }
            if len(found) == 1:
                votes[token][found.pop()] += 1
            else:
                votes[token][()] += 1  # used, read as no (or as several) initials of its descriptor
    learnt: dict[str, tuple[str, ...]] = {}
    for token, counts in votes.items():
        phrase, n = max(((p, m) for p, m in counts.items() if p), key=lambda x: (x[1], x[0]), default=((), 0))
        if phrase and (phrase[0] in LINKING or phrase[-1] in LINKING):
            continue
        if n >= INITIALISM_VOTES and n * 3 > sum(counts.values()) * 2:
            learnt[token] = phrase
    return learnt


def without_examples(text: str) -> str:
    """A descriptor less its examples: a parenthesis opening "e.g." (to its own closing one) illustrates the
    code's meaning and is no part of it ("Documentation of reason(s) sentinel lymph node biopsy not performed
    (e.g., ... breast cancer on prophylactic mastectomy, ...)")."""
    out: list[str] = []
    at = 0
    lowered = text.lower()
    while (start := lowered.find("(e.g.", at)) >= 0:
        out.append(text[at:start])
        depth, end = 0, start
        while end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
            if depth == 0:
                break
        at = end
    out.append(text[at:])
    return "".join(out)


def descriptor_stems(texts: Iterable[str]) -> frozenset[str]:
    """The stems of a code's descriptors' words (a hyphenated word's parts: "pre-recorded" -> pre, recorded),
    examples left out."""
    return frozenset(stem(w) for text in texts for w in _TOKEN.findall(without_examples(text).lower()))


def compound_parts(word: str, known: Callable[[str], bool]) -> list[tuple[str, str]]:
    """A word written closed read as two descriptor words written open or hyphenated ("legrests" -> leg
    rests, "prerecorded" -> pre-recorded, "bilevel" -> bi-level): each split whose parts (two letters
    at least) the descriptors print."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return []
    return [
        (word[:k], word[k:])
        for k in range(2, len(word) - 2)
        if known(stem(word[:k])) and known(stem(word[k:]))
    ]


Form = tuple[str, ...]  # a reading of one query word: the descriptor words (stems) it needs, all of them


@dataclass(frozen=True)
class Word:
    """One query word and its readings in the descriptors' words; `required`: it must be read."""

    typed: str
    forms: tuple[Form, ...]
    required: bool


def read_words(
    words: Sequence[str],
    abbreviations: Mapping[str, str],
    initialisms: Mapping[str, tuple[str, ...]],
    typed_forms: Callable[[str], tuple[str, ...]],
    optional: Callable[[str], bool],
    known: Callable[[str], bool] = lambda held: False,
) -> list[Word]:
    """Each query word with its readings: as typed, the long word a short descriptor's abbreviation stands for
    (a plural by its singular: "msgs" -> msg -> messages), the words an initialism spells, the descriptors'
    spelling of a unit or a count (`typed_forms`, phrases split into words), a closed compound's two parts
    the descriptors print (`known`: a stem the descriptors print)."""
    out: list[Word] = []
    for word in dict.fromkeys(words):
        forms: list[Form] = [(stem(word),)]
        single = word[:-1] if word.endswith("s") and len(word) > 3 else word
        for key in dict.fromkeys((word, single)):
            if key in abbreviations:
                forms.append((stem(abbreviations[key]),))
            if key in initialisms:
                forms.append(tuple(stem(w) for w in initialisms[key]))
        for phrase in typed_forms(word):
            forms.append(tuple(stem(w) for w in _TOKEN.findall(phrase.lower())))
        forms.extend((stem(a), stem(b)) for a, b in compound_parts(word, known))
        out.append(Word(word, tuple(dict.fromkeys(f for f in forms if f)), not optional(word)))
    return out


def reads(word: Word, held: frozenset[str]) -> bool:
    """Whether a descriptor (its stems) reads the word in one of its forms."""
    return any(all(s in held for s in form) for form in word.forms)


def covered(words: Sequence[Word], held: frozenset[str]) -> tuple[int, int, int]:
    """(required words read, required words, optional words read) of a descriptor."""
    required = [w for w in words if w.required]
    return (
        sum(1 for w in required if reads(w, held)),
        len(required),
        sum(1 for w in words if not w.required and reads(w, held)),
    )


def answers(read: int, required: int) -> bool:
    """Whether a descriptor reading `read` of the `required` words names the item asked."""
    return read >= MIN_COVERED and required - read <= MAX_UNREAD


@dataclass(frozen=True)
class DescriptorIndex:
    """The current HCPCS codes' descriptor stems (long and short descriptor), each
    stem with the codes holding it (their places in `codes`, space-separated, read when asked): a query's
    words are looked up here, with no full scan and no search of the other code sets' titles. The data build
    stores it (bot.lookups.derived_tables); a database built before that builds it once a searcher."""

    codes: tuple[str, ...]
    sizes: tuple[int, ...]  # the number of distinct stems of each code's long descriptor
    postings: Mapping[str, str]

    def prints(self, held: str) -> bool:
        """Whether some descriptor prints the stem."""
        return held in self.postings

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]]) -> DescriptorIndex:
        """From (code, long descriptor, short descriptor) rows."""
        codes: list[str] = []
        sizes: list[int] = []
        postings: dict[str, list[str]] = defaultdict(list)
        for at, (code, long, short) in enumerate(rows):
            codes.append(code)
            sizes.append(len({stem(w) for w in _TOKEN.findall(long.lower())}))
            for held in descriptor_stems((long, short)):
                postings[held].append(str(at))
        return cls(tuple(codes), tuple(sizes), {k: " ".join(v) for k, v in postings.items()})

    def encode(self) -> dict[str, Any]:
        return {"codes": list(self.codes), "sizes": list(self.sizes), "postings": dict(self.postings)}

    @classmethod
    def decode(cls, stored: dict[str, Any]) -> DescriptorIndex:
        return cls(tuple(stored["codes"]), tuple(stored["sizes"]), stored["postings"])

    def _holding(self, form: Form, cache: dict[str, frozenset[int]]) -> frozenset[int]:
        held: frozenset[int] | None = None
        for part in form:
            found = cache.get(part)
            if found is None:
                found = cache[part] = frozenset(int(at) for at in self.postings.get(part, "").split())
            held = found if held is None else held & found
            if not held:
                return frozenset()
        return held or frozenset()

    def ranked(self, words: Sequence[Word], limit: int, head: str = "") -> list[tuple[str, int, int]]:
        """The codes whose descriptors read the required words all but one (three at least) - and the `head`
        word, when given, among them - as (code, required words read, required words): the most read first,
        then the most optional words read, then the fewest long-descriptor words the query does not say, then
        the shorter descriptor."""
        cache: dict[str, frozenset[int]] = {}
        required = [w for w in words if w.required]
        read: Counter[int] = Counter()
        extra: Counter[int] = Counter()
        for word in words:
            holding: set[int] = set()
            for form in word.forms:
                holding |= self._holding(form, cache)
            (read if word.required else extra).update(holding)
        heads = [w for w in required if w.typed == head]
        named: set[int] | None = None
        if heads:
            named = set()
            for form in heads[0].forms:
                named |= self._holding(form, cache)
        chosen = [
            at for at, n in read.items() if answers(n, len(required)) and (named is None or at in named)
        ]
        asked = {part for w in words for form in w.forms for part in form}
        said: Counter[int] = Counter()
        for part in asked:
            said.update(at for at in self._holding((part,), cache) if at in chosen)
        order = sorted(
            chosen,
            key=lambda at: (-read[at], -extra[at], self.sizes[at] - said[at], self.sizes[at], self.codes[at]),
        )
        return [(self.codes[at], read[at], len(required)) for at in order[:limit]]


DESCRIPTOR_INDEX = "hcpcs_descriptor_index"
SHORT_FORMS = "hcpcs_short_forms"
ShortForms = tuple[dict[str, str], dict[str, tuple[str, ...]]]


def build_descriptor_index(conn: sqlite3.Connection) -> DescriptorIndex:
    """The index of the current HCPCS codes' descriptors (no modifiers)."""
    rows = conn.execute(
        "SELECT code, title, short_title FROM codes WHERE system = 'hcpcs' AND current = 1 AND kind = 'code' "
        "ORDER BY code"
    )
    return DescriptorIndex.build((str(c), str(t), str(s)) for c, t, s in rows)


def build_short_forms(conn: sqlite3.Connection) -> ShortForms:
    """The short descriptors' abbreviations and initialisms, learnt from every code that has both a short and
    a long descriptor (bot.lookups.loaders.short_descriptors.learn_abbreviations, `learn_initialisms`)."""
    pairs = [
        (str(short), str(long))
        for short, long in conn.execute(
            "SELECT short_title, title FROM codes WHERE system = 'hcpcs' AND title_source LIKE '%long%' "
            "AND short_title != ''"
        )
    ]
    return learn_abbreviations(pairs), learn_initialisms(pairs)


def encode_short_forms(forms: ShortForms) -> list[Any]:
    return [forms[0], {k: list(v) for k, v in forms[1].items()}]


def decode_short_forms(stored: list[Any]) -> ShortForms:
    return dict(stored[0]), {k: tuple(v) for k, v in stored[1].items()}
