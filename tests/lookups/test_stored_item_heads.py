"""The HCPCS descriptors' head stems (bot.lookups.item_heads) are stored by the data build and read back with
one query: the first lookup of a process that reads an item's head no longer works them out of every current
descriptor (about 25 ms of CPU), and what it reads is what the descriptors give."""

from __future__ import annotations

import pytest

from bot.lookups import derived, search
from bot.lookups.codebook import CodeBook
from bot.lookups.item_heads import ITEM_HEADS, build_item_heads
from bot.lookups.search import find_codes, searcher_for


def test_the_stored_heads_are_the_descriptors_heads(codebook: CodeBook) -> None:
    stored = derived.stored(codebook.db.conn, ITEM_HEADS)
    assert stored is not None
    heads = frozenset(stored)
    assert heads == build_item_heads(codebook.db.conn)
    assert {"lancet", "pump", "cane", "wheelchair"} <= heads  # "Lancets, per box of 100", "Cane, quad ..."


def test_the_searcher_reads_the_stored_heads_without_working_them_out(
    codebook: CodeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_again(*_: object) -> frozenset[str]:
        raise AssertionError("the stored heads were worked out again")

    searcher = searcher_for(codebook)
    monkeypatch.setattr(searcher, "_item_heads", None)  # as in a fresh process
    monkeypatch.setattr(search, "build_item_heads", not_again)
    assert searcher.item_head_words() == build_item_heads(codebook.db.conn)
    hits = find_codes(codebook, "lancets refill", limit=5)
    assert hits and hits[0].code == "A4259", [(h.code, h.title) for h in hits]
