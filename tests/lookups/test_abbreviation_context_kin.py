"""An abbreviation's sense chosen by the note's other words and what they are in a general dictionary
(bot.lookups.index.word_kin), a sure reading's own line, the initials the data's names give ("of ..." left off,
"non-" its own initial), and a thing the Index does not list read as its kind (bot.lookups.index.kinds).
Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.initialisms import _said, compound_parts
from bot.lookups.index.word_kin import WordKin, kin_words
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes
from bot.lookups.wordnet import WordNet


def test_a_context_word_stands_for_its_synonyms_and_kinds(codebook: CodeBook) -> None:
    wordnet = WordNet(codebook.db.conn.execute)
    assert "adolescent" in kin_words("teen", wordnet)
    assert "neonate" in kin_words("preemie", wordnet)
    assert "hallucinogen" in kin_words("lsd", wordnet)
    # (a pair the dictionary holds is read as one: a foster child is a child, not the composer Foster)
    kin = WordKin(wordnet, stem)("in a foster child")
    assert stem("child") in kin and stem("composer") not in kin


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("RAD in an adopted child", "F94.1"),  # child (of childhood), not reactive airway disease
        (
            "h/o CVA with residual dysarthria",
            "I69.322",
        ),  # no other sense by a word's kin alone (speech defect)
        ("FALD in 19 yo after Fontan", "I27.840"),  # the printed abbreviation's own line, not "liver disease"
        ("CNA in 6 wk old infant", "P28.41"),  # "Central neonatal apnea of newborn" said without "of newborn"
        ("DLE on the scalp", "L93.0"),  # the usual sense's "cutaneous" is of the skin the scalp is
    ],
)
def test_the_note_words_kin_choose_the_abbreviation_sense(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_non_gives_its_own_initial_and_a_denied_word_is_no_context() -> None:
    words = frozenset({"gonococcal", "alcoholic", "urethritis"})
    assert compound_parts("nongonococcal", words, frozenset()) == ("non", "gonococcal")
    assert stem("lung") not in _said(", no lung involvement, fever", stem)


def test_a_thing_the_index_does_not_list_is_read_as_its_kind(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "pecked by a rooster", limit=5)
    assert hits and hits[0].code.startswith("W61.33"), [(h.code, h.why) for h in hits]
    assert "rooster -> chicken" in hits[0].why  # (thing_kinds reads it first since ext23; kinds agrees)
    # (a kind that is an eponym's main term is no reading: a parrot owner has no Parrot's disease)
    assert all(h.code != "A50.02" for h in find_codes(codebook, "parakeet owner with lung disease", limit=5))
