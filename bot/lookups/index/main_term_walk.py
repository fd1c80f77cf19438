"""The coder's last look before "no confident match": each word of the query opened as an Index main term.

A coder who finds no Index line for a query read whole does not give up: she opens the Alphabetic Index at each
word the query says that could name the condition - the word as typed, or the form the Index prints it in (a
plural or "-ing" form's base: "bends" -> Bends, "kinking" -> Kink; an adjective's or verb's noun: "torn" ->
Tear) - and follows the query's other words down the subterms indented below it (the Index's conventions,
guideline I.A.1-I.A.3: a main term, then its subterms in order). Where that path stops at a line that prints a
code, that line answers ("witnessed tonic clonic seizure, first ever" -> Seizure(s) R56.9; "scuba diver with the
bends" -> Bends T70.3); a line printing no code of its own (a "see" line, a heading) answers nothing, and when no
main term reads, the query keeps its "no confident match" with the closest main terms.

This module reads the candidate paths from the Index tree (`bot.lookups.index.rare_main_terms.main_lines`
gives each main term a word begins; `_deepest_line` the line below it whose subterm words the query says,
headings that print no code read past) and orders them:

- a path ending at a line that prints a code, the rest dropped;
- the most query words read, then the main term of the rarer word in the Index (a coder opens the Index at the
  word that names the problem, and "disease" or "back" names little), then the deeper line.

The query's words read below the main term are its own, the vocabulary's reading of them, the kinds of a body
part it names (WordNet: the inferior vena cava is a vein, "Kink, vein(s)") and the adjectives of its adverbs
("mildly" -> "Malnutrition, degree, mild"). A main term is not opened:

- alone (no subterm said) at a word whose usual WordNet senses name no state ("spring scale calibration": no
  Scales), nor at an eponym's possessive the query does not say ("little dimple": no Little's disease);
- when its other printed parts are neither said nor forms of its word ("sad": no "Sadness, postpartal");
- at a word the query says in a two-word WordNet compound the path does not read ("cold sweats": no Cold);
- when the words it leaves unread are mostly everyday talk (a food, an object, a time, a place: "cold brew
  coffee order"), unless the word names nothing but a state ("sunburn from beach day").

The search (`bot.lookups.search.find_codes`) asks for it only when the whole lookup answered nothing with "no
confident match" (never office talk, a CPT service or a denied finding), and answers by the best path's line
completed in the Tabular, its `why` naming the path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.lookups.index.everyday_talk import everyday
from bot.lookups.index.rare_main_terms import MainLine, RareWord, main_lines, word_stem
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import stem
from bot.lookups.schema import STOPWORDS, WORD
from bot.lookups.wordnet import Sense, WordNet

SITE_KIND_STEPS = 2  # how far up WordNet a body noun's kinds are read ("vena cava" -> vein)
LONGEST_NAME = 3  # the most words a body noun of the query is read in ("inferior vena cava")
MOST_LINES = 3000  # the subterm lines looked at below one main term
ROOT = 4  # the letters a main term's other forms share with its first word ("Kink, kinking", "Tear, torn")
SHORTEST = 3  # a shorter word is an abbreviation or a linking word, not a main term a coder opens
MOST_PATHS = 4  # the paths tried in order (each is looked up once)


@dataclass(frozen=True)
class Walk:
    """One main term opened at a word of the query and the line its other words lead to."""

    word: RareWord  # the query's word, as typed and in the form the main term prints
    line: MainLine  # the main term and the subterms below it the query says

    @property
    def code(self) -> str:
        """The code the path's last line prints ("" when it prints none: a "see" line or a heading)."""
        return self.line.path[-1].code


def forms_of(word: str, other_forms: Callable[[str], Iterable[str]]) -> list[str]:
    """A word and the forms the Index may print it in (`other_forms`: its noun, a base form), each once."""
    return list(dict.fromkeys([word, *(f for f in other_forms(word) if f and f != word)]))


