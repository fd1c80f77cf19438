"""Lay complaints told as sentences (issue #10, lay13): a lay phrase said in another tense of its words
(bot.lookups.index.vocabulary), the clause telling what sets a complaint off read past (bot.lookups.filler
.without_circumstance), "won't heal / clear up" read past, and the lay13 vocabulary block. Queries are made up
for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import Core, medical_core, without_circumstance
from bot.lookups.index.vocabulary import Vocabulary
from bot.lookups.search import find_codes

_VOCABULARY = Vocabulary.read(
    "term\tkind\tmeans\n"
    "jaw clicking\tlay\tdisorder temporomandibular joint\n"
    "hands shake\tlay\ttremor\n"
    "ms\tabbreviation\tmultiple sclerosis\n"
)


@pytest.mark.parametrize(
    ("text", "means"),
    [
        ("jaw clicks", "disorder temporomandibular joint"),
        ("jaw clicked", "disorder temporomandibular joint"),
        ("hands shaking", "tremor"),
        ("hands shakes", "tremor"),
    ],
)
def test_a_lay_phrase_is_read_in_any_tense_of_its_words(text: str, means: str) -> None:
    assert _VOCABULARY.expand(text)[0] == means


def test_only_lay_phrases_of_two_words_or_more_are_read_by_their_words_stems() -> None:
    assert _VOCABULARY.expand("jaw click")[0] == "disorder temporomandibular joint"
    assert _VOCABULARY.expand("msing")[0] == "msing"  # an abbreviation only as written
    assert _VOCABULARY.expand("jaw hurts")[0] == "jaw hurts"


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("my knee pops when i squat", Core("my knee pops", ("when", "i", "squat"))),
        (
            "wheezing whenever she runs, worse at night",
            Core("wheezing, worse at night", ("whenever", "she", "runs")),
        ),
        ("toddler vomits after every bottle", Core("toddler vomits", ("after", "every", "bottle"))),
        ("gets hives while mowing", Core("gets hives", ("while", "mowing"))),
    ],
)
def test_the_clause_telling_what_sets_a_complaint_off_is_cut(text: str, core: Core) -> None:
    assert without_circumstance(text) == core


@pytest.mark.parametrize(
    "text", ["when i stand i get dizzy", "swelling of the left ankle", "after a fall, when"]
)
def test_no_cut_without_a_complaint_before_the_clause(text: str) -> None:
    assert without_circumstance(text) is None


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("sore on my lip that won't heal", "sore lip"),
        ("patch on my cheek that doesnt clear up", "patch cheek"),
        ("itching that wont let up", "itching"),
    ],
)
def test_a_complaint_that_persists_is_read_past_its_persistence(text: str, core: str) -> None:
    read = medical_core(text)
    assert read is not None and read.text == core


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the trigger clause read past
        ("my hands shake while I write", "R25.1"),
        ("wheezing when I exercise", "R06.2"),
        ("chest feels tight whenever I run", "R07.89"),
        # the complaint as said before the clause, a lay phrase whole ("bulge in groin")
        ("bulge in my groin when I lift", "K40.90"),
        # another tense of a lay phrase
        ("my eyelid twitched all week", "R25.3"),
        # the lay13 block: a condition described, a part said in everyday words
        ("sandy eyes", "H04.123"),  # eyes said in the plural: both (lay14)
        ("bulge at the belly button", "K42.9"),
        ("seeing two of everything", "H53.2"),
        ("my thyroid is underactive", "E03.9"),
        ("toenail growing into the skin", "L60.0"),
        ("tweaked my back", "S39.012A"),
    ],
)
def test_lay_complaints_told_as_sentences_find_their_index_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_the_clause_read_past_is_said_as_not_used(codebook: CodeBook) -> None:
    first = find_codes(codebook, "bulge in my groin when I lift", limit=5)[0]
    assert "not used: when, i, lift" in first.why


def test_a_complaint_said_to_keep_bothering_is_read_past() -> None:
    """ "psoriasis that keeps bothering me": the bother is the telling, not a word of the condition (lay23)."""
    assert medical_core("psoriasis that keeps bothering me") == Core(
        "psoriasis", ("that", "keeps", "bothering", "me"), True
    )


def test_never_says_the_negation_of_a_lay_phrase(codebook: CodeBook) -> None:
    """ "never had a period" is the lay phrase "no period" (Amenorrhea), primary among its lines (lay23)."""
    hits = find_codes(codebook, "my daughter is 17 and has never had a period", limit=5)
    assert [h.code for h in hits[:2]] == ["N91.2", "N91.0"], [(h.code, h.why) for h in hits[:3]]
