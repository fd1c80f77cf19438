"""`find_codes(book, query)`: ranked, typo- and abbreviation-tolerant search over the loaded code sets.

Ranking, strongest first: the exact code; codes that start with what was typed (dotted or not); the curated
abbreviation and lay vocabulary; the Alphabetic Index (its "see" references followed); titles and inclusion
terms. Words that are not in any title or index term are corrected to the nearest known word (rapidfuzz).
Billable codes come before headers when the match is otherwise equal.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.lookups.codebook import Code, CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.schema import WORD, normalise, words
from bot.lookups.systems import SYSTEM_NAMES, SYSTEMS, display, undot

MAX_QUERY = 200
MAX_LIMIT = 100
_NEGATION = re.compile(r"(?i)\b(?:without|not resulting in|not associated with)\b")
CODE_TOKEN = re.compile(r"^(?=[0-9a-z.]*[0-9])[0-9a-z][0-9a-z.]{1,7}$")
SOURCE_WEIGHT = {"index": 1.0, "see": 0.98, "table": 0.98, "title": 0.9, "inclusion": 0.82}


@dataclass(frozen=True)
class Hit:
    code: str  # official display form
    system: str  # display name: ICD-10-CM, ICD-10-PCS, HCPCS, CPT
    title: str
    billable: bool
    status: str  # billable | header | deleted | table | modifier
    why: str
    score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "system": self.system,
            "title": self.title,
            "billable": self.billable,
            "status": self.status,
            "why": self.why,
        }


@dataclass(frozen=True)
class VocabularyEntry:
    term: str
    kind: str  # abbreviation | lay
    expansion: str
    codes: tuple[str, ...]


def load_vocabulary() -> dict[str, VocabularyEntry]:
    text = resources.files("bot.lookups.data").joinpath("vocabulary.tsv").read_text()
    return {
        row["term"].lower(): VocabularyEntry(
            row["term"].lower(), row["kind"], row["expansion"], tuple(c for c in row["codes"].split(",") if c)
        )
        for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    }


def validate_query(query: str) -> str:
    """The query as searched (normalised), or a QueryError saying plainly what is wrong with it."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t" for ch in query):
        raise QueryError("The query contains control characters; type plain words or a code.")
    text = " ".join(unicodedata.normalize("NFKC", query).split())
    if not text:
        raise QueryError("Type some words or a code to look up, for example `heart attack` or `E11.9`.")
    if len(text) > MAX_QUERY:
        raise QueryError(f"Queries are limited to {MAX_QUERY} characters (this one has {len(text):,}).")
    if not WORD.search(text.lower()):
        raise QueryError(
            "No words or codes in that query; type a term such as `pneumonia` or a code such as `J18.9`."
        )
    return text


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "al", "ic"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_words = words


@lru_cache(maxsize=65536)
def _doc_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text))


Group = tuple[str, ...]  # one query word and its alternatives (synonyms, spelling corrections)


