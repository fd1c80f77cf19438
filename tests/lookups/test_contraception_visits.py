"""A birth-control visit told in office words reads the Index's Contraception, contraceptive line of its act
(initial prescription, maintenance, emergency) and method (bot.lookups.index.contraception). The queries
are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.contraception import read_contraception
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wants to start the patch", "Z30.016"),
        ("nuvaring refill", "Z30.44"),
        ("here for plan b", "Z30.012"),
        ("new start ocp", "Z30.011"),
        ("nexplanon removal", "Z30.46"),
        # an IUD: the Contraception, device line of the act (replacement, removal, checking)
        ("paragard out and new one put in", "Z30.433"),
        ("iud strings check", "Z30.431"),
    ],
)
def test_a_birth_control_visit_reads_its_act_and_method(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, systems=["cm"], limit=1)
    assert hits and hits[0].code == expected


def test_a_sentence_saying_more_or_no_birth_control_is_not_read() -> None:
    assert read_contraception("starting pills for blood pressure") is None
    assert read_contraception("on birth control pills, heavy bleeding") is None
