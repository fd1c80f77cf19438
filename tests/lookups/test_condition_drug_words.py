"""A Drug Table substance said as a word of the condition a drug caused ("serotonin syndrome from
trazodone": Syndrome, serotonin G90.81) is the condition's word, the drug the one after the cause link -
the nature of the adverse effect first (guideline I.C.19.e.5.a; issue #10). Queries are made up here, not
taken from the benchmark sets."""

from __future__ import annotations

from bot.lookups.codebook import CodeBook
from bot.lookups.index.condition_drug_words import condition_words
from bot.lookups.search import find_codes


def _drug(word: str) -> bool:
    return word in {"serotonin", "fluoxetine"}


def _shared(one: str, other: str) -> bool:
    return {one, other} == {"serotonin", "syndrom"}


def test_a_substance_in_the_condition_clause() -> None:
    said = ["serotonin", "syndrome", "from", "fluoxetine"]
    assert condition_words(said, _drug, _shared) == {0}
    assert condition_words(["serotonin", "syndrome"], _drug, _shared) == set()  # (no drug after a link)
    assert condition_words(["rash", "from", "serotonin"], _drug, _shared) == set()  # (the cause itself)


def test_the_condition_line_first(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "serotonin syndrome from fluoxetine", limit=5)
    assert hits[0].code == "G90.81"
    assert "E24.2" not in [h.code for h in hits[:1]]  # (Syndrome, Cushing's, due to, drugs)
