"""The abbreviation and lay vocabulary: words a coder hears, mapped to the words the Index uses.

`terms.tsv` maps a term to index words, never to codes ("ckd" -> "chronic kidney disease", "water pill" ->
"diuretic", "zofran" -> "ondansetron"), so the Index and the Tabular still pick the code and say why.
Kinds: abbreviation, lay (phrases and words of patients), brand (drug brand -> generic name), synonym (an
alternative word kept beside the original: "leg" also reads as "limb"), cpt (a service only CPT codes), sense
(another sense of an abbreviation, written "icp~1": never read in place, the query's other words choose it -
bot.lookups.index.senses).
"""

from __future__ import annotations

import gzip
import re
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from bot.lookups.index.words import base_stem

LINKS = frozenset({"on", "with", "due", "from"})
# Words a patient puts inside a lay phrase ("heart was racing", "ringing in both ears", "nose keeps
# bleeding"): a side is kept beside the phrase's meaning, the others say nothing to the Index.
SIDE_INSIDE = frozenset({"both", "right", "left", "bilateral"})
SAID_INSIDE = (
    frozenset(
        {
            "was",
            "were",
            "is",
            "are",
            "been",
            "keeps",
            "keep",
            "kept",
            "always",
            "really",
            "so",
            "very",
            "all",
            "constantly",
        }
    )
    | SIDE_INSIDE
)
# Words inside a lay phrase that the query may leave out: "wets the bed" said as "wets bed".
ARTICLES = frozenset({"the", "a", "an", "my", "your", "his", "her", "their", "our"})
# Words the query reader drops before the vocabulary reads it ("creepy crawly feeling in my legs" reaches it as
# "creepy crawly in legs"): a lay phrase holding one is also known without it.
READER_DROPS = frozenset({"feeling", "feels", "having", "experiencing"})
# A word ending as a verb or a plural does ("catches", "bleeding", "swelled"): a phrase holding one is said
# in its own order.
_INFLECTED = re.compile(r"(?:s|ed|ing)$")
KINDS = ("abbreviation", "lay", "brand", "synonym", "cpt", "root", "sense")
SENSE_MARK = "~"  # "icp~1": another sense of "icp" (kind "sense"), read only when the query's words choose it
# A procedure word is a combining form and a suffix: "nephr" + "ectomy" (kind "root" maps the form).
PROCEDURE_SUFFIX = re.compile(
    r"(?:ectomy|ectomies|otomy|ostomy|oscopy|oscopies|oscopic|oplasty|opexy|orrhaphy|ocentesis|olysis|otripsy|ography)$"
)

# A body part's adjective is its combining form and an adjective ending: "ureter" + "al", "gastr" + "ic",
# "esophag" + "eal", "bili" + "ary" (the same "root" terms name the body part).
ADJECTIVE_SUFFIX = re.compile(r"(?:eal|ial|al|ic|ac|ar|ary)$")


@dataclass(frozen=True)
class Term:
    term: str
    kind: str
    means: str


# Injectable drugs' brand names -> the generic name as the HCPCS descriptors print it ("entyvio" -> vedolizumab:
# "Injection, vedolizumab, 1 mg"), read as kind "brand"; a test checks every generic against the HCPCS titles.
BRANDS_FILE = "injectable_brands.tsv"
_ALNUM = re.compile(r"[a-z0-9]+")


def injectable_brands(text: str) -> list[Term]:
    """The brand rows of injectable_brands.tsv (`term<TAB>means`, a header line first)."""
    return [Term(r["term"].lower().strip(), "brand", r["means"].strip()) for r in tsv_rows(text)]


def tsv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a tab-separated text with a header line, by column name (no quoting; blank lines and
    lines starting with "#" skipped): what csv.DictReader gives, at a third of its cost on start-up."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


# The past of a verb naming an injury is the injury, never the feeling its other forms tell: "I burned my
# feet" is no "burning feet" (the syndrome), "my tongue burns" no "burned tongue".
INJURY_PAST = {"burned": "burned", "burnt": "burned", "scalded": "scalded"}


def _form(word: str) -> str:
    """A word's light stem, the past of an injury verb kept apart (`INJURY_PAST`)."""
    return INJURY_PAST.get(word) or base_stem(word)


def _forms(phrase: str) -> tuple[str, ...]:
    """A phrase's words by their light stems (plural and verb endings off: "clicks", "clicking" -> click)."""
    return tuple(_form(w) for w in phrase.split())


class _FormsOnce:
    """`_form` and `_forms` with each word's form worked out once (for one table's build: not kept)."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def of(self, word: str) -> str:
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = _form(word)
        return found

    def of_phrase(self, phrase: str) -> tuple[str, ...]:
        return tuple(self.of(w) for w in phrase.split())


class SortedWords:
    """A sorted list of words held as one string and the offsets of its words, asked by bisection: the
    73,000 English words cost ~1 MB this way (a frozenset of them held ~6.5 MB for a few questions a lookup)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, words: Iterable[str]) -> None:
        ordered = sorted(set(words))
        self._text = "".join(ordered)
        self._starts = array("i", [0])
        for word in ordered:
            self._starts.append(self._starts[-1] + len(word))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, at: int) -> str:
        return self._text[self._starts[at] : self._starts[at + 1]]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        at = bisect_left(self, word, 0, len(self))
        return at < len(self) and self[at] == word


@lru_cache(maxsize=1)
def _english_words() -> SortedWords:
    """The shipped list of ordinary English words (data/english_words.md), read once, the first time a word
    ending in "s" meets an abbreviation as its plural."""
    data = resources.files("bot.lookups.data").joinpath("english_words.txt.gz").read_bytes()
    return SortedWords(gzip.decompress(data).decode().split())


class TermsWithout(Mapping[str, "Term"]):
    """A vocabulary's terms less a few, read through the whole table (not a copy of it): the same terms in
    the same order, `get` and `in` answered as a dict less those keys would. A copy of the ~5,500 terms
    held ~210 KB, and a process kept up to 257 of them (one per set of words a query left out)."""

    __slots__ = ("_all", "_left_out")

    def __init__(self, every: Mapping[str, Term], left_out: frozenset[str]) -> None:
        self._all = every
        self._left_out = left_out

    def __getitem__(self, key: str) -> Term:
        if key in self._left_out:
            raise KeyError(key)
        return self._all[key]

    def get(self, key: str, default: Term | None = None) -> Term | None:  # type: ignore[override]
        return default if key in self._left_out else self._all.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key not in self._left_out and key in self._all

    def __iter__(self) -> Iterator[str]:
        left_out = self._left_out
        return (k for k in self._all if k not in left_out)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def values(self) -> list[Term]:  # type: ignore[override]
        left_out = self._left_out
        return [t for k, t in self._all.items() if k not in left_out]


