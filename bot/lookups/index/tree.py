"""Read access to the index trees in the code database: nodes, children by word, paths, cross-references.

A node is one line of an index or table: a main term or a subterm, with its code, its "see" / "see also"
references and, in the Drug and Neoplasm Tables, one code per column. `IndexTree` answers the questions a
coder asks while working down the Index: which main terms hold this word, which subterms of these nodes
hold one of these words, what is the full path of this line, where does "see Infarct, myocardium" lead.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.lookups import derived
from bot.lookups.index.heap import keep_caches_frozen
from bot.lookups.index.store import BOOK_NAMES, BOOKS, LINK, TABLE_COLUMNS, book_of
from bot.lookups.index.words import content_stems, is_link, stem

COLUMN_LABELS = {
    "poisoning_accidental": "poisoning, accidental (unintentional)",
    "poisoning_intentional_self_harm": "poisoning, intentional self-harm",
    "poisoning_assault": "poisoning, assault",
    "poisoning_undetermined": "poisoning, undetermined",
    "adverse_effect": "adverse effect",
    "underdosing": "underdosing",
    "malignant_primary": "malignant, primary",
    "malignant_secondary": "malignant, secondary",
    "ca_in_situ": "ca in situ",
    "benign": "benign",
    "uncertain_behavior": "uncertain behavior",
    "unspecified_behavior": "unspecified behavior",
}


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    book: str  # cm | ext | drug | neoplasm | pcs
    parent: int
    depth: int
    last: int  # the id of its last descendant: the subtree is the id range id..last
    term: str
    modifiers: str
    code: str  # as printed in the book ("L03.11-", "0DTJ"); "" when none
    see: tuple[str, ...]
    see_also: tuple[str, ...]
    cells: tuple[str, ...]  # the table's columns (Drug, Neoplasm), "" where the table has no code

    @property
    def is_link(self) -> bool:
        return is_link(self.term)

    def cell(self, column: str) -> str:
        columns = TABLE_COLUMNS.get(self.book, ())
        return self.cells[columns.index(column)] if column in columns and self.cells else ""

    @property
    def label(self) -> str:
        return f"{self.term} {self.modifiers}".strip()


# Least recently used lines and words dropped past these: a process answering every query of every bench set
# (7,800) meets ~54,000 of the ~121,000 lines (~580 bytes each kept) and ~6,300 of the ~25,000 words, the
# commonest 1,000 of which hold most postings (~25 MB of ~38 MB), so the hot ones stay and memory is bounded.
# The words: one held set of 541 queries asks ~4,800 words (~2,800 of them in no line, kept as one shared
# empty postings; ~650 in one line), three sets ~12,500: a cap below that read the same words again and
# again (a cap met in a loop drops each word just before it comes back), and the rare words cost little.
# Round 27 (bench/cache_sizes.py over every read set, 16,350 queries, in one process): the lines kept to 40,000
# held 21 MB, the words' postings (30,000, a dict of tuples a word) 29 MB, the memo (12,000) 17 MB, the node
# sets 11 MB, the references 5 MB, and the process's peak RSS reached ~400 MB. The lines a lookup reads again
# are mostly its own (a query's walk rereads its lines, a later query rarely): 12,000 keep a held set's hot
# lines; the postings are flat arrays now (~4x smaller), so the words' cap stays.
CACHE_NODES = 12_000  # ~6 MB
CACHE_WORDS = 30_000  # every word of the index but those no line holds (flat arrays: ~4x under 29 MB)
MAIN_TERMS_PER_WORD = 150
CACHE_SETS = 4_000  # descendants holding a word, by (line, word): ~2.5 MB (cleared when full)
CACHE_REFS = 10_000  # lines' references: ~2.5 MB (cleared when full)
# The memo's entries read for one code, word or table (a key of several parts: ("cm", "J18"), ("use", ...))
# past which the oldest are dropped: a process answering every bench set (~10,800 queries) met ~40,000 of
# them (~1.4 KB each, a PCS table's rows ~13 KB) and kept them all, ~60 MB; 12,000 kept held ~17 MB. The
# tables read whole (a key of one part: "asked with twins", ("analyte lines",)) stay.
MEMO_ENTRIES = 4_000
# A body part's side names no body part of its own ("Right Upper Lung Lobe" and "Thyroid Gland Lobe, Right").
SIDE_STEMS = frozenset(stem(w) for w in ("right", "left", "bilateral"))
_COLUMNS = "id, book, parent, depth, last, term, modifiers, code, see, see_also, cells"


class Postings:
    """The lines holding one word: their ids in order (for subtree ranges), whether the word is essential
    there, and the lines by parent; under the root only the broadest main terms (a common word such as
    "disease" opens hundreds, and no more than a lookup can look at are kept).

    Kept compact and out of the garbage collector's way, in flat arrays of machine numbers (no Python object
    a line): the ids in an array, the flags in bytes, and the lines by parent as groups of one array (a line
    is one number, its id and its flag together, `id * 2 + essential`), the groups in the order their parents
    first come in the lines (the root's last), found by parent through a sorted copy of the parents. A dict
    of tuples of numbers cost ~40 bytes a line and ~100 a parent; these cost ~9 bytes a line and ~12 a parent,
    so the same cache bound holds about four times the words.
    """

    __slots__ = ("_at", "_by_parent", "_lines", "_parents", "_starts", "essential", "mains", "nodes")

    def __init__(self, rows: Sequence[tuple[int, int, int, int]]) -> None:
        # (node, parent, essential, span) ordered by node: a pass per column (each INTEGER NOT NULL).
        self.nodes: array[int] = array("i", [r[0] for r in rows])
        self.essential: bytes = bytes([1 if r[2] else 0 for r in rows])
        children: dict[int, list[int]] = {}
        mains: list[tuple[int, int]] = []
        for node, parent, essential, span in rows:
            line = node * 2 + (1 if essential == 1 else 0)
            if parent == 0:
                mains.append((-span, line))
            else:
                held = children.get(parent)
                if held is None:
                    children[parent] = [line]
                else:
                    held.append(line)
        if mains:
            mains.sort(key=lambda m: m[0])  # stable: between equal spans, reading order
            children[0] = [line for _, line in mains[:MAIN_TERMS_PER_WORD]]
        # parent -> its lines holding the word, each `id * 2 + essential`: group g is the parent
        # _parents[g], its lines _lines[_starts[g]:_starts[g + 1]]
        self._parents: array[int] = array("i", list(children))
        self._lines: array[int] = array("i", [line for lines in children.values() for line in lines])
        if len(children) == 1:
            # (most words: the lines of one parent. The sorted parents are the parents, and the group and
            # bounds arrays are shared: ~270 of a posting's ~670 bytes, over up to CACHE_WORDS words)
            self._starts: array[int] = _one_group(len(self._lines))
            self._by_parent: array[int] = self._parents
            self._at: array[int] = _FIRST_GROUP
        else:
            starts = [0]
            for lines in children.values():
                starts.append(starts[-1] + len(lines))
            self._starts = array("i", starts)
            order = sorted(range(len(self._parents)), key=self._parents.__getitem__)
            self._by_parent = array("i", [self._parents[g] for g in order])  # the parents, sorted
            self._at = array("i", order)  # the group of each sorted parent
        self.mains: tuple[int, ...] | None = None  # the main terms holding it as an essential word

    def lines_under(self, parent: int) -> array[int]:
        """The lines under `parent` holding the word, each `id * 2 + essential` (empty when none)."""
        at = bisect_left(self._by_parent, parent)
        if at == len(self._by_parent) or self._by_parent[at] != parent:
            return _EMPTY
        group = self._at[at]
        return self._lines[self._starts[group] : self._starts[group + 1]]

    def groups(self) -> Iterator[tuple[int, array[int]]]:
        """(parent, its lines) for every parent with a line holding the word, in the order kept."""
        lines, starts = self._lines, self._starts
        for group, parent in enumerate(self._parents):
            yield parent, lines[starts[group] : starts[group + 1]]

    @property
    def parents(self) -> array[int]:
        """The parents with a line holding the word (the root among them when a main term does)."""
        return self._parents

    def has_parent(self, parent: int) -> bool:
        at = bisect_left(self._by_parent, parent)
        return at < len(self._by_parent) and self._by_parent[at] == parent

    def under(self, parent: int) -> tuple[tuple[int, bool], ...]:
        """(id, essential) of the lines under `parent` holding the word."""
        return tuple((line >> 1, line & 1 == 1) for line in self.lines_under(parent))


_EMPTY: array[int] = array("i")
# Postings of one parent share their group arrays (read only, never written after a Postings is built).
_FIRST_GROUP: array[int] = array("i", [0])
_ONE_GROUP_BOUNDS: dict[int, array[int]] = {}


def _one_group(size: int) -> array[int]:
    """The group bounds [0, size] of postings with one parent, one array a size."""
    found = _ONE_GROUP_BOUNDS.get(size)
    if found is None:
        found = array("i", [0, size])
        if len(_ONE_GROUP_BOUNDS) < 4_096:  # (sizes met: bounded; a larger one gets its own)
            _ONE_GROUP_BOUNDS[size] = found
    return found


# A word no line holds (most words a query says that the Index does not): one postings, shared.
_NO_LINES = Postings(())


# The book names as one string each: a line read from SQLite comes with a new string of its book's name.
_BOOK_NAMED = {book: book for book in BOOKS}


def _node(row: Sequence[object]) -> Node:
    id_, book, parent, depth, last, term, modifiers, code, see, see_also, cells = row
    return Node(
        int(id_),  # type: ignore[call-overload]
        _BOOK_NAMED.get(str(book)) or str(book),
        int(parent),  # type: ignore[call-overload]
        int(depth),  # type: ignore[call-overload]
        int(last),  # type: ignore[call-overload]
        str(term),
        str(modifiers),
        str(code),
        _refs(str(see)),
        _refs(str(see_also)),
        tuple(str(cells).split("|")) if cells else (),
    )


def _refs(text: str) -> tuple[str, ...]:
    return tuple(r.strip() for r in text.split(" | ") if r.strip())


class Memo(dict[object, object]):
    """The tree's memo (the Tabular rows and tables the readers work out, by key), bounded: past MEMO_ENTRIES
    the oldest entries read for one code, word or table are dropped (a quarter of them at a time); the tables
    read whole stay. An entry dropped is read again when asked for: what a lookup answers never depends on it."""

    def __setitem__(self, key: object, value: object) -> None:
        super().__setitem__(key, value)
        if len(self) > MEMO_ENTRIES:
            self._shed()

    def _shed(self) -> None:
        extra = len(self) - MEMO_ENTRIES * 3 // 4
        oldest = [k for k in self if isinstance(k, tuple) and len(k) > 1][:extra]
        for key in oldest:
            del self[key]


class IndexTree:
    """The index tables of one code database (a connection per thread: pass the thread's connection)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        keep_caches_frozen()  # what these caches fill the heap with stays out of full collections (heap)
        self.conn = conn
        self._nodes: OrderedDict[int, Node] = OrderedDict()  # least recently used first
        # Per word caches: the same words come back query after query ("left", "pain", "fracture").
        self._words: OrderedDict[str, Postings] = OrderedDict()  # least recently used first
        self._refs: dict[int, list[Reference]] = {}
        self._resolved: dict[tuple[str, str], Reference] = {}  # (reference, book) -> where it leads
        self._spans: dict[int, int] = {}
        self._sets: dict[tuple[int, str, int], frozenset[int]] = {}  # (node, word, end of the slice)
        self._broadest: dict[tuple[str, int], list[Node]] = {}
        self._procedure: dict[str, bool] = {}
        self._procedure_stems: frozenset[str] | None = None  # PROCEDURE_STEMS as the data build stored it
        self._procedure_stored = False
        self._open_heads: dict[str, tuple[int, frozenset[str]]] = {}
        self._table_parts: dict[str, frozenset[str]] = {}
        self._main_ids: dict[str, frozenset[int]] = {}  # the main terms' ids by book (children_among)
        # the Tabular rows completion reads (bot.lookups.index.completion), and the readers' tables
        self.memo: dict[object, object] = Memo()

    def table_parts(self, table: str) -> frozenset[str]:
        """The stems of a PCS table's body part meanings (fourth character: "Thyroid Gland Lobe, Right"), the
        sides aside; empty for a code that names no table."""
        table = table[:3].upper()
        found = self._table_parts.get(table)
        if found is None:
            rows = self.conn.execute(
                "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4", [table]
            ).fetchall()
            found = frozenset(s for (m,) in rows for s in content_stems(str(m))) - SIDE_STEMS
            self._table_parts[table] = found
        return found

    def names_procedure(self, word_stem: str) -> bool:
        """Whether a stem is a one-word main term (before any comma) of the PCS Index that no diagnosis index
        has as a main term ("reduction", "cholecystectomy", "polypectomy"): a query saying it asks for a
        procedure."""
        if self._procedure_stems is None:
            stored = derived.stored(self.conn, PROCEDURE_STEMS)
            self._procedure_stems = frozenset(stored) if stored is not None else frozenset()
            self._procedure_stored = stored is not None
        if self._procedure_stored:
            return word_stem in self._procedure_stems
        found = self._procedure.get(word_stem)
        if found is None:  # a database built before PROCEDURE_STEMS was stored: asked a word at a time
            books = {
                str(book)
                for book, term in self.conn.execute(
                    "SELECT n.book, n.term FROM index_words w JOIN index_nodes n ON n.id = w.node "
                    "WHERE w.word = ? AND w.parent = 0",
                    [word_stem],
                )
                if stem(str(term).split(",")[0].strip()) == word_stem  # "Polypectomy, gastrointestinal"
            }
            found = books == {"pcs"}
            if len(self._procedure) < 100_000:
                self._procedure[word_stem] = found
        return found

    def node(self, node_id: int) -> Node | None:
        found = self._nodes.get(node_id)
        if found is None:
            row = self.conn.execute(f"SELECT {_COLUMNS} FROM index_nodes WHERE id = ?", [node_id]).fetchone()
            if row is None:
                return None
            found = _node(row)
            self._keep_node(found)
        else:
            self._nodes.move_to_end(node_id)
        return found

    def nodes(self, ids: Sequence[int]) -> list[Node]:
        cache = self._nodes
        if cache.keys() >= set(ids):
            # every line kept (the usual case once warm): marked as recently used, no dictionary built
            touch = cache.move_to_end
            for i in ids:
                touch(i)
            return [cache[i] for i in ids]
        found: dict[int, Node] = {}
        wanted: list[int] = []
        for i in dict.fromkeys(ids):
            held = cache.get(i)
            if held is None:
                wanted.append(i)
            else:
                cache.move_to_end(i)
                found[i] = held
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT {_COLUMNS} FROM index_nodes WHERE id IN ({marks})", chunk):
                node = _node(row)
                found[node.id] = node
                self._keep_node(node)
        return [n for i in ids if (n := found.get(i) or self.node(i)) is not None]

    def _keep_node(self, node: Node) -> None:
        """Keep a line read, the least recently used one dropped past CACHE_NODES."""
        self._nodes[node.id] = node
        if len(self._nodes) > CACHE_NODES:
            self._nodes.popitem(last=False)

    def path(self, node_id: int) -> list[Node]:
        """The node and its ancestors, main term first."""
        chain: list[Node] = []
        current = self.node(node_id)
        while current is not None:
            chain.append(current)
            current = self.node(current.parent) if current.parent else None
        return list(reversed(chain))

    def steps_below(self, node_id: int, ancestor_id: int) -> tuple[Node, ...] | None:
        """The lines on the node's path below `ancestor_id`, down to the node itself (empty for the ancestor);
        None when `ancestor_id` is not on the node's path."""
        line = self.path(node_id)
        at = next((i for i, n in enumerate(line) if n.id == ancestor_id), None)
        return None if at is None else tuple(line[at + 1 :])

    def path_text(self, node_id: int) -> str:
        return ", ".join(n.term for n in self.path(node_id))

    def matches(self, parents: Sequence[int], words: Iterable[str]) -> list[tuple[int, int, str, bool]]:
        """(parent, node, word, essential) for the children of `parents` (0: main terms) that hold one of
        `words`; link subterms ("with", "due to") come with the word LINK."""
        found: list[tuple[int, int, str, bool]] = []
        for word in sorted({*words, LINK}):
            postings = self._postings(word)
            if not postings.nodes:
                continue
            if len(parents) <= len(postings.parents):
                for parent in parents:
                    rows = postings.lines_under(parent)
                    if rows:
                        found += [(parent, n >> 1, word, n & 1 == 1) for n in rows]
            else:
                wanted = set(parents)
                for parent, rows in postings.groups():
                    if parent in wanted:
                        found += [(parent, n >> 1, word, n & 1 == 1) for n in rows]
        return found

    def main_terms_holding(self, word: str) -> tuple[int, ...]:
        """The broadest main terms holding the word as an essential word, in the order
        `matches([0], [word])` gives them (without the rows built)."""
        postings = self._postings(word)
        if postings.mains is None:
            postings.mains = tuple(n >> 1 for n in postings.lines_under(0) if n & 1)
        return postings.mains

    def broadest(self, book: str, count: int) -> list[Node]:
        """The main terms of a book holding the most lines, largest first."""
        key = (book, count)
        found = self._broadest.get(key)
        if found is None:
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM index_nodes WHERE book = ? AND depth = 0 ORDER BY last - id DESC, id "
                "LIMIT ?",
                [book, count],
            ).fetchall()
            found = self._broadest[key] = [_node(r) for r in rows]
        return found

    def span(self, node_id: int) -> int:
        """How many lines a main term holds (known for main terms met through `matches([0], ...)`)."""
        return self._spans.get(node_id, 0)

    def _postings(self, word: str) -> Postings:
        """Every line holding the word, read once per process and kept (the index holds ~25,000 words and
        ~200,000 of these rows in all): the same words come back query after query ("left", "pain")."""
        found = self._words.get(word)
        if found is not None:
            self._words.move_to_end(word)
        else:
            # (A main term's span only: the subterm rows need not read their line.)
            rows = self.conn.execute(
                "SELECT w.node, w.parent, w.essential, CASE WHEN w.parent = 0 THEN "
                "(SELECT n.last - n.id FROM index_nodes n WHERE n.id = w.node) ELSE 0 END "
                "FROM index_words w WHERE w.word = ? ORDER BY w.node",
                [word],
            ).fetchall()
            found = Postings(rows) if rows else _NO_LINES
            # (the main terms' spans, kept whatever postings are dropped: a few numbers a main term)
            self._spans.update((node, span) for node, parent, _, span in rows if parent == 0)
            self._words[word] = found
            if len(self._words) > CACHE_WORDS:
                self._words.popitem(last=False)  # the least recently used word's
        return found

    def within(self, node: Node, words: Iterable[str], limit: int = 3000) -> list[tuple[int, str, bool]]:
        """(node, word, essential) for the descendants of `node` at any depth that hold one of `words`."""
        if node.last <= node.id:
            return []
        found: list[tuple[int, str, bool]] = []
        for word in sorted(set(words)):
            postings = self._postings(word)
            lo = bisect_right(postings.nodes, node.id)
            hi = min(bisect_right(postings.nodes, node.last), lo + limit)
            found += [(postings.nodes[i], word, bool(postings.essential[i])) for i in range(lo, hi)]
        return found

    def within_sets(self, node: Node, words: Iterable[str], limit: int = 3000) -> dict[str, frozenset[int]]:
        """word -> the descendants of `node` holding it (only the words some descendant holds)."""
        found: dict[str, frozenset[int]] = {}
        if node.last <= node.id:
            return found
        for word in sorted(set(words)):
            postings = self._postings(word)
            lo = bisect_right(postings.nodes, node.id)
            hi = min(bisect_right(postings.nodes, node.last), lo + limit)
            if hi > lo:
                key = (node.id, word, hi)  # a smaller limit's slice is not the whole set
                cached = self._sets.get(key)
                if cached is None:
                    cached = frozenset(postings.nodes[lo:hi])
                    if len(self._sets) > CACHE_SETS:
                        self._sets.clear()
                    self._sets[key] = cached
                found[word] = cached
        return found

    def share_line(self, one: str, other: str) -> bool:
        """Whether one index line holds both words, or a line holding one sits directly below a line holding
        the other ("Injury, nerve, cutaneous sensory": sensory and cutaneous, sensory and nerve)."""
        first, second = self._postings(one), self._postings(other)
        if not first.nodes or not second.nodes:
            return False
        nodes = set(first.nodes)
        return bool(nodes.intersection(second.nodes) or nodes.intersection(second.parents)) or any(
            first.has_parent(n) for n in second.nodes
        )

    def lines_holding(self, word: str) -> Sequence[int]:
        """The ids of the index lines holding a stem, in order (bot.lookups.index.one_path)."""
        return self._postings(word).nodes

    def word_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many index lines hold each word (rare words say more)."""
        counts = {w: len(self._postings(w).nodes) for w in set(words)}
        return {w: n for w, n in counts.items() if n}

    def references(self, node_id: int) -> list[Reference]:
        """The node's "see" references (then "see also", "use"), as resolved when the data was built."""
        cached = self._refs.get(node_id)
        if cached is not None:
            return cached
        rows = self.conn.execute(
            "SELECT kind, reference, target, book, col, open, code, qualifier, unresolved FROM index_refs "
            "WHERE node = ? ORDER BY kind = 'see' DESC, seq",
            [node_id],
        ).fetchall()
        found = [
            Reference(
                str(text),
                str(book),
                int(target),
                str(col),
                tuple(p for p in str(open_).split(" | ") if p),
                str(code),
                str(qualifier),
                tuple(p for p in str(unresolved).split(" | ") if p),
                kind=str(kind),
            )
            for kind, text, target, book, col, open_, code, qualifier, unresolved in rows
        ]
        if len(self._refs) > CACHE_REFS:
            self._refs.clear()
        self._refs[node_id] = found
        return found

    def parents_holding(self, words: Iterable[str]) -> set[int]:
        """The lines with a subterm holding one of the words (the root aside)."""
        return {parent for word in words for parent in self._postings(word).parents if parent}

    def children_among(self, node_id: int, book: str, candidates: Iterable[int]) -> list[int]:
        """The candidates that are children of the node in the book, in reading order."""
        if node_id == 0:
            mains = self._main_ids.get(book)
            if mains is None:  # (the ids only, from the index on (book, depth): a few ms, once per book)
                rows = self.conn.execute("SELECT id FROM index_nodes WHERE book = ? AND depth = 0", [book])
                mains = self._main_ids[book] = frozenset(i for (i,) in rows)
            return sorted(c for c in candidates if c in mains)
        here = self.node(node_id)
        if here is None:
            return []
        inside = sorted(c for c in candidates if here.id < c <= here.last)
        return [n.id for n in self.nodes(inside) if n.parent == node_id and n.book == book]

    def children(self, node_id: int) -> list[Node]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM index_nodes WHERE parent = ? ORDER BY id", [node_id]
        )
        return [_node(r) for r in rows]

    # -- cross-references ----------------------------------------------------------------------------------
    def open_head(self, reference: Reference) -> tuple[int, frozenset[str]]:
        """For a reference naming lines after an open part ("Absence, by site, acquired", "Hernia, by site, with
        obstruction"), the line before the open part (Absence) and the words named after it (acquired): what
        follows is read under the site the query names, not at the first line of that name under any site.
        (0, {}) when the reference has no such part."""
        found = self._open_heads.get(reference.text)
        if found is None:
            parts = [p.strip() for p in reference.text.split(",")]
            at = next((i for i, p in enumerate(parts) if p.lower().startswith(_OPEN)), len(parts))
            found = (0, frozenset())
            if reference.book == "cm" and 0 < at < len(parts) - 1:
                head = _resolve(self, ", ".join(parts[:at]), reference.book).node
                after = frozenset(s for p in parts[at + 1 :] for s in content_stems(p))
                found = (head, after) if head and after else found
            if len(self._open_heads) < CACHE_REFS:
                self._open_heads[reference.text] = found
        return found

    def resolve(self, reference: str, book: str = "cm") -> Reference:
        """Where a "see" reference leads: the deepest node its parts name, and what it leaves to the coder.

        "Infarct, myocardium" -> the node Infarct > myocardium; "Neoplasm, malignant, by site" -> the
        Neoplasm Table, column "malignant, primary", site left open; "Table of Drugs and Chemicals, by
        drug, adverse effect" -> the Drug Table, column "adverse effect"; "condition" -> the main term of
        the condition itself. References abbreviate terms ("Infarct" for "Infarct, infarction"), so each
        part is compared with each comma-separated form of a term.

        Kept by (reference, book), CACHE_REFS at most (cleared when full): the same answers' paths are
        resolved again by every reading of a query that weighs them (category_detail reads each answer's).
        """
        key = (reference, book)
        found = self._resolved.get(key)
        if found is None:
            found = _resolve(self, reference.strip(), book)
            if len(self._resolved) >= CACHE_REFS:
                self._resolved.clear()
            self._resolved[key] = found
        return found


