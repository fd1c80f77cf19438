"""A G service's title that uses a single word of several said is "no confident match" (office chatter:
"email the referral coordinator" -> G0534 by "referral"); an Index path, an answer using two words said, or an
item named by its head noun, is kept."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.words import stem
from bot.lookups.search import find_codes
from bot.lookups.thin_titles import one_word_answer


def test_an_answer_saying_one_of_several_words_is_weak() -> None:
    assert one_word_answer(["fasting", "lipids"], frozenset({"fast", "pulse"}))
    assert not one_word_answer(["sore", "throat", "scratchy"], frozenset({"sore", "throat", "pharyng"}))
    assert not one_word_answer(["gout"], frozenset({"gout"}))


@pytest.mark.parametrize("query", ["email the referral coordinator"])
def test_one_incidental_word_gives_no_answer(codebook: CodeBook, query: str) -> None:
    assert list(find_codes(codebook, query)) == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("broken toe", "S92"),
        ("sore throat scratchy", "J02"),
        ("four-point cane", "E01"),
        ("here for radiation treatment", "Z51.0"),
        ("endometrial adenocarcinoma grade 1", "C54.1"),
    ],
)
def test_an_answer_using_more_than_one_word_stays(codebook: CodeBook, query: str, code: str) -> None:
    assert find_codes(codebook, query)[0].code.startswith(code)


def test_a_query_naming_the_payer_keeps_its_answers(codebook: CodeBook) -> None:
    """The payer says a service is asked for: its HCPCS line stays among the answers."""
    found = find_codes(codebook, "medicare AWV returning patient, yearly")
    assert any(hit.code.startswith("G043") for hit in found[:5])


def test_a_path_saying_only_the_word_said_is_kept() -> None:
    """ "hemoptysis x3 overnight" -> Hemoptysis: the one word used is the answer, the rest chart noise."""
    assert not one_word_answer(["hemoptysis", "overnight"], frozenset({stem("hemoptysis")}), says_more=False)
    assert one_word_answer(
        ["coffee", "machine", "broken"], frozenset({"fractur", "traumat"}), says_more=False
    )
