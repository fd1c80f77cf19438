"""The code of the first answer's category whose Tabular words say what the query says, and no more.

Having reached a category through the Index, a coder reads the Tabular under it - each code's title and its
inclusion terms - and takes the code whose words the record says, or the unspecified code when it says
nothing more (guideline I.A.9.b; I.B.1: the Tabular's notes and titles decide among the codes the Index
leads to). The search's answers often hold several codes of one category, each reached by an Index line that
reads the same query words ("acute otitis media right ear": H66.001 by "Otitis, media, suppurative, acute",
H66.91 by "Otitis, media"); the first is then chosen by its path, not by what its code says.

`detail_choice` compares the first answer with each later answer of the same category that reads no fewer of
the query's words (its unused words are among the first's) and takes one only when the evidence of their
Tabular words is one-sided:

- the first answer's title negates what the query says, or says what the query negates ("Migraine without
  aura, not intractable" for "intractable migraine without aura"; "... with bleeding" for "no bleeding");
- or the other code says a word of the query the first does not (in its title or an inclusion term, not in
  an "Other ..." residual phrase, and not read by the first's Index path either: B07.8's inclusion term
  "Common wart") and adds no word of its own the query does not say, while the first (its Tabular words or
  its Index path) says no query word the other does not;
- or neither says a query word the other does not, the first's title says every word of the query, and it
  adds a detail the query does not say - a subterm its Index path chose though the query did not say it
  ("Hemorrhoids, 2nd degree" for "hemorrhoids that bleed"; "Otitis, media, suppurative, acute"), or an
  "Other ..." kind a title match found - where the other adds none (the unspecified code, or one whose only
  difference is a "without ..." clause, the default). A detail a "see" reference gave is the Index's own
  reading of the words ("Pink, eye - see Conjunctivitis, acute, mucopurulent"), and one the Index line gives
  its main term with no subterm is the term's default ("Hyperglyceridemia E78.1", pure): neither is unsaid.

`tabular_choice` does the last for a code of the category no answer holds ("lump in left breast": N63.20,
not N63.42 subareolar, which the path "Lump, breast, subareolar, left" added).

Words in parentheses are nonessential (they never distinguish), a "without ..." clause states the default,
and an encounter's words are the 7th character's, which both answers already share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups.filler import FILLER, LINKING
from bot.lookups.index.no_stems import kept
from bot.lookups.index.words import content_stems, stem

# The Tabular's own bookkeeping words: no detail of the condition ("unspecified", "region", "encounter").
_BOOKKEEPING = frozenset(
    stem(w)
    for w in (
        "unspecified",
        "specified",
        "site",
        "sites",
        "part",
        "parts",
        "region",
        "type",
        "not",
        "elsewhere",
        "classified",
        "without",
        "with",
        "encounter",
        "initial",
        "subsequent",
        "sequela",
        "routine",
        "healing",
        "closed",
        "nec",
    )
)
# Grammatical words of a query or a title (filler, linking words): never a detail either says.
GRAMMAR = frozenset(stem(w) for w in FILLER | LINKING)
_CUT = _BOOKKEEPING | GRAMMAR  # the stems `told` leaves out
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^]]*\]")
# A "without ..." clause, to the next comma or the words that follow it ("without complications in
# remission": the remission is said; "without foreign body of scalp": the scalp is).
_WITHOUT = re.compile(r"(?i)\b(?:without|not)\b((?:(?!\b(?:with|in|due|of)\b)[^,;])*)")
# The 7th character's words at a title's end (", initial encounter for closed fracture", ", sequela").
_ENCOUNTER_TAIL = re.compile(r"(?i),\s+(?:initial|subsequent)\s+encounter\b.*$|,\s+sequela\s*$")
_OTHER = re.compile(r"(?i)^other\b|\bother\s+specified\b|\bNEC\b|,\s*other\b")
# The residual kind an "Other ..." phrase names, to a comma or the next linking word ("Atherosclerosis of
# other arteries", "Other contact with horse"): its words say no query word.
_OTHER_PHRASE = re.compile(r"(?i)\bother\b((?:(?!\b(?:with|in|due|of|and)\b)[^,;])*)")
_WORD = re.compile(r"[a-z][a-z0-9-]*")
# A title's part that leaves one thing open (", unspecified eye", ", unspecified quadrant"; not ", unspecified
# with rectal bleeding").
_OPEN_PART = re.compile(r"(?i)^\s*unspecified(?:\s+[a-z]+)?\s*$")
MIN_COMPOUND = 6  # a word ending another this long is the other's head (colitis, pancolitis)
MIN_PREFIX = 5  # a stem beginning another this long is one word in two forms (diabet, diabetic) ...
MAX_ENDING = 3  # ... when the longer ends in this many letters more (not esophag-, esophagitis)
# Prefixes that turn a word around: "abnormal" holds no "normal", "uncomplicated" no "complicated".
_TURNING = ("ab", "un", "non", "in", "im", "ir", "il", "dis", "a", "an", "anti")

# What a query's negation covers: up to a comma, a semicolon, or a "with" / "and" clause ("no bleeding",
# "without aura, intractable": intractable is said).
_QUERY_NEGATION = re.compile(r"\b(?:no|not|without|w/o)\b((?:(?!\b(?:with|and|but)\b)[^,;])*)")


def query_refuses(query: str, expand: Callable[[str], str] = lambda text: text) -> frozenset[str]:
    """The stems a query negates ("migraine without aura, intractable" -> {aura}), and those of what
    `expand` reads the negated words as (the vocabulary's: "no stroke" negates the cerebral infarction)."""
    parts = _QUERY_NEGATION.findall(query.lower())
    return frozenset(s for part in parts for s in content_stems(f"{part} {expand(part)}"))


@dataclass(frozen=True)
class CodeReading:
    """One answer as the Tabular prints it, and how the search read the query for it."""

    code: str  # dotted or not; only its first three characters are compared
    title: str
    inclusions: tuple[str, ...]
    unused: frozenset[str]  # the query words its reading left unused
    path: frozenset[str] = frozenset()  # the stems its Index path printed
    given: frozenset[str] = frozenset()  # the stems a "see" reference on its path gave (the Index's reading)
    chosen: frozenset[str] = frozenset()  # the stems of its path's subterms (below the main term)
    loose: frozenset[str] = frozenset()  # the nonessential modifiers its path prints ("Otitis (acute)")


@dataclass(frozen=True)
class Choice:
    position: int  # among the others given (0 = the first of them)
    reason: str  # what the user reads: the words that decided


def _plain(text: str) -> str:
    """A title without its nonessential words, its encounter and the parts it leaves open (", unspecified
    quadrant", ", unspecified eye": no detail)."""
    parts = _ENCOUNTER_TAIL.sub("", _PARENTHESES.sub(" ", text)).split(",")
    return ",".join(parts[:1] + [p for p in parts[1:] if not _OPEN_PART.match(p)])


@lru_cache(maxsize=8192)
def told(title: str) -> frozenset[str]:
    """A title's stems that state a detail: outside parentheses, "without ..." / "not ..." clauses and the
    encounter's words, less the Tabular's bookkeeping words."""
    found = content_stems(_WITHOUT.sub(" ", _plain(title)))
    # (the title's own stems when none is cut: one set shared with content_stems', not a copy)
    return found if found.isdisjoint(_CUT) else kept(found - _CUT)


@lru_cache(maxsize=8192)
def _negated(title: str) -> tuple[frozenset[str], ...]:
    """The stretches of words a title negates ("without spontaneous rupture of ear drum" -> {spontaneous,
    ruptur}; "not intractable"; "without myelopathy or radiculopathy" -> each), less the words it says
    outside them."""
    outside = told(title)
    parts = (
        frozenset(content_stems(alternative)) - _BOOKKEEPING - GRAMMAR - outside
        for part in _WITHOUT.findall(title)
        for alternative in re.split(r"(?i)\b(?:or|and)\b", part)
    )
    return tuple(p for p in parts if p)


@lru_cache(maxsize=8192)
def _residual(text: str) -> frozenset[str]:
    """The stems of the "Other ..." phrases of a text (the residual kind, no word said)."""
    return kept(frozenset(s for part in _OTHER_PHRASE.findall(_plain(text)) for s in content_stems(part)))


def _forms(text: str) -> dict[str, str]:
    """A text's words by their stems (the word as printed, to ask what an adjective pertains to)."""
    return {stem(w): w for w in _WORD.findall(_plain(text).lower())}


def _same(one: str, other: str) -> bool:
    """Two stems of one word in two forms (diabet, diabetic)."""
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    return len(short) >= MIN_PREFIX and long.startswith(short) and len(long) - len(short) <= MAX_ENDING


def _holds(compound: str, word: str) -> bool:
    """Whether a printed word is a compound ending in a query's word ("pancolitis" holds "colitis"), a
    prefix turning it around aside ("abnormal" holds no "normal")."""
    if len(word) < MIN_COMPOUND or len(compound) <= len(word) or not compound.endswith(word):
        return False
    return compound[: -len(word)] not in _TURNING


def _says_word(word: str, printed: Iterable[str]) -> bool:
    """Whether printed words say a query word: in another form, or as the head of a compound that holds it
    (the query's "colitis" is said by "pancolitis"; "pancolitis" is not said by "colitis")."""
    # (`_same` and `_holds` inlined: this runs ~200 times a query, most pairs failing the first test)
    size = len(word)
    for p in printed:
        if p == word:
            return True
        length = len(p)
        if length > size:
            if size >= MIN_PREFIX and length - size <= MAX_ENDING and p.startswith(word):
                return True
            if size >= MIN_COMPOUND and p.endswith(word) and p[:-size] not in _TURNING:
                return True
        elif length < size and length >= MIN_PREFIX and word.startswith(p) and size - length <= MAX_ENDING:
            return True
    return False


def says_word(word: str, printed: Iterable[str]) -> bool:
    """`_says_word` for the other Tabular readings (bot.lookups.index.said_axis)."""
    return _says_word(word, printed)


def negated_parts(title: str) -> tuple[frozenset[str], ...]:
    """`_negated` for the other Tabular readings: the stretches of words a title negates."""
    return _negated(title)


def residual_words(text: str) -> frozenset[str]:
    """`_residual` for the other Tabular readings: the words of a text's "Other ..." phrases."""
    return _residual(text)


def contradicts(title: str, said: frozenset[str], refused: frozenset[str]) -> str:
    """The words of the query a title negates ("not intractable" for "intractable"), or the negated words of
    the query it says ("... with bleeding" for "no bleeding"); "" when none."""
    forms = _forms(title)
    for part in _negated(title):
        if all(any(_same(w, q) for q in said) for w in part):
            return "not " + " ".join(sorted(forms.get(w, w) for w in part))
    if refused:
        hit = [w for w in told(title) if any(_same(w, q) for q in refused)]
        if hit:
            return ", ".join(sorted(forms.get(w, w) for w in hit)) + " (negated in the query)"
    return ""


def _negates(title: str, refused: frozenset[str]) -> bool:
    """Whether a title negates a word the query negates ("..., without bleeding" for "no bleeding")."""
    return any(_same(w, q) for part in _negated(title) for w in part for q in refused)


def _says(
    reading: CodeReading, pertains: Callable[[str], Iterable[str]], affirmed: frozenset[str] = frozenset()
) -> frozenset[str]:
    """What a code says: its title's detail words ("Other ..." phrases aside), the words of each inclusion
    term the query says whole ("Common wart"; not "Off-duty activity of military personnel" for "military
    duty": an inclusion term is one of a list, said or not), and the nouns those words' adjectives pertain to
    ("ocular" says eye)."""
    out = set(told(reading.title) - _residual(reading.title))
    texts = [reading.title]
    for term in reading.inclusions:
        words = told(term) - _residual(term)
        if words and all(any(_says_word(q, (w,)) for q in affirmed) for w in words):
            out |= words
            texts.append(term)
    for word in _forms(" ".join(texts)).values():
        out.update(stem(n) for noun in pertains(word) for n in noun.split())
    return frozenset(out)


def detail_choice(
    said: frozenset[str],
    refused: frozenset[str],
    first: CodeReading,
    others: Sequence[CodeReading],
    pertains: Callable[[str], Iterable[str]] = lambda word: (),
    says_all: bool = False,
) -> Choice | None:
    """The later answer of the first one's category to put first, or None (see the module's docstring).

    `said`: the query's stems (its vocabulary readings included), `refused`: the stems it negates,
    `pertains`: the nouns an adjective pertains to ("pulmonary": lung), so a title's adjective of a noun the
    query says is no unsaid detail; `says_all`: whether the first's Tabular words say every word of the
    query (`says_every_word`): only then is a detail its title adds one the query does not say ("cheek" is
    said by the "face" of D03.39 though no word of it is printed)."""
    affirmed = frozenset(said - refused - GRAMMAR)

    def said_word(word: str, form: str) -> bool:
        """Whether a title's word is one the query says (or an adjective of a noun it says)."""
        if any(_says_word(q, (word,)) for q in affirmed):
            return True
        return any(_says_word(stem(n), affirmed) for noun in pertains(form) for n in noun.split())

    first_told, first_says = told(first.title), _says(first, pertains, affirmed)
    first_read = first_says | first.path
    first_other = bool(_OTHER.search(first.title))
    first_contradiction = contradicts(first.title, affirmed, refused)
    chosen: list[tuple[tuple[int, int, int], int, str]] = []
    for n, other in enumerate(others):
        if other.code.replace(".", "")[:3] != first.code.replace(".", "")[:3]:
            continue
        if not other.unused <= first.unused or contradicts(other.title, affirmed, refused):
            continue
        other_is_other = bool(_OTHER.search(other.title))
        # (the answer reading the most of the query, then the one naming no "other" kind, then the first)
        key = (len(other.unused), int(other_is_other), n)
        other_says = _says(other, pertains, affirmed)
        if first_contradiction:
            if "negated in the query" in first_contradiction and not _negates(
                other.title, frozenset(q for q in refused if any(_same(q, w) for w in first_told))
            ):
                continue  # (the other must say the negation: "without bleeding")
            chosen.append((key, n, f"the first answer's title says {first_contradiction}"))
            continue
        other_told = told(other.title)
        other_forms = _forms(other.title)
        # the query's words the other code's Tabular words say and the first's reading does not (its Tabular
        # words nor its Index path), or its reading leaves unused; and the reverse (the first's Tabular words
        # or path, not the other's: "Otitis (acute)" reads acute for H66.9-)
        plus_other = [w for w in affirmed if _says_word(w, other_says) and not _says_word(w, first_read)]
        plus_other += [
            w
            for w in first.unused - other.unused
            if _says_word(stem(w), other_says | other.path) and stem(w) not in plus_other
        ]
        plus_first = [
            w
            for w in affirmed
            if _says_word(w, first_read) and not _says_word(w, other_says | other.path | other.loose)
        ]
        if plus_first:
            continue
        unsaid_other = [w for w in other_told - first_told if not said_word(w, other_forms.get(w, w))]
        if other_is_other and not first_other and not plus_other:
            unsaid_other.append("other")
        if unsaid_other:
            continue
        if plus_other:
            words = {w: f for term in (other.title, *other.inclusions) for w, f in _forms(term).items()}
            shown = sorted(
                {next((f for w, f in words.items() if _says_word(q, (w,))), q) for q in plus_other}
            )
            chosen.append((key, n, f"its Tabular words say {', '.join(shown)}"))
            continue
        if not says_all:
            continue
        unsaid_first = unsaid_detail(first, affirmed, pertains, other_told)
        if unsaid_first:
            chosen.append((key, n, f"the first answer's title adds {', '.join(unsaid_first)}, not said"))
    if not chosen:
        return None
    _, n, reason = min(chosen)
    return Choice(n, reason)


def unsaid_detail(
    first: CodeReading,
    affirmed: frozenset[str],
    pertains: Callable[[str], Iterable[str]] = lambda word: (),
    beside: frozenset[str] = frozenset(),
) -> list[str]:
    """The words of detail the first answer's title adds that the query does not say (and `beside`, the
    other code's title, does not): a subterm its Index path chose, or, where no Index line answered, any word
    of its title and its "Other" kind; never a word a "see" reference gave or the main term's own default."""
    forms = _forms(first.title)
    out: list[str] = []
    for word in sorted(told(first.title) - beside):
        form = forms.get(word, word)
        if any(_says_word(q, (word,)) for q in affirmed):
            continue
        if any(_says_word(stem(n), affirmed) for noun in pertains(form) for n in noun.split()):
            continue
        if first.path and (word in first.given or not any(_same(word, c) for c in first.chosen)):
            continue
        out.append(form)
    if not first.path and _OTHER.search(first.title):
        out.append("other")
    return out


def says_every_word(
    first: CodeReading,
    words: Sequence[str],
    readings: Sequence[tuple[str, str]],
    pertains: Callable[[str], Iterable[str]] = lambda word: (),
) -> bool:
    """Whether the first answer's Tabular words say every word of the query (`words`: its content words as
    typed), a word read as others (`readings`: "aom" -> "acute otitis media", "rt" -> "right") counting when
    they say all of its reading: the query then says nothing its title does not."""
    heard = content_stems(" ".join([*words, *(after for _, after in readings)]))
    says = _says(first, pertains, heard)
    for word in words:
        if _says_word(stem(word), says):
            continue
        read = [after for before, after in readings if word in before.split()]
        if not read or not all(_says_word(s, says) for after in read for s in content_stems(after) - GRAMMAR):
            return False
    return True


def tabular_choice(
    said: frozenset[str],
    refused: frozenset[str],
    first: CodeReading,
    siblings: Sequence[tuple[str, str]],
    pertains: Callable[[str], Iterable[str]] = lambda word: (),
) -> tuple[str, str] | None:
    """The billable code of the first answer's category (`siblings`: (code, title), undotted) that says every
    query word the first's title says and adds no word the query does not, where the first's title adds a
    detail the query does not say (`unsaid_detail`; "lump in left breast": N63.20, not N63.42 subareolar):
    the code the Tabular leaves open where the query does. The caller has checked that the first's title
    says every word of the query (`says_every_word`). A sibling of another encounter (7th character) or
    length is none; None when no one sibling says most."""
    affirmed = frozenset(said - refused - GRAMMAR)
    if not unsaid_detail(first, affirmed, pertains):
        return None
    kept = [w for w in affirmed if _says_word(w, told(first.title))]
    return _one_sibling_saying(first.code, siblings, affirmed, refused, kept)


def negates_words(title: str) -> bool:
    """Whether a title negates any word ("... without hemorrhage", "not intractable"): only then can
    `negation_choice` answer, so its siblings need not be read otherwise."""
    return bool(_negated(title))


def negation_choice(
    said: frozenset[str],
    refused: frozenset[str],
    first: CodeReading,
    siblings: Sequence[tuple[str, str]],
) -> tuple[str, str] | None:
    """The billable code of the first answer's category that says what the first's title negates and the query
    says, and adds no word the query does not ("angiodysplasia of colon with hemorrhage": K55.21 "... with
    hemorrhage", not K55.20 "... without hemorrhage", the Index's "Angiodysplasia" reached without its "with
    bleeding" subterm): a title's "without ..." states the default, which the record's words overrule (I.B.1,
    the Tabular decides among the codes the Index leads to). Siblings as for `tabular_choice`; None when the
    first negates no word the query says or no one sibling says most."""
    affirmed = frozenset(said - refused - GRAMMAR)
    overruled = [
        part
        for part in _negated(first.title)
        if part and all(any(_same(w, q) for q in affirmed) for w in part)
    ]
    if not overruled:
        return None
    kept = [w for w in affirmed if _says_word(w, told(first.title))]
    kept += [w for part in overruled for w in part]
    return _one_sibling_saying(first.code, siblings, affirmed, refused, kept)


def _one_sibling_saying(
    code: str,
    siblings: Sequence[tuple[str, str]],
    affirmed: frozenset[str],
    refused: frozenset[str],
    kept: Sequence[str],
) -> tuple[str, str] | None:
    """The one sibling of `code` (same length and 7th character, no "Other ..." residual, contradicting
    nothing the query says) that says every `kept` word and adds no word the query does not; the one saying
    most when several do, None on a tie or when none does."""
    raw = code.replace(".", "")
    found: list[tuple[int, str, str]] = []
    for other, title in siblings:
        if other == raw or len(other) != len(raw) or (len(raw) == 7 and other[-1] != raw[-1]):
            continue
        if _OTHER.search(title) or contradicts(title, affirmed, refused):
            continue
        own = told(title)
        if any(not any(_says_word(q, (w,)) for q in affirmed) for w in own):
            continue
        if any(not _says_word(w, own) for w in kept):
            continue
        found.append((len(own), other, title))
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[1][0] == found[0][0]):
        return None
    return found[0][1], found[0][2]
