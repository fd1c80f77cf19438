"""A rare medical word's own main term, where a coder starts: "erythromelalgia of feet, burning and red".

A coder enters the ICD-10-CM Alphabetic Index by the condition's main term. In a chart phrase, a word that is
no ordinary English word (the shipped English word list) and is, or begins, a main term of the Index
("Erythromelalgia", "Hemochromatosis", "Peyronie's disease") is almost always that main term; the phrase's
other words then choose the subterms below it ("cirrhosis due to primary hemochromatosis": Hemochromatosis,
primary). This module reads that from the Index tree itself:

- `rare_words`: the query's words that are no English word, in the form or spelling the Index prints
  (the caller's correction), kept when the form is still no English word (a typo of an ordinary word is not
  rare: "vains" is veins);
- `main_lines`: for such a word, the Index main terms it begins - one word, or several whose other words the
  query says, or an eponym's ("Felty's syndrome": the possessive names the condition, its "syndrome" need not
  be said) - each with the line below it whose subterm words the query says (the most query words read, then
  the shallowest line), as the text to look up.

The search (`bot.lookups.search`) answers by such a line when the answer as typed left the rare word unread,
or found nothing, and the line reads more of the query's rare words, or as many and more of its words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import FILLERS, stem
from bot.lookups.schema import STOPWORDS, WORD

SHORTEST = 4  # a shorter word is more often an abbreviation than a medical word ("copd", "hx")
MOST_LINES = 3000  # the subterm lines looked at below one main term
_TYPED = re.compile(r"[a-z]+(?:'s)?")
_TOKEN = re.compile(r"[a-z0-9]+(?:'s)?")
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")
_HEAD = re.compile(r"[ ,(]")


@dataclass(frozen=True)
class RareWord:
    typed: str  # as typed ("takayasus")
    form: str  # as the Index prints it ("takayasu's")
    known: bool = (
        False  # a vocabulary term (an abbreviation, a drug or brand name): weighed, never a main term
    )

    @property
    def stems(self) -> frozenset[str]:
        return frozenset({word_stem(self.typed), word_stem(self.form)})


@dataclass(frozen=True)
class MainLine:
    main: Node  # the main term the rare word begins
    path: tuple[Node, ...]  # the main term and the subterms below it the query says
    read: frozenset[str]  # the query's stems the line's words read

    @property
    def text(self) -> str:
        """The line's words to look up ("Hemochromatosis primary")."""
        return " ".join(node.term.split(",")[0].split("(")[0].strip() for node in self.path)

    @property
    def label(self) -> str:
        return ", ".join(node.term for node in self.path)


def word_stem(word: str) -> str:
    """A word's stem, a possessive's "'s" aside ("crohn's" -> crohn)."""
    return stem(word.removesuffix("'s"))


def said_stems(query: str) -> frozenset[str]:
    return frozenset(word_stem(w) for w in _TOKEN.findall(query.lower()))


def line_code(line: MainLine) -> str:
    """The code the line's path prints last (undotted, its dash aside): an answer by the line is within it."""
    code = next((n.code for n in reversed(line.path) if n.code), "")
    return code.replace(".", "").rstrip("-").upper()


def adds_unsaid(path_text: str, line: MainLine, said: frozenset[str]) -> bool:
    """Whether an Index path ("Pseudomonas, mallei infection") names a word the query does not say, other than
    the main term's own words ("Takayasu's disease or syndrome")."""
    return bool(_content_stems(path_text) - said - _content_stems(line.main.term))


def _content_stems(term: str) -> frozenset[str]:
    """A line's own words (its nonessential modifiers aside), linking words and NEC/NOS aside."""
    words = WORD.findall(term.lower())
    return frozenset(word_stem(w) for w in words if w not in STOPWORDS and w not in FILLERS and w.isalpha())


def rare_words(
    query: str,
    english: Callable[[str], bool],
    known: Callable[[str], bool],
    form_of: Callable[[str], str],
    ordinary: Iterable[str] = (),
) -> list[RareWord]:
    """The query's words of `SHORTEST` letters or more that are no English word (`english`) nor an `ordinary`
    word, in their Index form (`form_of`: the word's noun or spelling correction) when that form is no English
    word either; and, marked `known`, the vocabulary's terms (`known`: drug and brand names, abbreviations:
    "velcade") and the shorter or lettered-and-numbered tokens ("hx", "bih", "t2dm") that are no English word."""
    out: list[RareWord] = []
    skip = frozenset(ordinary)
    for token in dict.fromkeys(_TOKEN.findall(query.lower())):
        word = token.removesuffix("'s")
        if word in skip or english(word) or word.isdigit():
            continue
        if known(word) or known(token) or len(word) < SHORTEST or not word.isalpha():
            if (len(word) > 2 or known(word)) and any(c.isalpha() for c in word):
                out.append(RareWord(token, word, known=True))
            continue
        form = form_of(word)
        if form != word and english(form.removesuffix("'s")):
            continue  # a typo of an ordinary word ("vains")
        out.append(RareWord(token, form))
    return out


def capitals(query: str, found: Sequence[RareWord]) -> list[str]:
    """The words typed in capitals ("HIV", "BP"), an abbreviation the chart chose even when an English word
    spells it, not among the rare words already `found`."""
    have = {w.typed for w in found}
    return [w for w in dict.fromkeys(_CAPITALS.findall(query)) if w.lower() not in have]


def _begins(node: Node, word: RareWord, said: frozenset[str]) -> bool:
    """Whether the rare word begins the main term: its first word, the rest said in the query unless the
    first word is an eponym's possessive ("Takayasu's disease or syndrome")."""
    printed = _HEAD.split(node.term, maxsplit=1)[0]
    head = printed.lower()
    if printed.isupper() or word_stem(head) not in word.stems:  # ("VAIN" is an abbreviation, no "vains")
        return False
    rest = _content_stems(node.term.split(",")[0].split("(")[0]) - {word_stem(head)}
    return head.endswith("'s") or rest <= said


def main_lines(tree: IndexTree, word: RareWord, said: frozenset[str]) -> list[MainLine]:
    """The ICD-10-CM main terms the rare word begins, each with the line below it whose subterms' words the
    query says (most of the query's words read, then the shallowest line, then the first printed)."""
    out: list[MainLine] = []
    heads: Sequence[int] = sorted({n for s in word.stems for n in tree.main_terms_holding(s)})
    for main in tree.nodes(list(heads)):
        if main.book != "cm" or main.depth != 0 or not _begins(main, word, said):
            continue
        own = _content_stems(main.term) & said
        best: tuple[int, int, int] = (len(own), 0, -main.id)
        path: tuple[Node, ...] = (main,)
        below = sorted({n for n, _, _ in tree.within(main, said - word.stems, MOST_LINES)})
        for node in tree.nodes(below):
            steps = tree.steps_below(node.id, main.id)
            if steps is None:
                continue
            words = [_content_stems(n.term) for n in steps]
            if not all(w <= said for w in words):
                continue
            read = own.union(*words)
            key = (len(read), -len(steps), -node.id)
            if key > best:
                best, path = key, (main, *steps)
        read = frozenset().union(*(_content_stems(n.term) & said for n in path))
        out.append(MainLine(main, path, read | (word.stems & said)))
    return out
