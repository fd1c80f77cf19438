"""The things the External Cause Index and the Drug Table name (bot.lookups.index.thing_kinds.IndexThings), worked
out from ~10,000 Index lines (~120 ms a process, once for the kinds reader and once for the harm reader), are
stored by the data build (the derived table "index_things") and read back in a few ms; a database built before
they were stored still reads them from its Index."""

from __future__ import annotations

import sqlite3

import pytest

from bot.lookups import derived
from bot.lookups.codebook import CodeBook
from bot.lookups.index import thing_kinds
from bot.lookups.index.thing_did import ThingDid
from bot.lookups.index.thing_kinds import (
    INDEX_THINGS,
    ThingKinds,
    build_index_things,
    decode_index_things,
    read_index_things,
)
from bot.lookups.search import searcher_for


def test_the_build_stores_the_index_things_as_the_index_gives_them(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    stored = derived.stored(conn, INDEX_THINGS)
    assert stored is not None, "the data build stored no index things"
    things = decode_index_things(stored)
    assert things == build_index_things(conn)
    # (a Drug Table line's words, a Place of occurrence line's place, a "Contact, with" machine)
    assert "copperhead" in things.names and "hoof stock" in things.names
    assert "barn" in things.places and "house" not in things.places
    assert things.machines and things.machines <= things.kinds


def test_the_readers_take_the_stored_things_without_walking_the_index(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_index_things(codebook.db.conn)

    def walked(_execute: object) -> thing_kinds.IndexThings:
        raise AssertionError("the Index lines were walked though the build stored the things")

    monkeypatch.setattr(thing_kinds, "index_things", walked)
    wordnet = searcher_for(codebook).wordnet()
    assert ThingKinds(wordnet, codebook.db.execute)._names() == built
    assert ThingDid(wordnet, codebook.db.execute)._names() == built


def test_a_database_without_the_stored_things_walks_its_index(codebook: CodeBook) -> None:
    # (a database of the Index lines the things are read from, and a meta table without them)
    conn = sqlite3.connect("file::memory:", uri=True)
    conn.execute("ATTACH DATABASE ? AS built", [f"file:{codebook.path}?mode=ro"])
    conn.execute("CREATE TABLE index_nodes AS SELECT * FROM built.index_nodes WHERE book IN ('ext', 'drug')")
    conn.execute(
        "CREATE TABLE meta AS SELECT * FROM built.meta WHERE key != ?", [derived.key_of(INDEX_THINGS)]
    )
    conn.execute("DETACH DATABASE built")
    assert derived.stored_by(conn.execute, INDEX_THINGS) is None
    assert read_index_things(conn.execute) == build_index_things(conn)
