"""A birth told whole in a front desk's words read as the Index's Newborn line (Z38: how many born together,
where, by cesarean) or the mother's Outcome of delivery line (Z37: single, twins, multiple births; who lived)
(bot.lookups.index.birth_outcomes). A birth said beside a condition or a finding is left to the rest of the
search. The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.birth_outcomes import read_birth
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("triplets born here by c-section", "Z38.62"),  # Newborn, triplet, born in hospital, by cesarean
        ("quads born at home", "Z38.7"),  # Newborn, quadruplet, born outside hospital
        ("baby born in the car on the way in", "Z38.1"),  # Newborn, born outside hospital
        ("twin delivered by c-section, liveborn", "Z38.31"),  # the baby delivered: its record
        ("sextuplets born in hospital", "Z38.68"),  # no Newborn line for six: multiple born NEC
        ("delivered twins, both alive", "Z37.2"),  # Outcome of delivery, twins NEC, both liveborn
        ("delivered twins, one stillborn", "Z37.3"),
        ("delivered quads, one didn't make it", "Z37.62"),  # some liveborn, quadruplets
        ("delivered sextuplets, all alive", "Z37.54"),
        ("gave birth to a stillborn baby", "Z37.1"),  # Outcome of delivery, single NEC, stillborn
    ],
)
def test_a_birth_told_is_its_newborn_or_outcome_line(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("newborn jaundice", "P59.9"),  # a condition said: no birth line
        ("newborn quintuplet born in hospital", "Z38.65"),  # the Index's own words still answer
    ],
)
def test_other_words_keep_their_reading(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_the_readings() -> None:
    under = {
        "Newborn": (
            "born in hospital",
            "born outside hospital",
            "jaundice",
            "multiple born NEC",
            "twin",
            "triplet",
        ),
        "Outcome of delivery, multiple births, all liveborn": ("quadruplets", "sextuplets", "triplets"),
    }

    def subterms(path: str) -> tuple[str, ...]:
        return under.get(path, ())

    trips = read_birth("trips born vaginally", subterms)
    assert trips is not None and trips.text == "newborn triplet born in hospital"
    six = read_birth("sextuplets born at home", subterms)
    assert six is not None and six.text == "newborn multiple born born outside hospital"
    outcome = read_birth("delivered triplets, some alive", subterms)
    assert (
        outcome is not None and outcome.text == "outcome of delivery multiple births some liveborn triplets"
    )
    assert read_birth("baby born at 32 weeks", subterms) is None  # (a prematurity: other words)
    assert read_birth("baby born", subterms) is None  # (nothing a line below Newborn adds)
    assert read_birth("delivered twins", subterms) is None  # (who lived unsaid: no line but Z37.9)
