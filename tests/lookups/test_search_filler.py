"""Queries told as a sentence (bot.lookups.filler): a condition inside everyday words ("cough that won't go
away", "rash on my son's arm", "hypoxia on room air") is answered by its medical core, saying which words
were not used; nonsense and off-topic text with filler words around it is still refused. Queries are
written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import medical_core, path_adds
from bot.lookups.search import find_codes


# -- the core of a sentence (no data needed) -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "core", "unused"),
    [
        ("cough that won't go away", "cough", ("that", "won't", "go", "away")),
        ("headache that keeps coming back", "headache", ("that", "keeps", "coming", "back")),
        ("rash on my sons arm", "rash arm", ("on", "my", "sons")),
        ("hypoxia on room air", "hypoxia", ("on", "room", "air")),
        ("nocturia 3-4 times nightly", "nocturia", ("3-4", "times", "nightly")),
        ("gallstones noted on CT", "gallstones", ("noted", "on", "ct")),
        ("pt reports back pain", "back pain", ("pt", "reports")),
        # Clauses stay apart, so the search can still answer the best one.
        ("cough for weeks, wheezing at night", "cough, wheezing", ("for", "weeks", "at", "night")),
    ],
)
def test_the_core_is_what_is_left_after_the_filler(query: str, core: str, unused: tuple[str, ...]) -> None:
    found = medical_core(query)
    assert found is not None and (found.text, found.unused) == (core, unused)


@pytest.mark.parametrize(
    "query",
    [
        "back pain",  # nothing to read past
        "no cough that won't go away",  # a negation is never read past
        "patient denies chest pain",
        "toddler won't eat",  # a negative auxiliary is a negation ...
        "my son cannot walk",
        # ("cough that won't go away" reads past it: the complaint persists)
        "what is it that you want",  # nothing left
    ],
)
def test_no_core_without_filler_with_a_negation_or_with_nothing_left(query: str) -> None:
    assert medical_core(query) is None


@pytest.mark.parametrize(
    ("core", "why", "adds"),
    [
        ("cough", "Index: Cough -> R05.9", []),
        ("hives", "Index: Hives -> see Urticaria -> L50.9 (vocabulary: hives -> urticaria)", []),
        ("mirror", "Index: Mirror writing -> F81.0", ["writing"]),
        ("bottle", "Index: Leather bottle stomach -> C16.9", ["leather", "stomach"]),
        # A table's column and a non-essential modifier are not the path's own words.
        ("oxycodone", "Drug Table: Oxycodone, poisoning, accidental (unintentional) -> T40.2X1", []),
        ("walker", "title: Walker folding adjust/fixed (vocabulary: walker -> walker)", None),
    ],
)
def test_what_an_index_path_adds_to_the_core(core: str, why: str, adds: list[str] | None) -> None:
    assert path_adds(core, why) == adds


# -- answered by the core --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected", "unused"),
    [
        ("sneezing that won't go away", "R06.7", "that, won't, go, away"),
        ("wheezing that won't go away", "R06.2", "that, won't, go, away"),
        ("palpitations that keep coming back", "R00.2", "that, keep, coming, back"),
        ("hypoxia on room air", "R09.02", "room, air"),
        ("nocturia 3-4 times nightly", "R35.1", "3-4, times, nightly"),
        ("my wife has vertigo", "R42", "my, wife, has"),
        # A body site the code is not subdivided by is left unused, as a coder leaves it.
        ("rash on my sons arm", "R21", "my, sons, arm"),
        # A query of clauses: the best-answered clause, judged on its own words.
        ("cough for weeks, wheezing at night", "R05.9", "weeks, night, wheezing"),
        # An item the vocabulary knows, answered by its HCPCS title.
        ("i need a walker", "E0135", "i, need, a"),
    ],
)
def test_a_condition_told_as_a_sentence_is_answered_saying_what_was_not_used(
    codebook: CodeBook, query: str, expected: str, unused: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (query, hits.notice)
    assert hits[0].why.endswith(f"(not used: {unused})")


def test_a_cough_that_will_not_go_away_is_the_index_persistent_cough(codebook: CodeBook) -> None:
    # The lay vocabulary reads it whole, in any tense ("cough that wont go away" -> Cough, chronic; the Index
    # also lists Cough, persistent R05.3), so it is no longer a sentence read past its filler.
    hits = find_codes(codebook, "cough that won't go away", limit=5)
    assert hits and hits[0].code == "R05.3"


# -- still refused ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "who took my stapler",  # a word outside the filler lexicon is never read past
        "my printer keeps jamming at work",
        "coffee is cold again today",  # "coffee" is left unused by the common cold: not answered
        "i feel bad today",  # a lone word a title happens to hold ("Bad sleep habits") is no answer
        "can you help me",
        "what time is it",
        "no sneezing that won't go away",
        # The core's answer must use its words ("keys", "laptop", "car" are not used by what was found) ...
        "i lost my keys again",
        "my laptop is slow",
        "my car broke down again",
        # ... through a path adding no word of its own, or a title only for a word the vocabulary knows.
        "i need a mirror",  # Mirror writing
        "i need a bottle",  # Leather bottle stomach
        "i need a bicycle",  # Explosion of bicycle tire
    ],
)
def test_nonsense_and_negations_inside_filler_are_still_refused(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert list(hits) == [] and "No confident match" in hits.notice