@dataclass(frozen=True)
class Reference:
    text: str
    book: str  # where it leads
    node: int  # the deepest node named (0: the book's main terms)
    column: str = ""  # a table column the reference names
    open_parts: tuple[str, ...] = ()  # "by site", "by type": left to the query's words
    code: str = ""  # a code printed with the reference (PCS "Resection, Appendix=0DTJ", "category M01")
    qualifier: str = ""  # PCS "Excision with qualifier Diagnostic"
    unresolved: tuple[str, ...] = ()  # parts no term matched
    kind: str = "see"  # see | see_also | use

    @property
    def resolved(self) -> bool:
        return not self.unresolved


_PAREN = re.compile(r"\([^)]*\)")
_TABLE_BOOKS = {
    "neoplasm": "neoplasm",
    "table of neoplasms": "neoplasm",
    "table of drugs and chemicals": "drug",
}
_OPEN = ("by site", "by type", "by drug", "by substance", "by site and type", "by body region", "by type of")
_COLUMN_WORDS = {
    "neoplasm": {
        "malignant": "malignant_primary",
        "malignant primary": "malignant_primary",
        "primary": "malignant_primary",
        "secondary": "malignant_secondary",
        "malignant secondary": "malignant_secondary",
        "in situ": "ca_in_situ",
        "ca in situ": "ca_in_situ",
        "benign": "benign",
        "uncertain behavior": "uncertain_behavior",
        "uncertain": "uncertain_behavior",
        "unspecified behavior": "unspecified_behavior",
    },
    "drug": {
        "poisoning": "poisoning_accidental",
        "adverse effect": "adverse_effect",
        "underdosing": "underdosing",
        "poisoning accidental": "poisoning_accidental",
    },
}