class Vocabulary:
    def __init__(self, terms: list[Term] | TermsWithout) -> None:
        self.terms: Mapping[str, Term] = (
            terms if isinstance(terms, TermsWithout) else {t.term: t for t in terms}
        )
        self._without: dict[frozenset[str], Vocabulary] = {}

    @classmethod
    def shipped(cls) -> Vocabulary:
        data = resources.files("bot.lookups.data")
        brands = injectable_brands(data.joinpath(BRANDS_FILE).read_text())
        own = cls.read(data.joinpath("terms.tsv").read_text())
        # terms.tsv's own reading of a brand wins over the injectable brands' list.
        return cls([t for t in brands if t.term not in own.terms] + list(own.terms.values()))

    @classmethod
    def read(cls, text: str) -> Vocabulary:
        """A vocabulary from terms.tsv's text; a line starting with "#" heads a block (a comment)."""
        rows = tsv_rows(text)
        return cls([Term(r["term"].lower().strip(), r["kind"].strip(), r["means"].strip()) for r in rows])

    @cached_property
    def _longest(self) -> int:
        return max((len(t.split()) for t in self.terms), default=1)

    def expand(
        self, text: str, shortest: int = 1, kinds: Collection[str] = KINDS, chain_brands: bool = False
    ) -> tuple[str, list[tuple[str, str, str]]]:
        """The text with each known term (longest first, a plural reading as its term) replaced by what it
        means, and what was replaced; only terms of at least `shortest` words and of these `kinds`.
        `chain_brands`: a brand's generic that is itself read as a brand ("eliquis" -> apixaban, a drug the
        Drug Table lacks -> anticoagulant) is followed to its last reading."""
        words = text.split()
        out: list[str] = []
        found: list[tuple[str, str, str]] = []
        heads, head_stems = self._phrase_heads
        i = 0
        while i < len(words):
            # A phrase of two words or more is read only from a word some phrase begins with (as typed or
            # by its light stem); from any other word only the word itself is looked up.
            phrases = words[i] in heads or base_stem(words[i]) in head_stems
            longest = min(self._longest, len(words) - i) if phrases else min(1, len(words) - i)
            for size in range(longest, shortest - 1, -1):
                phrase = " ".join(words[i : i + size])
                term = self._replaced(phrase)
                if term is None or term.kind not in kinds:
                    continue
                found.append((term.term, term.means, term.kind))
                if chain_brands and term.kind == "brand":
                    term = self._generic_chain(term, found)
                if term.kind == "cpt":
                    out.append(phrase)
                else:
                    # "on blood thinners" keeps its "on", so the query still reads as two linked concepts.
                    link = term.term.split()[0] if " " in term.term and term.term.split()[0] in LINKS else ""
                    out += [link, term.means] if link else [term.means]
                i += size
                break
            else:
                inside = self._lay_around(words, i) if phrases else None
                if inside is None:
                    out.append(words[i])
                    i += 1
                    continue
                term, size, skipped = inside
                found.append((term.term, term.means, term.kind))
                out += [term.means, skipped] if skipped in SIDE_INSIDE else [term.means]
                i += size
        return " ".join(out), found

    def _generic_chain(self, term: Term, found: list[tuple[str, str, str]]) -> Term:
        """The last brand reading a brand's generic leads to (each step added to `found`); a generic read
        back as the brand ("paliperidone palmitate" -> invega sustenna, the name its HCPCS line prints) is no
        step."""
        seen = {term.term}
        while (step := self._next_generic(term)) is not None and step.term not in seen:
            seen.add(step.term)
            found.append((step.term, step.means, step.kind))
            term = step
        return term

    def _next_generic(self, term: Term) -> Term | None:
        step = self.terms.get(term.means)
        if step is None or step.kind != "brand" or step.means == term.term:
            return None
        return step

    def chains_brand(self, found: Collection[tuple[str, str, str]]) -> bool:
        """Whether a brand read among `found` has a generic the vocabulary reads again as a brand."""
        return any(
            kind == "brand" and self._next_generic(Term(term, kind, means)) is not None
            for term, means, kind in found
        )

    def _lay_around(self, words: list[str], i: int) -> tuple[Term, int, str] | None:
        """A lay phrase of two or more words said from words[i] with one word of SAID_INSIDE inside it
        ("heart was racing" for "heart racing"), the longest first: the term, the words it spans and the
        word skipped; None when none is said so."""
        for size in range(min(self._longest + 1, len(words) - i), 2, -1):
            span = words[i : i + size]
            for at in range(1, size - 1):
                if span[at] not in SAID_INSIDE:
                    continue
                term = self._replaced(" ".join(span[:at] + span[at + 1 :]))
                if term is not None and term.kind == "lay":
                    return term, size, span[at]
        return None

    def _replaced(self, phrase: str) -> Term | None:
        # A plural reads as its term ("utis", "cabgs"), but a term of two letters is no plural's stem: "has"
        # is not "ha"s.
        for form in (
            phrase,
            phrase[:-1] if phrase.endswith("s") and len(phrase) > 3 else "",
            phrase[:-2] if phrase.endswith("es") and len(phrase) > 4 else "",
        ):
            term = self.terms.get(form) if form else None
            if term is not None and term.kind not in {"synonym", "root"}:
                if form != phrase and term.kind == "abbreviation" and phrase in _english_words():
                    continue  # "does" is no plural of DOE, "pees" none of PE: an ordinary word as typed
                return term
        if " " not in phrase and phrase.endswith("s") and not phrase.endswith("ss"):
            # A lay verb said in the present ("sleepwalks", "shakes") for its "-ing" term (sleepwalking).
            said = self._lay_words.get(_form(phrase))
            if said is not None:
                return said
        if " " in phrase:
            # A lay phrase said with another ending of its words ("jaw clicks", "jaw clicked" for "jaw
            # clicking"; "hands shaking" for "hands shake"): patients tell the same complaint in any tense.
            said = self._lay_forms.get(_forms(phrase))
            if said is not None:
                return said
            # ... or with an article of its own inside it ("blood spot on the white of eye" for "blood spot
            # on white of my eye"): the phrase's words without their articles, both sides alike.
            words = phrase.split()
            if words[0] not in ARTICLES and words[-1] not in ARTICLES:
                bare = tuple(_form(w) for w in words if w not in ARTICLES)
                said = self._lay_forms.get(bare) if 1 < len(bare) < len(words) else None
                if said is not None:
                    return said
        return self._unhyphenated.get(phrase)

    @cached_property
    def _lay_forms(self) -> dict[tuple[str, ...], Term]:
        """The lay phrases of two or more words by their words' stems (the first phrase listed wins)."""
        out: dict[tuple[str, ...], Term] = {}
        lay = [t for t in self.terms.values() if t.kind == "lay" and " " in t.term]
        form = _FormsOnce()  # (built on a lookup's first phrase: each word's form worked out once)
        unsaid = ARTICLES | READER_DROPS
        for t in lay:
            out.setdefault(form.of_phrase(t.term), t)
        for t in lay:
            # Said without its article or possessive ("wets bed" read past "the"), or a two-word phrase
            # said the other way round ("voice hoarse", "gums bleeding").
            words = t.term.split()
            bare = tuple(form.of(w) for w in words if w not in unsaid)
            if len(bare) > 1:
                out.setdefault(bare, t)
            if len(words) == 2 and not any(_INFLECTED.search(w) or w in unsaid for w in words):
                # (not a phrase with a verb's ending: "finger catches" is no "caught finger"; nor one with an
                # article: "iron pills the doctor prescribed" holds no "the pill")
                out.setdefault(form.of_phrase(t.term)[::-1], t)
        return out

    @cached_property
    def _lay_words(self) -> dict[str, Term]:
        """The lay terms of one word ending in "-ing" by its light stem (the first term listed wins)."""
        out: dict[str, Term] = {}
        for t in self.terms.values():
            if t.kind == "lay" and " " not in t.term and t.term.endswith("ing"):
                out.setdefault(_form(t.term), t)
        return out

    @cached_property
    def _phrase_heads(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first words of the terms of two words or more (and of the brands read without their hyphen),
        and the light stems that begin a lay phrase's forms (`_lay_forms`): a phrase `_replaced` can read
        begins with one of them."""
        keys = [*self.terms, *self._unhyphenated]
        return (
            frozenset(k.split(" ", 1)[0] for k in keys if " " in k),
            frozenset(forms[0] for forms in self._lay_forms if forms),
        )

    @cached_property
    def _unhyphenated(self) -> dict[str, Term]:
        """The brands printed with a hyphen inside a word ("bicillin l-a", "bicillin c-r"), by the name as
        typed without it ("bicillin la")."""
        return {
            key: t
            for t in self.terms.values()
            if t.kind == "brand" and "-" in t.term and (key := t.term.replace("-", "")) not in self.terms
        }

    def alternatives(self, word: str) -> list[str]:
        term = self.terms.get(word)
        return term.means.split() if term is not None and term.kind == "synonym" else []

    def body_part(self, word: str) -> list[str]:
        """What the combining form of a procedure word names: "nephrectomy" -> kidney, "hysterectomy" ->
        uterus (the longest known form at the start of the word)."""
        stem = PROCEDURE_SUFFIX.sub("", word)
        if stem == word:
            stem = ADJECTIVE_SUFFIX.sub("", word)  # "ureteral", "gastric": the body part itself
        if stem == word or len(stem) < 3:
            return []
        approach: list[str] = []
        if word.endswith(("oscopy", "oscopies", "oscopic")):
            # A scope goes in through a natural opening (colon, bronchus, bladder) unless it is one of the
            # scopes put through the skin into a cavity or joint.
            through_skin = stem.startswith(("lapar", "thorac", "arthr", "mediastin", "pleur", "peritone"))
            approach = (
                ["percutaneous", "endoscopic"] if through_skin else ["natural", "opening", "endoscopic"]
            )
        for size in range(len(stem), 2, -1):
            term = self.terms.get(stem[:size])
            if term is not None and term.kind == "root":
                return [*term.means.split(), *approach]
        # A form too short to tell alone, written with the suffix's first letters ("vasect" of "vasectomy":
        # the vas deferens, not a vessel).
        for size in range(len(word) - 1, len(stem), -1):
            term = self.terms.get(word[:size])
            if term is not None and term.kind == "root":
                return [*term.means.split(), *approach]
        return approach

    def without(self, terms: frozenset[str]) -> Vocabulary:
        """This vocabulary less some terms (kept per set of terms: the same few come back)."""
        cached = self._without.get(terms)
        if cached is None:
            cached = Vocabulary(TermsWithout(self.terms, terms))
            if not any(" " in term for term in terms):
                # Terms of one word left out leave every phrase as it was: the phrase tables, worked out once
                # for this vocabulary (tens of ms), are the same tables (the same Term objects, in order).
                cached.__dict__["_lay_forms"] = self._lay_forms
                cached.__dict__["_phrase_heads"] = self._phrase_heads
            if len(self._without) > 256:
                self._without.clear()
            self._without[terms] = cached
        return cached

    @cached_property
    def _senses(self) -> dict[str, tuple[str, ...]]:
        """An abbreviation of several senses -> its usual sense, then its other senses (kind "sense", "icp~1")."""
        others: dict[str, list[str]] = {}
        for t in self.terms.values():
            if t.kind == "sense":
                others.setdefault(t.term.split(SENSE_MARK)[0], []).append(t.means)
        return {
            term: (usual.means, *means)
            for term, means in others.items()
            if (usual := self.terms.get(term)) is not None and usual.kind == "abbreviation"
        }

    def senses(self, word: str) -> tuple[str, ...]:
        """The senses of an abbreviation of several senses, its usual sense first; () for any other word."""
        return self._senses.get(word, ())

    def knows(self, word: str) -> bool:
        return word in self.terms

    @cached_property
    def _brand_heads(self) -> frozenset[str]:
        """The first word (letters and digits) of each brand name."""
        return frozenset(
            words[0] for t in self.terms.values() if t.kind == "brand" and (words := _ALNUM.findall(t.term))
        )

    def may_name_brand(self, text: str) -> bool:
        """Whether the text may hold a brand name: it says a brand's first word (or that word with a plural's
        "s" or "es"). False means no reading of the text's words finds a brand: a cheap test before
        reading a whole query for one."""
        heads = self._brand_heads
        return any(
            word in heads or word[:-1] in heads or word[:-2] in heads for word in _ALNUM.findall(text.lower())
        )

    def count(self, kind: str) -> int:
        return sum(1 for t in self.terms.values() if t.kind == kind)
