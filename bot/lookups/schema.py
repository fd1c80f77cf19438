"""The code database: tables, and filling them from the shipped data or from official files.

One SQLite file holds every loaded release. The search table (FTS5, porter stemming) and the word list used
for typo correction are derived from the code and index tables whenever those change.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources

import sqlite_utils

from bot.lookups.data_version import stamp

_TABLES = """
CREATE TABLE IF NOT EXISTS codes (
    system TEXT NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL, short_title TEXT NOT NULL DEFAULT '',
    parent TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, billable INTEGER NOT NULL, current INTEGER NOT NULL,
    release TEXT NOT NULL, added TEXT NOT NULL DEFAULT '', terminated TEXT NOT NULL DEFAULT '',
    title_source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (system, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS codes_parent ON codes (system, parent);
CREATE TABLE IF NOT EXISTS short_readings (
    system TEXT NOT NULL, code TEXT NOT NULL, short_title TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (system, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_context (
    system TEXT NOT NULL, code TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (system, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_status (
    system TEXT NOT NULL, code TEXT NOT NULL, status TEXT NOT NULL,
    PRIMARY KEY (system, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS older_descriptors (
    system TEXT NOT NULL, code TEXT NOT NULL, short_title TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (system, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notes (
    system TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_code ON notes (system, code);
CREATE TABLE IF NOT EXISTS seventh (code TEXT NOT NULL, char TEXT NOT NULL, meaning TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seventh_code ON seventh (code);
CREATE TABLE IF NOT EXISTS validity (
    system TEXT NOT NULL, code TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS validity_code ON validity (system, code);
CREATE TABLE IF NOT EXISTS index_nodes (
    id INTEGER PRIMARY KEY, book TEXT NOT NULL, parent INTEGER NOT NULL, depth INTEGER NOT NULL,
    last INTEGER NOT NULL, term TEXT NOT NULL, modifiers TEXT NOT NULL, code TEXT NOT NULL, see TEXT NOT NULL, see_also TEXT NOT NULL,
    cells TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS index_words (
    word TEXT NOT NULL, parent INTEGER NOT NULL, node INTEGER NOT NULL, essential INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS index_refs (
    node INTEGER NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL, reference TEXT NOT NULL,
    target INTEGER NOT NULL, book TEXT NOT NULL, col TEXT NOT NULL, open TEXT NOT NULL, code TEXT NOT NULL,
    qualifier TEXT NOT NULL, unresolved TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS index_word_counts (word TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pcs_axes (
    tbl TEXT NOT NULL, position INTEGER NOT NULL, char TEXT NOT NULL, meaning TEXT NOT NULL,
    PRIMARY KEY (tbl, position, char)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS age_ranges (
    age_group TEXT NOT NULL, low INTEGER NOT NULL, high INTEGER NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS releases (
    system TEXT PRIMARY KEY, name TEXT NOT NULL, effective TEXT NOT NULL, covers_from TEXT NOT NULL,
    covers_through TEXT NOT NULL, source TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS release_history (
    system TEXT NOT NULL, label TEXT NOT NULL, effective TEXT NOT NULL, origin TEXT NOT NULL,
    PRIMARY KEY (system, label, origin)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS titles (
    system TEXT NOT NULL, code TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, title TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS titles_code ON titles (system, code);
CREATE TABLE IF NOT EXISTS title_sources (key TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code_changes (
    system TEXT NOT NULL, effective TEXT NOT NULL, release TEXT NOT NULL, code TEXT NOT NULL,
    change TEXT NOT NULL, title TEXT NOT NULL, new_title TEXT NOT NULL, replacements TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS code_changes_code ON code_changes (code);
CREATE INDEX IF NOT EXISTS code_changes_effective ON code_changes (effective);
CREATE TABLE IF NOT EXISTS ncci_ptp (
    column1 TEXT NOT NULL, column2 TEXT NOT NULL, modifier INTEGER NOT NULL, start TEXT NOT NULL,
    end TEXT NOT NULL DEFAULT '', source TEXT NOT NULL, PRIMARY KEY (column1, column2, start)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS english_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS wordnet_synsets (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, lemmas TEXT NOT NULL, hypernyms TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS wordnet_lemmas (
    lemma TEXT PRIMARY KEY, senses TEXT NOT NULL, pertains TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exact_terms (
    norm TEXT NOT NULL, text TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL, source TEXT NOT NULL,
    title TEXT NOT NULL, billable INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS exact_terms_norm ON exact_terms (norm);
"""
# The title search. A word the lookup searches as typed-so-far ("pneumo"*) ends, once split at its apostrophe,
# in a token of one or two letters ("dog's"* is "dog" then any token starting "s"): without a prefix index
# FTS5 merges every term starting so (~20 ms a word); the prefix index keeps those merged (+10 MB).
SEARCH_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    text, extra UNINDEXED, system UNINDEXED, code UNINDEXED, source UNINDEXED, title UNINDEXED, billable UNINDEXED,
    label UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2'
);
"""
SCHEMA = _TABLES + SEARCH_TABLE

# Made once the index tables are filled (faster than keeping them up to date row by row). index_words_word
# covers a word's postings (bot.lookups.index.tree), read from the index alone: ~2x faster than (word, node).
# index_nodes_term finds a main term by its text ("Venom, venomous", a reader's fixed line): without it SQLite
# reads every main term of the book (~3 ms); the term first, so a query on the book and depth alone keeps
# index_nodes_mains and its order.
INDEX_TABLE_INDEXES = """
CREATE INDEX IF NOT EXISTS index_nodes_parent ON index_nodes (parent);
CREATE INDEX IF NOT EXISTS index_nodes_mains ON index_nodes (book, depth);
CREATE INDEX IF NOT EXISTS index_nodes_term ON index_nodes (term, book, depth);
CREATE INDEX IF NOT EXISTS index_words_parent ON index_words (parent, word);
CREATE INDEX IF NOT EXISTS index_words_word ON index_words (word, node, parent, essential);
CREATE INDEX IF NOT EXISTS index_refs_node ON index_refs (node);
"""

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "due",
        "nos",
        "other",
        "unspecified",
        "specified",
        "with",
    ]
)


# An eponym's letters with accents ("Sjögren's", "Ménière's", "Behçet's") as a coder types them (sjogren's).
_UNACCENTED = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss"}


def unaccented(text: str) -> str:
    """The text with accented Latin letters as their plain letters (the Index prints "Sjögren's")."""
    if text.isascii():
        return text
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return "".join(_UNACCENTED.get(c, c) for c in plain)


def words(text: str) -> list[str]:
    """The meaningful words of a text, lower case: what search compares."""
    return [w for w in WORD.findall(unaccented(text).lower()) if w not in STOPWORDS]


def normalise(text: str) -> str:
    """Order-free, stopword-free form used to find a term typed exactly ("attack heart" = "Attack, heart")."""
    return " ".join(sorted(set(words(text))))


def shipped_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a shipped data file, as dicts keyed by its header."""
    data = resources.files("bot.lookups.data").joinpath(name).read_bytes()
    text = gzip.decompress(data).decode() if name.endswith(".gz") else data.decode()
    yield from csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)


def shipped_text(name: str) -> str:
    return resources.files("bot.lookups.data").joinpath(name).read_text()


def create_tables(db: sqlite_utils.Database) -> None:
    db.conn.executescript(SCHEMA)


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, object]]) -> None:
    """Insert dict rows with one prepared statement (faster than per-row inserts for 100k rows)."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    columns = list(first)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    db.conn.executemany(sql, ([row[c] for c in columns] for row in _chain(first, iterator)))


def _chain(first: dict[str, object], rest: Iterator[dict[str, object]]) -> Iterator[dict[str, object]]:
    yield first
    yield from rest


ROOT_OPERATIONS_KEY = "pcs_root_operations"
SEARCH_RUNS_KEY = "search_system_runs"  # the search documents' rowid runs by system (bot.lookups.shortest)


def read_root_operations(conn: sqlite3.Connection) -> frozenset[str]:
    """The names of the ICD-10-PCS root operations (third character), lower case, read from the code titles:
    the first word of a table's code titles ("Excision of Stomach, ...", "Reposition Left Radius"), a header's
    empty title aside; and every title's "<Operation> of ...": a table may mix its titles (5A1: "Extracorporeal
    Oxygenation, Membrane" and "Performance of Urinary Filtration")."""
    rows = conn.execute(
        "SELECT min(title) FROM codes WHERE system = 'pcs' AND title != '' GROUP BY substr(code, 1, 3)"
        " UNION SELECT DISTINCT substr(title, 1, instr(title, ' ') - 1) FROM codes WHERE system = 'pcs'"
        " AND instr(title, ' of ') > 0 AND instr(title, ' of ') = instr(title, ' ')"
    ).fetchall()
    return frozenset(str(t).split()[0].lower() for (t,) in rows if str(t).strip())


def search_system_runs(conn: sqlite3.Connection) -> str:
    """The search documents' runs of consecutive rowids of one system, in rowid order ("cm:1-98403
    hcpcs:98404-105812 ..."): the documents are inserted a system after another, so a handful of runs."""
    rows = conn.execute(
        "SELECT system, min(r), max(r) FROM (SELECT rowid AS r, system, "
        "rowid - row_number() OVER (PARTITION BY system ORDER BY rowid) AS run FROM search) "
        "GROUP BY system, run ORDER BY 2"
    ).fetchall()
    return " ".join(f"{system}:{low}-{high}" for system, low, high in rows)


def rebuild_search(db: sqlite_utils.Database) -> None:
    """Derive the title search documents and the word list from codes, notes and the index trees."""
    conn = db.conn
    # Made anew (not emptied), so a database made before the prefix index (SEARCH_TABLE) gets it.
    conn.execute("DROP TABLE IF EXISTS search")
    conn.execute(SEARCH_TABLE)
    # A code's context (bot.lookups.loaders.hcpcs_context: a HCPCS code's group, what it is used with) is
    # the documents' `extra`: not searched for, it completes a found descriptor's words at low weight.
    conn.execute(
        "INSERT INTO search (text, extra, system, code, source, title, billable, label) "
        "SELECT c.title, coalesce(x.text, ''), c.system, c.code, 'title', c.title, c.billable, c.title "
        "FROM codes c LEFT JOIN code_context x ON x.system = c.system AND x.code = c.code "
        "WHERE c.current = 1 AND c.kind IN ('category', 'code')"
    )
    conn.execute(
        "INSERT INTO search (text, extra, system, code, source, title, billable, label) "
        "SELECT c.short_title, coalesce(x.text, ''), c.system, c.code, 'title', c.title, c.billable, "
        "c.short_title FROM codes c LEFT JOIN code_context x ON x.system = c.system AND x.code = c.code "
        "WHERE c.current = 1 AND c.short_title != '' AND lower(c.short_title) != lower(c.title)"
    )
    conn.execute(
        # A short descriptor read with its cut words written out ("Inj pegfilgrast ..." -> "Injection
        # pegfilgrastim ..."), while the code still carries that short descriptor (an import may retitle it).
        "INSERT INTO search (text, extra, system, code, source, title, billable, label) "
        "SELECT r.text, coalesce(x.text, ''), c.system, c.code, 'title', c.title, c.billable, "
        "c.short_title || ' (read: ' || r.text || ')' FROM short_readings r "
        "JOIN codes c ON c.system = r.system AND c.code = r.code "
        "LEFT JOIN code_context x ON x.system = c.system AND x.code = c.code "
        "WHERE c.current = 1 AND c.short_title = r.short_title"
    )
    conn.execute(
        # A code retitled since the 2020 annual file whose new short descriptor still reads in its 2020 long
        # descriptor ("Compress stking bk30-40 surg": "Gradient compression stocking, below knee, 30-40
        # mmhg, each"), while the code carries that short descriptor.
        "INSERT INTO search (text, extra, system, code, source, title, billable, label) "
        "SELECT o.text, coalesce(x.text, ''), c.system, c.code, 'title', c.title, c.billable, "
        "c.short_title || ' (2020: ' || o.text || ')' FROM older_descriptors o "
        "JOIN codes c ON c.system = o.system AND c.code = o.code "
        "LEFT JOIN code_context x ON x.system = c.system AND x.code = c.code "
        "WHERE c.current = 1 AND c.short_title = o.short_title"
    )
    conn.execute(
        "INSERT INTO search (text, extra, system, code, source, title, billable, label) "
        "SELECT n.text, '', n.system, n.code, 'inclusion', c.title, c.billable, n.text FROM notes n "
        "JOIN codes c ON c.system = n.system AND c.code = n.code "
        "WHERE n.kind IN ('inclusion', 'includes') AND c.current = 1"
    )
    conn.execute("DELETE FROM exact_terms")
    conn.executemany(
        "INSERT INTO exact_terms (norm, text, system, code, source, title, billable) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (normalise(text), label, system, code, source, title, billable)
            for text, system, code, source, title, billable, label in conn.execute(
                "SELECT text, system, code, source, title, billable, label FROM search"
            )
        ),
    )
    counts: Counter[str] = Counter()
    for (text,) in conn.execute(
        "SELECT title FROM codes WHERE current = 1 UNION ALL SELECT term || ' ' || modifiers FROM index_nodes "
        "UNION ALL SELECT text FROM notes WHERE kind IN ('inclusion', 'includes')"
    ):
        counts.update(WORD.findall(unaccented(text).lower()))
    conn.execute("DELETE FROM words")
    conn.executemany("INSERT INTO words (word, freq) VALUES (?, ?)", counts.items())
    conn.execute("INSERT INTO search(search) VALUES ('optimize')")
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [SEARCH_RUNS_KEY, search_system_runs(conn)]
    )
    # The PCS root operations' names (read at a lookup: a scan of every PCS title, ~100 ms, done here once).
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [ROOT_OPERATIONS_KEY, " ".join(sorted(read_root_operations(conn)))],
    )
    # Every search document's length and system (bot.lookups.shortest: read whole by a process, not measured).
    from bot.lookups.shortest import store_sizes

    store_sizes(conn)
    # The tables a lookup would otherwise work out at its first use (5-25 ms each), worked out here once.
    from bot.lookups.derived_tables import store_all  # they are read with the lookups' own modules

    store_all(conn)
    stamp(conn)  # caches built on the data before this rebuild are rebuilt (bot.lookups.data_version)