def adverb_bases(words: Sequence[str], english: Callable[[str], bool]) -> frozenset[str]:
    """The stems of the adjectives the query's "-ly" adverbs are made from ("mildly" -> mild, "severely" ->
    severe, "partially" -> partial), an `english` word of `ROOT` letters or more ("early" is no ear, "family"
    no adverb): the Index's subterms say the adjective ("Malnutrition, degree, mild")."""
    out = set()
    for word in words:
        if not word.endswith("ly"):
            continue
        base = word[:-2]
        base = base[:-1] + "y" if base.endswith("i") else base
        if len(base) >= ROOT and english(base):
            out.add(stem(base))
    return frozenset(out)


def site_kinds(words: Sequence[str], wordnet: WordNet) -> frozenset[str]:
    """The stems of the kinds a body part the query names is (its first WordNet sense a body noun, up to
    `SITE_KIND_STEPS` broader): the Index names a site by its kind below a main term ("Kink, vein(s)",
    "Tear, muscle"), the query names it narrowly ("kinking of the inferior vena cava", "pectoralis tear")."""
    out: set[str] = set()
    for size in range(LONGEST_NAME, 0, -1):
        for at in range(len(words) - size + 1):
            name = " ".join(words[at : at + size])
            senses = wordnet.senses(name)[:1]
            if not senses or senses[0].kind != "noun.body":
                continue
            for sense, _ in wordnet.broader(name, depth=SITE_KIND_STEPS):
                if sense.kind == "noun.body":
                    out.update(stem(w) for lemma in sense.lemmas for w in lemma.split())
    return frozenset(out)


def walks(
    tree: IndexTree,
    words: Sequence[str],
    other_forms: Callable[[str], Iterable[str]],
    said: frozenset[str],
    names_condition: Callable[[str, str], bool],
    rare: Callable[[str], bool],
    read_for: frozenset[str] = frozenset(),
) -> list[Walk]:
    """The paths from the main terms the query's `words` (content words, in order) open, each ending at a
    line that prints a code, best first: the most query words read, the rarer main word, the deeper line.

    A main term read alone (no subterm the query says) is opened only at a word that `names_condition` (typed,
    form): "spring scale calibration" opens no Scales. An eponym's possessive ("Little's disease") is opened
    only by a word typed so, or by one that is `rare` (no English word: "kawasakis"): "little dimple" names
    no Little. A word the query says only by the vocabulary's reading of another (`read_for`: "strep throat"
    read as streptococcal pharyngitis) opens a main term whose line reads another word of the query too
    ("Pharyngitis, streptococcal"; an abbreviation misread, "ABR" as abrasion, reads nothing more)."""
    found: dict[tuple[int, ...], tuple[tuple[int, int, int, int], Walk]] = {}
    for order, typed in enumerate(words):
        if len(typed) < SHORTEST or not typed.isalpha():
            continue
        for form in forms_of(typed, other_forms):
            word = RareWord(typed, form)
            for opened in main_lines(tree, word, said | word.stems):
                if not _forms_said(opened.main.term, said | word.stems):
                    continue
                walk = Walk(word, _deepest_line(tree, opened, said | word.stems))
                line = walk.line
                if not walk.code:
                    continue
                if typed in read_for and len(line.read & said) < 2:
                    continue
                if len(line.path) == 1 and not names_condition(typed, form):
                    continue
                if _possessive(line.main.term) and not rare(typed):
                    continue
                rarity = min(tree.word_counts(word.stems).values(), default=0)
                key = (len(line.read & said), -rarity, len(line.path), -order)
                ids = tuple(n.id for n in line.path)
                if ids not in found or found[ids][0] < key:
                    found[ids] = (key, walk)
    ranked = sorted(found.values(), key=lambda kept: kept[0], reverse=True)
    return [walk for _, walk in ranked[:MOST_PATHS]]


def unread_words(walk: Walk, words: Sequence[str]) -> list[str]:
    """The query's content words (`words`) the walk's path does not read."""
    read = walk.line.read | walk.word.stems
    return [w for w in words if word_stem(w) not in read]