def _resolve(tree: IndexTree, reference: str, book: str) -> Reference:
    text = " ".join(reference.split())
    code = ""
    if "=" in text:
        text, code = (p.strip() for p in text.rsplit("=", 1))
    qualifier = ""
    if " with qualifier " in text:
        text, qualifier = (p.strip() for p in text.split(" with qualifier ", 1))
    lowered = text.lower()
    if lowered.startswith(("category ", "subcategory ")):
        return Reference(text, book, 0, code=lowered.split()[-1].upper().rstrip("-").rstrip("."))
    if lowered in {"condition", "specific condition"}:
        return Reference(text, "cm", 0, open_parts=("condition",))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    target = "pcs" if book == "pcs" else "cm"
    head = parts[0].lower() if parts else ""
    if head in _TABLE_BOOKS:
        target = _TABLE_BOOKS[head]
        parts = parts[1:]
    elif book == "ext" and head not in {"table of drugs and chemicals"}:
        target = "ext" if _main_term(tree, "ext", head) else "cm"
    elif book == "drug":  # the Table's own "see": "Methylprednisolone - see Methyl, prednisolone"
        target = "drug" if _main_term(tree, "drug", head) else "cm"
    columns = _COLUMN_WORDS.get(target, {})
    column = ""
    open_parts: list[str] = []
    named: list[str] = []
    for part in parts:
        key = part.lower()
        if key in columns and not column:
            column = columns[key]
        elif key.startswith(_OPEN):
            open_parts.append(key)
        else:
            named.append(part)
    node = 0
    unresolved: list[str] = []
    if target in {"neoplasm"}:
        node = _main_term(tree, "neoplasm", "neoplasm") or 0
    for part in named:
        here = tree.node(node) if node else None
        if here is not None and part.lower() in [f.strip().lower() for f in here.term.split(",")]:
            continue  # "Enlargement, enlarged, prostate": "enlarged" is another form of the same term
        reached = _descend(tree, target, node, part)
        if reached is None:
            unresolved.append(part)
        else:
            node = reached
    return Reference(text, target, node, column, tuple(open_parts), code, qualifier, tuple(unresolved))


