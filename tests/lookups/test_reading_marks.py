"""A reading of the query marks the thread while it runs, so the searches it starts do not start it again
(`Searcher._reading`); the mark is put back as it was, and an error inside does not leave it set (issue #10)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import Searcher, searcher_for


def _marked(searcher: Searcher, flag: str) -> bool:
    return bool(getattr(searcher._local, flag, False))


def test_a_reading_inside_another_of_its_kind_keeps_the_outer_mark(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    assert not _marked(searcher, "screening")
    with searcher._reading("screening"):
        with searcher._reading("screening"):
            assert _marked(searcher, "screening")
        # (a reset to "not marked" here would let the outer reading's own searches start it again)
        assert _marked(searcher, "screening")
    assert not _marked(searcher, "screening")


def test_an_error_inside_a_reading_does_not_leave_the_thread_marked(codebook: CodeBook) -> None:
    searcher = searcher_for(codebook)
    with pytest.raises(RuntimeError), searcher._reading("acting"):
        raise RuntimeError("boom")
    assert not _marked(searcher, "acting")
