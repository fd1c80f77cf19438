"""A query's own negation ("no LOC", "w/o esophagitis", "without nail damage"): the negated words are no words a
path must hold, a code whose title says them ranks below, and the Tabular's "without ..." child is the one the
query says. Queries are written from the Index's and the Tabular's own words, not taken from the benchmark
sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import affirms_what_is_negated, split_negation
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes


def first(book: CodeBook, query: str) -> str:
    found = find_codes(book, query, limit=1)
    assert found, f"nothing for {query!r}"
    return found[0].code


def test_a_negation_covers_the_words_of_its_clause_only() -> None:
    read = understand("chronic migraine w/o aura, intractable", Vocabulary.shipped())
    kept, refused = split_negation(read.words, read.negated)
    assert refused == frozenset({"aura"})
    assert "intractable" in kept
    read = understand("epidural hematoma no loc", Vocabulary.shipped())
    assert split_negation(read.words, read.negated) == (
        ["epidural", "hematoma"],
        frozenset({"loss", "consciousness"}),
    )


def test_a_title_affirms_a_negated_word_only_outside_its_own_negations() -> None:
    refused = frozenset({"nail", "damag"})
    assert affirms_what_is_negated(
        "Laceration without foreign body of right thumb with damage to nail", refused
    )
    assert not affirms_what_is_negated(
        "Laceration without foreign body of right thumb without damage to nail", refused
    )
    assert not affirms_what_is_negated("Laceration of right thumb with damage to nail", frozenset())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "Hematoma, epidural" -> S06.4X-: the Tabular's "without loss of consciousness", not the path through
        # "Loss, consciousness" nor the child saying it.
        ("epidural hematoma no LOC", "S06.4X0A"),
        # "Laceration, thumb, right" (S61.011): not "..., with, damage to nail".
        ("laceration of right thumb with no nail damage", "S61.011A"),
        ("puncture wound of left foot no foreign body", "S91.332A"),
        ("diverticulitis of large intestine no bleeding", "K57.32"),
        # "Asthma" -> J45.909: the Tabular's sibling "with status asthmaticus" says the words negated.
        ("asthma without status asthmaticus", "J45.909"),
        # An Index line saying "without" still answers, and what follows its clause is not negated.
        ("manic episode without psychotic symptoms mild", "F30.11"),
    ],
)
def test_what_the_query_negates_leads_to_the_code_without_it(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert first(codebook, query) == expected
