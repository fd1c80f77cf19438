"""WordNet's nouns in the code database (bot.lookups.wordnet): stored whole by the data build, read a word at a
time, and silent in a database built before the tables."""

from __future__ import annotations

import gzip
import sqlite3
from importlib import resources

from bot.lookups.codebook import CodeBook
from bot.lookups.wordnet import WordNet


def _shipped_rows(name: str) -> int:
    data = resources.files("bot.lookups.data").joinpath(name).read_bytes()
    return len(gzip.decompress(data).decode().splitlines())


def test_the_extract_is_stored_whole(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    for table, name in (
        ("wordnet_synsets", "wordnet_synsets.tsv.gz"),
        ("wordnet_lemmas", "wordnet_lemmas.tsv.gz"),
    ):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == _shipped_rows(name)


def test_a_word_climbs_to_the_kind_the_index_names(codebook: CodeBook) -> None:
    words = WordNet(codebook.db.conn.execute)
    assert words.senses("iguana")[0].kind == "noun.animal"
    assert "lizard" in {w for sense, _ in words.broader("iguana") for w in sense.lemmas}
    assert "bird" in {w for sense, _ in words.broader("swan") for w in sense.lemmas}
    assert "insect" in {w for sense, _ in words.broader("Horse Fly") for w in sense.lemmas}
    assert words.synonyms("voice box") == ("larynx",)
    assert [s.lemmas[0] for s in words.pertains("renal")] == ["kidney"]
    assert words.senses("xqzv") == () and words.broader("xqzv") == []


def test_nearest_broader_word_comes_first(codebook: CodeBook) -> None:
    climbed = WordNet(codebook.db.conn.execute).broader("iguana")
    distances = [d for _, d in climbed]
    assert distances == sorted(distances) and distances[0] == 1


def test_a_database_without_the_tables_knows_no_word() -> None:
    conn = sqlite3.connect(":memory:")
    assert WordNet(conn.execute).senses("iguana") == ()
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    assert WordNet(conn.execute).broader("swan") == [] and WordNet(conn.execute).pertains("renal") == ()
