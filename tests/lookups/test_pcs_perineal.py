"""A repaired perineal laceration is the Repair of the layer its degree tears (bot.lookups.index.pcs_perineal);
the laceration said without its repair stays the diagnosis."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("repair of first degree perineal laceration", "0HQ9XZZ"),
        ("third degree perineal tear sutured after vaginal delivery", "0DQR0ZZ"),
        ("4th degree laceration repair after forceps delivery", "0DQP0ZZ"),
        ("second degree perineal laceration during delivery", "O70.1"),  # no repair said
    ],
)
def test_a_repaired_perineal_laceration_is_the_repair_of_its_layer(
    codebook: CodeBook, query: str, code: str
) -> None:
    assert find_codes(codebook, query)[0].code == code
