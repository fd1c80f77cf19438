"""The Tabular's inclusion terms said where the first answer's title leaves the value open
(bot.lookups.index.said_inclusion; guideline I.A.11), and the sites the Index's references read a part as
(bot.lookups.index.site_parts: "Deformity, tibia - see also ..., lower leg"), read by
the said axis when the query's own words say no value (issue #10). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups import derived
from bot.lookups.codebook import CodeBook
from bot.lookups.index import site_parts
from bot.lookups.index.said_inclusion import Sibling, inclusion_choice
from bot.lookups.index.site_parts import related_sites
from bot.lookups.index.words import content_stems
from bot.lookups.search import find_codes

_CANDIDIASIS = [
    Sibling("B379", "Candidiasis, unspecified", ()),
    Sibling("B3731", "Acute candidiasis of vulva and vagina", ("Candidiasis of vulva and vagina NOS",)),
    Sibling(
        "B3732", "Chronic candidiasis of vulva and vagina", ("Recurrent candidiasis of vulva and vagina",)
    ),
]


def test_an_inclusion_term_said_whole_but_for_another_member_of_its_list_of_sites() -> None:
    choice = inclusion_choice(
        ("B379", "Candidiasis, unspecified"), _CANDIDIASIS, content_stems("candidiasis vaginal")
    )
    assert choice is not None and choice.code == "B3731"
    assert choice.term == "Candidiasis of vulva and vagina NOS"


def test_an_unsaid_word_of_the_term_itself_is_no_member_of_a_list() -> None:
    # "recurrent" is not said: B37.32's term is not read, and B37.31's still is
    family = _CANDIDIASIS[:1] + _CANDIDIASIS[2:]
    assert (
        inclusion_choice(("B379", "Candidiasis, unspecified"), family, content_stems("vaginal candidiasis"))
        is None
    )


def test_a_title_leaving_nothing_open_reads_no_inclusion_term() -> None:
    first = ("B3731", "Acute candidiasis of vulva and vagina")
    assert inclusion_choice(first, _CANDIDIASIS, content_stems("recurrent vaginal candidiasis")) is None


def test_two_codes_said_as_much_choose_none() -> None:
    family = [
        Sibling("X000", "Disorder, unspecified", ()),
        Sibling("X001", "Disorder of a", ("Disorder of foot NOS",)),
        Sibling("X002", "Disorder of b", ("Disorder of foot and ankle",)),
    ]
    assert inclusion_choice(("X000", "Disorder, unspecified"), family, content_stems("disorder foot")) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # B37.9 reached by the Index; B37.31's inclusion term "Candidiasis of vulva and vagina NOS" says it
        ("candidiasis, vaginal", "B37.31"),
        ("vaginal yeast infektion", "B37.31"),
    ],
)
def test_the_inclusion_term_said(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_the_why_names_the_inclusion_term(codebook: CodeBook) -> None:
    first = find_codes(codebook, "candidiasis, vaginal", limit=5)[0]
    assert "inclusion term Candidiasis of vulva and vagina NOS" in first.why


def test_the_index_reads_a_bone_as_its_region(codebook: CodeBook) -> None:
    memo: dict[object, object] = {}
    assert content_stems("lower leg") <= related_sites(codebook.db.conn, memo, content_stems("tibia"))
    assert "thigh" in related_sites(codebook.db.conn, memo, content_stems("femur"))
    # a side is no site, and a reference still naming the part is no reading of it
    assert not related_sites(codebook.db.conn, memo, content_stems("left"))
    assert "hand" not in related_sites(codebook.db.conn, memo, content_stems("joint"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the said axis: K57.92 "intestine, part unspecified"; the Index reads the colon as the large intestine
        ("diverticulitis of the sigmoid colon", "K57.32"),
        ("diverticulosis of the cecum", "K57.30"),
    ],
)
def test_the_site_the_index_reads_a_part_as(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code == expected


def test_the_site_part_references_are_stored_by_the_data_build(codebook: CodeBook) -> None:
    """The data build stores the Index's site-part references (derived table site_parts), so the first query
    that reads them in a process does not walk the Index's references (about 0.25 s of CPU)."""
    stored = derived.stored(codebook.db.conn, site_parts.SITE_PARTS)
    assert stored is not None
    relations = site_parts.decode_relations(stored)
    assert relations == site_parts.build_relations(codebook.db.conn)
    assert any("tibia" in part for pairs in relations.values() for part, _ in pairs)
