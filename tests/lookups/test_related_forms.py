"""A word the data holds as typed whose Index main term is a derivationally related form of it (issue #10,
round 27: bot.lookups.index.word_forms.related_stems, WordNet's derivational pointers from an adjective to a
state's noun, shipped as data/wordnet_forms.tsv.gz): "pregnant" is found by the Index's Pregnancy,
"dependent" by Dependence. Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import words_not_used
from bot.lookups.index.word_forms import related_stems
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes


def test_related_forms_are_wordnets_derivations_between_index_words() -> None:
    assert stem("pregnancy") in related_stems(stem("pregnant"))
    assert stem("dependence") in related_stems(stem("dependent"))
    assert stem("myopia") in related_stems(stem("myopic"))
    # An adjective only, to a noun first a state: no noun's adjective, no verb's noun, no act.
    assert related_stems(stem("pregnancy")) == ()
    assert related_stems(stem("exposed")) == ()  # exposure: first an attribute
    assert related_stems(stem("active")) == ()  # activity: first an act
    assert related_stems("xyzzy") == ()


def test_an_answer_by_the_related_form_uses_the_word() -> None:
    assert (
        words_not_used("opioid dependent", frozenset({"opioid", stem("dependence")}), frozenset(), bool) == []
    )


@pytest.mark.parametrize(
    ("query", "code", "path"),
    [
        # The main term is the noun, not a subterm that prints the adjective (Hysteralgia, pregnant uterus).
        ("pregnant", "Z33.1", "Index: Pregnancy"),
        ("cocaine dependent", "F14.20", "Dependence"),
    ],
)
def test_a_word_reads_as_its_related_index_form(codebook: CodeBook, query: str, code: str, path: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]
    assert path in hits[0].why and "not used" not in hits[0].why, hits[0].why