def _descend(tree: IndexTree, book: str, node: int, part: str) -> int | None:
    """The node one reference part leads to from `node`, or None.

    Tried in turn: the part as one subterm; a link and the rest ("with neuropathy" -> with > neuropathy);
    the part's words as successive subterms in any order ("upper limb" -> limb > upper); the part one level
    further down (a reference that skips a level).
    """
    clean = _PAREN.sub(" ", part).strip()
    found = _child(tree, book, node, clean)
    if found is not None:
        return found
    lowered = clean.lower()
    for link in ("with ", "due to ", "in "):
        if lowered.startswith(link) and len(lowered) > len(link):
            step = _child(tree, book, node, clean[: len(link) - 1])
            if step is not None:
                rest = _descend(tree, book, step, clean[len(link) :])
                if rest is not None:
                    return rest
    left = set(content_stems(clean))
    current = node
    while left:
        options = [
            (n, w)
            for _, n, w, e in tree.matches([current], left)
            if e and (c := tree.node(n)) and c.book == book
        ]
        best = None
        for candidate, _ in options:
            child = tree.node(candidate)
            if child is not None and content_stems(child.term) <= left:
                best = candidate if best is None else min(best, candidate)
        if best is None:
            break
        left -= content_stems(tree.node(best).term)  # type: ignore[union-attr]
        current = best
    if not left and current != node:
        return current
    return _skipped_level(tree, book, node, clean)


