"""Queries naming nothing codable get "no confident match" and no codes; a patient's -y adjective reads as the
noun the Index uses (issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.adjectives import noun_forms
from bot.lookups.index.vague import closest_main_terms, says_nothing, unknown_subject
from bot.lookups.search import NO_CONFIDENT_MATCH, find_codes, searcher_for


@pytest.mark.parametrize(
    "query", ["see attached", "test", "pls check", "foo bar baz", "qux zorblat", "wibble"]
)
def test_a_query_naming_nothing_codable_gets_no_codes(codebook: CodeBook, query: str) -> None:
    found = find_codes(codebook, query)
    assert list(found) == []
    assert found.notice.startswith(NO_CONFIDENT_MATCH)


def test_no_confident_match_names_the_closest_main_terms(codebook: CodeBook) -> None:
    found = find_codes(codebook, "fracture zorblat")
    assert list(found) == []
    assert "Closest Index main terms:" in found.notice and "Fracture" in found.notice


@pytest.mark.parametrize("query", ["strep test", "zorblat syndrome", "fracture of zorblat bone"])
def test_a_query_with_a_known_subject_or_a_known_service_is_answered(codebook: CodeBook, query: str) -> None:
    found = find_codes(codebook, query)
    assert list(found) or "CPT" in found.notice


def test_the_rules_on_their_own() -> None:
    assert says_nothing(["see", "attached"]) and not says_nothing(["strep", "test"])
    known = {"pain", "fracture"}.__contains__
    assert unknown_subject(["pain", "zorblat"], known, known)
    assert not unknown_subject(["zorblat", "pain"], known, known)
    assert not unknown_subject(["fracture", "pain", "zorblat"], known, known)


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("itchy", ["itch", "itche", "itchiness"]),
        ("gassy", ["gass", "gas", "gasse", "gassiness"]),
        ("dizzy", ["dizz", "diz", "dizze", "dizziness"]),
        ("grey", []),
        ("dry", []),
        ("swelling", []),
    ],
)
def test_noun_forms_of_a_y_adjective(word: str, forms: list[str]) -> None:
    assert noun_forms(word) == forms


@pytest.mark.parametrize(
    ("query", "expected"),
    [("dizzy", "R42"), ("drowsy", "R40.0"), ("wheezy", "R06.2"), ("gassy", "R14.3")],
)
def test_a_y_adjective_reads_as_the_noun_the_index_uses(
    codebook: CodeBook, query: str, expected: str
) -> None:
    found = find_codes(codebook, query, limit=1)
    assert [h.code for h in found] == [expected]
    assert "word form:" in found[0].why


def test_a_brand_the_vocabulary_reads_is_no_unknown_subject(codebook: CodeBook) -> None:
    """ "levemir": the vocabulary reads the brand (insulin detemir; "detemir" is in no title or Index line):
    the guard is for words nothing reads."""
    assert list(find_codes(codebook, "levemir", limit=1))


def test_closest_main_terms_come_by_how_much_of_the_query_they_hold(codebook: CodeBook) -> None:
    # The main term the query names comes first, not the Index's alphabetical first few holding a word of it
    # ("Barton's fracture, Bennett's fracture, ..." before "Fracture"); the Index's "(see ...)" instructions in
    # a term's modifiers hold no word of the query ("see attached": Bronchorrhagia (see Hemoptysis)).
    found = find_codes(codebook, "fracture zorblat")
    assert found.notice.startswith("No confident match. Closest Index main terms: Fracture,")
    tree = searcher_for(codebook).index_tree()
    assert closest_main_terms(tree, ["see", "attached", "hemoptysis"])[:1] == ["Hemoptysis"]
    assert "Bronchorrhagia" not in closest_main_terms(tree, ["see", "zorblat"])
