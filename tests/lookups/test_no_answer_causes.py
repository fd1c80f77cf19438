"""Two causes of a query answered with nothing at all, where the pipeline lost an answer or its reason:

- an Index path said at both ends - its main term and the line holding its code - is no stretched reading:
  the words it adds are the Index's headings between them ("Cut, cutting -> see Contact, with, by object or
  machine, tool, powered, chainsaw"), so an English word beside it no code book holds ("kickback", "hurdler")
  does not turn it into "no confident match" (bot.lookups.index.said_ends);
- a list emptied because every answer was a PCS title no procedure asked for (found by its body part's words)
  says "no confident match" instead of ending empty without a reason (issue #10).

The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.said_ends import said_at_both_ends
from bot.lookups.index.words import stem
from bot.lookups.search import NO_CONFIDENT_MATCH, find_codes, searcher_for


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chainsaw kickback cutting logs", "W29.3XXA"),  # Cut, cutting -> see Contact, ..., chainsaw
        ("avulsion fracture of the left iliac spine, hurdler, displaced", "S32.312A"),
    ],
)
def test_a_path_said_at_both_ends_is_no_stretch(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=3)
    assert hits and hits[0].code == expected
    assert not hits.notice


def test_said_at_both_ends_needs_the_main_term_said(codebook: CodeBook) -> None:
    tree = searcher_for(codebook).index_tree()
    reference = tree.resolve("cut", "ext")
    assert reference.node
    main = tree.node(reference.node)
    assert main is not None and main.depth == 0
    said = frozenset(stem(w) for w in ("cut", "chainsaw"))
    assert said_at_both_ends([main, main], said)  # (a path down from the main term to a line said)
    assert not said_at_both_ends([main, main], frozenset({stem("chainsaw")}))  # (the main term not said)
    assert not said_at_both_ends([], said)


def test_pcs_titles_no_procedure_asked_for_leave_a_reason(codebook: CodeBook) -> None:
    found = find_codes(codebook, "left upper lobe pneumonia", limit=5)
    assert all(h.system != "ICD-10-PCS" for h in found)
    if not found:
        assert found.notice.startswith(NO_CONFIDENT_MATCH)
