"""Chart shorthand around a finding (bot.lookups.filler): a count of times ("x2"), the test a finding was
seen on ("on EP study", "on UA dip", "on SDOH screen"), the hospital unit ("in NICU", "in triage") and a
clause saying the cause is still worked up ("etiology pending") are read past like other filler. Queries are
written for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.filler import medical_core
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "core", "unused"),
    [
        ("melena x3 today", "melena", ("x3", "today")),
        ("epistaxis x2d", "epistaxis", ("x2d",)),
        ("aflutter found on EP study", "aflutter", ("found", "on", "ep", "study")),
        ("hematuria on UA dip", "hematuria", ("on", "ua", "dip")),
        ("homeless per SDOH screen", "homeless", ("per", "sdoh", "screen")),
        ("seizure in the PICU", "seizure", ("in", "the", "picu")),
        ("hypotension in triage", "hypotension", ("in", "triage")),
        ("pancreatitis, etiology pending", "pancreatitis", ("etiology", "pending")),
        ("effusion, source unclear", "effusion", ("source", "unclear")),
        # a clause of pertinent negatives or status only (issue #10, round 19)
        ("otitis media, afebrile", "otitis media", ("afebrile",)),
        ("wheezing, afebrile, nontoxic appearing", "wheezing", ("afebrile", "nontoxic", "appearing")),
        ("syncope, first ever", "syncope", ("first", "ever")),
        ("gout flare, hemodynamically stable", "gout flare", ("hemodynamically", "stable")),
    ],
)
def test_chart_noise_is_read_past(query: str, core: str, unused: tuple[str, ...]) -> None:
    found = medical_core(query)
    assert found is not None and (found.text, found.unused) == (core, unused)


@pytest.mark.parametrize(
    "query",
    [
        "ED on sildenafil",  # ED leading a query is the condition, not the emergency department
        "etiology pending",  # nothing is left: no clause says what is present
        "x2",
    ],
)
def test_chart_noise_alone_or_a_ward_abbreviation_leading_is_not_read_past(query: str) -> None:
    found = medical_core(query)
    assert found is None or "ed" in found.text.split()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hemoptysis x3 overnight", "R04.2"),
        ("SVT found on EP study", "I47.1"),
        ("proteinuria on UA dip", "R80.9"),
        ("acute pancreatitis, etiology pending", "K85.9"),
        ("orthostatic hypotension in triage", "I95.1"),
    ],
)
def test_a_finding_inside_chart_noise_is_answered(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code.startswith(expected), [(h.code, h.why) for h in hits]
