"""An Index line naming the class of the drug told as the cause ("Dystonia, neuroleptic induced" G24.02 for
haloperidol, a neuroleptic) comes before the line "drug induced NEC" (G24.09): an NEC line is for what no
other line classifies (guideline I.A.9), and the nature of the adverse effect is coded first by the line that
classifies it (I.C.19.e.5.a; issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def test_the_line_naming_the_drugs_class_before_the_nec_line(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "dystonia from fluphenazine", limit=5)
    assert hits[0].code == "G24.02"
    assert hits[1].code.startswith("T43.")  # (its adverse effect beside it)


def test_a_drug_no_line_classifies_keeps_the_nec_line(codebook: CodeBook) -> None:
    assert find_codes(codebook, "dystonia from metoclopramide", limit=3)[0].code == "G24.09"
