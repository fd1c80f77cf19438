"""`content_stems` reads a text a word at a time through a per-word cache: what it gives is exactly the stems
of `stems` with the fillers left out, checked on every Index term, PCS table meaning and a sample of titles."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.words import FILLERS, content_stems, range_stems, stems


def _as_before(text: str) -> frozenset[str]:
    # (and the whole numbers a decimal range holds: "40.0-44.9" holds 42)
    return frozenset(s for s in stems(text) if s not in FILLERS) | range_stems(text)


@pytest.mark.parametrize(
    "text",
    ["Self-harm", "Crohn’s disease", "Fracture, pathological, NEC", "with-nos", "-", "", "Type 2 diabetes"],
)
def test_content_stems_of_hand_texts(text: str) -> None:
    assert content_stems(text) == _as_before(text)


def test_content_stems_of_the_index_tables_and_titles(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    texts = [
        str(t)
        for (t,) in conn.execute(
            "SELECT DISTINCT term FROM index_nodes UNION SELECT meaning FROM pcs_axes "
            "UNION SELECT title FROM codes WHERE substr(code, -1) IN ('1', '5')"
        )
    ]
    assert len(texts) > 40_000
    differ = [t for t in texts if content_stems.__wrapped__(t) != _as_before(t)]
    assert not differ, differ[:10]
