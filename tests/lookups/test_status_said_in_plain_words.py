"""A history, an absence or a long-term drug said in plain words: the history said after the condition or
as a count of times had ("kidney stones, hx", "had UTIs several times"), a part lost ("lost her right leg in a
car accident years ago"), a drug taken long term said with its route ("long term oral metformin") read the
Index's History, personal; Absence, by site, acquired; Long-term drug therapy lines. A condition said alone
stays the condition. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reasons import plain_absence, plain_history
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kidney stones, hx", "Z87.442"),
        ("had UTIs several times", "Z87.440"),
        ("lost her right leg in a car accident years ago", "Z89.611"),
        ("missing left hand after a work injury", "Z89.112"),
        ("acquired absence of spleen after splenectomy", "Z90.81"),
        ("long term oral metformin", "Z79.84"),
        ("long term oral prednisone", "Z79.52"),
        ("here to have her hearing aids checked", "Z46.1"),
        ("history of DVT, not on anticoagulation now", "Z86.718"),
        ("hx of gestational diabetes, not pregnant now", "Z86.32"),
        ("long term opioid use for knee pain", "Z79.891"),  # the use said, the reason after it
        ("long term tamoxifen", "Z79.810"),  # the Index's own line of the drug
        ("mom died of breast cancer at 50 - family hx", "Z80.3"),
        ("pneumonia", "J18.9"),  # the disease treated now
        ("missing doses of insulin", "T38.3X6A"),  # doses missed are an underdosing
    ],
)
def test_a_status_said_in_plain_words(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_the_readings() -> None:
    assert plain_history("had pneumonia 3 times history of") == "history of pneumonia"
    assert plain_history("pneumonia") == "pneumonia"
    assert plain_history("breast cancer screening no family hx") == "breast cancer screening no family hx"
    assert plain_absence("missing right hand from old injury") == "absence right hand acquired"
    assert plain_absence("missing left big toe since birth") == "missing left big toe since birth"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wears hearing aids in both ears", "Z97.4"),
        ("uses hearing aids", "Z97.4"),
        ("uses a wheelchair", "Z99.3"),
        ("aids", "B20"),  # the abbreviation said alone
    ],
)
def test_a_device_the_patient_has(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected
