"""A drug's HCPCS lines chosen by what their descriptors tell (issue #10, round 33). Queries are made up here.

- A parenthesis telling the drug's use ("(for esrd on dialysis)", "(non-esrd use)") names no product: its
  words said choose its line, as a product's name said only in part ("(aristada initio)") does not.
- A billing unit spelt whole ("1 gram/0.125 grams") is the unit's wording, no word the line adds.
- A number counting time ("every 3 months", "x 2 weeks") is how often the drug is given, no dose.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import Amount, amount_said, line_pick
from bot.lookups.search import find_codes


def test_a_use_told_in_parentheses_is_read() -> None:
    said = {"darbepoetin", "alfa", "dialysis"}
    dialysis = line_pick("Injection, darbepoetin alfa, 1 microgram (for esrd on dialysis)", said, frozenset())
    other = line_pick("Injection, darbepoetin alfa, 1 microgram (non-esrd use)", said, frozenset())
    assert dialysis > other


def test_a_unit_spelt_whole_adds_nothing() -> None:
    said = {"piperacillin", "tazobactam"}
    both = line_pick(
        "Injection, piperacillin sodium/tazobactam sodium, 1 gram/0.125 grams (1.125 grams)",
        said,
        frozenset(),
    )
    assert both > line_pick("Injection, piperacillin sodium, 500 mg", said, frozenset())


def test_a_count_of_time_is_no_dose() -> None:
    assert amount_said(["invega", "every", "3", "months"]) is None
    assert amount_said(["ceftriaxone", "1", "g", "daily", "x", "2", "weeks"]) == Amount(1000.0, "mass")
    assert amount_said(["kenalog", "40"]) == Amount(40.0, "")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("aranesp injection for dialysis", "J0882"),  # "(for esrd on dialysis)", not "(non-esrd use)"
        ("zosyn iv", "J2543"),  # piperacillin/tazobactam, not S0081 piperacillin alone
        ("invega trinza q 3 months", "J2427"),  # "invega hafyera/trinza", not Sustenna's "1 mg" by a dose "3"
    ],
)
def test_the_line_the_words_tell(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title, h.why) for h in hits]
