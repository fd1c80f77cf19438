"""A urine dipstick's reading said in a chart line ("2+ protein", "glucose 3+ on UA", "large blood on dip") is
the Index's finding in urine (bot.lookups.index.lab_values.read_dipstick). Queries are written for these
tests, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.lab_values import read_dipstick
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("3+ protein", "proteinuria"),
        ("ketones 2+", "ketonuria"),
        ("glucose ++", "glycosuria"),
        ("urinalysis: moderate blood", "urinalysis: hematuria"),
        ("bilirubin positive on udip", "bilirubinuria on udip"),
        ("+ blood in stool", "+ blood in stool"),  # no urine test said: blood is not read as hematuria
        ("positive protein", "positive protein"),  # a word grade needs the urine test said
        ("trace protein on urinalysis", "trace protein on urinalysis"),  # trace is no finding
        ("glucose 300", "glucose 300"),  # a blood value, not a dipstick grade
    ],
)
def test_a_dipstick_reading_is_the_finding_in_urine(text: str, read: str) -> None:
    assert read_dipstick(text)[0] == read


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("4+ protein on urine dip", "R80.9"),
        ("urinalysis glucose 2+", "R81"),
        ("ketones 3+ on UA", "R82.4"),
        ("moderate blood on UA", "R31.9"),
    ],
)
def test_a_dipstick_reading_is_answered_by_the_index_finding(
    codebook: CodeBook, query: str, expected: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [(h.code, h.why) for h in hits]
