"""A query the lookup answers with nothing is opened at each of its words as an Index main term, its other words
followed down the subterms, and answered by the line where the path stops when that line prints a code
(bot.lookups.index.main_term_walk; the Index's conventions, guideline I.A.1-I.A.3). When no main term reads, or
the words around name everyday things, the answer stays "no confident match". Queries are written for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.main_term_walk import adverb_bases, in_compound, walks
from bot.lookups.index.rare_main_terms import said_stems
from bot.lookups.search import NO_CONFIDENT_MATCH, find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "expected", "path"),
    [
        # Bends T70.3 (the Index's main term; "diver" and "fast" read nothing below it)
        ("diver came up too fast and got the bends", "T70.3XXA", "Bends"),
        # Seizure(s) R56.9: the words around it name no subterm
        ("first ever seizure, witnessed by his wife, tonic clonic", "R56.9", "Seizure"),
        # Malnutrition, degree, mild E44.1: "mildly" is the adverb of the subterm, read past the heading "degree"
        ("elderly aunt mildly malnourished per the dietitian", "E44.1", "Malnutrition, degree, mild"),
        # Kink, kinking, vein(s) I87.8: the inferior vena cava is a vein (WordNet), the Index names the kind
        ("kinking of the inferior vena cava seen on CT", "I87.8", "Kink, kinking, vein"),
    ],
)
def test_a_word_of_the_query_opens_its_main_term(
    codebook: CodeBook, query: str, expected: str, path: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (hits.notice, [(h.code, h.why) for h in hits])
    assert f"main term opened: {path}" in hits[0].why


@pytest.mark.parametrize(
    "query",
    [
        "cold brew coffee order",  # Cold J00: the words around are a drink and an order
        "the quick brown fox jumps",  # Brown's sheath syndrome: an eponym opened only by a possessive
        "bathroom scale needs new batteries",  # Scales R23.4: "scale" names no state
        "little brown jug",  # Little's disease: no possessive said
        "no seizure activity observed",  # a word denied opens no main term
    ],
)
def test_nothing_is_answered_when_no_main_term_reads(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert not hits and hits.notice.startswith(NO_CONFIDENT_MATCH), [(h.code, h.why) for h in hits]


def test_a_compound_the_query_says_opens_no_main_term_of_one_of_its_words(codebook: CodeBook) -> None:
    # "cold sweat" is one WordNet noun (a state): the Index's Cold (J00, the common cold) is not what it says
    hits = find_codes(codebook, "cold sweats at night and a pounding heart, feels like dying", limit=5)
    assert not hits or hits[0].code != "J00", [(h.code, h.why) for h in hits]
    searcher = searcher_for(codebook)
    query = "cold sweats and pounding heart"
    tokens = query.split()
    found = walks(
        searcher.index_tree(),
        ["cold", "sweats", "pounding", "heart"],
        searcher._other_forms,
        said_stems(query),
        lambda typed, form: True,
        lambda word: False,
    )
    cold = [w for w in found if w.line.main.term == "Cold"]
    assert cold and in_compound(cold[0], tokens, searcher.wordnet().senses)


def test_a_main_term_s_other_parts_are_said_or_forms_of_its_word(codebook: CodeBook) -> None:
    # "Sadness, postpartal" is opened by "sadness" only when the query says postpartal: a main term printed
    # with a comma names both; "Kink, kinking" prints another form of its first word
    searcher = searcher_for(codebook)
    sad = walks(
        searcher.index_tree(),
        ["sadness", "divorce"],
        searcher._other_forms,
        said_stems("sadness since my divorce"),
        lambda typed, form: True,
        lambda word: False,
    )
    assert all("postpartal" not in w.line.label for w in sad)


def test_adverbs_read_as_their_adjectives() -> None:
    english = {"mild", "severe", "partial", "ear", "fami"}.__contains__
    found = adverb_bases(["mildly", "severely", "partially", "early", "family", "mild"], english)
    assert found == frozenset({"mild", "sever", "partial"})
