"""A condition a patient describes without naming it, found as the Index line whose words the description says.

"my fingernails curve up like little spoons", "itchy red bumps on my legs after swimming in the lake", "pain on
the inside of my left elbow since I started golfing": the patient names no condition, but the Index already
prints the descriptive words a lay sentence is made of - a part, a shape, a colour, a trigger - as main terms,
subterms and nonessential modifiers ("Spoon nail", "Swimmer's, itch", "Golfer's elbow", "Mark, stretch",
"Dirt-eating child"). A coder hearing such a sentence thinks of the line that says the most of it and says
nothing the patient did not; `describe` does the same over the Alphabetic Index:

- the sentence's words that describe (not who, when, how often, nor the words of a negated clause) are read
  in the forms the Index spells them: the plural, the adjective and the doer ("spoons" / spoon, "itchy" /
  itch, "swimming" / swimmer's, "golfing" / golfer's), a compound body word as its parts ("fingernails" /
  finger nail), the vocabulary's one-word readings ("armpits" / axilla) and a compact list of lay descriptor
  words by the Index words that print the same description (`DESCRIBED_AS`: "map" / geographic);
- every Index line holding one of them is scored by what its path (main term, subterms, modifiers) says of
  the sentence, rarer words counting more, less each word of the path the sentence does not say;
- a line is taken only when it says two words of the sentence or more, its main term is said, and at most
  no essential word of its path is left unsaid (nor a side the sentence does not say).

The search reads a sentence this way last, when nothing else answered it (bot.lookups.search.Searcher.
_find_read), then looks the line's words up as a query of their own, so the Index's cross-references and the
Tabular's laterality still decide the code.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups.index.lay_sentences import _EMPTY, _NARRATIVE, _NEGATING, _SIDES, answers_meaning, said_stem
from bot.lookups.index.store import BOOKS, SPAN
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.words import content_stems, stem

# Lay descriptor words by the Index words that print the same description (never a code, never a condition's
# name the patient did not describe): a shape, colour, texture, behaviour, trigger or a part in everyday words.
DESCRIBED_AS: dict[str, tuple[str, ...]] = {
    # shapes and looks
    "map": ("geographic",),
    "maps": ("geographic",),
    "move": ("migratory", "migrating"),
    "moving": ("migratory", "migrating"),
    "moves": ("migratory", "migrating"),
    "raised": ("hypertrophic",),
    "thick": ("hypertrophic", "thickening"),
    "thickened": ("hypertrophic", "thickening"),
    "bumps": ("papule", "papular", "lump"),
    "bumpy": ("papule", "papular", "lump"),
    "bump": ("papule", "papular", "lump"),
    "dots": ("spot", "spots"),
    "patches": ("patch", "spot", "plaque"),
    "lumpy": ("lump", "nodular"),
    "curve": ("curvature", "curved"),
    "curved": ("curvature",),
    "bent": ("curvature", "deformity"),
    "yellow": ("yellow", "xanthoma"),
    "purple": ("purpura", "purple"),
    "bald": ("alopecia", "bald"),
    "hairy": ("hirsutism", "hair"),
    "hairs": ("hair", "hirsutism"),
    "crooked": ("deformity", "deviation"),
    "droopy": ("ptosis", "drooping"),
    "drooping": ("ptosis",),
    "droops": ("ptosis",),
    "drooped": ("ptosis", "drooping"),
    "sagging": ("ptosis",),
    "crusty": ("crust", "crusted"),
    "scaly": ("scale", "scaling", "squamous"),
    "flaky": ("scale", "desquamation"),
    "peeling": ("peeling", "desquamation", "exfoliation"),
    "oozing": ("weeping", "discharge"),
    "weepy": ("weeping",),
    "moist": ("weeping", "moist"),
    "cracked": ("fissure", "fissured", "cracked"),
    "cracks": ("fissure", "fissured"),
    "wrinkled": ("wrinkling",),
    # sensations and behaviour
    "hurts": ("pain",),
    "hurting": ("pain",),
    "sore": ("pain", "sore"),
    "ache": ("pain", "ache"),
    "aches": ("pain", "ache"),
    "achy": ("pain", "ache"),
    "twitches": ("twitching", "myokymia", "fasciculation"),
    "twitchy": ("twitching", "myokymia"),
    "twitch": ("twitching", "myokymia"),
    "tremble": ("tremor",),
    "trembles": ("tremor",),
    "shakes": ("tremor",),
    "plugged": ("blocked", "obstruction", "occlusion"),
    "clogged": ("blocked", "obstruction", "occlusion"),
    "stuffed": ("blocked", "congestion"),
    "swell": ("swelling", "edema"),
    "swells": ("swelling", "edema"),
    "swollen": ("swelling", "edema"),
    "puffy": ("swelling", "edema"),
    "smells": ("odor", "smell"),
    "stinks": ("odor", "smell"),
    "stinky": ("odor", "smell"),
    "eating": ("eating", "pica"),
    "eats": ("eating", "pica"),
    "walks": ("walking",),
    "screaming": ("terror",),
    "screams": ("terror",),
    # triggers and settings
    "plane": ("aero", "altitude", "pressure", "air"),
    "flight": ("aero", "altitude", "pressure", "air"),
    "flying": ("aero", "altitude", "pressure", "air"),
    "sun": ("sun", "solar", "light", "actinic"),
    "sunlight": ("sun", "solar", "light", "actinic"),
    "sunshine": ("sun", "solar", "light"),
    "spring": ("seasonal",),
    "cold": ("cold", "chilblain"),
    "lake": ("swimmer",),
    "pond": ("swimmer",),
    "pool": ("swimmer",),
    "golf": ("golfer",),
    "tennis": ("tennis",),
    "growing": ("growth", "growing"),
    # parts in everyday words
    "lid": ("eyelid",),
    "lids": ("eyelid",),
    "eyelash": ("eyelash", "trichiasis"),
    "eyelashes": ("eyelash", "trichiasis"),
    "shin": ("leg",),
    "shins": ("leg",),
    "calf": ("leg", "calf"),
    "calves": ("leg", "calf"),
    "belly": ("abdomen", "abdominal"),
    "tummy": ("abdomen", "abdominal"),
    "stomach": ("abdomen", "abdominal", "stomach"),
    "armpit": ("axilla", "axillary"),
    "armpits": ("axilla", "axillary"),
    "underarm": ("axilla", "axillary"),
    "chin": ("chin", "face"),
    "cheeks": ("cheek", "face"),
    "tongue": ("tongue", "lingual"),
    "gums": ("gum", "gingiva"),
    "teeth": ("tooth", "dental"),
}

# Lines held by more words than this are too common to open candidates (they still count when said).
_OPENS = 1500
_CM_LOW = (BOOKS.index("cm") + 1) * SPAN
_CM_HIGH = _CM_LOW + SPAN
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ALL_LINES = 120_000  # about how many lines the Index books hold: the base of a word's rarity


@dataclass(frozen=True)
class Description:
    path: str  # the Index line's path, as the Index prints its terms ("Itch, itching, swimmer's")
    lookup: str  # the path's words to look up, a line's first form only ("Itch swimmer's")
    said: tuple[str, ...]  # the sentence's words the path says
    unused: tuple[str, ...]  # the sentence's describing words it does not
    sides: tuple[str, ...]  # the sides said ("left", "bilateral")
    score: float
    rare: tuple[str, ...] = ()  # the words said, not body parts, that the Index prints on few lines

    def answered_by(self, why: str) -> bool:
        """Whether the answer found for the line's words is the line: an Index path through its words, or
        through the vocabulary's reading of them ("Golfer's elbow" -> Epicondylitis, medial)."""
        if answers_meaning(self.path, why):
            return True
        read = _VOCABULARY_READ.findall(why)
        return why.startswith("Index:") and any(answers_meaning(self.lookup, f"Index: {term}") for term in read)

    def beats(self, why: str) -> bool:
        """Whether the line answers the sentence better than an answer found for it as typed (its reason
        `why`): the answer left a word the line says unused ("Pain, elbow (not used: ..., golfing)"), or
        is the external cause of what the line describes ("Striking against, object" for "itchy red bumps
        ... after swimming in the lake"); never an answer through the line's own main term."""
        if answers_meaning(" ".join(self.rare), why) or _READ_PHRASE.search(why):
            return False
        if why.startswith("External Cause Index:"):
            return len(self.said) >= 3 and bool(self.rare)
        left = _NOT_USED.findall(why)
        unused = {stem(w) for found in left for w in found.split(", ")}
        return bool(unused & {stem(w) for w in self.rare})


_NOT_USED = re.compile(r"not used: ([^;)]*)")
_VOCABULARY_READ = re.compile(r"\(vocabulary: ([^;)]*?) ->")
# An answer through a lay phrase of two words or more the vocabulary reads ("toenail growing into the skin
# -> ingrowing nail"): the patient's own words for the condition, which a description does not overrule.
_READ_PHRASE = re.compile(r"\((?:vocabulary|read): [^ ,;)]+ [^ ,;)>-][^;)]*->")
# A word the Index prints on no more than ~300 lines (log(120,000 / 300)): it tells the condition.
_RARE = 6.0


def missed_description(why: str) -> bool:
    """Whether an answer's reason says it left words of the sentence unused or answered it by the External
    Cause Index: a cheap test before a sentence is read as a description over an answer."""
    return "not used: " in why or why.startswith("External Cause Index:")


def describing_words(text: str) -> tuple[list[str], list[str], set[str]]:
    """The sentence's describing words (not who, when, how often, linking words, nor the words of a negated
    clause), the sides it says, and its words as typed, apostrophes off ("bells", "brights")."""
    words: list[str] = []
    typed: set[str] = set()
    sides: list[str] = []
    for clause in re.split(r"[,;.!?]", text.lower().replace("\u2019", "'")):
        off = False
        for word in _WORD.findall(clause):
            typed.add(word.replace("'", ""))
            bare = word.removesuffix("'s")
            if word in _NEGATING:
                off = True
            elif bare in _SIDES:
                side = _SIDES[bare]
                sides += [side] if side not in sides and not off else []
            elif not (off or bare in _EMPTY or bare in _NARRATIVE or len(bare) < 3 or bare.isdigit()):
                words.append(bare)
    return list(dict.fromkeys(words)), sides, typed