def _skipped_level(tree: IndexTree, book: str, node: int, part: str) -> int | None:
    """The part one level further down: under the first child of `node` (in reading order) that does not
    itself hold the part's words, the subterm the part names (`_child`), or None.

    Only a child with a subterm holding one of the part's words (or a link, for a link part) can hold it, so
    only those children are asked: the postings of the part's words name them, and a reference the Index
    does not hold costs no walk through every main term of every book."""
    said = set(content_stems(part))
    wanted = content_stems(part.strip().lower())  # the words `_child` asks the children for
    if not wanted and not is_link(part.strip().lower()):
        return None  # (`_child` finds nothing under any child)
    holders = tree.parents_holding(wanted or (LINK,))
    for child_id in tree.children_among(node, book, holders):
        child = tree.node(child_id)
        if child is not None and not content_stems(child.term) & said:
            found = _child(tree, book, child_id, part)
            if found is not None:
                return found
    return None


def _main_term(tree: IndexTree, book: str, head: str) -> int | None:
    return _child(tree, book, 0, head)


def main_term(tree: IndexTree, book: str, head: str) -> int | None:
    """The id of the book's main term a head word names ("prolapse": Prolapse, prolapsed), or None."""
    return _child(tree, book, 0, head)


def _child(tree: IndexTree, book: str, parent: int, part: str) -> int | None:
    wanted = part.strip().lower()
    words = content_stems(wanted)
    if not words:
        if not is_link(wanted):
            return None
        links = [
            n
            for _, n, w, _ in tree.matches([parent], ())
            if w == LINK and (node := tree.node(n)) is not None and node.term.lower() == wanted
        ]
        return min(links) if links else None
    candidates = [c for c in tree.matches([parent], words) if c[2] != LINK]  # a link is not a term
    best: tuple[int, int, int] | None = None
    for _, node_id, _, _ in candidates:
        node = tree.node(node_id)
        if node is None or node.book != book:
            continue
        forms = [f.strip().lower() for f in node.term.split(",")]
        full = node.term.lower()
        if full == wanted:
            rank = 0
        elif forms[0] == wanted:
            rank = 1
        elif wanted in forms:
            rank = 2
        elif any(f.startswith(wanted) or wanted.startswith(f) for f in forms if f):
            rank = 3
        elif content_stems(full) >= words:
            rank = 4
        else:
            continue
        # Between equals, the main term that holds more ("Fracture, traumatic" before "Fracture, burst").
        key = (rank, -(node.last - node.id), node_id)
        if best is None or key < best:
            best = key
    return best[2] if best else None


@lru_cache(maxsize=16)
def book_name(book: str) -> str:
    return BOOK_NAMES.get(book, book)


__all__ = ["BOOKS", "COLUMN_LABELS", "IndexTree", "Node", "Reference", "book_name", "book_of"]


PROCEDURE_STEMS = "pcs_procedure_stems"  # stored by the data build (bot.lookups.derived_tables)


def build_procedure_stems(conn: sqlite3.Connection) -> frozenset[str]:
    """Every stem `IndexTree.names_procedure` says yes to: the stems of the one-word main terms (before any
    comma) that only the PCS Index has, worked out for the whole Index at once."""
    books: dict[str, set[str]] = {}
    rows = conn.execute(
        "SELECT w.word, n.book, n.term FROM index_words w JOIN index_nodes n ON n.id = w.node WHERE w.parent = 0"
    )
    for word, book, term in rows:
        if stem(str(term).split(",")[0].strip()) == word:
            books.setdefault(str(word), set()).add(str(book))
    return frozenset(word for word, held in books.items() if held == {"pcs"})
