"""A syndrome's name told beside its features is answered with the Index's eponym line
(bot.lookups.index.eponyms). Queries are written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.eponyms import unread_eponym
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thin skin, easy bruising, stretchy joints, Ehlers-Danlos", "Q79.60"),  # Syndrome, Ehlers-Danlos
        ("eczema and low platelets in a boy, Wiskott-Aldrich", "D82.0"),  # Syndrome, Wiskott-Aldrich
    ],
)
def test_a_syndrome_named_beside_its_features_is_answered_first(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]


def test_a_name_is_read_only_with_its_capital_and_not_as_an_english_first_word() -> None:
    eponyms = {"sweet": ("Disease, Sweet's", "L98.2"), "evans": ("Syndrome, Evans", "D69.41")}
    unread = {"sweet", "tooth", "evans"}
    assert unread_eponym("Sweet tooth", unread, eponyms, lambda w: w == "sweet") is None
    assert unread_eponym("craves sweet food, evans", unread, eponyms, lambda w: False) is None
    assert unread_eponym("low platelets, not Evans", unread, eponyms, lambda w: False) is None  # (denied)
    found = unread_eponym("low platelets and hemolysis, Evans", unread, eponyms, lambda w: False)
    assert found is not None and found.code == "D69.41"