def everyday_around(unread: Sequence[str], senses: Callable[[str], Sequence[Sense]]) -> bool:
    """Whether the words a path leaves unread are more everyday words than anything else - a food, an object,
    a time, a place, a doing (WordNet's usual senses; bot.lookups.index.everyday_talk) against a person, a
    body part, a state, a word WordNet has no noun for: "cold brew coffee order" opens no Cold (brew, coffee,
    order), "scuba diver with the bends" opens Bends (scuba, and the diver)."""
    talk = others = 0
    for word in unread:
        found = next((f for form in (word, word.removesuffix("s")) if (f := senses(form))), ())
        if found and everyday(found):
            talk += 1
        else:
            others += 1
    return talk > others


def _forms_said(term: str, said: frozenset[str]) -> bool:
    """Whether each part of a main term after its first ("Kink, kinking"; "Sadness, postpartal") is said by
    the query or is a form of the first word: "been sad since my divorce" opens no "Sadness, postpartal"."""
    first, *others = term.split("(")[0].split(",")
    head = word_stem(first.split()[0].lower()) if first.split() else ""
    for part in others:
        stems = frozenset(word_stem(w) for w in WORD.findall(part.lower()) if w not in STOPWORDS)
        if stems and not stems <= said and not all(s[:ROOT] == head[:ROOT] for s in stems - said):
            return False
    return True


def _deepest_line(tree: IndexTree, opened: MainLine, said: frozenset[str]) -> MainLine:
    """The line below the main term that reads the most of the query's words, through headings that print no
    code and send nowhere ("Malnutrition, degree, mild": "mildly malnourished" reads mild below "degree", as a
    coder reads past the heading); the line `main_lines` found when no such line reads more."""
    main = opened.main
    best = (len(opened.read), -len(opened.path)) if opened.path[-1].code else (-1, 0)
    path: tuple[Node, ...] = opened.path
    below = sorted({n for n, _, _ in tree.within(main, said, MOST_LINES)})
    for node in tree.nodes(below):
        steps = tree.steps_below(node.id, main.id)
        if not steps or not steps[-1].code:  # (None: the line is not below this main term)
            continue  # (a path stops at a line that prints a code)
        words = [_stems(n.term) for n in steps]
        # (each step said, or a heading read past; the last step, which prints the code, said)
        if not words[-1] <= said or not all(
            w <= said or (not n.code and not n.see) for w, n in zip(words, steps, strict=True)
        ):
            continue
        read = (_stems(main.term) & said).union(*(w & said for w in words))
        key = (len(read), -len(steps) - 1)
        if key > best:
            best, path = key, (main, *steps)
    read = frozenset().union(*(_stems(n.term) & said for n in path))
    return MainLine(main, path, read | opened.read)


def _stems(term: str) -> frozenset[str]:
    """A line's own words (its nonessential modifiers aside), linking words aside."""
    words = (w.removesuffix("'s") for w in WORD.findall(term.lower()))
    return frozenset(word_stem(w) for w in words if w not in STOPWORDS and w.isalpha())


def in_compound(walk: Walk, tokens: Sequence[str], senses: Callable[[str], Sequence[Sense]]) -> bool:
    """Whether the word a walk opened is one word of a compound the query says with its neighbour (a WordNet
    noun of two words: "cold sweat", "heat rash") whose other word the path does not read: the compound
    names another thing than the word alone ("cold sweats" opens no Cold)."""
    read = walk.line.read | walk.word.stems
    for at, token in enumerate(tokens):
        if token != walk.word.typed:
            continue
        for one, other in ((at - 1, at), (at, at + 1)):
            if one < 0 or other >= len(tokens):
                continue
            beside = tokens[other] if one == at else tokens[one]
            if word_stem(beside) in read:
                continue
            pair = f"{tokens[one]} {tokens[other]}"
            if senses(pair) or (pair.endswith("s") and senses(pair[:-1])):
                return True
    return False


def _possessive(term: str) -> bool:
    """Whether a main term begins with an eponym's possessive ("Little's disease", "Brown's sheath syndrome")."""
    return term.split(",")[0].split()[0].lower().endswith("'s")


def walk_note(walk: Walk) -> str:
    """The why's note: the path the word opened ("main term opened: Kink, kinking, vein(s), caval")."""
    typed = walk.word.typed
    opened = f"{typed} -> {walk.word.form}, " if word_stem(walk.word.form) != word_stem(typed) else ""
    return f"main term opened: {opened}{walk.line.label}"
