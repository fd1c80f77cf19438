"""A thing the user names read as the kind the External Cause Index lists, by WordNet's broader words
(bot.lookups.index.thing_kinds; issue #10, round 23).

Every query here is made up for these tests (none is in a benchmark set); each expected code is the one the
External Cause Index line named in the comment leads to.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.thing_kinds import may_read_kind
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Bite, bitten by, lizard (nonvenomous): a chameleon is a lizard; the Drug Table's venomous lizard
        # is no poisoning story of an animal's bite
        ("my son got bitten by a chameleon at the pet store", "W59.01XA"),
        # Bite, bitten by, rodent: a chinchilla is a rodent, told doer first
        ("the chinchilla bit me", "W53.81XA"),
        # Contact, with, bird, strike: a heron is a wading bird
        ("struck by a heron", "W61.92XA"),
        # Contact, with, horse, strike: a stallion is a horse, knocked down by it
        ("knocked down by a stallion", "W55.12XA"),
        # Exposure, fire, uncontrolled, in building or structure, sofa: a loveseat is a sofa
        ("the loveseat caught fire and burned me", "X08.10XA"),
        # Bite, bitten by, insect (nonvenomous): a mosquito-like midge is no Drug Table line
        ("bitten by midges at the lake", "W57.XXXA"),
        # Place of occurrence, shop (commercial): a pawnshop is a shop
        ("hurt at the pawnshop", "Y92.513"),
        # Caught, by, in, machinery - see Contact, with, by type: a dumbwaiter is an elevator
        ("my sleeve got caught in a dumbwaiter", "W24.0XXA"),
        # Contact, with, deer - see Contact, with, hoof stock NEC, strike
        ("a deer kicked my husband", "W55.32XA"),
        # Contact, with, chicken, peck: a rooster is a chicken, told doer first
        ("the rooster pecked my hand", "W61.33XA"),
        # Struck by, object, falling: the thing's fall told, the thing a piece of furniture
        ("the bookcase toppled onto my daughter", "W20.8XXA"),
    ],
)
def test_a_thing_is_read_as_the_kind_the_index_lists(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a venomous animal the Drug Table names by its own word keeps its line (Copperhead snake)
        ("bitten by a copperhead", "T63.061A"),
        # the Index names what the thing is (Struck by, ball, ...): left to it, no broader kind
        ("struck in the head by a soccer ball", "W21.02XA"),
        ("stung by a fire ant", "T63.421A"),
        # no thing: a site's adjective ("upper" is also a berth) is no bed
        ("second degree burn of upper back", "T21.23XA"),
        # a drug crushed is the Drug Table's, not a thing's kind
        ("crushed and snorted temazepam", "T42.4X1A"),
        # a place is no thing fallen from: a chapel is a building, yet no fall from one
        ("fell in the chapel", "W19.XXXA"),
    ],
)
def test_a_word_the_index_reads_is_left_as_said(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


def test_only_a_told_event_is_read() -> None:
    assert may_read_kind("bitten by an iguana")
    assert not may_read_kind("bump on my heel")
