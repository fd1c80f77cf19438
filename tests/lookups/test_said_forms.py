"""An Index subterm printed as several comma-separated forms uses every form the query says whole (issue #10;
bot.lookups.index.said_forms): "Infestation, pubic, louse" reads both words of "pubic louse", so it is no
longer outranked by a line holding one of them and leaving the other unused. Queries are made up for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.said_forms import said_forms
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code", "not_first"),
    [
        # "Infestation, louse -> see Infestation, Pediculus" (B85.2) leaves "pubic" unused
        ("infestation with pubic louse", "B85.3", "B85.2"),
        # "Complaint, bowel, functional" (K59.9) leaves "psychogenic" unused
        ("psychogenic functional bowel complaint", "F45.8", "K59.9"),
    ],
)
def test_the_line_saying_both_forms_leads(codebook: CodeBook, query: str, code: str, not_first: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])
    assert not_first not in [h.code for h in hits[:1]]


def test_the_why_no_longer_says_the_second_form_unused(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "dental septal abscess", limit=5)
    assert hits[0].code == "K04.7"
    assert "Abscess, septal, dental" in hits[0].why and "not used" not in hits[0].why, hits[0].why


def _stems(*words: str) -> dict[str, set[int]]:
    return {stem(w): {i} for i, w in enumerate(words)}


def test_every_form_said_whole_is_used() -> None:
    by_stem = _stems("pubic", "louse", "infestation")
    forms = [frozenset({stem("pubic")}), frozenset({stem("louse")})]
    assert said_forms(forms, by_stem, {0}) == {1}


def test_forms_of_one_word_and_part_said_forms_add_nothing() -> None:
    # "uterus, uteri, uterine": the vocabulary's "uterus" beside the typed "uterine" is one word
    by_stem = _stems("uterus", "uterine")
    forms = [frozenset({stem("uterus")}), frozenset({stem("uteri")}), frozenset({stem("uterine")})]
    assert said_forms(forms, by_stem, {0}) == set()
    # a form said in part ("following cataract surgery" for "cataract") is not said whole
    by_stem = _stems("cystoid", "cataract")
    forms = [frozenset({stem("cystoid")}), frozenset({stem("cataract"), stem("surgery")})]
    assert said_forms(forms, by_stem, {0}) == set()