class Searcher:
    """Per-codebook search state: the known words (for typo correction) and the curated vocabulary."""

    def __init__(self, book: CodeBook) -> None:
        self.book = book
        rows = book.db.execute("SELECT word, freq FROM words").fetchall()
        self.freq = {w: f for w, f in rows}
        by_key: dict[tuple[str, int], list[str]] = {}
        for word in self.freq:
            if len(word) >= 3 and not word.isdigit():
                by_key.setdefault((word[0], len(word)), []).append(word)
        # Candidates for a misspelt word: same first letter (typos rarely hit it), length within 2.
        self.near: dict[tuple[str, int], list[str]] = {
            (first, n): [w for m in range(n - 2, n + 3) for w in by_key.get((first, m), ())]
            for first, n in {(k[0], k[1] + d) for k in by_key for d in range(-2, 3)}
        }
        self.vocabulary = load_vocabulary()
        self.pcs_see: dict[str, list[str]] = {}
        for path, see in book.db.execute(
            "SELECT path, see FROM index_terms WHERE system = 'pcs' AND see != '' AND path NOT LIKE '%,%'"
        ):
            if " " not in path.strip():
                self.pcs_see.setdefault(path.strip().lower(), []).append(see)
        self.phrases = sorted(
            (t for t, e in self.vocabulary.items() if " " in t and e.kind != "synonym"), key=len, reverse=True
        )

    # -- typo correction -------------------------------------------------------------------------------
    def corrections(self, word: str) -> Group:
        """The word itself when known; else the nearest known words (ties kept: diabetis -> diabetes/diabetic)."""
        if word in self.freq or word in self.vocabulary or len(word) < 4 or word.isdigit():
            return (word,)
        candidates = self.near.get((word[0], len(word)), [])
        allowed = 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3
        best = process.extract(
            word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=allowed, limit=10
        )
        if not best:
            return (word,)
        fewest = min(m[1] for m in best)
        close = sorted((m for m in best if m[1] == fewest), key=lambda m: -self.freq.get(m[0], 0))
        return tuple(str(m[0]) for m in close[:3])

    def correct(self, word: str) -> str:
        return self.corrections(word)[0]

    # -- the search --------------------------------------------------------------------------------------
    def find(self, query: str, systems: Sequence[str] = SYSTEMS, limit: int = 10) -> list[Hit]:
        text = validate_query(query)
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}.")
        wanted = tuple(s for s in systems if s in SYSTEMS) or SYSTEMS
        lowered = text.lower()
        scored: dict[tuple[str, str], tuple[float, str, Code | None, str]] = {}

        def add(code: Code | None, key: tuple[str, str], score: float, why: str, title: str = "") -> None:
            if key[0] not in wanted:
                return
            if code is not None:
                score += 4 if code.billable else 0
                score -= 60 if not code.current else 0
            if key not in scored or scored[key][0] < score:
                scored[key] = (score, why, code, title)

        tokens = lowered.replace(",", " ").split()
        entry = self.vocabulary.get(lowered) or self.vocabulary.get(lowered.rstrip("s"))
        if entry is not None and entry.kind == "synonym":
            entry = None
        code_like = len(tokens) == 1 and CODE_TOKEN.match(tokens[0])
        if code_like and (entry is None or self.book.find(tokens[0])) and self._code_matches(tokens[0], add):
            return self._ranked(scored, limit)
        if entry is not None:
            self._add_vocabulary(entry, 960, add)
        else:
            padded = f" {lowered} "
            for phrase in self.phrases:
                if f" {phrase} " in padded:
                    self._add_vocabulary(self.vocabulary[phrase], 700, add)
                    break
        groups, corrections = self._expand(lowered)
        if groups:
            self._text_matches(groups, wanted, add, corrections)
        if entry is not None and len(scored) < limit:
            # Fill the list with what the vocabulary term means ("heart attack" -> acute myocardial infarction).
            meaning: list[Group] = [(w,) for w in _words(entry.expansion)]
            self._text_matches(meaning, wanted, add, [f"{entry.term} = {entry.expansion}"], penalty=60)
        return self._ranked(scored, limit)

    def _ranked(
        self, scored: dict[tuple[str, str], tuple[float, str, Code | None, str]], limit: int
    ) -> list[Hit]:
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0][1]))
        return [self._hit(key, value) for key, value in ranked[:limit]]

    def _add_vocabulary(self, entry: VocabularyEntry, base: float, add: _Adder) -> None:
        for rank, raw in enumerate(entry.codes):
            for code in self.book.find(raw):
                add(
                    code,
                    (code.system, code.code),
                    base - rank * 5,
                    f"{entry.kind}: {entry.term} = {entry.expansion}",
                )

    def _code_matches(self, token: str, add: _Adder) -> bool:
        code = undot(token)
        found_any = False
        for found in self.book.find(code):
            add(found, (found.system, found.code), 1000, "exact code")
            found_any = True
        for system in ("cm", "pcs", "hcpcs", "cpt"):
            for rank, found in enumerate(self.book.with_prefix(system, code, 40)):
                if found.code != code:
                    add(
                        found,
                        (system, found.code),
                        800 - (len(found.code) - len(code)) * 8 - rank * 0.1,
                        f"code starts with {display(system, code)}",
                    )
                    found_any = True
        return found_any

    def _expand(self, lowered: str) -> tuple[list[Group], list[str]]:
        """Word groups to search for: abbreviations expanded, synonyms and spelling corrections as alternatives."""
        groups: list[Group] = []
        notes: list[str] = []
        raw = lowered.split()
        i = 0
        while i < len(raw):
            pair = " ".join(raw[i : i + 2])
            entry = self.vocabulary.get(pair) if i + 1 < len(raw) else None
            step = 2
            if entry is None or entry.kind != "abbreviation":
                entry, step = self.vocabulary.get(raw[i]), 1
            if entry is not None and entry.kind == "abbreviation":
                groups.extend((w,) for w in _words(entry.expansion))
                i += step
                continue
            for word in _words(raw[i]):
                alternatives = self.corrections(word)
                if alternatives[0] != word:
                    notes.append(f"spelling: {word} → {'/'.join(alternatives)}")
                synonym = self.vocabulary.get(word)
                if synonym is not None and synonym.kind == "synonym":
                    alternatives = (*alternatives, *_words(synonym.expansion))
                groups.append(alternatives)
            i += 1
        if len(groups) > 1:
            groups = [expanded for g in groups for expanded in self._procedure_words(g)]
        unique: dict[Group, None] = dict.fromkeys(groups)
        return list(unique), notes

    def _procedure_words(self, group: Group) -> list[Group]:
        """A procedure name inside a longer query reads as its PCS root operations and body part:
        "laparoscopic appendectomy" -> (appendectomy|resection|excision) + (appendectomy|appendix),
        from the PCS index ("Appendectomy: see Excision, Appendix; see Resection, Appendix")."""
        refs = self.pcs_see.get(group[0])
        if not refs:
            return [group]
        operations = [_words(ref.split(",")[0]) for ref in refs]
        bodies = [set(_words(",".join(ref.split(",")[1:]))) for ref in refs]
        common = set.intersection(*bodies) if bodies else set()
        expanded = [tuple(dict.fromkeys((*group, *(w for op in operations for w in op))))]
        if common:
            expanded.append((group[0], *sorted(common)))
        return expanded

    def _text_matches(
        self,
        groups: list[Group],
        wanted: tuple[str, ...],
        add: _Adder,
        notes: list[str],
        penalty: float = 0.0,
    ) -> None:
        systems = ",".join(f"'{s}'" for s in wanted)  # from the fixed SYSTEMS tuple, never user text
        rows = self._exact(normalise(" ".join(g[0] for g in groups)), systems)
        rows += self._query(self._match(groups), systems)
        if not rows and len(groups) > 1:
            # Leave out one word at a time, the least known first ("afib with rvr" -> without "rvr").
            for left_out in sorted(groups, key=lambda g: self.freq.get(g[0], 0))[:4]:
                rows = self._query(self._match([g for g in groups if g != left_out]), systems)
                if rows:
                    penalty += 80
                    break
        if not rows and len(groups) > 1:
            rows = self._query(" OR ".join(self._term(g) for g in groups), systems)
            penalty += 150
        stems = [frozenset(_stem(w) for w in g) for g in groups]
        note = f" ({', '.join(notes)})" if notes else ""
        query_stems = frozenset(next(iter(sorted(g))) for g in stems)
        first_stems = frozenset(_stem(g[0]) for g in groups)
        negated = not any("without" in g for g in groups)
        for text, extra, system, code, source, title, billable, label in rows:
            doc = _doc_stems(text)
            if not doc:
                continue
            optional = _doc_stems(extra) if extra else frozenset()
            matched = sum(1 for g in stems if g & doc or any(d.startswith(q) for q in g for d in doc))
            bonus = sum(1 for g in stems if not (g & doc) and g & optional)
            score = (
                400 * SOURCE_WEIGHT.get(source, 0.8)
                + 220 * min(1.0, matched / len(doc))
                + 200 * (matched + bonus) / len(stems)
                - penalty
            )
            if negated and _NEGATION.search(label):
                score -= 150  # "Ischemia ... without myocardial infarction" is not what "heart attack" means
            if doc in (first_stems, query_stems):
                score += 120
            if source == "table":
                add(
                    None,
                    (system, code),
                    score,
                    f"ICD-10-PCS index: {label} - see {title}{note}",
                    f"PCS table {code}: {title}",
                )
                continue
            origin = {
                "index": "Alphabetic Index",
                "see": "Alphabetic Index",
                "title": "title",
                "inclusion": "inclusion term",
            }.get(source, source)
            add(
                Code(system, code, title, "", "code", bool(billable), True, ""),
                (system, code),
                score,
                f"{origin}: {label}{note}",
            )

    def _term(self, group: Group) -> str:
        if len(group) == 1:
            word = group[0]
            prefix = "*" if word not in self.freq and len(word) >= 3 else ""  # still typing: "pneumo"
            return f'"{word}"{prefix}'
        return "(" + " OR ".join(f'"{w}"' for w in group) + ")"

    def _match(self, groups: list[Group]) -> str:
        return " AND ".join(self._term(g) for g in groups)

    def _exact(self, norm: str, systems: str) -> list[tuple[str, str, str, str, str, str, int, str]]:
        sql = (
            f"SELECT text, '', system, code, source, title, billable, text FROM exact_terms "
            f"WHERE norm = ? AND system IN ({systems}) LIMIT 50"
        )
        return [tuple(r) for r in self.book.db.execute(sql, [norm]).fetchall()]

    def _query(self, match: str, systems: str) -> list[tuple[str, str, str, str, str, str, int, str]]:
        """Documents holding every word; the shortest first (they match the query most closely).

        For a word found in thousands of documents ("fracture") sorting them all would cost tens of
        milliseconds, so only the first matches are taken: the exact-term table has already found the
        entry a coder means by such a word.
        """
        db = self.book.db
        try:
            count = db.execute("SELECT count(*) FROM search WHERE search MATCH ?", [match]).fetchone()[0]
            order = "ORDER BY length(text)" if count <= 4000 else ""
            sql = (
                f"SELECT text, extra, system, code, source, title, billable, label FROM search "
                f"WHERE search MATCH ? AND system IN ({systems}) {order} LIMIT 200"
            )
            return [tuple(r) for r in db.execute(sql, [match]).fetchall()]
        except sqlite3.OperationalError:  # an FTS syntax corner case must not break a lookup
            return []

    def _hit(self, key: tuple[str, str], value: tuple[float, str, Code | None, str]) -> Hit:
        score, why, code, label = value
        system, raw = key
        if code is None:
            return Hit(raw, SYSTEM_NAMES[system], label, False, "table", why, score)
        status = (
            "deleted"
            if not code.current
            else "modifier"
            if code.kind == "modifier"
            else "billable"
            if code.billable
            else "header"
        )
        return Hit(
            code.display, code.system_name, code.title, code.billable and code.current, status, why, score
        )


class _Adder(Protocol):  # the inner add() callback of Searcher.find
    def __call__(
        self, code: Code | None, key: tuple[str, str], score: float, why: str, title: str = ""
    ) -> None: ...


_searchers: dict[int, Searcher] = {}
_lock = threading.Lock()


def searcher_for(book: CodeBook) -> Searcher:
    with _lock:
        searcher = _searchers.get(id(book))
        if searcher is None or searcher.book is not book:
            searcher = Searcher(book)
            _searchers[id(book)] = searcher
        return searcher


def find_codes(book: CodeBook, query: str, systems: Sequence[str] = SYSTEMS, limit: int = 10) -> list[Hit]:
    return searcher_for(book).find(query, systems, limit)
