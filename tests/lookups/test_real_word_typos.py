"""A misspelling that lands on another real word, read as the word one letter away that forms an Index line with
the query's other words (bot.lookups.index.real_word_typos). Queries are written for these tests, not taken from
the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.real_word_typos import one_letter_off, read_real_word_typo
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hay fewer since may", "J30.1"),  # Fever, hay: no Index line says "fewer"
        ("chest paint, worse lying flat", "R07.9"),  # Pain, chest
        ("wrist drip, right", "M21.331"),  # Drop, wrist
    ],
)
def test_a_typo_that_is_another_word_reads_as_the_word_that_forms_an_index_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
    assert "spelling: " in hits[0].why


def test_a_word_that_forms_an_index_line_as_typed_is_kept() -> None:
    lines = {("hammer", "toe"), ("stone", "kidney")}

    def together(one: str, other: str) -> bool:
        return (one, other) in lines or (other, one) in lines

    near = {"toe": ["tie"], "hammer": ["hamper"], "stove": ["stone", "store"], "kidney": []}
    assert read_real_word_typo(["hammer", "toe"], lambda w: near.get(w, []), together, stem) is None
    typo = read_real_word_typo(["kidney", "stove"], lambda w: near.get(w, []), together, stem)
    assert typo is not None and (typo.typed, typo.meant, typo.beside) == ("stove", "stone", "kidney")
    assert one_letter_off("statue", "stature") and one_letter_off("vains", "veins")
    assert one_letter_off("psuedo", "pseudo") and not one_letter_off("cancer", "canker sore")


def test_the_word_a_typo_forms_its_line_with_is_said_beside_it_in_its_clause() -> None:
    lines = {("care", "cold")}

    def together(one: str, other: str) -> bool:
        return (one, other) in lines or (other, one) in lines

    words = ["core", "temp", "high", ",", "cold", "exposure"]  # ("core" is no "care" of a word far off)
    assert read_real_word_typo(words, lambda w: ["care"] if w == "core" else [], together, stem) is None
    # ("amputation in the past": a connective between them keeps "past" from being a "part" of the amputation)
    lines.add(("part", "amputation"))
    words = ["amputation", "", "", "past"]
    assert read_real_word_typo(words, lambda w: ["part"] if w == "past" else [], together, stem) is None


def test_a_word_with_no_word_beside_it_asks_for_no_candidates() -> None:
    # (speed, no answer changes: with no word beside it in its clause no near word could form a line with one,
    # so the words near it in shape are not read)
    asked: list[str] = []

    def candidates(word: str) -> list[str]:
        asked.append(word)
        return []

    words = ["amputation", "", "", "past", ",", "stove", "kidney"]
    assert read_real_word_typo(words, candidates, lambda one, other: False, stem) is None
    assert asked == ["stove", "kidney"]
