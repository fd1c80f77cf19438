"""The object a query names, found among the subterms below the line a path reached, by what it is a kind of.

A coder who has the main term ("Exposure (to)", "Bite, bitten by", "Contact, with, hot") reads down its
subterms for the thing the record names. When no subterm names the thing itself, the coder takes the subterm
naming what the thing is a kind of, the nearest kind first, and the "NEC" line of that kind where the Index
prints one (I.A.9.b: "not elsewhere classifiable" is the "other specified" line): mercury is a metal
("Exposure (to), hazardous metals NEC" Z77.018), streptococcus a bacterium ("Exposure (to), bacterial disease
NEC" Z20.818), a bat a mammal ("Bite, bitten by, mammal NEC" W55.81), aluminum a metal ("Contact, with, hot,
metal NEC (molten)" X18).

What a thing is a kind of is WordNet's (bot.lookups.wordnet): the hypernyms of the word's usual sense (its
first, past a person's), when it names a thing, an animal, a plant, a substance, a food or a disease; an
adjective of a thing is the thing ("porcine": swine). A subterm names a kind when its words (its non-essential
modifiers and "NEC" / "NOS" / "other" / "specified" left out) hold every word of one of the kind's names, an
adjective counted as the noun it pertains to ("bacterial" -> bacteria), and every other word of it that names
a class of its own (a noun, an adjective of a class: "intestinal", any word after a preposition) is one of the
kind's too. The nearest kind wins; among its lines the one adding fewest words; two such of different codes
leave the thing undecided. The broadest kinds (an object, a substance) name no line. From the line found the reading goes on down to the most
specific line naming a kind of the thing (allergy, food, seafood for shrimp), and the Tabular of that line's
category may name the thing itself (Z79.60 -> Z79.631 for methotrexate). A word of origin names WordNet's kind
of its source ("xenogenic": an animal). Subterms are read only where the path ends: the line's children, and
the children of a connective child ("with", "due to").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from bot.lookups.index.no_stems import kept
from bot.lookups.index.thing_kinds import TOO_BROAD, singular_forms
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import stem
from bot.lookups.wordnet import Sense, WordNet

# The senses a thing may be named by: WordNet's kinds of things, animals, plants, substances, foods and
# diseases (a person, an act or a feeling is no object of these lines).
THING_KINDS = frozenset(
    {
        "noun.animal",
        "noun.artifact",
        "noun.object",
        "noun.substance",
        "noun.plant",
        "noun.food",
        "noun.state",
    }
)
# The kinds too broad to name a line: the things' broadest (thing_kinds.TOO_BROAD) but a drug's (the reasons'
# lines name drugs by their class and "drug, specified NEC": Long-term drug therapy), and those of every illness.
BROAD = (TOO_BROAD - {"drug", "medicine", "medication", "medicament"}) | frozenset(
    {
        "disease",
        "illness",
        "unwellness",
        "ill health",
        "pathological state",
        "physical condition",
        "condition",
    }
)
BROAD_STEMS = frozenset(stem(w) for w in BROAD if " " not in w)
MAX_STEPS = 6  # kinds farther than this name a different thing
# The words of a subterm that say it is the catch-all of its kind, not what kind it is (I.A.9).
_CATCH_ALL = frozenset(
    {"nec", "nos", "other", "specified", "unspecified", "and", "or", "of", "the", "a", "an"}
)
# The words of origin a line names a thing's source by, and WordNet's kind of thing each means: "xenogenic"
# (Greek xenos, foreign: of another species, Dorland's) is of an animal ("Presence, heart valve, xenogenic"
# for a pig's).
ORIGINS = {"xeno": "noun.animal"}
_PREPOSITIONS = frozenset(
    {
        "under",
        "with",
        "without",
        "in",
        "on",
        "from",
        "for",
        "by",
        "due",
        "to",
        "into",
        "at",
        "during",
        "after",
        "off",
        "out",
        "onto",
        "through",
        "over",
        "against",
        "between",
    }
)
_WORD = re.compile(r"[a-z][a-z'-]*")
_PARENS = re.compile(r"\([^)]*\)")


# What is read is kept, by connection (a reader's or a tree's), each cache cleared when full. A line's subterms
# hold their Index nodes: 2,000 lines kept took 33 MB more peak RSS over 1,629 read-set queries (218 -> 251 MB),
# 256 lines 11 MB with the same CPU per query (a pass over every read set reads ~1,000 lines' subterms).
KIND_LINES_KEPT = 4_000
SUBTERMS_KEPT = 256


def _keep(cache: dict[Any, Any], key: object, value: object, limit: int) -> None:
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value


@dataclass(frozen=True, slots=True)
class KindLine:
    """The lines from the path's end down to the subterm naming the thing's kind, and how far the kind is."""

    lines: tuple[Node, ...]
    kind: str  # the kind's name the subterm holds
    steps: int  # 1 = the thing's direct hypernym
    extra: int  # the subterm's words that are not the kind's ("hazardous" of "hazardous metals NEC")


_kind_lines: dict[tuple[int, int, str], KindLine | None] = {}
_named: dict[tuple[int, str, str], bool] = {}
_usuals: dict[tuple[int, str], Sense | None] = {}


def kind_line(tree: IndexTree, wordnet: WordNet, end: Node, word: str) -> KindLine | None:
    """The subterm below `end` naming the nearest kind of the thing `word` names, or None (no subterms, a
    word WordNet has no thing for, or no subterm naming any of its kinds)."""
    if end.last <= end.id or len(word) < 3 or not word.isalpha():
        return None
    key = (id(tree.conn), end.id, word)
    if key in _kind_lines:
        return _kind_lines[key]
    found = _nearest(tree, wordnet, end, word)
    if found is not None and found.lines[-1].last > found.lines[-1].id:
        # the most specific line naming a kind of the thing: on down its subterms ("History, personal,
        # allergy, food" for shellfish, then its "seafood")
        deeper = kind_line(tree, wordnet, found.lines[-1], word)
        if deeper is not None:
            found = replace(deeper, lines=found.lines + deeper.lines)
    _keep(_kind_lines, key, found, KIND_LINES_KEPT)
    return found


def names_itself(tree: IndexTree, book: str, word: str) -> bool:
    """Whether a line of the book is the thing itself, under any main term ("Contact, with, llama - see
    Contact, with, hoof stock NEC"): the Index has placed it, and no kind of it is read instead."""
    key = (id(tree.conn), book, word)
    if key in _named:
        return _named[key]
    found = any(
        tree.conn.execute(
            "SELECT 1 FROM index_nodes WHERE term = ? AND book = ? AND depth > 0 LIMIT 1", [form, book]
        ).fetchone()
        for form in [*singular_forms(word), f"{word}s"]
    )
    _keep(_named, key, found, KIND_LINES_KEPT)
    return found


def names_thing(wordnet: WordNet, word: str, touched: bool = True) -> bool:
    """Whether the word's usual sense names a thing (THING_KINDS); with `touched`, one that may be touched,
    not a disease ("shellfish allergy" names shellfish)."""
    sense = _usual(wordnet, word)
    return sense is not None and not (touched and sense.kind == "noun.state")


def _usual(wordnet: WordNet, word: str) -> Sense | None:
    """The word's usual sense when it names a thing: its first, or the first not a person's ("hog" is first
    a greedy person); None for a word first an act ("shot": the shooting), a feeling or a person."""
    key = (id(wordnet), word)
    if key in _usuals:
        return _usuals[key]
    found = _usual_sense(wordnet, word)
    _keep(_usuals, key, found, KIND_LINES_KEPT)
    return found


def _usual_sense(wordnet: WordNet, word: str) -> Sense | None:
    if not word.isalpha():
        return None
    senses = next((found for form in singular_forms(word) if (found := wordnet.senses(form))), ())
    # (an adjective of a thing is read as the thing: "porcine" pertains to swine, "bovine" to cattle)
    senses = senses or wordnet.pertains(word)
    sense = next((s for s in senses if s.kind != "noun.person"), None)
    return sense if sense is not None and sense.kind in THING_KINDS else None


def _nearest(tree: IndexTree, wordnet: WordNet, end: Node, word: str) -> KindLine | None:
    sense = _usual(wordnet, word)
    if sense is None:
        return None  # (before the subterms are read: most words left unread name no thing)
    named = _subterms(tree, wordnet, end)
    if not named:
        return None
    origin = next((line for line in named if sense.kind in line.origins), None)
    if origin is not None:
        return KindLine(origin.path, sense.kind, 1, 0)  # ("xenogenic": the thing is an animal)
    return _climb(wordnet, sense, word, named)


def _climb(wordnet: WordNet, sense: Sense, word: str, named: list[_Subterm]) -> KindLine | None:
    """The subterm naming the sense's nearest kind (a kind too broad, BROAD, names none). Among subterms
    naming the same kind, the one adding fewest words the kind does not say; two such of different codes
    leave the kind undecided (None)."""
    for step, frontier in enumerate([[sense.id], *wordnet.levels_above([sense.id], MAX_STEPS)]):
        found: list[KindLine] = []
        for sense_id in frontier:
            lemmas = wordnet.sense(sense_id).lemmas
            if any(lemma in BROAD for lemma in lemmas):
                continue  # (a kind too broad by any of its names: "conveyance, transport", "condition, status")
            # (a kind "X of Y" is a part or a cut of Y: "cut of pork" is pork)
            names = [*lemmas, *(lemma.split(" of ", 1)[1] for lemma in lemmas if " of " in lemma)]
            said = [
                (lemma, stems)
                for lemma in names
                if lemma != word and (stems := frozenset(stem(w) for w in _WORD.findall(lemma.lower())))
            ]
            every = frozenset(s for _, stems in said for s in stems)
            for line in named:
                # (an adjective of the line is this kind when it pertains to this very sense: "bacterial" to
                # bacteria; "medicolegal" pertains to medicine the science, no drug)
                lemma = next((lemma for lemma, stems in said if stems <= line.every), "")
                if not lemma and sense_id not in line.senses:
                    continue
                if not all(
                    forms & every or sense_id in senses for forms, senses, narrows in line.words if narrows
                ):
                    continue
                extra = sum(not (forms & every or sense_id in senses) for forms, senses, _ in line.words)
                found.append(KindLine(line.path, lemma or lemmas[0], step, extra))
        if found:
            fewest = min(k.extra for k in found)
            best = [k for k in found if k.extra == fewest]
            if len({_code(k) for k in best}) > 1:
                return None
            return best[0]
    return None


def _code(kind: KindLine) -> str:
    last = kind.lines[-1]
    return last.code or "|".join(last.see)


@dataclass(frozen=True, slots=True)
class _Subterm:
    path: tuple[Node, ...]  # from the child of the path's end down to the line
    words: tuple[tuple[frozenset[str], frozenset[int], bool], ...]  # each word's stems, the senses an
    # adjective pertains to, and whether it narrows the line (_names)
    every: frozenset[str]  # all the stems
    senses: frozenset[int]  # all the senses its adjectives pertain to
    catch_all: bool  # an "NEC" line
    origins: frozenset[str] = frozenset()  # the WordNet kinds its word of origin names ("xenogenic": animal)


_lines: dict[tuple[int, int], list[_Subterm]] = {}


def _subterms(tree: IndexTree, wordnet: WordNet, end: Node) -> list[_Subterm]:
    """The lines a kind may be read at, each with the words it names: the children of `end` that print a
    code or a "see", and those of a connective child ("with", "due to", "from, off, out of"). (Another
    heading's children, "hot, object NEC", are not: the heading's word is the query's to say.)"""
    memo_key = (id(tree.conn), end.id)
    if memo_key in _lines:
        return _lines[memo_key]
    paths: list[tuple[Node, ...]] = []
    for child in tree.children(end.id):
        if child.code or child.see:
            paths.append((child,))
        elif child.last > child.id and (child.is_link or _connective(child.term)):
            paths += [(child, below) for below in tree.children(child.id) if below.code or below.see]
    out: list[_Subterm] = []
    for path in paths:
        words = tuple(w for node in path if not node.is_link for w in _names(wordnet, node))
        every = kept(frozenset(f for forms, _, _ in words for f in forms))
        senses = kept(frozenset(i for _, ids, _ in words for i in ids))
        said = _WORD.findall(path[-1].term.lower())
        origins = kept(
            frozenset(kind for w in said for prefix, kind in ORIGINS.items() if w.startswith(prefix))
        )
        out.append(_Subterm(path, words, every, senses, "nec" in said, origins))
    _keep(_lines, memo_key, out, SUBTERMS_KEPT)
    return out


# A subterm word's stem and the sense it pertains to, each as a set of one shared by every line saying it (a
# new set of one is 216 bytes; the lines kept hold ~20,000 words, most of them the same few hundred stems).
_NONE: frozenset[int] = kept(frozenset())
_ones: dict[str, frozenset[str]] = {}
_pertaining: dict[int, frozenset[int]] = {}


_Member = TypeVar("_Member", str, int)


def _alone(shared: dict[_Member, frozenset[_Member]], member: _Member) -> frozenset[_Member]:
    """The one-member set of `member`, shared by every line that reads it (kept in `shared`, bounded)."""
    found = shared.get(member)
    if found is None:
        found = frozenset({member})
        _keep(shared, member, found, KIND_LINES_KEPT)
    return found


def _connective(term: str) -> bool:
    """Whether a heading's words are all prepositions ("Fall, from, off, out of"): it says how, not what."""
    said = _WORD.findall(term.lower())
    return bool(said) and all(w in _PREPOSITIONS or w in _CATCH_ALL for w in said)


def _names(wordnet: WordNet, node: Node) -> tuple[tuple[frozenset[str], frozenset[int], bool], ...]:
    """Each word of a subterm (its modifiers and catch-all words left out): its stems, the senses it pertains
    to if an adjective ("bacterial" -> bacteria), and whether it narrows the line to a class of its own (a
    noun, an adjective of a class: "intestinal", "bacterial"; any word after a preposition), which the kind
    must then say. A word of quality ("hazardous") or of every illness ("disease") narrows nothing."""
    out: list[tuple[frozenset[str], frozenset[int], bool]] = []
    qualified = False  # (the words after a preposition qualify the line: "building under construction")
    for word in _WORD.findall(_PARENS.sub(" ", node.term.lower())):
        if word in _PREPOSITIONS:
            qualified = True
            continue
        if word in _CATCH_ALL:
            continue
        pertains = wordnet.pertains(word)
        narrows = qualified or (
            word not in BROAD and stem(word) not in BROAD_STEMS and bool(pertains or wordnet.senses(word))
        )
        out.append(
            (_alone(_ones, stem(word)), _alone(_pertaining, pertains[0].id) if pertains else _NONE, narrows)
        )
    return tuple(out)
