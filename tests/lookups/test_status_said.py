"""A status said in a user's words read in the Index's status frames (bot.lookups.index.status_said, guideline
I.C.21.c.3): a device worn or in place -> Presence; "<thing> status" -> Status; a gene carried -> Carrier,
genetic; colonized -> Carrier; a gene or an inheritance with a risk of a disease -> Susceptibility, genetic.
The reading is kept only when a Z code of the frame answers it. The queries are made up, not taken from the
benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.status_said import StatusSaid, status_said
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wears complete upper and partial lower dentures", "Z97.2"),  # Presence, dentures (was Z90.711)
        ("hearing aid wearer", "Z97.4"),  # Presence, hearing-aid (was a HCPCS hearing aid)
        ("pt in soft restraints, status", "Z78.1"),  # Physical restraint status
        ("he carries the hemophilia A gene", "Z14.01"),  # Carrier, genetic, hemophilia A
        ("colonized with MSSA, no infection", "Z22.321"),  # Colonization, MSSA
        ("genetic testing says she is predisposed to obesity", "Z15.2"),  # Genetic, susceptibility, obesity
        ("status epilepticus", "G40.901"),  # a condition's name, no status frame
    ],
)
def test_a_status_said_in_the_frame(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_the_readings() -> None:
    assert status_said("wears a left knee brace") == StatusSaid("presence", "left knee brace")
    assert status_said("csf shunt in place") == StatusSaid("presence", "csf shunt")
    assert status_said("ileostomy status") == StatusSaid("status", "ileostomy")
    assert status_said("she carries a gene for a rare disease but is well") == StatusSaid(
        "genetic carrier", "rare disease"
    )
    assert status_said("carries a gene that raises her ovarian cancer risk") == StatusSaid(
        "genetic susceptibility", "ovarian cancer"
    )
    assert status_said("status post appendectomy") is None  # an operation had (bot.lookups.index.past_states)
    assert status_said("status asthmaticus") is None
    assert status_said("knee pain") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("myringotomy tubes in place, both ears", "Z96.22"),  # the side after the state belongs to the thing
        (
            "status post cochlear implantation",
            "Z96.21",
        ),  # an operation had: the past reading, not "status" said now
    ],
)
def test_what_the_pool_eval_caught(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected
