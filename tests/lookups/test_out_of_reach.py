"""What is out of reach, said so (issue #10, round 40): a line of chat words only gets no code; a service
told by the first unit of its time is CPT's. A place, a body part or an injury told with the same words stays
a coding question. Queries are made up here."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.chat_only import chat_only
from bot.lookups.index.cpt_kinds import cpt_kind
from bot.lookups.index.first_unit import says_first_unit
from bot.lookups.search import find_codes
from bot.lookups.wordnet import Sense

_BODY = (Sense(1, "noun.body", ("back",), ()),)
_THING = (Sense(2, "noun.artifact", ("elevator",), ()),)


def _senses(word: str) -> tuple[Sense, ...]:
    return _BODY if word == "back" else _THING


@pytest.mark.parametrize(
    ("line", "chat"),
    [
        ("the elevator on 2 is broken", True),
        ("testing 4 5 6", True),
        ("ok thanks again", True),
        ("broken back again", False),  # a body part: a fracture
        ("in the parking garage", False),  # a place of occurrence alone: Y92
        ("broken again", False),  # (two words: a coding question's shorthand)
        ("the elevator door broke my finger", False),  # words no chat list holds
    ],
)
def test_a_line_of_chat_words_only(line: str, chat: bool) -> None:
    assert chat_only(line.split(), frozenset({"parking", "garage"}), _senses) is chat


@pytest.mark.parametrize("query", ["the elevator on 2 is broken", "testing 4 5 6"])
def test_a_line_of_chat_words_gets_no_code(codebook: CodeBook, query: str) -> None:
    found = find_codes(codebook, query)
    assert list(found) == [] and "No confident match" in found.notice


@pytest.mark.parametrize(
    ("query", "titled"), [("broken back again", "fracture"), ("in a parking garage", "place of occurrence")]
)
def test_a_place_or_a_body_part_among_chat_words_is_still_coded(
    codebook: CodeBook, query: str, titled: str
) -> None:
    found = find_codes(codebook, query)
    assert found and titled in found[0].title.lower()


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("dry needling, first 15 minutes", True),
        ("infusion initial 30 min", True),
        ("first hour", True),
        ("each additional 15 minutes", False),  # (read by cpt_kinds' timed services)
        ("first trimester", False),
        ("first 15 pounds", False),
    ],
)
def test_the_first_unit_of_a_services_time(text: str, first: bool) -> None:
    assert says_first_unit(text) is first


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("acupuncture, first 15 minutes", "timed service"),
        ("my first hour at the gym", ""),  # a person's story
        ("TCM moderate complexity seen within 14 days", "timed service"),  # the service's time window
        ("nodule seen on CT", ""),  # a finding seen: a story
    ],
)
def test_a_service_by_the_first_unit_of_its_time(query: str, kind: str) -> None:
    assert cpt_kind(query) == kind


def test_the_first_unit_of_a_services_time_gets_the_cpt_notice(codebook: CodeBook) -> None:
    found = find_codes(codebook, "acupuncture, first 15 minutes")
    assert "CPT" in found.notice