@lru_cache(maxsize=8192)
def word_forms(word: str) -> tuple[str, ...]:
    """The Index stems a word may be printed as: itself, its light stem, the adjective's and the doer's
    forms ("itchy" / itch, "golfing" / golfer's, "swimming" / swimmer's), and the described-as words."""
    base = said_stem(word)
    forms = {stem(word), base}
    roots = {base}
    for suffix in ("er", "ing", "ed"):
        if base.endswith(suffix) and len(base) > len(suffix) + 3:
            roots.add(base[: -len(suffix)])
    for root in list(roots):
        if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiouls":
            roots.add(root[:-1])
    for root in roots:
        doubled = root + root[-1] if len(root) >= 3 and root[-1] not in "aeiouwxy" and root[-2] in "aeiou" else ""
        forms |= {stem(root), stem(root + "er"), stem(root + "ing"), stem(root + "y")}
        if doubled:
            forms |= {stem(doubled + "er"), stem(doubled + "ing")}
    forms |= {stem(w) for w in DESCRIBED_AS.get(word, ())}
    return tuple(sorted(f for f in forms if len(f) >= 3))


class _Postings:
    """Which Index lines (of the Alphabetic Index) hold a stem, by the tree's per-word cache."""

    def __init__(self, tree: IndexTree) -> None:
        self.tree = tree
        self._cm: dict[str, tuple[int, ...]] = {}

    def cm_lines(self, form: str) -> tuple[int, ...]:
        found = self._cm.get(form)
        if found is None:
            nodes = self.tree._postings(form).nodes
            lo, hi = bisect_left(nodes, _CM_LOW), bisect_left(nodes, _CM_HIGH)
            found = self._cm[form] = tuple(nodes[lo:hi])
        return found

    def count(self, form: str) -> int:
        return len(self.tree._postings(form).nodes)


