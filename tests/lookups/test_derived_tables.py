"""The tables the data build stores for the lookups (bot.lookups.derived, bot.lookups.derived_tables): each
is stored, reads back as what its builder works out, and a database built before they were stored still
answers (the lookups work them out as before)."""

from __future__ import annotations

import sqlite3

import pytest

from bot.lookups import derived
from bot.lookups.codebook import CodeBook
from bot.lookups.derived_tables import TABLES, Table
from bot.lookups.index.tree import IndexTree
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_each_stored_table_reads_back_as_its_builder_works_it_out(codebook: CodeBook, table: Table) -> None:
    conn = codebook.db.conn
    stored = derived.stored(conn, table.name)
    assert stored is not None, f"the data build stored no {table.name}"
    built = table.build(conn)
    assert built, table.name
    assert table.decode(stored) == built


def test_the_english_words_are_stored_whole(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    words = derived.english_list()
    assert derived.stored(conn, derived.ENGLISH_KEY) == len(words)
    assert conn.execute("SELECT count(*) FROM english_words").fetchone()[0] == len(set(words))
    english = derived.EnglishWords(conn.execute)
    assert "ringing" in english and "tarry" in english
    assert "diabetis" not in english and "xqzv" not in english


def test_english_words_without_the_table_read_the_shipped_list() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    english = derived.EnglishWords(conn.execute)  # a database built before: no english_words table
    assert "ringing" in english and "xqzv" not in english and 3 not in english


def test_a_missing_table_is_built_when_asked() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    assert derived.stored_or_built(conn, "absent", derived.decode_words, lambda: frozenset({"x"})) == {"x"}
    derived.store(conn, "present", ["a", "b"])
    assert derived.stored_or_built(conn, "present", derived.decode_words, lambda: frozenset()) == {"a", "b"}


def test_a_database_built_before_the_tables_were_stored_answers_alike(small_book: CodeBook) -> None:
    queries = ("cellulitis of left leg", "neulasta 6 mg", "troponin level", "hysterectomy", "wheelchair")
    searcher = searcher_for(small_book)
    drugs, sites, procedures = searcher.drug_lines, searcher.body_sites(), searcher.procedure_words()
    answers = [[h.code for h in find_codes(small_book, q, limit=5)] for q in queries]

    conn = sqlite3.connect(str(small_book.path), isolation_level=None)
    conn.execute("DELETE FROM meta WHERE key LIKE ?", [derived.PREFIX + "%"])
    conn.execute("DROP TABLE english_words")
    conn.close()
    before = CodeBook(small_book.path)  # a new book: a searcher of its own, nothing stored to read
    assert derived.stored(before.db.conn, TABLES[0].name) is None
    searcher = searcher_for(before)
    assert searcher is not searcher_for(small_book)
    assert searcher.drug_lines == drugs
    assert searcher.body_sites() == sites
    assert searcher.procedure_words() == procedures
    assert "ringing" in searcher.english
    assert [[h.code for h in find_codes(before, q, limit=5)] for q in queries] == answers


def test_the_stored_procedure_stems_answer_as_the_index_asked_a_word_at_a_time(codebook: CodeBook) -> None:
    # Every word a main term holds, asked of the stored set and of the Index rows as before it was stored.
    stored = searcher_for(codebook).index_tree()
    asked = IndexTree(codebook.db.conn)
    asked._procedure_stems, asked._procedure_stored = frozenset(), False  # as in a database built before
    words = [
        str(w) for (w,) in codebook.db.conn.execute("SELECT DISTINCT word FROM index_words WHERE parent = 0")
    ]
    assert len(words) > 10_000
    differ = [w for w in words if stored.names_procedure(w) != asked.names_procedure(w)]
    assert not differ, differ[:10]
    assert stored.names_procedure("reduct") and not stored.names_procedure("fractur")
