"""A word naming a procedure or study by its suffix is a service noun by how it is formed: a query nothing
answers that names one gets the CPT notice (bot.lookups.index.procedure_suffixes). Queries are written for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.procedure_suffixes import formed_procedure
from bot.lookups.search import find_codes


@pytest.mark.parametrize("query", ["capillaroscopy", "corneal pachymetry", "videostroboscopy"])
def test_a_study_named_by_its_suffix_that_nothing_answers_gets_the_cpt_notice(
    codebook: CodeBook, query: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits and "CPT" in hits.notice, (hits.notice, [(h.code, h.why) for h in hits])


def test_words_no_suffix_forms_are_no_procedure() -> None:
    assert (
        formed_procedure("gonioscopy") and formed_procedure("Tympanometry") and formed_procedure("colectomy")
    )
    assert (
        not formed_procedure("copy") and not formed_procedure("otomy") and not formed_procedure("geometric")
    )
    assert not formed_procedure("telescope")
