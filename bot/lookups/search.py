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
from importlib import resources

from rapidfuzz import fuzz, process

from bot.lookups.codebook import Code, CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.schema import WORD, normalise, words
from bot.lookups.systems import SYSTEM_NAMES, SYSTEMS, display, undot

MAX_QUERY = 200
MAX_LIMIT = 100
CODE_TOKEN = re.compile(r"^(?=[0-9a-z.]*[0-9])[0-9a-z][0-9a-z.]{1,7}$")
SOURCE_WEIGHT = {"index": 1.0, "see": 0.98, "title": 0.9, "inclusion": 0.82}


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
        return {"code": self.code, "system": self.system, "title": self.title, "billable": self.billable,
                "status": self.status, "why": self.why}


@dataclass(frozen=True)
class VocabularyEntry:
    term: str
    kind: str  # abbreviation | lay
    expansion: str
    codes: tuple[str, ...]


def load_vocabulary() -> dict[str, VocabularyEntry]:
    text = resources.files("bot.lookups.data").joinpath("vocabulary.tsv").read_text()
    return {
        row["term"].lower(): VocabularyEntry(row["term"].lower(), row["kind"], row["expansion"],
                                             tuple(c for c in row["codes"].split(",") if c))
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
        raise QueryError("No words or codes in that query; type a term such as `pneumonia` or a code such as `J18.9`.")
    return text


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "al", "ic"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_words = words


class Searcher:
    """Per-codebook search state: the known words (for typo correction) and the curated vocabulary."""

    def __init__(self, book: CodeBook) -> None:
        self.book = book
        rows = book.db.execute("SELECT word, freq FROM words").fetchall()
        self.freq = {w: f for w, f in rows}
        self.by_length: dict[int, list[str]] = {}
        for word in self.freq:
            if len(word) >= 3 and not word.isdigit():
                self.by_length.setdefault(len(word), []).append(word)
        self.vocabulary = load_vocabulary()

    # -- typo correction -------------------------------------------------------------------------------
    def correct(self, word: str) -> str:
        if word in self.freq or word in self.vocabulary or len(word) < 4 or word.isdigit():
            return word
        candidates = [w for n in range(len(word) - 2, len(word) + 3) for w in self.by_length.get(n, ())]
        best = process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=78, limit=5)
        if not best:
            return word
        top = max(best, key=lambda m: (round(m[1]), self.freq.get(m[0], 0)))
        return str(top[0])

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
        if len(tokens) == 1 and CODE_TOKEN.match(tokens[0]):
            self._code_matches(tokens[0], add)
        entry = self.vocabulary.get(lowered) or self.vocabulary.get(lowered.rstrip("s"))
        if entry:
            for rank, raw in enumerate(entry.codes):
                for code in self.book.find(raw):
                    add(code, (code.system, code.code), 960 - rank * 5,
                        f"{entry.kind}: {entry.term} = {entry.expansion}")
        words, corrections = self._expand(lowered)
        if words:
            self._text_matches(words, wanted, add, corrections)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0][1]))
        return [self._hit(key, value) for key, value in ranked[:limit]]

    def _code_matches(self, token: str, add: _Adder) -> None:
        code = undot(token)
        for found in self.book.find(code):
            add(found, (found.system, found.code), 1000, "exact code")
        for system in ("cm", "pcs", "hcpcs", "cpt"):
            for rank, found in enumerate(self.book.with_prefix(system, code, 40)):
                if found.code != code:
                    add(found, (system, found.code), 800 - (len(found.code) - len(code)) * 8 - rank * 0.1,
                        f"code starts with {display(system, code)}")

    def _expand(self, lowered: str) -> tuple[list[str], list[str]]:
        """Words to search for: abbreviations expanded, misspellings corrected."""
        words: list[str] = []
        corrections: list[str] = []
        raw = lowered.split()
        i = 0
        while i < len(raw):
            pair = " ".join(raw[i:i + 2])
            entry = self.vocabulary.get(pair) if i + 1 < len(raw) else None
            if entry is not None and entry.kind == "abbreviation":
                words.extend(_words(entry.expansion))
                i += 2
                continue
            entry = self.vocabulary.get(raw[i])
            if entry is not None and entry.kind == "abbreviation" and len(raw) > 1:
                words.extend(_words(entry.expansion))
            else:
                for word in _words(raw[i]):
                    fixed = self.correct(word)
                    if fixed != word:
                        corrections.append(f"{word} → {fixed}")
                    words.append(fixed)
            i += 1
        return list(dict.fromkeys(words)), corrections

    def _text_matches(self, words: list[str], wanted: tuple[str, ...], add: _Adder, corrections: list[str]) -> None:
        searchable = [w for w in words if w in self.freq or len(w) >= 3]
        if not searchable:
            return
        systems = ",".join(f"'{s}'" for s in wanted)  # from the fixed SYSTEMS tuple, never user text
        terms = [f'"{w}"' for w in searchable]
        if searchable[-1] not in self.freq and len(searchable[-1]) >= 3:
            terms[-1] += "*"  # still typing: "pneumo" finds pneumonia
        rows = self._exact(normalise(" ".join(searchable)), systems)
        rows += self._query(" AND ".join(terms), systems)
        partial = False
        if not rows and len(terms) > 1:
            rows = self._query(" OR ".join(terms), systems)
            partial = True
        qstems = {_stem(w) for w in searchable}
        joined = " ".join(searchable)
        note = f" (spelling: {', '.join(corrections)})" if corrections else ""
        for text, system, code, source, title, billable in rows:
            doc = {_stem(w) for w in _words(text)}
            if not doc:
                continue
            matched = len(qstems & doc) + sum(1 for q in qstems - doc if any(d.startswith(q) for d in doc))
            score = (400 * SOURCE_WEIGHT.get(source, 0.8) + 220 * min(1.0, matched / len(doc))
                     + 200 * matched / len(qstems))
            if " ".join(_words(text)) == joined:
                score += 120
            if partial:
                score -= 150
            if source == "table":
                add(None, (system, code), score, f"ICD-10-PCS index: {text} - see {title}{note}",
                    f"PCS table {code}: {title}")
                continue
            origin = {"index": "Alphabetic Index", "see": "Alphabetic Index", "title": "title",
                      "inclusion": "inclusion term"}.get(source, source)
            found = Code(system, code, title, "", "code", bool(billable), True, "")
            add(found, (system, code), score, f"{origin}: {text}{note}")

    def _exact(self, norm: str, systems: str) -> list[tuple[str, str, str, str, str, int]]:
        sql = (f"SELECT text, system, code, source, title, billable FROM exact_terms "
               f"WHERE norm = ? AND system IN ({systems}) LIMIT 50")
        return [tuple(r) for r in self.book.db.execute(sql, [norm]).fetchall()]  # type: ignore[misc]

    def _query(self, match: str, systems: str) -> list[tuple[str, str, str, str, str, int]]:
        """Documents holding every word; the shortest first (they match the query most closely).

        For a word found in thousands of documents ("fracture") sorting them all would cost tens of
        milliseconds, so only the first matches are taken: the exact-term table has already found the
        entry a coder means by such a word.
        """
        db = self.book.db
        try:
            count = db.execute("SELECT count(*) FROM search WHERE search MATCH ?", [match]).fetchone()[0]
            order = "ORDER BY length(text)" if count <= 4000 else ""
            sql = (f"SELECT text, system, code, source, title, billable FROM search "
                   f"WHERE search MATCH ? AND system IN ({systems}) {order} LIMIT 400")
            return [tuple(r) for r in db.execute(sql, [match]).fetchall()]  # type: ignore[misc]
        except sqlite3.OperationalError:  # an FTS syntax corner case must not break a lookup
            return []

    def _hit(self, key: tuple[str, str], value: tuple[float, str, Code | None, str]) -> Hit:
        score, why, code, label = value
        system, raw = key
        if code is None:
            return Hit(raw, SYSTEM_NAMES[system], label, False, "table", why, score)
        status = ("deleted" if not code.current else "modifier" if code.kind == "modifier"
                  else "billable" if code.billable else "header")
        return Hit(code.display, code.system_name, code.title, code.billable and code.current, status, why, score)


class _Adder:  # typing aid for the inner add() callback
    def __call__(self, code: Code | None, key: tuple[str, str], score: float, why: str, title: str = "") -> None: ...


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
