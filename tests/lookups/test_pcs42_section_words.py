"""The words of a PCS section's name said in the query ("mental health") are read with a code of that section
(GZ2ZZZZ Crisis Intervention), not left unexplained: the PCS Tables head the section by that name and the code's
title never prints it (bot.lookups.index.pcs_section_words)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_section_words import used_section_words
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    "query",
    ["crisis intervention session, mental health", "crisis intervention session mental health"],
)
def test_a_section_named_beside_its_procedure(codebook: CodeBook, query: str) -> None:
    assert find_codes(codebook, query)[0].code == "GZ2ZZZZ"


def test_only_the_codes_own_section_and_not_medical_and_surgical() -> None:
    said = content_stems("crisis intervention mental health surgical")
    assert used_section_words("GZ2ZZZZ", said) == content_stems("mental health")
    assert used_section_words("F07Z9ZZ", said) == frozenset()
    assert used_section_words("0DTJ0ZZ", said) == frozenset()  # "surgical" names every procedure
