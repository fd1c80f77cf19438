"""WordNet 3.0's nouns and verbs, read from the code database: a user's word, its synonyms, its kind and the
broader words it is a kind of ("iguana" -> lizard -> reptile; "voice box" = larynx; "renal" pertains to kidney;
"hoovering" is vacuuming).

The Index names kinds and the words of the Tabular ("Bite, lizard", "Contact with, bird", "Excision, larynx");
users name things. A reader climbs from the user's word to a word the Index has by this dictionary instead of
a hand-written list. The shipped extract (data/wordnet_*.tsv.gz, built by scripts/build_wordnet_data.py, licence
in data/wordnet.md) goes into two tables at the data build (`store_wordnet`), read a word at a time and
remembered; a database built before them answers every question with nothing.

Senses are in WordNet's order, most frequent first: a reader that is not sure which sense the user meant
should take the first (`senses=1`), or demand that the other words of the query agree. `senses`, `synonyms`
and `broader` read nouns; `verbs` reads a verb's senses (its lemma or a form of it: "hoovering", "abseiled"),
whose hypernyms are verbs.
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bot.lookups import derived

KEY = "wordnet"
CACHE = 12_000  # lemmas and senses kept each (cleared when full): ~15 MB at 50,000, met in ~16,000 queries
READERS = 8  # connections whose reader is kept (a thread's connection each; a rebuild opens new ones)


@dataclass(frozen=True, slots=True)
class Sense:
    """One noun sense: its id, WordNet's kind of it (noun.animal, noun.artifact, noun.body ...), its words
    (synonyms, the first the usual one) and the ids of the senses it is a kind of."""

    id: int
    kind: str
    lemmas: tuple[str, ...]
    hypernyms: tuple[int, ...]


def _rows(name: str) -> Iterator[list[str]]:
    data = resources.files("bot.lookups.data").joinpath(name).read_bytes()
    for line in gzip.decompress(data).decode().splitlines():
        yield line.split("\t")


def store_wordnet(conn: sqlite3.Connection) -> None:
    """Write the shipped extract into the code database (the data build)."""
    conn.execute("DELETE FROM wordnet_synsets")
    conn.execute("DELETE FROM wordnet_lemmas")
    conn.executemany("INSERT INTO wordnet_synsets VALUES (?, ?, ?, ?)", _rows("wordnet_synsets.tsv.gz"))
    conn.executemany("INSERT INTO wordnet_lemmas VALUES (?, ?, ?)", _rows("wordnet_lemmas.tsv.gz"))
    derived.store(conn, KEY, True)


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(i) for i in text.split())


class WordNet:
    """Noun senses of a word, asked of the code database a word at a time (and remembered)."""

    def __init__(self, execute: Callable[..., Any]) -> None:
        self._execute = execute
        self._stored: bool | None = None
        self._lemmas: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._senses: dict[int, Sense] = {}

    def _present(self) -> bool:
        if self._stored is None:
            try:
                self._stored = derived.stored_flag(self._execute, KEY)
            except sqlite3.OperationalError:  # a database from before the tables
                self._stored = False
        return self._stored

    def _lemma(self, lemma: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        found = self._lemmas.get(lemma)
        if found is None:
            found = ((), ())
            if self._present():
                row = self._execute(
                    "SELECT senses, pertains FROM wordnet_lemmas WHERE lemma = ?", [lemma]
                ).fetchone()
                if row:
                    found = (_ids(row[0]), _ids(row[1]))
            if len(self._lemmas) >= CACHE:
                self._lemmas.clear()
            self._lemmas[lemma] = found
        return found

    def sense(self, sense_id: int) -> Sense:
        found = self._senses.get(sense_id)
        if found is None:
            row = self._execute(
                "SELECT kind, lemmas, hypernyms FROM wordnet_synsets WHERE id = ?", [sense_id]
            ).fetchone()
            found = Sense(sense_id, sys.intern(row[0]), tuple(row[1].split("|")), _ids(row[2]))
            if len(self._senses) >= CACHE:
                self._senses.clear()
            self._senses[sense_id] = found
        return found

    def senses(self, lemma: str) -> tuple[Sense, ...]:
        """The noun senses of a word or phrase (lower case, spaces between words), most frequent first."""
        return tuple(self.sense(i) for i in self._lemma(lemma.lower())[0])

    def verbs(self, word: str) -> tuple[Sense, ...]:
        """The verb senses of a verb or of a form of it ("hoovering" -> hoover, "framed" -> frame), most
        frequent first; kinds verb.* (verb.contact, verb.motion ...), hypernyms verbs."""
        first, _, rest = word.lower().partition(" ")
        for form in verb_forms(first):
            form = f"{form} {rest}".strip()  # ("horsing around" -> horse around)
            found = self._lemma(f"{form} (v)")[0]
            if found:
                return tuple(self.sense(i) for i in found)
        return ()

    def pertains(self, adjective: str) -> tuple[Sense, ...]:
        """The nouns an adjective pertains to ("renal" -> kidney, "cardiac" -> heart)."""
        return tuple(self.sense(i) for i in self._lemma(adjective.lower())[1])

    def synonyms(self, lemma: str, senses: int = 1) -> tuple[str, ...]:
        """The other words of the word's first `senses` senses, in WordNet's order."""
        lemma = lemma.lower()
        out: dict[str, None] = {}
        for sense in self.senses(lemma)[:senses]:
            out.update((w, None) for w in sense.lemmas if w != lemma)
        return tuple(out)

    def broader(self, lemma: str, depth: int = 8, senses: int = 1) -> list[tuple[Sense, int]]:
        """Every sense the word's first `senses` senses are a kind of, nearest first, with its distance (1 =
        the direct hypernym), up to `depth` steps."""
        levels = self.levels_above([s.id for s in self.senses(lemma)[:senses]], depth)
        return [(self.sense(i), step) for step, level in enumerate(levels, 1) for i in level]

    def levels_above(self, start: list[int], depth: int) -> list[list[int]]:
        """The senses the `start` senses are kinds of, one list per step up (the first: their direct
        hypernyms), each sense once at its nearest step, up to `depth` steps or the top."""
        levels: list[list[int]] = []
        seen: set[int] = set()
        frontier = start
        for _ in range(depth):
            nxt: list[int] = []
            for sense_id in frontier:
                for up in self.sense(sense_id).hypernyms:
                    if up not in seen:
                        seen.add(up)
                        nxt.append(up)
            if not nxt:
                break
            levels.append(nxt)
            frontier = nxt
        return levels


def verb_forms(word: str) -> list[str]:
    """The lemmas a verb form may be of, likeliest first: "hoovering" -> hoover; "framing" -> fram, frame;
    "jogging" -> jogg, jog; "whittled" -> whittl, whittle, whittled (the word itself last)."""
    out: list[str] = []
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # (a doubled consonant: jogging -> jog)
            if suffix == "es":
                out.append(word[:-1])
            break
    return [*dict.fromkeys([*out, word])]


_readers: dict[int, tuple[object, WordNet]] = {}  # id(connection) -> (the connection, kept alive), its reader
_readers_lock = threading.Lock()


def reader(conn: sqlite3.Connection) -> WordNet:
    """The one WordNet reader of a connection: every reading that asks on it (the searcher's, the Z lines',
    the lay nouns', the PCS readings') shares its caches, so a word's senses are read from the database once,
    not once per reading, and held once. The connection is kept with its reader (its id is never another's
    while held); past READERS connections the oldest reader is dropped."""
    held = _readers.get(id(conn))
    if held is not None and held[0] is conn:
        return held[1]
    with _readers_lock:
        held = _readers.get(id(conn))
        if held is not None and held[0] is conn:
            return held[1]
        found = WordNet(conn.execute)
        while len(_readers) >= READERS:
            del _readers[next(iter(_readers))]
        _readers[id(conn)] = (conn, found)
    return found
