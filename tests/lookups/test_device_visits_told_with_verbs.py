"""A visit for a device or an artificial opening told with a verb or front-desk words ("cochlear implant
programming", "ileostomy bag change", "deep brain stimulator adjusted") reads the Index's Fitting (and
adjustment), Management (of) and Attention (to) lines; a complication said beside it keeps the complication.
The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.devices import read_device_visit
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("new reading glasses fitted", "Z46.0"),
        ("retainer adjustment at the orthodontist", "Z46.4"),
        ("here to get her hearing aids adjusted", "Z46.1"),
        ("deep brain stimulator programming", "Z45.42"),
        ("programmable shunt adjustment at neurosurgery", "Z45.41"),
        ("cochlear implant programming", "Z45.321"),
        ("ileostomy bag change", "Z43.2"),
        ("j-tube flush and site care", "Z43.4"),
        ("trach changed today", "Z43.0"),
        ("admitted for ileostomy takedown", "Z43.2"),
    ],
)
def test_a_device_visit_told_with_a_verb(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("colostomy prolapse", "K94.09"),
        ("adjustment disorder with anxiety", "F43.22"),
    ],
)
def test_a_complication_is_not_a_device_visit(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_only_the_device_and_the_act_are_read() -> None:
    assert read_device_visit("tracheostomy site check bleeding") is None
    assert read_device_visit("medication adjusted") is None
    assert read_device_visit("fitting for new eyeglasses") == "glasses adjustment"
