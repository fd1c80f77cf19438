"""Match a query's words against index paths, the way a coder works the Alphabetic Index.

A path is a main term and the subterms under it ("Diabetes, type 2, with, chronic kidney disease"). A query
matches a path when its words cover the main term and subterms, in any order. Among the paths that match,
the one covering more of the query wins; between equal coverage, the one that adds fewer words the query
did not say (the Index's default, "Hyperlipidemia" before "Hyperlipidemia, mixed"). Link subterms ("with",
"due to") are passed through without the query saying them; a subterm the query skips costs a little.
A line with no code of its own leads on through its "see" reference, and the words not yet used continue
below the line the reference names. In the Drug and Neoplasm Tables the query's words pick the column.
"""

from __future__ import annotations

import math
import re
from bisect import insort
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.lookups.index import per_lookup
from bot.lookups.index.causes import names_cause, unsaid_causes
from bot.lookups.index.neoplasm_columns import IN_SITU_COLUMN, in_situ_said, sends_by_site
from bot.lookups.index.neoplasm_columns import table_words as neoplasm_table_words
from bot.lookups.index.opposites import says_opposite_level
from bot.lookups.index.organisms import (
    KIND_STEMS,
    ORGANISM_LINE,
    is_kind_line,
    is_specified_organism_line,
    named_in_category,
    organism_forms,
    organism_kind,
    organism_stems,
)
from bot.lookups.index.pcs_body_systems import names_body_system_line
from bot.lookups.index.pcs_device_parts import device_body_part
from bot.lookups.index.pcs_keys import names_key
from bot.lookups.index.pcs_table_subterms import table_subterms
from bot.lookups.index.region_lines import REGION_COST, region_anchors, region_words
from bot.lookups.index.said_forms import said_forms
from bot.lookups.index.sibling_qualifiers import ORDINAL_STEMS, numeral_forms
from bot.lookups.index.store import LINK, TABLE_COLUMNS
from bot.lookups.index.stories import TABLE_WORDS
from bot.lookups.index.subterm_kinds import kind_line, names_itself, names_thing
from bot.lookups.index.tree import COLUMN_LABELS, IndexTree, Node, Reference
from bot.lookups.index.word_forms import derived_stems, related_stems
from bot.lookups.index.words import FILLERS, NEGATIONS, WORD_CACHE, base_stem, content_stems, stem
from bot.lookups.wordnet import reader as wordnet_reader

# Words that choose a table column, and the column each chooses.
COLUMN_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "drug": {
        # A drug "taken as prescribed", "correctly prescribed and properly administered" (guideline
        # I.C.19.e.5.a) had an adverse effect.
        "adverse_effect": (
            "adverse",
            "effect",
            "reaction",
            "side",
            "allergy",
            "allergic",
            "therapeutic",
            "prescribed",
            "properly",
            "correctly",
        ),
        "underdosing": (
            "underdos",
            "underdosing",
            "missed",
            "noncomplianc",
            "insufficient",
            "skipped",
            "forgot",
            "stopped",
            "ran",
        ),
        # An overdose says nothing of intent: the Table's default is accidental (guideline I.C.19.e.5.b).
        "poisoning_intentional_self_harm": (
            "intentional",
            "self",
            "harm",
            "self-harm",
            "suicid",
            "suicide",
            "purpos",
        ),
        "poisoning_assault": ("assault", "homicid"),
        "poisoning_undetermined": ("undetermined", "undetermin", "unclear", "unknown", "uncertain"),
        # "Poisoning" names the Table's poisoning columns, not an intent: it leaves the choice to the
        # intent words and else to the accidental default.
        "poisoning_accidental": ("accidental", "toxicity", "overdos", "ingestion", "toxic"),
    },
    "neoplasm": {
        # ("spread to the liver": the users' word for a metastasis)
        "malignant_secondary": ("secondary", "metastatic", "metastasi", "metastas", "metastases", "spread"),
        "ca_in_situ": ("situ", "cis"),
        "benign": ("benign",),
        "uncertain_behavior": ("uncertain", "borderlin"),
        "malignant_primary": ("malignant", "malignancy", "primary", "cancer", "carcinoma", "malign"),
        # ("neoplasm" itself says no behaviour: the column is the default then, and the word does not
        # outvote "cancer" or "metastatic", which also read as neoplasm.)
        "unspecified_behavior": ("unspecified", "tumor", "mass", "growth", "lesion"),
    },
}
# The words as the matcher compares them (stems).
COLUMN_STEMS = {
    book: {column: frozenset(stem(w) for w in words) | frozenset(words) for column, words in columns.items()}
    for book, columns in COLUMN_WORDS.items()
}
DEFAULT_COLUMN = {"drug": "poisoning_accidental", "neoplasm": "unspecified_behavior"}
NO_BEHAVIOUR = COLUMN_STEMS["neoplasm"]["unspecified_behavior"]  # tumor, mass, growth, lesion
CONTRADICTION_COST = 2.0  # a line negating a word the query says ("without fall" for "fell")
UNSAID_COST = 0.5  # a path word the query did not say, against 1 for each query word the path uses
VARIANT_COST = 0.08  # another form of a main term ("Fracture, traumatic" for "fracture")
# A main term sharing only its stem with a word the query types as another main term ("Burn" for "burning",
# which the Index prints as Burning; "Straining" for "strain"): the spelled one is the one named.
SPELLED_OTHER_COST = 0.3
SKIP_COST = 0.15  # a subterm level the query skipped (no word of it said)
# A skipped subterm naming the cause that changes the code ("Psychosis, alcoholic, with, dementia" for
# "dementia with psychosis": alcohol never said): a word of the query, not a qualifier (bot.lookups.index.causes).
CAUSE_SKIP_COST = 1.0
QUALIFIED_BOOKS = frozenset({"cm", "ext"})  # books whose subterms' later forms may qualify the first
MODIFIER_SHARE = 0.6  # a query word found only among a line's non-essential modifiers
MAX_MAIN_TERMS = 14
PARTIAL_COST = 0.2  # Excision (part of an organ) where the Index offers Resection (all of it) too
SPAN_CREDIT = 0.1  # per tenfold lines under a main term: the general entry is the Index's default reading
REFERENCE_ALLOWANCE = 1.0  # words a "see" reference below a line may still bring
MAX_BROAD = 4
MAX_ANCHORS = 160
MAX_WALKED = 1200  # anchor lines walked per match before only paths already found count
MAX_WALKS = 40  # paths finished (code read) below one line
MAX_FOLLOWED = 6  # of those, the best ones whose references are followed
MAX_JUMPS = 2
MAX_REFERENCES = 4  # the "see" references of one line followed
MAX_IMPLIED = 6  # broadest External Cause Index main terms read when the query names none of them
ENCOUNTER_TERMS = frozenset({"encounter for", "encounter (for)"})
ENCOUNTER_STEMS = frozenset({stem("encounter")})
UNSPECIFIED_STEMS = frozenset({stem("unspecified")})
UNSPECIFIED_LINE = frozenset({stem("unspecified"), "site"})
SPECIFIED_STEMS = frozenset({stem("specified")})
SPECIFIED_SITE_STEMS = frozenset(stem(w) for w in ["specified", "site", "sites", "nec"])
SPECIFIED_SITE_COST = 0.1  # "Glioblastoma, specified site - see Neoplasm, malignant, by site" for a site said
DEFAULT_CHILD_COST = (
    0.1  # the unspecified child of a line without a code, read though the query did not say it
)
REFERENCE_ORDER_COST = 0.01  # each later "see" of a line, against the one the Index lists first
TABLE_BY_SITE = "neoplasm"
MALIGNANT_BY_SITE = "Neoplasm, malignant, by site"
OTHER_BEHAVIOUR = frozenset(
    stem(w) for w in ["in", "situ", "benign", "uncertain", "behavior", "secondary"]
)  # the table whose "see also" line a site said replaces
SITE_SAID_COST = 0.1  # the Table read by the site said, not at the line a morphology's "see also" names
KIND_LINE_COST = 0.3  # an organism read at its kind's line ("Endocarditis, bacterial" for staph)
THING_KIND_STEP_COST = 0.05  # each step up from a thing to the kind a subterm names (subterm_kinds)
MAX_BY_SITE = 2  # lines sending to the Neoplasm Table's sites walked beyond MAX_WALKS
FINISH_MARGIN = 1.0  # paths finished below a line: those within a word of the best path so far


@dataclass(frozen=True)
class QueryWord:
    """One word of the query as the matcher sees it: its stem and alternatives, and how much it says."""

    text: str
    stems: frozenset[str]
    weight: float = 1.0


@dataclass(frozen=True)
class PathMatch:
    nodes: tuple[Node, ...]  # the path walked, main term first (after a reference: the lines it led to)
    code: str  # as printed ("E11.22", "L03.11-", "T45.0X5-", "0DTJ")
    book: str  # the book the code comes from
    covered: frozenset[int]  # indices of the query words used
    score: float
    said: float = 0.0  # the weight of the query words used (a word found only in a modifier counts less)
    column: str = ""  # the table column chosen
    via: tuple[str, ...] = ()  # the references followed, in order
    unsaid: float = 0.0  # words of the path the query did not say
    qualifier: str = ""  # PCS "with qualifier Diagnostic"
    jumps: tuple[tuple[int, int], ...] = ()  # for each reference: nodes before it, where display resumes
    defaulted: bool = False  # a table's column taken by default (no word of the query or path chose it)
    weak: frozenset[int] = frozenset()  # the covered words the path holds only in a line's modifiers

    @property
    def path(self) -> str:
        return ", ".join(_shown(n) for n in self.nodes)

    def describe(self, book_name: str) -> str:
        """How the code was found, as a coder would cite it: "Index: Fall, from, ladder -> W11";
        "Index: Attack, heart -> see Infarct, myocardium -> I21.9"; "Drug Table: Ondansetron, adverse
        effect -> T45.0X5"."""
        pieces: list[str] = []
        start = 0
        for reference, (at, resume) in zip(self.via, self.jumps, strict=False):
            pieces.append(", ".join(_shown(n) for n in self.nodes[start:at]))
            pieces.append(f"see {reference.split('=')[0]}")
            start = resume
            if start < len(self.nodes) and reference is self.via[-1]:
                pieces[-1] += ", " + ", ".join(_shown(n) for n in self.nodes[start:])
                start = len(self.nodes)
        if start < len(self.nodes):
            pieces.append(", ".join(_shown(n) for n in self.nodes[start:]))
        text = " -> ".join(p for p in pieces if p)
        if self.column:
            text += f", {COLUMN_LABELS.get(self.column, self.column)}"
        if self.qualifier:
            text += f", qualifier {self.qualifier}"
        return f"{book_name}: {text} -> {self.code}"


