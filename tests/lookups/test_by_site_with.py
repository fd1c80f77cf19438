"""A condition's adjective the Index sends to the site's "with" line (issue #10,
bot.lookups.index.by_site_with): "Hernia, incarcerated - see also Hernia, by site, with obstruction".
Queries are made up here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("incarcerated umbilical hernia", "K42.0"),
        ("strangulated femoral hernia", "K41.30"),
        ("irreducible ventral hernia", "K43.6"),
        ("recurrent right inguinal hernia, incarcerated, no gangrene", "K40.31"),
        ("incarcerated inguinal hernia with gangrene", "K40.40"),  # (the deeper line's complication wins)
        ("gangrenous umbilical hernia", "K42.1"),
    ],
)
def test_the_adjective_is_the_sites_with_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected
