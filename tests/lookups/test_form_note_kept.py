"""A procedure word read by its parts keeps its note in the answer's reason however long the process has run:
the note is taken when the word is read, not read back from the bounded memo after the query's next words
(issue #10, round 40: the memo, bot.lookups.index.tree.Memo, drops its oldest per-word entries past its bound,
and a word's entry stored long before is among the oldest, so reading the next words could drop it)."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index import pcs_roots
from bot.lookups.index.tree import Memo
from bot.lookups.search import searcher_for

READ_BY_PARTS = ("pyloromyotomy", "dacryocystorhinostomy")  # pyloro- + Myotomy; lacrimal sac -> lacrimal duct


class _Forgetful(Memo):
    """A memo at its bound: storing a word's form reading drops the other words' (as the oldest)."""

    def __setitem__(self, key: object, value: object) -> None:
        super().__setitem__(key, value)
        for old in [k for k in self if isinstance(k, tuple) and k[0] == pcs_roots.FORM_READING and k != key]:
            del self[old]


def test_every_word_read_by_its_parts_keeps_its_note(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    conn, roots = searcher.index_tree().conn, searcher.vocabulary.body_part
    memo = _Forgetful()
    _, operations, notes = pcs_roots.read_procedure_words(conn, list(READ_BY_PARTS), roots, memo)
    assert set(operations) == set(READ_BY_PARTS)
    assert pcs_roots.form_note(READ_BY_PARTS[0], memo) == ""  # (its entry dropped: read back, no note)
    assert notes == {
        "pyloromyotomy": "pyloromyotomy -> pyloro- + Myotomy",
        "dacryocystorhinostomy": "dacryocystorhinostomy -> lacrimal sac -> lacrimal duct",
    }