@dataclass
class _Walk:
    nodes: list[Node]
    covered: set[int] = field(default_factory=set)
    unsaid: float = 0.0
    via: list[str] = field(default_factory=list)
    column: str = ""
    qualifier: str = ""
    weak: set[int] = field(default_factory=set)  # words found only among non-essential modifiers
    jumps: list[tuple[int, int]] = field(default_factory=list)  # (nodes before it, display resumes at)

    def copy(self) -> _Walk:
        return _Walk(
            list(self.nodes),
            set(self.covered),
            self.unsaid,
            list(self.via),
            self.column,
            self.qualifier,
            set(self.weak),
            list(self.jumps),
        )


_NONE: frozenset[int] = frozenset()
TERM_CACHE = 16384  # index terms' word facts kept (LRU): bounded memory, the terms met most stay


def _stem_map(words: Sequence[QueryWord]) -> dict[str, set[int]]:
    """Each stem of the query's words -> the positions of the words holding it."""
    by_stem: dict[str, set[int]] = Stems()
    for index, word in enumerate(words):
        for s in word.stems:
            by_stem.setdefault(s, set()).add(index)
    return by_stem


def _keep_best(results: dict[tuple[str, str, str], PathMatch], found: Iterable[PathMatch]) -> None:
    """Keep the best-scoring path per (book, code, column)."""
    for match in found:
        key = (match.book, match.code, match.column)
        if match.code and (key not in results or results[key].score < match.score):
            results[key] = match


def _best_first(results: dict[tuple[str, str, str], PathMatch]) -> list[PathMatch]:
    return sorted(results.values(), key=lambda m: (-m.score, len(m.nodes), m.code))


class _Line:
    """A line reached below a walk's last node, with what the path to it covers: a light stand-in for a
    _Walk (no node lists copied) until the line is among the few worth finishing."""

    __slots__ = ("covered", "node", "unsaid", "up", "weak")

    def __init__(
        self, node: Node, up: _Line | None, covered: frozenset[int], unsaid: float, weak: frozenset[int]
    ) -> None:
        self.node = node
        self.up = up
        self.covered = covered
        self.unsaid = unsaid
        self.weak = weak

    def step(self, node: Node, by_stem: dict[str, set[int]]) -> _Line:
        """One line further down: the words its term uses (those found only among its non-essential
        modifiers count less), what it adds unsaid, and a level skipped (no word of it said) costs."""
        kept = by_stem.steps if isinstance(by_stem, Stems) else {}
        said = kept.get(node.id)
        if said is None:
            said = kept[node.id] = _line_words(node, by_stem)
        if said is _LINK_LINE:
            return _Line(node, self, self.covered, self.unsaid, self.weak)
        covered, unsaid, weak = said
        was_weak = self.weak
        if was_weak or weak:
            was_weak = frozenset((was_weak - covered) | (weak - self.covered))
            covered = covered | weak
        if not covered:
            cost = SKIP_COST + (CAUSE_SKIP_COST if node.book == "cm" and names_cause(node.term) else 0.0)
            return _Line(node, self, self.covered, self.unsaid + unsaid + cost, was_weak)
        return _Line(node, self, self.covered | covered, self.unsaid + unsaid, was_weak)

    def walk(self, start: _Walk) -> _Walk:
        """The full walk: the start's and the nodes down to this line."""
        chain: list[Node] = []
        line: _Line | None = self
        while line is not None and line.up is not None:
            chain.append(line.node)
            line = line.up
        walk = start.copy()
        walk.nodes.extend(reversed(chain))
        walk.covered = set(self.covered)
        walk.unsaid = self.unsaid
        walk.weak = set(self.weak)
        return walk


_LineWords = tuple[frozenset[int], float, "set[int] | frozenset[int]"]
_LINK_LINE: _LineWords = (frozenset(), 0.0, frozenset())  # a link subterm: passed through


def _line_words(node: Node, by_stem: dict[str, set[int]]) -> _LineWords:
    """The query words a subterm line uses, what it adds unsaid, and the words found only among its
    non-essential modifiers (the same for every path through the line: kept per match, `Stems.steps`)."""
    if node.is_link:
        if node.code and node.book == "cm":
            # "Gout, in (due to) [renal impairment] M10.30": a link with a code of its own is a cause line
            # whose cause's words the data lost; passed through unsaid, it is a cause the query never named.
            return frozenset(), CAUSE_SKIP_COST, _NONE
        return _LINK_LINE
    covered, unsaid = _cover_term(node.term, by_stem, main=False, book=node.book)
    if not covered and node.book == "cm":
        # "Hemangioma, intra-abdominal" for "liver hemangioma": the region's line, said by a part of it
        # (bot.lookups.index.region_lines).
        region = region_words(node.term, by_stem)
        if region:
            covered, unsaid = region, REGION_COST
    if covered and node.code and not node.see and node.book in QUALIFIED_BOOKS and "," in node.term:
        # "Infestation, pubic, louse" for "pubic louse infestation": the line says each of its forms
        # (bot.lookups.index.said_forms; a line sending on by "see" leaves its words to the line it names).
        covered = covered | said_forms(_term(node.term).forms, by_stem, covered)
    weak = _cover_modifiers(node.modifiers, by_stem) - covered if node.modifiers else _NONE
    if covered and node.book == "cm" and "," in node.term:
        # "Ascites, due to, cirrhosis, alcoholic" (K70.31): the cause printed beside the condition on one
        # line is no other name of it; unsaid, it costs as a cause's own line would (bot.lookups.index.causes).
        unsaid += CAUSE_SKIP_COST * sum(
            1 for form in unsaid_causes(node.term) if by_stem.keys().isdisjoint(content_stems(form))
        )
    return covered, unsaid, weak


def _said_at_every_level(line: _Line, top: _Line) -> bool:
    """Whether every line between `top` and `line` uses a word of the query (none was skipped)."""
    current: _Line | None = line
    while current is not None and current is not top:
        up = current.up
        if up is None or (not current.node.is_link and current.covered == up.covered):
            return False
        current = up
    return current is top


