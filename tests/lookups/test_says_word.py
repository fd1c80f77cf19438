"""`category_detail._says_word`, the test run ~200 times a query (a Tabular word saying a query's word: one word
in two forms, or a compound holding it), is one loop with `_same` and `_holds` inlined for speed (issue #10):
it must answer as the two tests it stands for, on the examples the module names and on the words of the
real Index and Tabular (the words table)."""

from __future__ import annotations

import random

from bot.lookups.codebook import CodeBook
from bot.lookups.index import category_detail
from bot.lookups.index.category_detail import _holds, _same, _says_word, says_word
from bot.lookups.index.words import stem


def _as_two_tests(word: str, printed: tuple[str, ...]) -> bool:
    return any(_same(word, p) or _holds(p, word) for p in printed)


def test_one_word_in_two_forms_and_a_compound_holding_it() -> None:
    assert says_word("diabet", ("diabetic",))  # one word in two forms
    assert says_word("diabetic", ("diabet",))  # either way round
    assert says_word("coliti", ("pancoliti",))  # a compound ending in the query's word
    assert not says_word("pancoliti", ("coliti",))  # not the other way round
    assert not says_word("normal", ("abnormal",))  # a prefix turning it around
    assert not says_word("esophag", ("esophagitis",))  # too many letters more: another word
    assert not says_word("ear", ("earlier",))  # too short a stem to be a form
    assert says_word("ear", ("leg", "ear"))  # the same stem, anywhere among the printed words
    assert not says_word("ear", ())


def test_the_inlined_loop_answers_as_the_two_tests_on_the_real_words(codebook: CodeBook) -> None:
    words = [str(w) for (w,) in codebook.db.execute("SELECT word FROM words WHERE length(word) > 2")]
    stems = sorted({stem(w) for w in words})
    by_start: dict[str, list[str]] = {}
    for s in stems:
        by_start.setdefault(s[:4], []).append(s)
    turning = (*category_detail._TURNING, "pan", "poly")
    rng = random.Random(31)
    said = 0
    for _ in range(20_000):
        word = rng.choice(stems)
        other = rng.choice(by_start[word[:4]]) if rng.random() < 0.7 else rng.choice(stems)
        if rng.random() < 0.2:
            other = rng.choice(turning) + word
        printed = (other,) if rng.random() < 0.7 else (rng.choice(stems), rng.choice(stems), other)
        expected = _as_two_tests(word, printed)
        assert _says_word(word, printed) == expected, (word, printed)
        said += expected
    assert said > 1_000  # the pairs reach the true branches, not only the false ones
