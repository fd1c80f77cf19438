"""A device or a procedure's result the patient has now, told without the word "status" ("has a ...
replacement", "... in place", "on an insulin pump"), reads the Index's Status / Presence line (guideline
I.C.21.c.3) before the procedure or the supply item of the same words; a procedure done now is left alone.
A past told as "was on ... in the past" or "had ... removed" reads as a personal history.
The queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reasons import plain_history
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("she has a left shoulder replacement", "Z96.612"),  # not 0RRK00Z, the operation
        ("has a right ankle replacement", "Z96.661"),
        ("on an insulin pump", "Z96.41"),  # not S9145, the pump's initiation
    ],
)
def test_a_device_had_now_reads_its_status_line(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected
    assert hits[0].why.startswith("status told as had now")


def test_a_procedure_done_now_is_no_status(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "left shoulder replacement placed today", limit=1)
    assert not hits or not hits[0].why.startswith("status told as had now")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("was on dialysis in the past", "history of dialysis"),  # "was on" as "had": a therapy over
        (
            "had a skin cancer removed",
            "history of a skin cancer",
        ),  # taken out: a history (guideline I.C.21.c.4)
        (
            "had a skin cancer removed from her nose",
            "had a skin cancer removed from her nose",
        ),  # a site: not read
        ("was on the phone", "was on the phone"),  # no past said
    ],
)
def test_a_past_said_as_had_or_removed_reads_as_history(text: str, read: str) -> None:
    assert plain_history(text) == read