def _line_stems(node: Node, first: bool) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A line's essential stems (its term), all its stems (with the nonessential modifiers) and the proper
    names it prints (a capitalised word after a main term's first: "Bright's", "Bell's"), lower case and
    apostrophes off."""
    if node.is_link:
        return frozenset(), frozenset(), frozenset()
    essential = content_stems(node.term)
    names = [w for w in re.findall(r"[A-Za-z'-]+", node.term)[1 if first else 0 :] if w[:1].isupper()]
    return essential, essential | content_stems(node.modifiers), frozenset(w.lower().replace("'", "") for w in names)


def describe(
    text: str,
    tree: IndexTree,
    vocabulary: Vocabulary,
    is_site: Callable[[str], bool],
) -> Description | None:
    """The Index line the sentence describes best (see the module's docstring), or None."""
    words, sides, as_typed = describing_words(text)
    if len(words) < 2:
        return None
    postings = _Postings(tree)
    forms: dict[str, frozenset[str]] = {}
    for word in words:
        found = set(word_forms(word))
        for part in _parts(word, is_site):
            found |= set(word_forms(part))
        term = vocabulary.terms.get(word)
        if term is not None and term.kind in {"lay", "synonym"} and len(term.means.split()) <= 2:
            found |= {stem(w) for w in term.means.split()}
        forms[word] = frozenset(f for f in found if postings.count(f))
    rarity = {f: math.log(_ALL_LINES / postings.count(f)) for fs in forms.values() for f in fs}
    own = {w: {stem(w), said_stem(w)} for w in words}
    candidates: set[int] = set()
    for fs in forms.values():
        for f in fs:
            lines = postings.cm_lines(f)
            if len(lines) <= _OPENS:
                candidates.update(lines)
    best: tuple[float, int, tuple[str, ...]] | None = None
    every_form = frozenset().union(*forms.values())
    side_stems = {stem(s) for s in ("right", "left", "bilateral")}
    said_sides = {stem(s) for s in sides}
    for line in candidates:
        path = tree.path(line)
        if not path or not (path[-1].code or path[-1].see or path[-1].see_also or path[-1].last > line):
            continue
        said: set[str] = set()
        unsaid: set[str] = set()
        printed: set[str] = set()
        for n, node in enumerate(path):
            essential, held, names = _line_stems(node, n == 0)
            # A proper name is said only as typed ("bright red" says no Bright's disease).
            named = {stem(w) for w in names}
            spoken = {stem(w) for w in names & as_typed}
            hit = {w for w, fs in forms.items() if fs & (held - named) or stem(w) in spoken}
            if n == 0 and not {w for w in hit if forms[w] & essential or stem(w) in spoken}:
                break  # the main term itself must be said (not only a modifier of it)
            said |= hit
            printed |= (held - named) | spoken
            unsaid |= min(
                (content_stems(alt) - (every_form - named) - said_sides - spoken for alt in _forms_of(node.term)),
                key=len,
                default=frozenset(),
            )
            if essential & side_stems - said_sides:
                break  # a side the sentence does not say
        else:
            if len(said) < 2 or unsaid:
                continue
            # Each word said counts as rare as the form the path prints it in, a little more as typed.
            credit = {w: max(rarity.get(f, 0.0) for f in forms[w] & printed | {""}) for w in said}
            score = sum(credit.values()) + 0.5 * sum(1 for w in said if own[w] & printed) - 0.1 * len(path)
            rare = tuple(w for w in words if credit.get(w, 0.0) >= _RARE and not is_site(w))
            key = (score, -line, tuple(w for w in words if w in said), rare)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        return None
    score, line, said_words, rare = best
    lines = tree.path(-line)
    return Description(
        ", ".join(n.term for n in lines),
        " ".join(_forms_of(n.term)[0] for n in lines if not n.is_link),
        said_words,
        tuple(w for w in words if w not in said_words),
        tuple(sides),
        round(score, 2),
        rare,
    )


def _forms_of(term: str) -> list[str]:
    """The forms a line prints as one word ("Itch, itching"; "palsy, paralysis": their first letters the
    same), any of which said says it; else the line as a whole ("leg, sleep related")."""
    parts = term.split(", ")
    if len(parts) > 1 and len({p[:2].lower() for p in parts}) == 1:
        return parts
    return [term]


def _parts(word: str, is_site: Callable[[str], bool]) -> tuple[str, ...]:
    """A compound body word's parts when both are body parts ("fingernails" / finger, nails; "eyelids" /
    eye, lids)."""
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if is_site(head) and is_site(tail):
            return (head, tail)
    return ()


def reads_description(text: str) -> bool:
    """Whether a text is a sentence worth reading as a description: three words or more."""
    return len(_WORD.findall(text.lower())) >= 3
