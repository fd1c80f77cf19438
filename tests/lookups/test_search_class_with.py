""" "X with Y" where the Index's "with" line under X names Y's class, not Y (issue #10): the line's code first,
Y's code beside it ("COPD with pneumonia" -> J44.0 + J18.9: pneumonia is a lower respiratory infection, as the
Index's "Infection, lung - see also Pneumonia" says). Queries are made up here, not taken from the sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def top(book: CodeBook, query: str, count: int = 2) -> list[str]:
    return [h.code for h in find_codes(book, query, limit=count)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chronic obstructive pulmonary disease with pneumonia", ["J44.0", "J18.9"]),
        ("bronchiectasis and pneumonia", ["J47.0", "J18.9"]),
    ],
)
def test_the_with_line_naming_the_class_comes_first_and_the_member_beside_it(
    codebook: CodeBook, query: str, expected: list[str]
) -> None:
    found = find_codes(codebook, query, limit=2)
    assert [h.code for h in found] == expected
    assert "is one: Index: Infection" in found[0].why


def test_a_with_line_under_a_condition_the_query_did_not_name_is_no_class(codebook: CodeBook) -> None:
    """ "Asthma, with, chronic obstructive bronchitis, with, acute lower respiratory infection" is under COPD."""
    assert "J44.0" not in top(codebook, "asthma with pneumonia", 3)


def test_a_condition_the_class_names_itself_is_not_a_member_reached_through_it(codebook: CodeBook) -> None:
    """ "Infection, urinary tract" is the query's own UTI, not a lower respiratory infection."""
    found = find_codes(codebook, "bronchiectasis with urinary tract infection", limit=3)
    assert not any("is one: Index:" in h.why for h in found)
