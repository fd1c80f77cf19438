"""The body part the query names, checked against the first answer's title: a title naming another body part
and leaving the query's unsaid gives its place to the next answer of its chapter that says it
(bot.lookups.index.site_agreement). Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.site_agreement import says_the_sites, site_contradicted
from bot.lookups.search import find_codes


def test_a_title_naming_another_site_and_leaving_the_query_s_contradicts_it() -> None:
    assert site_contradicted({"shoulder"}, {"tibia", "knee"}) == (
        frozenset({"shoulder"}),
        frozenset({"tibia", "knee"}),
    )
    assert site_contradicted({"shoulder"}, {"shoulder", "joint"}) == (frozenset(), frozenset())
    assert site_contradicted({"shoulder"}, set()) == (
        frozenset(),
        frozenset(),
    )  # (no site named: no contradiction)


def test_the_answer_taken_says_the_site_and_names_fewer_others() -> None:
    unsaid, extra = frozenset({"ankl"}), frozenset({"knee"})
    assert says_the_sites(unsaid, extra, {"ankl", "ligament"}, {"ankl", "ligament"}, {"ankl", "ligament"})
    assert not says_the_sites(unsaid, extra, {"ankl", "ligament"}, {"knee"}, {"knee"})
    assert not says_the_sites(unsaid, extra, {"ankl"}, {"ankl", "foot"}, {"ankl", "foot"})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # S83.115A is the knee's "anterior dislocation of proximal end of tibia"; the shoulder is said
        ("left shoulder popped out anteriorly", "S43.005A"),
        # S83.421A is the knee's lateral collateral ligament; the ankle's sprain is S93.4-
        ("sprained the lateral ligament of my right ankle", "S93.401A"),
        # "anal" pertains to the anus (WordNet): R85.612 of the anus, not R87.612 of the cervix
        ("anal pap with LSIL", "R85.612"),
    ],
)
def test_the_answer_of_the_site_said_comes_first(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == expected
    assert "the body part said" in hits[0].why
