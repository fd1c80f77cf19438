"""A first answer saying a content word the query does not, while it leaves one of the query's unread, ranks
below an Index line reading as much of the query and saying nothing more (issue #10; bot.lookups.index.
unsaid_words): the condition's words are read first, the side words only choose a code of the line. Queries
are made up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.unsaid_words import content_said, title_adds
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # a title sharing the side and the eye names another site ("of optic disc, left eye")
        ("coloboma of iris, left eye", "Q13.0"),
        # a title naming a kind the query does not say ("Sympathetic uveitis, left eye"); the Index's
        # Uveitis (anterior) reads the modifier
        ("anterior uveitis left eye", "H20.9"),
        # an Index line reading only the site ("Minus hand") says a word the query does not
        ("paresthesia of left hand", "R20.2"),
    ],
)
def test_the_line_saying_nothing_unsaid_leads(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the Index's own words for what was said ("lower limb" for the leg) are no words unsaid
        ("cellulitis of the right lower leg", "L03.115"),
        # a combination line reads the query in its own words
        ("chronic obstructive pulmonary disease with pneumonia", "J44.0"),
    ],
)
def test_an_index_line_reading_the_query_in_its_own_words_keeps_its_place(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_title_reading_every_word_keeps_its_place(codebook: CodeBook) -> None:
    # the query says the site the title names: its detail is no word unsaid
    hits = find_codes(codebook, "coloboma of optic disc, left eye", limit=5)
    assert hits and hits[0].code == "H47.312", [(h.code, h.why) for h in hits[:3]]


def test_the_words_compared() -> None:
    assert content_said("coloboma of the iris, right eye") == ["coloboma", "iris", "eye"]  # no side
    assert title_adds("coloboma of the iris right eye", "Coloboma of optic disc, right eye", "title: x") == [
        "optic",
        "disc",
    ]
    # the Tabular's default wording and the encounter add nothing
    assert (
        title_adds("left wrist sprain", "Sprain of unspecified part of left wrist, initial encounter", "")
        == []
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # The Index prints "Fragments, cataract (lens)" as one main term (H59.02-, whose Tabular children read
        # the side and the eye); the query names the main term Cataract (H26.9, no side in its code) and
        # never the fragments: the coder opens the Index at Cataract (guideline I.B.1).
        ("cataract of the right eye", "H26.9"),
        ("cataracts in the left eye", "H26.9"),
    ],
)
def test_a_main_term_said_only_in_part_gives_way_to_the_one_said(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


def test_a_main_term_the_query_tells_in_its_own_words_keeps_its_place(codebook: CodeBook) -> None:
    # "History, family" is the Index's reading of "mom had": its main term reads no word of the query at all,
    # so it is no main term said in part, and the family history stands before the cancer's own line
    hits = find_codes(codebook, "mom had breast cancer", limit=5)
    assert hits and hits[0].code == "Z80.3", [(h.code, h.why) for h in hits[:3]]
