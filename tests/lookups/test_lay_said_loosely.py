"""Lay phrases said loosely (issue #10, lay14): a word inside a lay phrase ("heart was racing", "ringing in
both ears": bot.lookups.index.vocabulary), and a paired part named in the plural read as both sides in the
Tabular ("my ears", "eyes": bot.lookups.index.query). Queries are made up for these tests, not taken from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.query import understand
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes

_VOCABULARY = Vocabulary.read(
    "term\tkind\tmeans\n"
    "heart racing\tlay\tpalpitations\n"
    "ringing in ears\tlay\ttinnitus\n"
    "ms\tabbreviation\tmultiple sclerosis\n"
    "ms flare\tabbreviation\tmultiple sclerosis exacerbation\n"
)


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("heart was racing", "palpitations"),
        ("heart is really racing", "heart is really racing"),  # one word inside, no more
        ("ringing in both ears", "tinnitus both"),  # the side kept beside the meaning
        ("ringing in left ear", "tinnitus left"),
        ("heart not racing", "heart not racing"),  # a negation is never read past
    ],
)
def test_a_lay_phrase_is_read_past_one_word_said_inside_it(text: str, means: str) -> None:
    assert _VOCABULARY.expand(text)[0] == means


def test_only_lay_phrases_are_read_past_a_word_inside() -> None:
    assert _VOCABULARY.expand("ms was flare")[0] == "multiple sclerosis was flare"


@pytest.mark.parametrize(
    ("query", "side"),
    [
        ("my ears keep ringing", "bilateral"),
        ("eyes are dry", "bilateral"),
        ("knees ache", "bilateral"),
        ("my left ear rings", ""),  # a side said wins
        ("ear is ringing", ""),
        ("ringing in the ears", ""),  # the idiom's generic plural
        ("both eyes itch", ""),  # said as a side already (Understood.side)
    ],
)
def test_a_pair_named_in_the_plural_is_both_sides(query: str, side: str) -> None:
    assert understand(query, Vocabulary.shipped()).pair_side == side


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("loud ringing in both my ears", "H93.13"),
        ("my heart was racing last night", "R00.2"),
        ("my ears have been ringing for weeks", "H93.13"),
        ("dry eyes", "H04.123"),
        ("my right ear keeps ringing", "H93.11"),
    ],
)
def test_lay_phrases_said_loosely_find_their_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("my son has the stomach flu", "A08.4"),  # Gastroenteritis, viral: not the unspecified
        ("cold sore on my upper lip", "B00.1"),  # Herpes, labialis
        ("i cant smell anything", "R43.0"),  # Anosmia, not Disturbance, sensation, smell
        ("cant taste anything", "R43.2"),  # Ageusia
        ("my kid is bow legged", "M21.169"),  # Genu, varum
        ("smelly feet", "L75.0"),  # Bromhidrosis
    ],
)
def test_lay14_vocabulary_says_the_specific_index_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert expected in [hit.code for hit in find_codes(codebook, query, limit=5)][:1]