class Matcher:
    """Finds the index paths a query's words cover, best first."""

    def __init__(self, tree: IndexTree) -> None:
        self.tree = tree
        self._best = -math.inf  # the best path score found so far in the current match
        self._walked = 0  # anchor lines walked in the current match (bounded: MAX_WALKED)

    def match(self, words: Sequence[QueryWord], books: Iterable[str], limit: int = 20) -> list[PathMatch]:
        """The best `limit` paths for the words in these books (walked once per lookup: per_lookup)."""
        kept = per_lookup.memo()
        if kept is None:
            return self._match(words, books)[:limit]
        books = frozenset(books)
        key = ("match", id(self.tree), tuple(words), books)
        found = kept.get(key)
        if found is None:
            found = kept[key] = self._match(words, books)
        return found[:limit]  # type: ignore[index]

    def _match(self, words: Sequence[QueryWord], books: Iterable[str]) -> list[PathMatch]:
        """Every path found, best first (a limit only cuts this list)."""
        wanted_books = set(books)
        by_stem = _stem_map(words)
        if not by_stem:
            return []
        results: dict[tuple[str, str, str], PathMatch] = {}
        self._best = -math.inf
        self._walked = 0
        # The main terms whose lines hold most of the query first: once a path is found, a main term
        # whose lines could not beat it even with every word they hold is not walked.
        mains = [
            (self._ceiling(main, words, by_stem), main)
            for main in self._main_terms(words, by_stem, wanted_books)
        ]
        mains.sort(key=lambda m: -m[0])
        for ceiling, main in mains:
            if ceiling < self._best:
                break
            _keep_best(results, self._below(main, words, by_stem, jumps=0))
        return _best_first(results)

    def match_under(
        self, words: Sequence[QueryWord], path: Sequence[Node], limit: int = 8
    ) -> list[PathMatch]:
        """The paths below one line the query's reading already named ("Accident, transport, car occupant,
        passenger" for a passenger's crash): a deep subtree the walk from its main term, bounded, may not
        reach when its words fill hundreds of lines above it."""
        by_stem = _stem_map(words)
        if not by_stem or not path:
            return []
        self._best = -math.inf
        self._walked = 0
        covered: set[int] = set()
        unsaid = 0.0
        for depth, node in enumerate(path):
            said, cost = _cover_term(node.term, by_stem, main=depth == 0, book=node.book)
            covered |= said
            unsaid += cost
        results: dict[tuple[str, str, str], PathMatch] = {}
        _keep_best(results, self._below(_Walk(list(path), covered, unsaid), words, by_stem, jumps=0))
        return _best_first(results)[:limit]

    # -- main terms ----------------------------------------------------------------------------------------
    def _main_terms(
        self, words: Sequence[QueryWord], by_stem: dict[str, set[int]], books: set[str]
    ) -> list[_Walk]:
        said: dict[int, set[int]] = {}
        weight: dict[int, float] = {}
        for word in sorted(by_stem):  # the order `tree.matches([0], by_stem)` reads them (sums alike)
            if word == LINK:
                continue
            held = by_stem[word]
            mains = self.tree.main_terms_holding(word)
            if len(held) == 1:  # most stems: one query word holds it
                (i,) = held
                adds = words[i].weight
                for node_id in mains:
                    used = said.get(node_id)
                    if used is None:
                        said[node_id] = {i}
                        weight[node_id] = 0.0 + adds
                    elif i not in used:
                        used.add(i)
                        weight[node_id] += adds
                continue
            for node_id in mains:
                used = said.get(node_id)
                if used is None:
                    used = said[node_id] = set()
                for i in held:
                    if i not in used:
                        used.add(i)
                        weight[node_id] = weight.get(node_id, 0.0) + words[i].weight
        # The main terms that use the most query words first; a few dozen are enough to look at closely.
        # Between equals, the main terms that hold more lines ("Disease", "Pain") before rare ones.
        span = self.tree.span
        ids = sorted(weight, key=lambda n: (-weight[n], -span(n), n))[: MAX_MAIN_TERMS * 4]
        ids += sorted(set(weight) - set(ids), key=lambda n: -span(n))[: MAX_BROAD * 2]
        # The Neoplasm Table's main term, when a word of the query reads as it ("metastasis"), is looked at
        # however many narrow main terms hold the site's words ("Cubital lymph node" in the PCS Body Part Key).
        table = [n.id for n in self.tree.broadest(TABLE_BY_SITE, 1)] if TABLE_BY_SITE in books else []
        ids += [n for n in table if n in weight and n not in ids]
        candidates = [n for n in self.tree.nodes(ids) if n.book in books]
        heads: dict[str, int] = {}
        for node in candidates:
            heads[_head(node.term)] = heads.get(_head(node.term), 0) + 1
        walks: list[tuple[float, _Walk]] = []
        keys: list[float] = []  # the best MAX_MAIN_TERMS keys so far, highest first
        for node in candidates:
            # A main term uses at most the words its postings hold (weight): once that cannot reach the
            # kept few, only a broad main term (one holding many lines) can still be kept.
            if len(keys) >= MAX_MAIN_TERMS and weight[node.id] < keys[-1] and span(node.id) < 100:
                continue
            covered, unsaid = _cover_term(node.term, by_stem, main=True, book=node.book)
            if not covered:
                continue
            weak = _cover_modifiers(node.modifiers, by_stem) - covered
            walk = _Walk([node], set(covered | weak), unsaid, weak=weak)
            key = _weight(words, covered) - unsaid
            walks.append((key, walk))
            if len(keys) < MAX_MAIN_TERMS or key > keys[-1]:
                insort(keys, key, key=lambda k: -k)
                del keys[MAX_MAIN_TERMS:]
        # "burning tongue": the Index prints Burn and Burning as two main terms; the one the query spells is
        # the one it names, the other only shares its stem (bot.lookups.index.matching.SPELLED_OTHER_COST).
        # (within one book: the External Cause Index's "Crushed" is no reason to pass over the Index's Crush)
        typed = {w.text.lower() for w in words}
        spelled = {(n.book, stem(_head(n.term))) for n in candidates if _head(n.term) in typed}
        for _, walk in walks:
            head = _head(walk.nodes[0].term)
            if spelled and head not in typed and (walk.nodes[0].book, stem(head)) in spelled:
                walk.unsaid += SPELLED_OTHER_COST
            if heads[head] > 1:
                # "Fracture, traumatic" (thousands of lines) is read before "Fracture, pathological" (a few).
                walk.unsaid -= SPAN_CREDIT * math.log10(1 + span(walk.nodes[0].id))
        walks.sort(key=lambda w: (-w[0], -span(w[1].nodes[0].id), w[1].nodes[0].id))
        kept = [w for _, w in walks[:MAX_MAIN_TERMS]]
        # The broad main terms ("Disease", "Infection", "Pain") hold most paths: the largest few that use a
        # word with nothing unsaid stay whatever a narrow term scores.
        broad = sorted(
            (w for _, w in walks[MAX_MAIN_TERMS:] if w.unsaid == 0),
            key=lambda w: -self.tree.span(w.nodes[0].id),
        )
        kept += [w for w in broad[:MAX_BROAD] if self.tree.span(w.nodes[0].id) >= 100]
        kept += [w for _, w in walks[MAX_MAIN_TERMS:] if w.nodes[0].id in table and w not in kept]
        return kept + self._implied(words, by_stem, books, {w.nodes[0].id for _, w in walks})

    def _implied(
        self, words: Sequence[QueryWord], by_stem: dict[str, set[int]], books: set[str], seen: set[int]
    ) -> list[_Walk]:
        """The External Cause Index's broadest main terms ("Accident", "Contact", "Fall") when their lines
        hold several of the query's words though the query does not name them: "car driver injured in
        collision with a car" is found under "Accident, transport", as a coder knows. Their own words
        count as unsaid."""
        if "ext" not in books:
            return []
        out: list[_Walk] = []
        for node in self.tree.broadest("ext", MAX_IMPLIED):
            if node.id in seen:
                continue
            held = self.tree.within_sets(node, by_stem, limit=MAX_ANCHORS * 4)
            if len({i for w in held for i in by_stem[w]}) >= 2:
                forms = _term(node.term).forms
                unsaid = UNSAID_COST * len(forms[0]) if forms else UNSAID_COST
                out.append(_Walk([node], set(), unsaid))
        return out

    # -- below a line: anchors, then the paths to them -------------------------------------------------------
    def _below(
        self, start: _Walk, words: Sequence[QueryWord], by_stem: dict[str, set[int]], jumps: int
    ) -> list[PathMatch]:
        root = start.nodes[-1]
        # (a word found only among a line's non-essential modifiers still leads below it to a line saying
        # it and nothing unsaid: "Tear, torn (traumatic), rotator cuff, traumatic" for a traumatic tear)
        strong = start.covered - start.weak if start.weak else start.covered
        left = {s: i for s, i in by_stem.items() if not i <= strong}
        by_word = self.tree.within_sets(root, left, limit=MAX_ANCHORS * 4) if left else {}
        if root.book == "cm" and left:
            by_word = self._with_region_lines(root, left, by_word)
        if self._ceiling(start, words, by_stem, by_word) < self._best:
            return []  # nothing below this line could beat the best path found (a reference followed)
        # The lines holding the rarest words first ("pulmonary" before "chronic" under "Disease"): a
        # word found in too many lines to follow is left to the last step, one level below the paths.
        chosen: set[int] = set()
        for word in sorted(by_word, key=lambda w: (len(by_word[w]), w)):
            if chosen and len(chosen) + len(by_word[word]) > MAX_ANCHORS:
                continue
            chosen |= by_word[word]
        anchors = sorted(chosen)[:MAX_ANCHORS]
        if strong is not start.covered:
            anchors = self._said_anchors(anchors, by_word, left, start.covered, by_stem)
        if self._walked > MAX_WALKED and self._best > -math.inf:
            # A long query that meets many broad main terms and references ("specified internal operation
            # wound ..."): the best bound ones were walked first; the rest would cost tens of ms.
            return []
        self._walked += len(anchors)
        nodes = {n.id: n for n in self.tree.nodes(anchors)}
        # Every ancestor between the root and an anchor, so each path can be walked and scored.
        missing = {n.parent for n in nodes.values() if n.parent not in nodes and n.parent > root.id}
        nodes[root.id] = root
        while missing:
            fetched = self.tree.nodes(sorted(missing))
            for n in fetched:
                nodes[n.id] = n
            missing = {n.parent for n in fetched if n.parent not in nodes and n.parent > root.id}
        # The walk to each line, built once from its parent's (paths to nearby anchors share their start);
        # only the best few are made into full walks.
        first = _Line(root, None, frozenset(start.covered), start.unsaid, frozenset(start.weak))
        lines = [first]
        bare: list[_Line] = []  # lines with neither a code nor a reference, only lines below them
        walked: dict[int, _Line] = {root.id: first}
        for anchor in anchors:
            chain: list[Node] = []
            current = nodes.get(anchor)
            while current is not None and current.id not in walked:
                chain.append(current)
                current = nodes.get(current.parent)
            if current is None:
                continue
            for node in reversed(chain):
                line = walked[node.parent].step(node, by_stem)
                walked[node.id] = line
                if node.code or node.cells or self._has_reference(node):
                    lines.append(line)
                elif node.last > node.id and (
                    node.book != "pcs" or line.unsaid <= first.unsaid or _said_at_every_level(line, first)
                ):
                    # (In the PCS Index only a bare line reached by words the query said: "Repair, Finger,
                    # Middle" leads on to "Right"; "Replacement, Tendon, Knee" for "knee replacement" not;
                    # "Excision, Subcutaneous Tissue and Fascia, Lower Leg" for "excision subcutaneous lower
                    # leg" does: each level holds a word said, though "fascia" is not.)
                    bare.append(line)
        # A bare line still leads one level down (its side, its type), and to its unspecified child.
        lines += self._extend(lines + bare, by_stem)
        lines += [
            line
            for line in bare
            if self._unspecified_line(line.node) is not None
            or device_body_part(self.tree, line.node, by_stem) is not None  # (pcs_device_parts)
        ]
        # The paths that use most of the query and add least to it first; the rest cannot win.
        said: dict[int, float] = {}  # by the covered set's identity: lines below one another share it
        for line in lines:
            if id(line.covered) not in said:
                said[id(line.covered)] = _weight(words, line.covered)
        keyed = sorted(
            ((said[id(line.covered)] - line.unsaid, i, line) for i, line in enumerate(lines)),
            key=lambda k: (-k[0], k[1]),
        )
        columns = _weight(words, _column_words(root.book, by_stem))
        results: list[PathMatch] = []

        # A line sending to the Table's site lines ("Tumor - see also Neoplasm, unspecified behavior, by
        # site") is walked and followed whatever it holds itself: any word left may name the site there.
        # (only a line adding no word the query did not say: "Carcinoma, intraepithelial" is no reading of a
        # carcinoma of the skin of the neck)
        def to_sites(line: _Line) -> bool:
            return line.unsaid <= first.unsaid and sends_by_site(line.node)

        walked_lines = keyed[:MAX_WALKS]
        walked_lines += [k for k in keyed[MAX_WALKS:] if to_sites(k[2])][:MAX_BY_SITE]
        by_site = {i for i, (_, _, line) in enumerate(walked_lines) if to_sites(line)}
        last_by_site = max(by_site, default=-1)
        for rank, (key, _, line) in enumerate(walked_lines):
            allowance = REFERENCE_ALLOWANCE
            if rank in by_site:
                allowance = max(allowance, _weight(words, set(range(len(words))) - line.covered))
            if 10 * (key + columns + allowance + FINISH_MARGIN) < self._best:
                if rank < last_by_site:
                    continue
                break  # this path and the rest, even with a reference or a column word more, fall far behind
            walk = line.walk(start)
            followed = rank < MAX_FOLLOWED or rank in by_site
            results += self._finish(walk, words, by_stem, jumps if followed else MAX_JUMPS)
        return results

    def _with_region_lines(
        self, root: Node, left: Mapping[str, set[int]], by_word: dict[str, frozenset[int]]
    ) -> dict[str, frozenset[int]]:
        """The lines below `root` found by each word left, and for a word naming a part of a region the
        region's lines ("liver": "Hemangioma, intra-abdominal"), which the part's word says
        (bot.lookups.index.region_lines)."""
        anchors = region_anchors(left)
        if not anchors:
            return by_word
        regions = self.tree.within_sets(root, set(anchors.values()), limit=MAX_ANCHORS)
        out = dict(by_word)
        for member, key in anchors.items():
            if key in regions:
                out[member] = out.get(member, frozenset()) | regions[key]
        return out

    def _said_anchors(
        self,
        anchors: list[int],
        by_word: Mapping[str, frozenset[int] | set[int]],
        left: Mapping[str, set[int]],
        covered: set[int],
        by_stem: Mapping[str, set[int]],
    ) -> list[int]:
        """The anchors less those found only by a word a modifier above already held whose line says
        something the query does not ("stated as undetermined whether accidental ..." for "accidental")."""
        weak = {w for w in by_word if left[w] <= covered}
        if not weak:
            return anchors
        strong_lines: set[int] = set()
        for word, lines in by_word.items():
            if word not in weak:
                strong_lines |= lines
        only_weak = [a for a in anchors if a not in strong_lines]
        if not only_weak:
            return anchors
        said = by_stem.keys()
        dropped = {n.id for n in self.tree.nodes(only_weak) if not content_stems(n.term) <= said}
        return [a for a in anchors if a not in dropped]

    def _ceiling(
        self,
        start: _Walk,
        words: Sequence[QueryWord],
        by_stem: dict[str, set[int]],
        by_word: dict[str, frozenset[int]] | None = None,
    ) -> float:
        """The best score a path below this line could reach: every query word its lines hold used (a
        reference may bring one more, a table's column words choose its column), nothing more unsaid."""
        root = start.nodes[-1]
        if by_word is None:
            left = {s: i for s, i in by_stem.items() if not i <= start.covered}
            by_word = self.tree.within_sets(root, left, limit=MAX_ANCHORS * 4) if left else {}
        reachable = set(start.covered) | {i for w in by_word for i in by_stem.get(w, ())}
        reachable |= _column_words(root.book, by_stem)
        if root.depth == 0 and root.book == "cm" and self._sends_to_sites(root):
            # A morphology ("Seminoma, specified site - see Neoplasm, malignant, by site"): the Table's site
            # lines below the reference may use any word left.
            reachable = set(range(len(words)))
        return 10 * (_weight(words, reachable) + REFERENCE_ALLOWANCE - start.unsaid)

    def _extend(self, lines: list[_Line], by_stem: dict[str, set[int]]) -> list[_Line]:
        """One level further below each path: a child holding a word the path has not used yet
        (a word too common to anchor on, "left" or "acute"), or a link and the child below it."""
        ends: dict[int, _Line] = {}
        for line in lines:
            end = line.node
            if end.last > end.id and len(line.covered) < len(by_stem):
                best = ends.get(end.id)
                if best is None or len(line.covered) > len(best.covered):
                    ends[end.id] = line
        if not ends:
            return []
        extended: list[_Line] = []
        frontier = list(ends)
        for _ in range(2):
            rows = self.tree.matches(frontier, by_stem)
            nodes = {n.id: n for n in self.tree.nodes(sorted({n for _, n, _, _ in rows}))}
            next_frontier = []
            for parent, child_id, word, _ in rows:
                above = ends.get(parent)
                child = nodes.get(child_id)
                if above is None or child is None:
                    continue
                if word != LINK and by_stem.get(word, set()) <= above.covered:
                    continue
                longer = above.step(child, by_stem)
                if word == LINK:
                    ends[child.id] = longer
                    next_frontier.append(child.id)
                elif child.code or child.cells or child.see or child.see_also:
                    extended.append(longer)
            frontier = next_frontier
            if not frontier:
                break
        return extended

    def _encounter_line(self, node: Node) -> Node | None:
        if node.last <= node.id or node.book != "cm":
            return None
        for _, child_id, _, _ in self.tree.matches([node.id], ENCOUNTER_STEMS):
            child = self.tree.node(child_id)
            if child is not None and child.code and child.term.lower() in ENCOUNTER_TERMS:
                return child
        return None

    def _unspecified_line(self, node: Node) -> Node | None:
        """The child of a line without a code that a query naming nothing more reads: "unspecified site",
        "unspecified", "site unspecified", "NOS"."""
        if node.last <= node.id or node.book != "cm":
            return None
        for _, child_id, _, _ in self.tree.matches([node.id], UNSPECIFIED_STEMS):
            child = self.tree.node(child_id)
            if child is not None and child.code and content_stems(child.term) <= UNSPECIFIED_LINE:
                return child
        return None

    def _specified_site_line(self, node: Node) -> Node | None:
        """The child "specified site" / "specified site NEC" of a morphology line, when it sends to a table
        by site ("Astrocytoma, specified site - see Neoplasm, malignant, by site")."""
        if node.last <= node.id or node.book != "cm":
            return None
        for _, child_id, _, _ in self.tree.matches([node.id], SPECIFIED_STEMS):
            child = self.tree.node(child_id)
            if child is not None and child.see and content_stems(child.term) <= SPECIFIED_STEMS:
                return child
        return None

    def _sends_to_sites(self, main: Node) -> bool:
        """Whether a line below a main term is "specified site - see <table>, by site" (kept per tree)."""
        key = ("sends-to-sites", main.id)
        found = self.tree.memo.get(key)
        if found is None:
            held = self.tree.within_sets(main, SPECIFIED_STEMS, limit=50).get(next(iter(SPECIFIED_STEMS)), ())
            found = any(
                any("by site" in see for see in node.see) and content_stems(node.term) <= SPECIFIED_SITE_STEMS
                for node in self.tree.nodes(sorted(held))
            )
            self.tree.memo[key] = found
        return bool(found)

    def _specified_organism_line(self, node: Node) -> Node | None:
        """The child "specified organism NEC" with a code of a condition's line (Sepsis A41.89)."""
        if node.last <= node.id:
            return None
        for _, child_id, _, _ in self.tree.matches([node.id], ORGANISM_LINE):
            child = self.tree.node(child_id)
            if child is not None and child.code and is_specified_organism_line(child.term):
                return child
        return None

    def _organisms_unused(self, walk: _Walk, by_stem: Mapping[str, set[int]]) -> set[int]:
        """The query words naming a B95-B96 organism that the path has not used."""
        return {
            i
            for s in organism_stems(self.tree.conn) & by_stem.keys()
            for i in by_stem[s]
            if i not in walk.covered
        }

    def _by_organism_kind(
        self, walk: _Walk, words: Sequence[QueryWord], by_stem: dict[str, set[int]], jumps: int
    ) -> list[PathMatch]:
        """ "staph endocarditis", "rotavirus diarrhea": an organism no line under the condition names is read
        at the line of its kind ("Endocarditis, bacterial" -> I33.0; "Diarrhea, due to, virus - see
        Enteritis, viral", then its "Rotavirus" line -> A08.0), the organism counted as said."""
        conn = self.tree.conn
        named: dict[str, set[int]] = {}
        for s, held in by_stem.items():
            left = held - walk.covered
            if left and (kind := organism_kind(conn, s)):
                named.setdefault(kind, set()).update(left)
        out: list[PathMatch] = []
        end = walk.nodes[-1]
        main = walk.nodes[0]
        for kind, organism in named.items():
            stems = frozenset(s for i in organism for s in words[i].stems)
            if self.tree.within_sets(main, stems, limit=1):
                continue  # a line under the condition names the organism itself ("in, Acinetobacter baumannii")
            line = self._kind_line(end, kind)
            if line is None:
                continue
            read = walk.copy()
            told = " ".join(sorted({words[i].text for i in organism}))
            read.nodes += [*line[:-1], replace(line[-1], term=f"{line[-1].term} ({told})")]
            read.unsaid += KIND_LINE_COST
            found: list[PathMatch] = []
            if line[-1].code:
                read.covered |= organism
                code = named_in_category(self.tree.conn, line[-1].code, stems) or line[-1].code
                found.append(self._result(read, words, code, walk.column, read.covered))
            elif jumps < MAX_JUMPS:
                for reference in self.tree.references(line[-1].id)[:MAX_REFERENCES]:
                    if reference.kind == "see":
                        found += self._follow(read, reference, words, by_stem, jumps)
            weight = _weight(words, organism)
            for match in found:
                if match.covered & organism:
                    out.append(match)
                else:  # the kind's own line (Enteritis, viral A08.4): the organism said by its kind
                    score = match.score + 10 * weight
                    self._best = max(self._best, score)
                    code = named_in_category(self.tree.conn, match.code, stems) or match.code
                    out.append(
                        replace(
                            match,
                            code=code,
                            covered=match.covered | organism,
                            said=match.said + weight,
                            score=score,
                        )
                    )
        return out

    def _by_thing_kind(
        self, walk: _Walk, words: Sequence[QueryWord], by_stem: dict[str, set[int]], jumps: int
    ) -> list[PathMatch]:
        """ "exposed to mercury", "bitten by a bat": a thing no subterm below the path's end names, read at
        the subterm naming its nearest kind ("Exposure (to), hazardous metals NEC" Z77.018; "Bite, bitten by,
        mammal NEC" W55.81), the thing counted as said (bot.lookups.index.subterm_kinds). In the Alphabetic
        Index only a Z code's line is read so (the reasons for an encounter: I.C.21)."""
        end = walk.nodes[-1]
        main = walk.nodes[0]
        out: list[PathMatch] = []
        wordnet = wordnet_reader(self.tree.conn)
        for i, word in enumerate(words):
            if i in walk.covered or not names_thing(wordnet, word.text, touched=False):
                continue
            if i + 1 < len(words) and i + 1 not in walk.covered and names_thing(wordnet, words[i + 1].text):
                continue  # a noun before another names what the other is ("cabinet door": a door)
            if self.tree.within(main, word.stems, limit=1):
                continue  # a line under the main term names the thing itself: the Index reads it there
            found = kind_line(self.tree, wordnet, end, word.text)
            if found is None:
                continue
            if found.steps and end.book == "ext" and names_itself(self.tree, end.book, word.text):
                continue  # a line under another names it ("Contact, with, llama - see ... hoof stock NEC")
            line = found.lines[-1]
            if line.code and line.code[:1] not in ("Z" if end.book == "cm" else "VWXY"):
                continue  # (the External Cause Index's own codes; in the Alphabetic Index a reason's Z code)
            if (end.book == "cm" and not line.code) or line.code.startswith("Y93"):
                continue  # (an Activity line names what was done, not a thing: "Activity, building")
            read = walk.copy()
            read.nodes += [*found.lines[:-1], replace(line, term=f"{line.term} ({word.text})")]
            read.unsaid += KIND_LINE_COST + THING_KIND_STEP_COST * found.steps
            read.covered.add(i)
            if line.code:
                # (the Tabular of the line's category may name the thing itself: "Long-term drug therapy,
                # immunosuppressants" Z79.60 for methotrexate, whose category's Z79.631 names it)
                code = named_in_category(self.tree.conn, line.code, word.stems) or line.code
                out.append(self._result(read, words, code, walk.column, read.covered))
            elif jumps < MAX_JUMPS:
                for reference in self.tree.references(line.id)[:MAX_REFERENCES]:
                    if reference.kind == "see":
                        out += self._follow(read, reference, words, by_stem, jumps)
        return out

    def _internal_site(
        self, walk: _Walk, words: Sequence[QueryWord], by_stem: dict[str, set[int]], jumps: int
    ) -> list[PathMatch]:
        """ "choroidal melanoma": a malignant morphology coded by its own main term with a code whose site is
        unspecified (Melanoma C43.9, whose lines are the skin's sites) and a site said that no line below it
        holds: the site's Neoplasm Table line, malignant (the Index's note for melanoma: internal sites are
        coded to malignant neoplasm of the site)."""
        main = walk.nodes[0]
        if not self._site_unspecified(main.code):
            return []  # ("Wilms' tumor" C64.-, "Retinoblastoma" C69.2-: the morphology's code names its site)
        left = {s: i for s, i in by_stem.items() if not i <= walk.covered}
        # (the lines of another behaviour, "Melanoma, in situ, choroid" D03.8, hold no site of the main term's)
        other = [
            (c.id, c.last)
            for c in self.tree.children(main.id)
            if content_stems(c.term) and content_stems(c.term) <= OTHER_BEHAVIOUR
        ]
        held = {
            s
            for s, ids in self.tree.within_sets(main, left, limit=MAX_ANCHORS).items()
            if any(not any(lo <= n <= hi for lo, hi in other) for n in ids)
        }
        said = {i for s in held for i in by_stem.get(s, ())}
        unheld = {i for s, ids in left.items() if s not in held for i in ids} - said
        if not unheld:
            return []
        if named_in_category(
            self.tree.conn, main.code, frozenset(s for i in unheld for s in words[i].stems)
        ) or any("site" in c.term.lower() for c in self.tree.children(main.id)):
            # ("pleural mesothelioma": its own "site classification" lines and C45.0 "Mesothelioma of pleura")
            return []
        reference = self.tree.resolve(MALIGNANT_BY_SITE, "cm")
        table = self.tree.node(reference.node) if reference.node else None
        if table is None or table.book != TABLE_BY_SITE:
            return []
        by_site = walk.copy()
        by_site.unsaid += SITE_SAID_COST
        return [
            m
            for m in self._follow_from(table, by_site, reference, words, by_stem, jumps)
            if m.covered & unheld and _names_site(m.nodes[len(walk.nodes) :])
        ]

    def _site_unspecified(self, code: str) -> bool:
        """Whether a code's Tabular title leaves its site unspecified ("Malignant melanoma of skin, unspecified"
        C43.9), so a site the query names is the Neoplasm Table's."""
        row = self.tree.conn.execute(
            "SELECT title FROM codes WHERE system = 'cm' AND current = 1 AND code = ?",
            [code.replace(".", "").rstrip("-")],
        ).fetchone()
        return row is not None and "unspecified" in str(row[0]).lower()

    def _kind_line(self, node: Node, kind: str) -> list[Node] | None:
        """The child of a condition's line naming only an organism's kind ("bacterial"), or such a line below
        a connective child ("due to, virus"), as the lines from the condition's line down to it."""
        if node.last <= node.id:
            return None
        stems = KIND_STEMS[kind]
        for _, child_id, word, _ in self.tree.matches([node.id], stems):
            child = self.tree.node(child_id)
            if child is None:
                continue
            if word != LINK and is_kind_line(child.term, kind) and (child.code or child.see):
                return [child]
            if word == LINK and child.last > child.id:
                for _, below_id, _, _ in self.tree.matches([child.id], stems):
                    below = self.tree.node(below_id)
                    if below is not None and is_kind_line(below.term, kind) and (below.code or below.see):
                        return [child, below]
        return None

    def _has_reference(self, node: Node) -> bool:
        return bool(node.see or node.see_also)

    # -- the end of a path: its code, a table column, or a reference to follow -----------------------------
    def _finish(
        self, walk: _Walk, words: Sequence[QueryWord], by_stem: dict[str, set[int]], jumps: int
    ) -> list[PathMatch]:
        end = walk.nodes[-1]
        out: list[PathMatch] = []
        if end.cells:
            # A column the reference names ("Tumor, Sertoli cell - see Neoplasm, benign") is not outvoted by
            # the morphology line's own word saying no behaviour ("tumor": the unspecified column's word).
            choosing = (
                _without_words_of(walk.nodes[: walk.jumps[-1][0]], by_stem, NO_BEHAVIOUR)
                if walk.column and walk.jumps
                else by_stem
            )
            column, used = _column(end.book, choosing, walk.column)
            code = end.cell(column) or end.cell(DEFAULT_COLUMN.get(end.book, column))
            if code:
                covered = walk.covered | used
                found = self._result(walk, words, code, column, covered)
                out.append(replace(found, defaulted=not used and not walk.column))
        elif end.code:
            out.append(self._result(walk, words, end.code, walk.column, walk.covered))
        elif (reason := self._encounter_line(end)) is not None:
            # "Vaccination, encounter for Z23": a line with no code of its own whose "encounter for"
            # subterm codes the reason for the visit; a coder reads it without the query saying so.
            encounter = walk.copy()
            encounter.nodes.append(reason)
            out.append(self._result(encounter, words, reason.code, walk.column, walk.covered))
        elif (
            (len(walk.covered) == len(words) or self._specified_site_line(end) is not None)
            and not self._has_reference(end)
            and (default := self._unspecified_line(end)) is not None
        ):
            # "Glioblastoma (multiforme)" has no code; when the path holds every word of the query (no
            # site said) a coder reads its "unspecified site C71.9". A morphology that codes a site said by
            # the Neoplasm Table ("specified site - see ...") is read at its unspecified site too when the
            # query's other words name none ("medulloblastoma in child", "pilocytic astrocytoma, site not
            # documented"): the specified site's reading must find a site line (below).
            unspecified = walk.copy()
            unspecified.nodes.append(default)
            unspecified.unsaid += DEFAULT_CHILD_COST
            out.append(self._result(unspecified, words, default.code, walk.column, walk.covered))
        if (
            end.book == "cm"
            and len(walk.covered) < len(words)
            and (named := self._organisms_unused(walk, by_stem))
            and (organism := self._specified_organism_line(end)) is not None
        ):
            # "sepsis from klebsiella": an organism the Tabular names (B96.1) that no line under Sepsis
            # names is read at its "specified organism NEC" line (A41.89), not left unused beside A41.9.
            nec = walk.copy()
            told = " ".join(sorted({words[i].text for i in named}))
            nec.nodes.append(replace(organism, term=f"{organism.term} ({told})"))
            nec.unsaid += SPECIFIED_SITE_COST
            nec.covered |= named
            out.append(self._result(nec, words, organism.code, walk.column, nec.covered))
        if (
            end.book == "pcs"
            and not end.code
            and jumps < MAX_JUMPS
            and len(walk.covered) < len(words)
            and end.last > end.id
            and not self._has_reference(end)
        ):
            # "phrenic nerve crush": "Crushing, nerve" sends on only by its subterms, each to a table
            # (Cranial - see Destruction, Central Nervous System ...=005; Peripheral - ...=015): the one whose
            # table holds the body part said (Phrenic Nerve) is the one read (bot.lookups.index.pcs_table_subterms)
            for child, reference in table_subterms(self.tree, end, walk.covered, by_stem):
                chosen = walk.copy()
                chosen.nodes.append(child)
                chosen.unsaid += _cover_term(child.term, by_stem, main=False, book=child.book)[1]
                out += self._follow(chosen, reference, words, by_stem, jumps)
        if (
            end.book == "pcs"
            and not end.code
            and end.last > end.id
            and not self._has_reference(end)
            and (part := device_body_part(self.tree, end, by_stem)) is not None
        ):
            # "tracheostomy tube change", "IUD removal": the device's operation line, and the one body part
            # below it in the body system the Device Key names (bot.lookups.index.pcs_device_parts)
            at_part = walk.copy()
            at_part.nodes += part[0]
            at_part.unsaid += DEFAULT_CHILD_COST
            at_part.covered |= {i for s in part[1] for i in by_stem.get(s, ())}
            out.append(self._result(at_part, words, part[0][-1].code, walk.column, at_part.covered))
        if end.book == "cm" and len(walk.covered) < len(words) and not end.cells:
            out += self._by_organism_kind(walk, words, by_stem, jumps)
        if end.book in ("ext", "cm") and len(walk.covered) < len(words) and end.last > end.id:
            out += self._by_thing_kind(walk, words, by_stem, jumps)
        if (
            end.depth == 0
            and end.book == "cm"
            and _malignant_primary(end.code)
            and len(walk.covered) < len(words)
            and not self._has_reference(end)
        ):
            # (the main term's own line, however its subterms ranked: one table reading per main term)
            out += self._internal_site(walk, words, by_stem, min(jumps, MAX_JUMPS - 1))
        if (
            jumps < MAX_JUMPS
            and len(walk.covered) < len(words)
            and not end.cells
            and (specified := self._specified_site_line(end)) is not None
        ):
            # "Glioblastoma (multiforme)", "Seminoma C62.9-": the query names a site, so a coder reads the
            # morphology's "specified site - see Neoplasm, malignant, by site" without the query saying
            # "specified site", and the Neoplasm Table line of that site codes it.
            at_site = walk.copy()
            at_site.nodes.append(specified)
            at_site.unsaid += SPECIFIED_SITE_COST
            for reference in self.tree.references(specified.id)[:MAX_REFERENCES]:
                if reference.kind == "see":
                    out += [
                        m
                        for m in self._follow(at_site, reference, words, by_stem, jumps)
                        if _names_site(m.nodes[len(at_site.nodes) :])
                    ]
        # (a Drug Table line with no code in any column, "Methylprednisolone - see Methyl, prednisolone": its
        # reference is where the codes are)
        codeless_drug = end.book == "drug" and not any(end.cells)
        if (
            jumps < MAX_JUMPS
            and (not end.code or len(walk.covered) < len(words))
            and (not end.cells or codeless_drug)
        ):
            references = alternatives_in_order(
                self._said_parts_first(self.tree.references(end.id), by_stem)[:MAX_REFERENCES], by_stem
            )
            whole = self._whole_said(references, by_stem) and "partial" not in by_stem
            for order, reference in enumerate(references):
                if reference.kind == "see_also" and end.code:
                    continue
                if (
                    reference.kind == "use"
                    and end.book == "pcs"
                    and not names_key(walk.nodes[0].term, by_stem)
                ):
                    continue  # a Device / Body Part Key line: only for the name it gives (pcs_keys)
                if order:
                    # "Biopsy, see Excision ..., see Extraction ..., see Drainage ...": the Index's order.
                    walk = walk.copy()
                    walk.unsaid += REFERENCE_ORDER_COST
                if whole and reference.text.startswith("Excision"):
                    # "-ectomy" indexed to both: the whole organ (Resection) unless "partial" is said.
                    partial = walk.copy()
                    partial.unsaid += PARTIAL_COST
                    out += self._follow(partial, reference, words, by_stem, jumps)
                    continue
                out += self._follow(walk, reference, words, by_stem, jumps)
        return out

    def _whole_said(self, references: list[Reference], by_stem: Mapping[str, object]) -> bool:
        """Whether an "-ectomy" the Index sends to Resection is read as all of a body part: Resection is
        "cutting out or off, without replacement, all of a body part" (the root operation's definition), so
        it needs the body part the query names to be one of its table's; when the Excision table beside it
        names more of the query's body part words ("pleurectomy": Excision, Pleura; the Resection table has
        no pleura, only the lung), the cut is of a portion of it, an Excision."""
        resections = [r for r in references if r.text.startswith("Resection")]
        if not resections:
            return False
        excisions = [r for r in references if r.text.startswith("Excision") and r.book == "pcs" and r.code]
        if not excisions or any(r.book != "pcs" or not r.code for r in resections):
            return True
        said = by_stem.keys()

        def parts(reference: Reference) -> int:
            return len(self.tree.table_parts(reference.code) & said)

        return max(parts(r) for r in resections) >= max(parts(r) for r in excisions)

    def _said_parts_first(
        self, references: list[Reference], by_stem: Mapping[str, object]
    ) -> list[Reference]:
        """A line sending to more tables than are followed ("Lobectomy": the brain's, the lung's, the liver's
        and the thyroid's Excision and Resection): those whose table's body parts share most words with the
        query ("right thyroid lobectomy": Thyroid Gland Lobe; "right femoral artery": Femoral Artery before
        Pulmonary Artery) first, else in the Index's order."""
        if len(references) <= MAX_REFERENCES:
            return references

        def said(reference: Reference) -> int:
            if reference.book != "pcs" or not reference.code:
                return 0
            return len(self.tree.table_parts(reference.code) & by_stem.keys())

        return sorted(references, key=lambda r: -said(r))

    def _follow(
        self,
        walk: _Walk,
        reference: Reference,
        words: Sequence[QueryWord],
        by_stem: dict[str, set[int]],
        jumps: int,
    ) -> list[PathMatch]:
        if reference.code and not reference.node:
            return [self._code_of(walk, reference, words)]
        if "condition" in reference.open_parts:
            return []  # "see condition": the query's other words are coded on their own
        head, after = self.tree.open_head(reference) if reference.open_parts else (0, frozenset())
        if head:
            # "Amputation, see also Absence, by site, acquired": from Absence, the query's site, and a line
            # below it saying what the reference names after the site ("acquired", "with foreign body").
            found = [
                m
                for m in self._follow_from(self.tree.node(head), walk, reference, words, by_stem, jumps)
                if after <= {s for n in m.nodes[len(walk.nodes) :] for s in _node_stems(n)}
            ]
            if found:
                return found
        target = self.tree.node(reference.node) if reference.node else None
        if target is not None and reference.code and target.code and not _agrees(target.code, reference.code):
            # "Partial joint replacement, Knee -> see Replacement, Lower Joints=0SR" names a table; a line
            # the reference's words happened to meet ("Replacement, Artery, Lower 04RY") is not it: the
            # table's own code and the query's words complete the code.
            return [self._code_of(walk, reference, words)]
        if target is not None and names_body_system_line(reference, target):
            # "Endarterectomy - see Extirpation, Upper Arteries=03C": the words after the root operation name
            # the body system (the table), not the line "Extirpation, Artery, Upper 03CY" they also spell.
            return [self._code_of(walk, reference, words)]
        if target is None:
            if reference.book in TABLE_COLUMNS:
                # "Neoplasm, malignant, by site", "Table of Drugs and Chemicals, by drug, adverse effect":
                # the query's other words find the line in the table.
                return self._by_site(walk, reference, words, by_stem, jumps)
            return []
        found = self._follow_from(target, walk, reference, words, by_stem, jumps)
        if (
            reference.book == TABLE_BY_SITE
            and target.book == TABLE_BY_SITE
            and len(walk.covered) < len(words)
            and not any(
                _names_site(m.nodes[len(walk.nodes) + 1 :]) and m.covered - walk.covered for m in found
            )
        ):
            # "Chondrosarcoma - see Neoplasm, cartilage, malignant": the Table's tissue or site the morphology
            # is most often of; a site the query names that no line below it holds ("of right femur") is
            # read by site in the same column ("meningioma of spinal cord": Neoplasm, meninges, spinal).
            other = walk.copy()
            other.unsaid += SITE_SAID_COST
            table = self.tree.path(target.id)[0]
            by_site = replace(reference, text=f"{_head(table.term).capitalize()}, by site")
            found += [
                m
                for m in self._follow_from(table, other, by_site, words, by_stem, jumps)
                if m.covered - walk.covered and _names_site(m.nodes[len(walk.nodes) :])
            ]
        return found

    def _by_site(
        self,
        walk: _Walk,
        reference: Reference,
        words: Sequence[QueryWord],
        by_stem: dict[str, set[int]],
        jumps: int,
    ) -> list[PathMatch]:
        """The table's lines the query's words left find, in the column the reference names."""
        left = Stems({s: i for s, i in by_stem.items() if not i <= walk.covered})
        out: list[PathMatch] = []
        for main in self._main_terms(words, left, {reference.book})[:6]:
            jumped = walk.copy()
            jumped.jumps.append((len(jumped.nodes), len(jumped.nodes)))
            jumped.nodes += main.nodes
            jumped.covered |= main.covered
            jumped.unsaid += main.unsaid
            jumped.via.append(reference.text)
            jumped.column = reference.column
            out += self._below(jumped, words, by_stem, jumps + 1)
        return out

    def _code_of(self, walk: _Walk, reference: Reference, words: Sequence[QueryWord]) -> PathMatch:
        """The walk ended at the code a reference prints ("see Replacement, Lower Joints=0SR")."""
        jumped = walk.copy()
        jumped.via.append(reference.text)
        jumped.jumps.append((len(jumped.nodes), len(jumped.nodes)))
        return self._result(jumped, words, reference.code, "", jumped.covered, reference.qualifier)

    def _follow_from(
        self,
        target: Node | None,
        walk: _Walk,
        reference: Reference,
        words: Sequence[QueryWord],
        by_stem: dict[str, set[int]],
        jumps: int,
    ) -> list[PathMatch]:
        if target is None:
            return []
        jumped = walk.copy()
        jumped.jumps.append((len(jumped.nodes), len(jumped.nodes) + 1))
        jumped.nodes.append(target)
        jumped.unsaid += 0.05
        jumped.via.append(reference.text)
        jumped.column = reference.column
        for node in self.tree.path(target.id):
            covered, unsaid = _cover_term(node.term, by_stem, main=node.depth == 0, book=node.book)
            jumped.covered |= covered
            jumped.weak -= covered
            if reference.kind == "see_also":
                # "see also" leads somewhere related, not the same: what it adds counts as unsaid.
                jumped.unsaid += unsaid
        if reference.code and not target.code:
            return [self._result(jumped, words, reference.code, "", jumped.covered, reference.qualifier)]
        return self._below(jumped, words, by_stem, jumps + 1)

    def _result(
        self,
        walk: _Walk,
        words: Sequence[QueryWord],
        code: str,
        column: str,
        covered: set[int],
        qualifier: str = "",
    ) -> PathMatch:
        weak = walk.weak & covered
        said = _weight(words, covered - weak) + MODIFIER_SHARE * _weight(words, weak)
        score = 10 * (said - walk.unsaid) - 0.2 * len(walk.via) - 0.01 * len(walk.nodes)
        self._best = max(self._best, score)
        return PathMatch(
            tuple(walk.nodes),
            code,
            walk.nodes[-1].book,
            frozenset(covered),
            score,
            said,
            column,
            tuple(walk.via),
            walk.unsaid,
            qualifier,
            tuple(walk.jumps),
            weak=frozenset(weak),
        )


