"""A query answered with nothing is read again as a coder reads it (bot.lookups.search.Searcher._readings):
past narration words ("wakes me up", "last night", "lasting"), an age typed as one word ("9yo"), a measured
value beside its finding ("K 2.9"), then without one word or clause a coder cannot place, or a side a code
without laterality does not use ("both feet"). Noise keeps its refusal. Queries are written for these tests,
not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import main_term_adds, medical_core, says_negation, unused_words
from bot.lookups.search import find_codes


# -- the lexicon and readings (no data needed) ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "core"),
    [
        ("wheezing wakes me up", "wheezing"),  # "up" after a filler word
        ("asthma flare last night", "asthma flare"),  # "last" before a time word
        ("headache lasting 3 days", "headache"),
        ("enuresis in 6yo", "enuresis"),  # an age typed as one word
        ("fever >101 since yesterday", "fever"),
        ("hyponatremia Na 129", "hyponatremia"),  # a measured value with its short name
        ("A1c 6.4, prediabetes", "prediabetes"),
        ("poor appetite, wt loss 10 lbs", "poor appetite, wt loss"),  # a number with its unit, not a value
    ],
)
def test_narration_ages_and_measured_values_are_read_past(query: str, core: str) -> None:
    found = medical_core(query)
    assert found is not None and found.text == core


@pytest.mark.parametrize("query", ["throwing up", "CKD 3", "stage 3 ckd", "test strips box of 50"])
def test_words_that_say_the_condition_are_not_read_past(query: str) -> None:
    # "up" after a word naming the complaint, a stage with nothing else said, a package's count
    assert medical_core(query) is None


def test_a_negation_is_said_anywhere() -> None:
    assert says_negation("rash, no fever") and says_negation("cannot walk") and not says_negation("gout feet")


@pytest.mark.parametrize(
    ("core", "why", "adds"),
    [
        # A subterm below the words said ("leg"): the Index's own default, no reading added.
        (
            "leg cramps",
            "Index: Cramp, leg, sleep related -> G47.62 (vocabulary: leg cramps -> cramp leg)",
            [],
        ),
        # "NOS" marks the default line.
        ("ringing", "Index: Tinnitus NOS -> H93.1- (vocabulary: ringing -> tinnitus)", []),
        # A subterm between the words said adds a reading; so does a main term.
        ("blood screening", "Index: Screening, neoplasm, blood -> Z12.89", ["neoplasm"]),
        ("mirror", "Index: Mirror writing -> F81.0", ["writing"]),
        ("drift", "Index: Drift, ulnar -> M21.83-", ["ulnar"]),  # a kind below a main term alone
        ("walker", "title: Walker folding adjust/fixed", None),
    ],
)
def test_what_an_index_path_adds_down_to_the_words_said(core: str, why: str, adds: list[str] | None) -> None:
    assert main_term_adds(core, why) == adds


def test_a_site_said_in_an_irregular_plural_is_a_site() -> None:
    assert unused_words("gout feet", frozenset({"gout"}), frozenset({"foot"}), lambda _: False) == []


# -- answered ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wheezing wakes me up at night", "R06.2"),
        ("hyponatremea Na 129", "E87.1"),  # a misspelling beside a measured value
        ("hypokalemea K 3.1", "E87.6"),
        ("gout both feet", "M10.9"),  # a side the code does not use
        ("psoriasis both elbows", "L40.9"),
        ("PTSD chronic, retired firefighter", "F43.12"),  # a clause a coder cannot place
        # "Tinnitus NOS": NOS adds no word; "ears", a paired part in the plural with no side, is both (H93.13)
        ("my ears keep ringing day and night", "H93.13"),
    ],
)
def test_a_query_answered_with_nothing_is_read_again(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, (query, hits.notice, [h.why for h in hits])


# -- still refused -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "purple monkey dishwasher",
        "banana 2.9",  # a value beside a word no code book holds
        "banana phone both sides",
        "my stapler keeps jamming all the time",
        "purple giraffe, both sides",
        "no gout both feet",  # a negation is read only past its filler
    ],
)
def test_noise_is_still_refused_after_reading_again(codebook: CodeBook, query: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert list(hits) == [] and "No confident match" in hits.notice
