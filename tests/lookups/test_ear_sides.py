"""The chart's Latin sides of the ears (AD / AS / AU) read beside a word of the ear
(bot.lookups.index.ear_sides). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.ear_sides import read_ear_sides
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("tinnitus au", "tinnitus bilateral"),
        ("otitis externa as", "otitis externa left"),
        ("snhl ad", "snhl right"),  # the vocabulary's reading says hearing
        ("hearing loss as a child", "hearing loss as a child"),  # "as" inside a sentence is a word
        ("as with aortic regurgitation", "as with aortic regurgitation"),  # no ear: aortic stenosis
        ("ad with memory loss", "ad with memory loss"),  # no ear: Alzheimer's
    ],
)
def test_latin_sides_are_read_beside_a_word_of_the_ear(text: str, read: str) -> None:
    vocabulary = {"snhl": "sensorineural hearing loss"}
    assert (
        read_ear_sides(text, text, lambda said: " ".join(vocabulary.get(w, w) for w in said.split())) == read
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("suppurative otitis media AD", "H66.41"),
        ("impacted cerumen AU", "H61.23"),
    ],
)
def test_an_ear_side_chooses_the_code_of_that_side(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
