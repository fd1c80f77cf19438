"""Round 31: PCS axes a coder reads from the approach definitions and the tables' values."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # an excisional / incisional biopsy cuts down to the site: Open, not the needle biopsy's Percutaneous
        ("excisional biopsy left axillary lymph node", "07B60ZX"),
        ("incisional biopsy of left breast", "0HBU0ZX"),
        ("excisional biopsy of right thigh subcutaneous mass", "0JBL0ZX"),
        # on the skin it is External, as the table offers only that
        ("excisional biopsy of back skin lesion", "0HB6XZX"),
        # a biopsy told with no approach is still the needle's
        ("biopsy right inguinal lymph node", "07BH3ZX"),
        # "incisional hernia" is a kind of hernia, no cut said of a biopsy
        ("open incisional hernia repair, no mesh", "0WQF0ZZ"),
    ],
)
def test_excisional_biopsy_is_open(codebook: CodeBook, query: str, code: str) -> None:
    assert _first(codebook, query) == code