# A procedure the Index sends to several root operations with one qualifier ("Biopsy - see Drainage with
# qualifier Diagnostic; see Excision ...; see Extraction ..."): a coder drains fluid and excises tissue.
FLUID_STEMS = frozenset(
    stem(w) for w in ["fluid", "aspiration", "aspirate", "tap", "drainage", "drain", "effusion"]
)
FLUID_OPERATION = "drainage"
TISSUE_OPERATION = "excision"
EXTRACTION_OPERATION = "extraction"


def alternatives_in_order(references: list[Reference], stems: Collection[str]) -> list[Reference]:
    """The "see" alternatives of one line in the order a coder weighs them: an operation the query names
    (or fluid words for Drainage: aspiration, tap, -centesis) first, then Excision as the tissue default,
    then Extraction, then the Index's order. Lines with a single qualified reference keep the Index's order."""
    if sum(1 for r in references if r.qualifier and r.kind == "see") < 2:
        return references
    fluid = any(s in FLUID_STEMS or s.endswith("centesis") for s in stems)

    def rank(reference: Reference) -> int:
        operation = reference.text.split(" with ")[0].split(",")[0].strip().lower()
        if stem(operation) in stems or (fluid and operation == FLUID_OPERATION):
            return 0
        if fluid:
            return 2
        # Tissue: cut out (Excision), else pulled out (Extraction: a bone marrow core); fluid (Drainage) last.
        return 1 if operation == TISSUE_OPERATION else 2 if operation == EXTRACTION_OPERATION else 3

    return sorted(references, key=rank)


def _agrees(code: str, table: str) -> bool:
    """A line's code and the code a reference prints name the same table (one is the start of the other)."""
    a, b = code.replace(".", "").upper(), table.replace(".", "").upper()
    return a.startswith(b) or b.startswith(a)


def _malignant_primary(code: str) -> bool:
    """Whether an ICD-10-CM code is a primary malignant neoplasm's (C00-C76, C80-C96; not C77-C79)."""
    plain = code.replace(".", "").upper()
    return len(plain) >= 3 and plain[0] == "C" and plain[1:3].isdigit() and not "77" <= plain[1:3] <= "79"


def _names_site(nodes: Sequence[Node]) -> bool:
    """Whether a path into a table reached one of its site lines (not only its main term, "Neoplasm, malignant"
    C80.1, which is the unspecified site a "specified site" line cannot mean)."""
    return any(n.depth > 0 and n.book in TABLE_COLUMNS for n in nodes)


@lru_cache(maxsize=WORD_CACHE)
def _head(term: str) -> str:
    """A main term's head word ("fracture" for "Fracture, traumatic")."""
    return term.split(",")[0].strip().lower()


def _shown(node: Node) -> str:
    """A line as a coder cites it: a main term by its first form ("Infection", not "Infection, infected,
    infective"), a subterm as printed."""
    if node.depth or node.book == "pcs":
        return node.term
    forms = [f.strip() for f in node.term.split(",") if f.strip()]
    first = forms[0].lower() if forms else ""
    kept = [f for i, f in enumerate(forms) if i == 0 or not _related(first, f.lower()[: len(first)])]
    return ", ".join(kept)


