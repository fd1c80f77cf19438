"""Queries that name nothing a coder could code: "see attached", "test", "foo bar baz".

Two small rules, read before the Index is searched (bot.lookups.search answers "no confident match" with the
closest Index main terms, never codes):
- `says_nothing`: every word is office talk about a document or a request ("see attached", "test", "please",
  "info"), not a condition, a cause, a procedure or an item;
- `unknown_subject`: the subject word (the last word of the query, where an English noun phrase puts its head)
  is known nowhere - no title, index term, vocabulary term or English word, and no misspelling of one - and
  at most one other word is held by an Index line or the vocabulary ("foo bar baz", "blorp pain").
After the search, `stretched_reading`: most words are known nowhere and the Index line found for the rest
says more than the query ("birthday cake for karen" is no "Cake kidney").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from bot.lookups.filler import FILLER
from bot.lookups.index.store import LINK
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import stem

# Words of a message about a record or a request, not about the patient.
OFFICE_WORDS = frozenset(
    {
        "see",
        "attached",
        "attachment",
        "attachments",
        "test",
        "testing",
        "tests",
        "please",
        "pls",
        "thanks",
        "thank",
        "you",
        "hello",
        "hi",
        "info",
        "information",
        "details",
        "note",
        "notes",
        "chart",
        "document",
        "documentation",
        "file",
        "form",
        "misc",
        "miscellaneous",
        "various",
        "tbd",
        "pending",
        "n/a",
        "na",
        "this",
        "that",
        "it",
        "here",
        "above",
        "below",
        "same",
        "as",
        "per",
        "code",
        "codes",
        "something",
        "anything",
        "stuff",
        "thing",
        "things",
        "etc",
        "ok",
        "okay",
        "asap",
        "check",
        "help",
        "question",
        "query",
        "lookup",
    }
)
_CONNECTING = frozenset(
    {"with", "due", "to", "on", "of", "and", "in", "the", "a", "an", "by", "for", "at", "from"}
)


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if len(w) > 1 and w not in _CONNECTING and not w.isdigit()]


def says_nothing(words: Sequence[str]) -> bool:
    """Whether every word of the query is office talk ("see attached", "test", "pls check")."""
    content = _content(words)
    return bool(content) and all(w in OFFICE_WORDS for w in content)


def unknown_subject(
    words: Sequence[str], known_anywhere: Callable[[str], bool], in_index: Callable[[str], bool]
) -> bool:
    """Whether the subject word is known nowhere (`known_anywhere`: a title, index term, vocabulary term or
    English word, or a misspelling of one) and at most one word is held by the Index or the vocabulary."""
    content = [w for w in _content(words) if w.isalpha()]
    if not content or known_anywhere(content[-1]):
        return False
    return sum(1 for w in content if in_index(w)) <= 1


def closest_main_terms(tree: IndexTree, words: Sequence[str], most: int = 5) -> list[str]:
    """The Index main terms holding a word of the query (office talk aside), for "no confident match"."""
    return ranked_main_terms(tree, [{stem(w)} for w in _content(words) if w not in OFFICE_WORDS], most)


def ranked_main_terms(tree: IndexTree, words: Sequence[Collection[str]], most: int = 5) -> list[str]:
    """The Index main terms holding the query's words (each word: its stem and the stems it may stand for),
    those holding the most of the words first, a word in the term itself before one only in its non-essential
    modifiers, then the shorter term, then the Index's reading order: "bucket" and "struck" in "struck by the
    backhoe bucket" name "Struck by" and "Bucket-handle fracture or tear" before a term holding neither."""
    held: dict[int, float] = {}
    for said in words:
        alternatives = set(said) - REFERENCE_STEMS
        if not alternatives:
            continue
        best: dict[int, float] = {}
        for _, node, word, essential in tree.matches([0], alternatives):
            if word != LINK:
                best[node] = max(best.get(node, 0.0), 1.0 if essential else MODIFIER_ONLY)
        for node, weight in best.items():
            held[node] = held.get(node, 0.0) + weight
    if not held:
        return []
    ranked = sorted(held, key=lambda n: (-held[n], n))[: most * 4]
    terms = sorted(
        ((held[node.id], len(node.term.split()), node.id, node.term) for node in tree.nodes(sorted(ranked))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    return list(dict.fromkeys(term for *_, term in terms))[:most]


MODIFIER_ONLY = 0.5  # a query word found only in a main term's non-essential modifiers counts half
# The Index's cross-references print "see" / "see also" among a term's modifiers ("Bronchorrhagia (see
# Hemoptysis)"): an instruction, not a word of the term ("see attached" holds no main term).
REFERENCE_STEMS = frozenset({stem("see"), stem("also")})


MOSTLY_UNKNOWN = (
    0.5  # more than this share of the words known nowhere (no title, index term or vocabulary) ...
)
STRETCHED = 0.5  # ... and an Index line saying this many words of its own: nothing a coder could code


def stretched_reading(unknown_share: float, adds: float, by_index: bool) -> bool:
    """Whether the query is mostly words known nowhere and the Index line found for the rest says more than
    the query ("birthday cake for karen": "Cake kidney" adds the kidney): office talk, not a condition - the
    line's coverage looks high only because words known nowhere weigh little."""
    return by_index and unknown_share > MOSTLY_UNKNOWN and adds >= STRETCHED


FOREIGN_ADDS = 1.0  # an Index line saying this many words of its own beside a word no code book holds


def foreign_and_stretched(
    words: Sequence[str],
    english: Callable[[str], bool],
    coded: Callable[[str], bool],
    adds: float,
    by_index: bool,
) -> bool:
    """Whether an English word of the query (no filler word: "happened") is in no title, Index line or
    vocabulary (`coded`: "printer", "validation"; a misspelling is no English word) while the Index line found for the other words says a word or more of
    its own ("parking garage validation" is no "Place of occurrence, parking garage"): the query is about
    something the code books do not hold."""
    if not by_index or adds < FOREIGN_ADDS:
        return False
    return any(
        w.isalpha() and w not in OFFICE_WORDS and w not in FILLER and english(w) and not coded(w)
        for w in _content(words)
    )
