"""A condition described in everyday words is named by the WordNet definition that says them (issue #10,
gloss26): bot.lookups.index.gloss_descriptions reads the shipped glosses as a reverse dictionary, and the search
looks the sense's Index term up. Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.gloss_descriptions import Glosses, glosses, read_by_gloss
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes, searcher_for


@pytest.mark.parametrize(
    ("query", "code", "term"),
    [
        # "prognathism: the condition of having a projecting jaw" ("sticks out" / project, by WordNet's verb)
        ("his bottom jaw sticks out past his top jaw", "M26.19", "prognathism"),
        # "port-wine stain, nevus flammeus: a flat birthmark varying from pink to purple"
        ("a flat pink birthmark across my newborn's forehead", "Q82.5", "nevus flammeus"),
        # "wale, welt, weal, wheal: a raised mark on the skin" -> Index: Wheal -> see Urticaria
        ("skin makes a welt when scratched", "L50.9", "wheal"),
    ],
)
def test_a_condition_said_in_the_words_of_its_definition_is_answered_by_its_index_term(
    codebook: CodeBook, query: str, code: str, term: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]
    assert hits[0].why.startswith(f"WordNet: {term} = "), hits[0].why
    assert "Index: " in hits[0].why  # the Index still decides the code


def test_the_answer_does_not_depend_on_how_many_results_are_asked_for(codebook: CodeBook) -> None:
    query = "his bottom jaw sticks out past his top jaw"
    assert [h.code for h in find_codes(codebook, query, limit=10)][:3] == [
        h.code for h in find_codes(codebook, query, limit=3)
    ]


@pytest.mark.parametrize(
    "query",
    [
        "a purple car in my driveway",  # one word a definition says: too little
        "my jaw and my face",  # body parts only
        "my knee hurts when I climb stairs",  # an ordinary complaint no definition names
    ],
)
def test_a_sentence_no_definition_says_well_is_not_read(codebook: CodeBook, query: str) -> None:
    searcher = searcher_for(codebook)
    sites = searcher.body_sites()
    assert read_by_gloss(query, searcher.wordnet(), lambda w: stem(w) in sites) is None


def test_two_senses_saying_as_much_are_no_reading(codebook: CodeBook) -> None:
    book = Glosses(
        [
            ["1", "noun.state", "alpha", "a flat pink patch"],
            ["2", "noun.state", "beta", "a flat pink patch"],
        ]
    )
    searcher = searcher_for(codebook)
    assert read_by_gloss("flat pink patch on my arm", searcher.wordnet(), lambda w: False, book) is None


def test_the_shipped_glosses_are_conditions_named_by_index_terms() -> None:
    data = resources.files("bot.lookups.data").joinpath("wordnet_glosses.tsv.gz").read_bytes()
    rows = [line.split("\t") for line in gzip.decompress(data).decode().splitlines()]
    assert {r[1] for r in rows} <= {
        "noun.state",
        "noun.process",
        "noun.act",
        "noun.attribute",
        "noun.phenomenon",
        "noun.feeling",
    }
    assert len(data) < 100_000  # compact: only the senses the Index names
    prognathism = next(g for g in glosses().glosses if g.terms == ("prognathism",))
    assert "projecting jaw" in prognathism.text
    assert not any('"' in r[3] for r in rows)  # the examples are dropped


def test_a_word_naming_the_sense_counts_as_two(codebook: CodeBook) -> None:
    # "sleepwalks" is a form of "sleepwalking", a lemma of the sense the Index prints as Somnambulism
    searcher = searcher_for(codebook)
    sites = searcher.body_sites()
    read = read_by_gloss("my nephew sleepwalks", searcher.wordnet(), lambda w: stem(w) in sites)
    assert read is not None and read.term == "somnambulism" and read.said == ("sleepwalks",)
    assert read.why == "WordNet: somnambulism = walking by a person who is asleep"