def _forms(term: str) -> tuple[frozenset[str], ...]:
    """A term's forms' stems (read once per term: `_term` keeps what it gives, `_TermFacts.forms`)."""
    return tuple(content_stems(f) for f in term.split(",") if f.strip())


def _all_stems(forms: tuple[frozenset[str], ...]) -> frozenset[str]:
    """Every stem of a term's forms: a term of one form shares that form's set (most subterms are one)."""
    return forms[0] if len(forms) == 1 else frozenset(s for f in forms for s in f)


class Stems(dict[str, set[int]]):
    """Query stems -> indices of the query words holding them, with what terms were found to cover
    (one object per match, so nothing is shared between queries or threads)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.cover: dict[tuple[str, bool, str], tuple[frozenset[int], float]] = {}
        self.steps: dict[int, _LineWords] = {}  # subterm line -> what it uses (_line_words)


def _cover_term(
    term: str, by_stem: dict[str, set[int]], main: bool, book: str = "cm"
) -> tuple[frozenset[int], float]:
    cache = by_stem.cover if isinstance(by_stem, Stems) else None
    key = (term, main, book)
    cached = cache.get(key) if cache is not None else None
    if cached is None:
        found, cost = _cover_term_uncached(term, by_stem, main, book)
        cached = (frozenset(found), cost)
        if cache is not None:
            cache[key] = cached
    return cached


def _cover_term_uncached(
    term: str, by_stem: dict[str, set[int]], main: bool, book: str
) -> tuple[set[int], float]:
    """The query words a term's forms use, and what its words add that the query did not say.

    A term's comma-separated forms are alternatives ("Diabetes, diabetic"; "Pelvis, pelvic"): the best
    covered form counts, and the other forms cost a little only on a main term ("Fracture, pathological"
    says more than "fracture").
    """
    best: tuple[float, set[int], float] | None = None
    facts = _term(term)
    forms = facts.forms
    if by_stem.keys().isdisjoint(facts.stems):
        if _only_negates(term, forms, facts.costs):
            # "Spondylosis, without myelopathy or radiculopathy" for "DJD lumbar spine": a complication the
            # chart does not name is one the patient does not have (the Tabular's "without" and
            # "uncomplicated" titles are coded when none is documented): the line adds nothing unsaid.
            return set(), 0.0
        return set(), UNSAID_COST * facts.first_size
    if book == "drug" and main:
        # "Iopodate, sodium", "Ferrous fumerate, gluconate, ...": the first form names the substance.
        forms = forms[:1]
    costs = facts.costs
    if book == "pcs" and main and len(forms) > 1:
        # The PCS Index's "Replacement, knee" and "Arthroplasty, knee" are one term read in order (the
        # procedure, then the site), not alternatives: every part is said or unsaid.
        forms, costs = facts.joined()
    contradicted = False
    for form, form_costs in zip(forms, costs, strict=False):
        if not form:
            continue
        if form_costs is None:  # a form holding a negation ("without fall"): read word by word
            negation = form & NEGATIONS
            if negation.isdisjoint(by_stem):
                negated = _negated(term).get(form, form - negation)
                if any(s in by_stem for s in negated):
                    # "Tripping, without fall" for "tripped and fell": the line says the opposite of the query.
                    contradicted = True
                    continue
                # "cerebral infarction without residual deficit": what the line negates the query did not
                # say either; the words before the negation are read as usual.
                form = form - negation - negated
                if not form:
                    continue
            form_costs = _costs(form)
        # Each stem said adds 1; each not said costs its weight (a number half a word).
        hit: set[int] = set()
        said = 0
        unsaid = 0.0
        named = False  # a word said beyond a course, severity or side ("acute" of "with acute cor pulmonale")
        for s, cost in form_costs:
            held = by_stem.get(s)
            if held is None:
                unsaid += cost
            else:
                said += 1
                hit.update(held)
                named = named or s not in QUALIFIER_STEMS
        if said and not named and unsaid and _linked(term):
            # "acute PE": "Embolism, pulmonary, with acute cor pulmonale" links a second condition, which the
            # query names only if it names that condition; its "acute" is the embolism's.
            continue
        value = said - UNSAID_COST * unsaid
        if said and (best is None or value > best[0]):
            best = (value, hit, unsaid)
    if best is None:
        words = sum(len(f) for f in forms[:1])
        return set(), UNSAID_COST * words + (CONTRADICTION_COST if contradicted else 0.0)
    _, hit, unsaid_words = best
    cost = UNSAID_COST * unsaid_words
    if says_opposite_level(facts.stems, by_stem):
        cost += CONTRADICTION_COST
    if main and len(forms) > 1:
        used = next(f for f in forms if {i for s in f for i in by_stem.get(s, ())} == hit)
        for other in forms:
            if other is not used and not any(_related(a, b) for a in other for b in used):
                cost += VARIANT_COST * len(other)
    elif len(forms) > 1 and book in QUALIFIED_BOOKS and forms[0] and forms[0].isdisjoint(by_stem):
        # A subterm's first form names the line; a later one not of the same word qualifies it ("semilunar
        # bone, wrist"; "tarsal bone, scaphoid"; "supracondylar, elbow"): said alone, the qualifier leaves
        # the line's name unsaid ("wrist" is Fracture, wrist, not the lunate).
        later = [f for f in forms[1:] if {i for s in f for i in by_stem.get(s, ())} == hit]
        if later and not any(_related(a, b) for a in forms[0] for b in later[0]):
            cost += UNSAID_COST * len(forms[0])
    return hit, cost


class _TermFacts:
    """What the matcher reads of one Index term, worked out once: its forms' stems, every stem, the size
    of its first form, and per form the cost of each stem left unsaid (None for a form holding a negation,
    read word by word)."""

    __slots__ = ("_joined", "costs", "first_size", "forms", "stems")
    first_size: float

    def __init__(self, term: str) -> None:
        self.forms = _forms(term)
        self.stems = _all_stems(self.forms)
        # (an "in situ" said nowhere in the query weighs more: IN_SITU_COST)
        self.first_size = sum(len(f) + (IN_SITU_COST - 1) * len(f & IN_SITU) for f in self.forms[:1])
        self.costs = tuple(_stem_costs(f) for f in self.forms)
        self._joined: tuple[tuple[frozenset[str]], tuple[tuple[tuple[str, float], ...] | None]] | None = None

    def joined(self) -> tuple[tuple[frozenset[str]], tuple[tuple[tuple[str, float], ...] | None]]:
        """The forms read as one (a PCS main term), with their costs."""
        if self._joined is None:
            union: frozenset[str] = frozenset().union(*self.forms)
            self._joined = ((union,), (_stem_costs(union),))
        return self._joined


def _stem_costs(form: frozenset[str]) -> tuple[tuple[str, float], ...] | None:
    """`_costs` of a form, or None when it holds a negation (such forms are read word by word)."""
    return None if not form.isdisjoint(NEGATIONS) else _costs(form)


def _costs(form: frozenset[str]) -> tuple[tuple[str, float], ...]:
    """Each stem of a form (in the form's own order) with what it costs unsaid: a word 1, a number half,
    a filler nothing."""
    return tuple(
        (s, 0.0 if s in FILLERS else 0.5 if s.isdigit() else IN_SITU_COST if s in IN_SITU else 1.0)
        for s in form
    )


# "In situ" is a behaviour a pathology report states; a line saying it ("Melanoma, in situ, upper limb") is
# not read for a query that does not, while a site word a coder infers ("Melanoma, skin, upper limb") is.
IN_SITU = frozenset({stem("situ")})
IN_SITU_COST = 1.5


@lru_cache(maxsize=TERM_CACHE)
def _term(term: str) -> _TermFacts:
    return _TermFacts(term)


# A course, a severity or a side: words that qualify the condition the query names, never a condition of their own.
QUALIFIER_STEMS = frozenset(
    stem(w)
    for w in ("acute", "chronic", "subacute", "mild", "moderate", "severe", "left", "right", "bilateral")
)
_LINKED = re.compile(r"^(?:with|due\s+to|in|and|associated\s+with|secondary\s+to)\s+\S", re.IGNORECASE)


@lru_cache(maxsize=TERM_CACHE)
def _linked(term: str) -> bool:
    """Whether an Index line links a second condition to its main term ("with acute cor pulmonale")."""
    return bool(_LINKED.match(term.strip()))


def _only_negates(term: str, forms: Sequence[frozenset[str]], costs: Sequence[object]) -> bool:
    """Whether every form of a line is a negation and nothing else ("without myelopathy or radiculopathy")."""
    negated = _negated(term)
    return bool(forms) and all(
        cost is None and form & NEGATIONS and not form - (form & NEGATIONS) - negated.get(form, frozenset())
        for form, cost in zip(forms, costs, strict=False)
    )


@lru_cache(maxsize=TERM_CACHE)
def _negated(term: str) -> dict[frozenset[str], frozenset[str]]:
    """For each form of a term holding a negation, the stems after it ("without residual deficit" ->
    residual, deficit)."""
    out: dict[frozenset[str], frozenset[str]] = {}
    for part in term.split(","):
        words = part.lower().split()
        at = next((i for i, w in enumerate(words) if w in NEGATIONS), None)
        if at is not None:
            out[content_stems(part)] = content_stems(" ".join(words[at + 1 :]))
    return out


def _related(a: str, b: str) -> bool:
    """Forms of one word ("diabet" / "diabetic", "pelvi" / "pelvic") share their first five letters."""
    n = min(len(a), len(b), 5)
    return n >= 4 and a[:n] == b[:n]


def _cover_modifiers(modifiers: str, by_stem: dict[str, set[int]]) -> set[int]:
    if not modifiers:
        return set()
    return {i for s in _modifier_stems(modifiers) for i in by_stem.get(s, ())}


@lru_cache(maxsize=TERM_CACHE)
def _modifier_stems(modifiers: str) -> frozenset[str]:
    """A line's non-essential modifiers as stems, kept apart from `content_stems`'s smaller cache, which
    the Tabular titles and queries read through as well (an Index walk reads the same lines again).

    A modifier that negates ("Dementia ... (without behavioral disturbance, psychotic disturbance ...)";
    "(without dependence)") says what the line is not: its words are no words of the line a query saying
    them may use ("dementia with psychosis" is not the Dementia line's F03.90)."""
    return content_stems(_NEGATED_MODIFIER.sub(" ", modifiers) if "(" in modifiers else modifiers)


_NEGATED_MODIFIER = re.compile(r"(?i)\((?:without|not|no|except)\b(?:[^()]|\([^()]*\))*\)")


def _column(book: str, by_stem: dict[str, set[int]], preset: str) -> tuple[str, set[int]]:
    """The table column the query's words choose (or the reference's), and the words that chose it."""
    best = ""
    used: set[int] = set()
    if in_situ_said(book, by_stem):
        # ("ca in situ": the malignant words name the in-situ morphology; they are used, not outvoting it)
        columns = COLUMN_STEMS[book]
        said = columns[IN_SITU_COLUMN] | columns["malignant_primary"]
        return IN_SITU_COLUMN, {i for s in said for i in by_stem.get(s, ())} | _table_words(book, by_stem)
    for column, stems in COLUMN_STEMS.get(book, {}).items():
        hit = {i for s in stems for i in by_stem.get(s, ())}
        if len(hit) > len(used):
            best, used = column, hit
    if not best:
        return preset or DEFAULT_COLUMN.get(book, ""), set()
    if preset and best == DEFAULT_COLUMN.get(book) and book == TABLE_BY_SITE:
        # ("pancreatic head mass, bx: adenocarcinoma": the morphology's reference says what the mass is; a
        # finding's word says no behaviour against it)
        return preset, used | _table_words(book, by_stem)
    return best, used | _table_words(book, by_stem)


def _column_words(book: str, by_stem: dict[str, set[int]]) -> set[int]:
    """The query words that may choose a column of this book's table (none outside the tables)."""
    said = {i for stems in COLUMN_STEMS.get(book, {}).values() for s in stems for i in by_stem.get(s, ())}
    return said | _table_words(book, by_stem)


def _table_words(book: str, by_stem: dict[str, set[int]]) -> set[int]:
    """A drug story's words for the taking ("pills", "dose", "overdose"): used by a Drug Table line, choosing
    no column."""
    if book == "drug":
        return {i for s in TABLE_WORDS for i in by_stem.get(s, ())}
    return neoplasm_table_words(book, by_stem)


def _weight(words: Sequence[QueryWord], covered: Iterable[int]) -> float:
    return sum([words[i].weight for i in set(covered)])


def word_weight(count: int) -> float:
    """How much a word says, from how many index lines hold it: rare words more than "left" or "acute"."""
    return 1.0 + 0.5 * max(0.0, 1.0 - math.log10(max(count, 1)) / 4.0)


def query_words(
    texts: Iterable[str], alternatives: Mapping[str, Sequence[str]] | None = None
) -> list[QueryWord]:
    """QueryWord for each meaningful word (connectors and fillers left out), with its alternatives."""
    out: list[QueryWord] = []
    before = ""
    for text in texts:
        s = stem(text)
        said_after, before = before, text
        if not s or s in FILLERS or not content_stems(text):
            continue
        # (an alternative's organism forms too: "strep" -> streptococcus, the Index's "streptococcal")
        extra = {f for a in (alternatives or {}).get(text, ()) for f in (stem(a), *organism_forms_of(a))}
        # ("type 2": the Index's "type II" too - sibling_qualifiers.numeral_forms)
        extra.update(numeral_forms(said_after, text))
        out.append(QueryWord(text, frozenset({s, *extra, *_hyphenated(text), *word_forms(text)})))
    return out


# An adjective and its noun, as the Index may use either: "hypoxic" / "hypoxia", "septic" / "sepsis",
# "sacrum" / "sacral".
FORM_ENDINGS: tuple[tuple[str, str], ...] = (
    ("otic", "osis"),
    ("osis", "otic"),
    ("emic", "emia"),
    ("emia", "emic"),
    ("xic", "xia"),
    ("xia", "xic"),
    ("ptic", "psis"),
    ("psis", "ptic"),
    ("um", "al"),
    ("al", "um"),
    ("ary", "e"),
    ("eal", "ea"),  # corneal / cornea
    ("aceous", "us"),  # tophaceous / tophus: the M1A 7th character's "with tophus (tophi)"
)


@lru_cache(maxsize=WORD_CACHE)
def organism_forms_of(text: str) -> tuple[str, ...]:
    """The stems of an organism name's other forms, for each word of a vocabulary alternative."""
    return tuple(stem(f) for w in text.split() for f in organism_forms(w))


@lru_cache(maxsize=WORD_CACHE)
def word_forms(word: str) -> tuple[str, ...]:
    """The stems of the word's other forms an Index line may print: an adjective's noun by its ending
    ("hypoxic" / hypoxia), an organism's forms, and WordNet's derivationally related forms ("pregnant" /
    pregnancy, "dependent" / dependence; bot.lookups.index.word_forms.related_stems), and a verb's noun or a
    noun's verb ("deprived" / deprivation, "disappeared" / disappearance; word_forms.derived_stems)."""
    return (
        related_stems(stem(word))
        + derived_stems(base_stem(word))
        + tuple(
            form
            for end, other in FORM_ENDINGS
            if word.endswith(end) and len(word) - len(end) >= 2 and word.isalpha()
            # (an ordinal is a Tabular axis's value, no word's form: "secondary" is no "second")
            if (form := stem(word[: -len(end)] + other)) not in ORDINAL_STEMS
        )
        + tuple(stem(form) for form in organism_forms(word))
    )


PREFIXES = ("pre", "post", "non", "anti", "intra", "inter", "sub", "self", "over", "under", "co", "re")


@lru_cache(maxsize=WORD_CACHE)
def _hyphenated(word: str) -> tuple[str, ...]:
    """The Index writes some prefixed words with a hyphen ("pre-operative", "pre-employment", "non-union"):
    the query's "preoperative" also reads as them."""
    if "-" in word:
        return (stem(word.replace("-", "")),)
    return tuple(
        stem(f"{p}-{word[len(p) :]}") for p in PREFIXES if word.startswith(p) and len(word) - len(p) >= 4
    )


def _without_words_of(
    nodes: Sequence[Node], by_stem: dict[str, set[int]], among: frozenset[str]
) -> dict[str, set[int]]:
    """The query's stems less the words (of `among`) these lines say (every stem of such a word left out)."""
    said = {s for n in nodes for s in _node_stems(n)} & among
    taken = {i for s in said for i in by_stem.get(s, ())}
    return {s: i for s, i in by_stem.items() if not i <= taken}


def _node_stems(node: Node) -> frozenset[str]:
    """What an Index line says, its non-essential modifiers included ("Absence, toe (s) (acquired)")."""
    return content_stems(f"{node.term} {node.modifiers}")
