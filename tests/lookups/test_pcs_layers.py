"""A tissue layer said over an anatomical region (pcs_layers): ICD-10-PCS guideline B2.1a codes the Anatomical
Regions body systems only when the procedure is done on the region or nothing more specific is known; the layer
said ("subcutaneous") is the specific body part."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_layers import layers
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


def test_the_layer_words_are_read_from_the_tables(codebook: CodeBook) -> None:
    words, shared = layers(codebook.db.conn, {})
    assert words["subcutaneous"] == "0J" and words["tendon"] == "0L" and words["skin"] == "0H"
    assert "artery" not in words  # Upper and Lower Arteries both: no one system
    assert "tissu" not in words  # the material of "Autologous Tissue Substitute" too
    assert "tissu" in shared["0J"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # "Excision, Back, Upper" (0WBK) re-read in Subcutaneous Tissue and Fascia for the back
        ("excision of lipoma from upper back, subcutaneous", "0JB70ZZ"),
        # no layer said: the region stays
        ("excision of upper back mass", "0WBK0ZZ"),
    ],
)
def test_the_layer_over_the_region(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
