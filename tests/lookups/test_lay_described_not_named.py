"""Lay descriptions of a condition that do not name it (issue #10, lay16): the vocabulary's lay rows map what a
patient sees or feels to the Index's main term and subterms, and a lay phrase is still known when the query
reader has dropped one of its words ("feeling", "my") or the patient put an article inside it ("on the white of
my eye"). Queries are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes

_VOCABULARY = Vocabulary.read(
    "term\tkind\tmeans\n"
    "creepy crawly feeling in my legs\tlay\tsyndrome restless legs\n"
    "blood spot on the white of my eye\tlay\themorrhage subconjunctival\n"
    "the runs\tlay\tdiarrhea\n"
)


@pytest.mark.parametrize(
    ("text", "means"),
    [
        # "feeling" and "my" are dropped by the query reader before the vocabulary reads the text
        ("creepy crawly in legs", "syndrome restless legs"),
        # an article said inside the phrase, where the row has another or none
        ("blood spot on the white of eye", "hemorrhage subconjunctival"),
        ("blood spot on white of her eye", "hemorrhage subconjunctival"),
    ],
)
def test_a_lay_phrase_is_known_without_the_words_the_reader_drops_and_with_its_articles_moved(
    text: str, means: str
) -> None:
    assert _VOCABULARY.expand(text)[0] == means


def test_an_article_does_not_start_or_end_a_loosely_read_phrase() -> None:
    # "the runs" is only its own row; "runs" alone, or a phrase ending on an article, is no lay phrase.
    assert _VOCABULARY.expand("runs")[0] == "runs"
    assert _VOCABULARY.expand("blood spot on the white of the")[0] == "blood spot on the white of the"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("creepy crawly feeling in my legs at bedtime", "G25.81"),
        ("broke a blood vessel in the white of my eye", "H11.30"),
        ("smooth round bald patch on my scalp", "L63.9"),
        ("white flakes on my shoulders from my scalp", "L21.0"),
        ("face has honey colored crusts", "L01.00"),
        ("thick yellow crumbly toenails", "B35.1"),
        ("bag of worms in my scrotum", "I86.1"),
        ("stabbing pain in my heel", "M72.20"),
        ("fishy smell down there", "N76.0"),
    ],
)
def test_a_condition_described_without_its_name_is_answered(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]
