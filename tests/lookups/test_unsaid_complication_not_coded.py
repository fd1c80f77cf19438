"""A complication the record does not state is not coded (issue #10: the Index's and the Tabular's defaults).

Completing a category to a billable code, with nothing said of a complication, the child that asserts it ("with
status epilepticus") is no default when a sibling says "without" it: "absence seizures" -> G40.A09, not G40.A01,
which the lower code number chose before. Said, it is chosen; a child unspecified on a part still stands first
(S06.4X9A before "without loss of consciousness", guideline I.A.9.b).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("absence seizures", "G40.A09"),
        ("juvenile myoclonic epilepsy", "G40.B09"),
        ("absence seizures with status epilepticus", "G40.A01"),
    ],
)
def test_an_unsaid_complication_is_not_the_default(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query)
    assert hits and hits[0].code == expected, [(h.code, h.title) for h in hits[:3]]
