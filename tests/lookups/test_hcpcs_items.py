"""A HCPCS item read by its head noun: a package phrase left out, leading modifiers the titles do not print
dropped before the head, and a title whose head names the item a confident answer."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.hcpcs_items import (
    begins_with,
    head_readings,
    read_as_item,
    title_head_names,
    without_package,
)
from bot.lookups.search import find_codes


def groups(text: str) -> list[tuple[str, ...]]:
    return [(w,) for w in text.split()]


def test_a_package_is_no_word_of_the_item() -> None:
    assert without_package(groups("test strips box of 50")) == groups("test strips")
    assert without_package(groups("lancets box 100")) == groups("lancets")
    assert without_package(groups("wipes 50 count")) == groups("wipes")
    assert without_package(groups("insulin per 5 units")) == groups("insulin per 5 units")


def test_modifiers_go_before_the_head() -> None:
    readings = [[g[0] for g in r] for r, _ in head_readings(groups("single point cane"))]
    assert readings == [["point", "cane"], ["cane"]]


def test_a_title_head_is_its_words_before_the_first_comma() -> None:
    assert title_head_names("Cane, includes canes of all materials", frozenset({"cane"}))
    assert not title_head_names("Replacement, handgrip, cane, crutch", frozenset({"cane"}))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("single point cane", "E0100"),
        ("straight cane", "E0100"),
        ("lancets pack of 100", "A4259"),
        ("glucose test strips box of 50", "A4253"),
        ("short acting insulin injection per 5 units", "J1815"),
    ],
)
def test_an_item_named_with_words_its_title_does_not_print(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.why) for h in hits]


def test_a_side_ends_the_modifiers_an_item_may_lose() -> None:
    # "gout left big toe": the words before a side are a diagnosis's, not an item's kind.
    readings = [[g[0] for g in r] for r, _ in head_readings(groups("gout left big toe"))]
    assert readings == [["left", "big", "toe"]]


def test_a_query_that_is_no_item_is_not_read_by_its_last_word(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "gout left big toe", limit=5)
    assert not any(h.code.startswith("E09") for h in hits), [(h.code, h.why) for h in hits]


def test_a_title_begins_with_the_item_only_by_its_whole_first_word() -> None:
    assert begins_with("Lancets, per box of 100", "lancet")
    assert not begins_with("Over-bed table", "over")
    assert not begins_with("Systemic antimicrobials prescribed", "system")


def test_two_linked_concepts_are_no_item(codebook: CodeBook) -> None:
    # "hypoxia on room air": a finding and its circumstance, not an "Air pressure mattress".
    hits = find_codes(codebook, "dyspnea on room air", limit=5)
    assert not any(h.code.startswith("E0") for h in hits[:1]), [(h.code, h.why) for h in hits]


@pytest.mark.parametrize("query", ["gauze pad", "non-stick gauze pad"])
def test_an_abbreviation_inside_an_item_name_is_the_plain_word(codebook: CodeBook, query: str) -> None:
    # "pad" is PAD (peripheral arterial disease) alone, but "Gauze, ..., pad size ..." names a dressing.
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith("A6"), [(h.code, h.why) for h in hits]


def test_the_abbreviation_alone_keeps_its_meaning(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "pad", limit=5)
    assert hits and hits[0].code.startswith("I7"), [(h.code, h.why) for h in hits]


def test_a_sentence_is_no_item_name() -> None:
    assert read_as_item("single point cane")
    assert read_as_item("regular insulin injection per 5 units")
    assert not read_as_item("i need a mirror")  # the filler reading answers it, or refuses it
