"""Tables worked out from the code data by the data build, so that a fresh process's first lookup reads them
with one query each instead of working them out (each took 5-25 ms: the HCPCS drug lines, the PCS body
parts and procedure words, the analyte lines of R70-R89 ...).

`rebuild_search` (the data build and every import) calls `store_all`, which writes each table as JSON into the
meta table under "derived:<name>" (the same rebuild moves the data stamp, so a stored table is never older
than the data). A lookup calls `stored_or_built`: the stored table decoded, or, in a database built before a
table was stored, the table worked out as before.

The English word list (shipped, 73,000 words) goes into its own table, `english_words`, read a word at a time
(`EnglishWords`): a lookup asks about a few dozen words, never all of them.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

T = TypeVar("T")

PREFIX = "derived:"
ENGLISH_KEY = "english_words"
CACHE_WORDS = 100_000


def key_of(name: str) -> str:
    return PREFIX + name


def store(conn: sqlite3.Connection, name: str, value: object) -> None:
    """Write one derived table (JSON: lists for tuples and sets, objects for dicts)."""
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [key_of(name), json.dumps(value, separators=(",", ":"))],
    )


def stored(conn: sqlite3.Connection, name: str) -> Any | None:
    """One derived table as the build stored it (decoded JSON), or None when the database has none."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key_of(name)]).fetchone()
    return json.loads(str(row[0])) if row else None


def stored_by(execute: Callable[..., Any], name: str) -> Any | None:
    """`stored`, asked through a connection's execute (a reader that holds no connection of its own)."""
    row = execute("SELECT value FROM meta WHERE key = ?", [key_of(name)]).fetchone()
    return json.loads(str(row[0])) if row else None


def stored_flag(execute: Callable[..., Any], name: str) -> bool:
    """Whether the build stored a derived table of this name (asked through a connection's execute)."""
    return execute("SELECT 1 FROM meta WHERE key = ?", [key_of(name)]).fetchone() is not None


def stored_or_built(
    conn: sqlite3.Connection, name: str, decode: Callable[[Any], T], build: Callable[[], T]
) -> T:
    """The stored table, decoded; else (a database built before it was stored) the table built now."""
    found = stored(conn, name)
    return decode(found) if found is not None else build()


def decode_words(stored: list[str]) -> frozenset[str]:
    """A set of words stored as a sorted list."""
    return frozenset(stored)


def decode_names(stored: dict[str, str]) -> dict[str, str]:
    """A table of names (text by text) stored as a JSON object, in the order it was built."""
    return dict(stored)


def english_list() -> list[str]:
    """The shipped list of ordinary English words (a compact SCOWL list, see data/english_words.md)."""
    data = resources.files("bot.lookups.data").joinpath("english_words.txt.gz").read_bytes()
    return gzip.decompress(data).decode().split()


def store_english(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM english_words")
    words = english_list()
    conn.executemany("INSERT OR IGNORE INTO english_words (word) VALUES (?)", ((w,) for w in words))
    store(conn, ENGLISH_KEY, len(words))


class EnglishWords:
    """Whether a word is an ordinary English word: asked of the code database's english_words table a word at
    a time (and remembered), or, in a database built before that table, of the shipped list read whole."""

    def __init__(self, execute: Callable[..., Any]) -> None:
        self._execute = execute
        self._known: dict[str, bool] = {}
        self._whole: frozenset[str] | None = None
        self._stored: bool | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._known.get(word)
        if found is None:
            if self._stored is None:
                row = self._execute("SELECT value FROM meta WHERE key = ?", [key_of(ENGLISH_KEY)]).fetchone()
                self._stored = row is not None
            if not self._stored:
                if self._whole is None:
                    self._whole = frozenset(english_list())
                return word in self._whole
            found = self._execute("SELECT 1 FROM english_words WHERE word = ?", [word]).fetchone() is not None
            if len(self._known) >= CACHE_WORDS:
                self._known.clear()
            self._known[word] = found
        return found
