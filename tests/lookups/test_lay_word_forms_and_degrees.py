"""Lay complaints with the words patients wrap them in (issue #10, lay15): degree words ("completely", "way
too much") and spelled-out counts before a time word ("for two weeks") are filler; "every time I ..." opens a
clause telling what sets a complaint off; irregular past forms ("bled", "lost", "swollen") read as their
base word; a lay phrase said without its article ("wets bed") or, for two words, the other way round ("voice
hoarse"). Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import medical_core, path_adds, unused_words, without_circumstance
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.index.words import base_stem, stem
from bot.lookups.search import find_codes

_VOCABULARY = Vocabulary.read(
    "term\tkind\tmeans\n"
    "wets the bed\tlay\tenuresis\n"
    "hoarse voice\tlay\thoarseness\n"
    "gums bleed\tlay\tgingivitis\n"
    "finger catches\tlay\ttrigger finger\n"
    "ms\tabbreviation\tmultiple sclerosis\n"
)


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("wets bed", "enuresis"),  # "the" read past as filler
        ("voice hoarse", "hoarseness"),  # two words, the other way round
        ("gums bled", "gingivitis"),  # an irregular past form
    ],
)
def test_a_lay_phrase_is_read_without_its_article_reversed_or_in_an_irregular_form(
    text: str, means: str
) -> None:
    assert _VOCABULARY.expand(text)[0] == means


def test_an_abbreviation_and_a_longer_phrase_are_not_read_loosely() -> None:
    assert _VOCABULARY.expand("bed wets the")[0] == "bed wets the"
    assert _VOCABULARY.expand("sm")[0] == "sm"
    # A phrase with a verb's ending keeps its order: a caught finger is no trigger finger.
    assert _VOCABULARY.expand("caught finger")[0] == "caught finger"


@pytest.mark.parametrize(
    ("word", "base"),
    [("bled", "bleed"), ("lost", "loss"), ("swollen", "swell"), ("torn", "tear"), ("burns", "burn")],
)
def test_an_irregular_past_form_has_its_base_words_stem(word: str, base: str) -> None:
    assert base_stem(word) == stem(base)


@pytest.mark.parametrize(
    ("query", "core"),
    [
        ("my ear has been ringing for two weeks", "ear ringing"),
        ("i totally lost my voice", "lost voice"),
        ("cough way too much at night", "cough"),
        ("toes went completely numb", "toes numb"),
    ],
)
def test_degree_words_and_spelled_out_counts_before_a_time_word_are_filler(query: str, core: str) -> None:
    read = medical_core(query)
    assert read is not None and read.text == core


def test_a_count_word_not_before_a_time_word_is_kept() -> None:
    read = medical_core("my one eye is red")
    assert read is not None and "one" in read.text.split()


def test_every_time_opens_a_clause_telling_what_sets_the_complaint_off() -> None:
    read = without_circumstance("my knee clicks every time i kneel")
    assert read is not None
    assert read.text == "my knee clicks"
    assert read.unused == ("every", "time", "i", "kneel")
    assert without_circumstance("every time") is None  # nothing said before it


def test_an_irregular_form_is_said_by_the_path_it_reads_to() -> None:
    assert path_adds("lost hearing", "Index: Loss, hearing -> H91.9") == []
    assert unused_words("gums bled", frozenset({"gum", "bleed"}), frozenset(), lambda _: False) == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("i have totally lost my sense of smell", "R43.0"),
        ("gums bled every time i floss", "K05.10"),
        ("throat has been sore for two days", "J02.9"),
    ],
)
def test_a_lay_complaint_wrapped_in_everyday_words_is_answered(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [("furuncle in my right armpit", "L02.421"), ("abscess under left underarm", "L02.412")],
)
def test_a_lay_site_word_reads_as_the_index_site_word(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]
