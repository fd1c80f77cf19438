"""A drug's HCPCS lines chosen by what their descriptors tell (issue #10, round 33). Queries are made up here.

- A parenthesis telling the drug's use ("(for esrd on dialysis)", "(non-esrd use)") names no product: its
  words said choose its line, as a product's name said only in part ("(aristada initio)") does not.
- A billing unit spelt whole ("1 gram/0.125 grams") is the unit's wording, no word the line adds.
- A number counting time ("every 3 months", "x 2 weeks") is how often the drug is given, no dose; a
  thousands separator ("1,000 units") is one number.
- An age said ("8 year old") is held by a descriptor's age range ("pediatric (0-10 years)", "adult (11 years +)").
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.doses import Amount, amount_said, dose_text, line_pick
from bot.lookups.measures import AGE, measure_fit, stated_measures
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


def test_a_thousands_separator_is_one_number() -> None:
    # "1,000 units" is 1000 units, no "000 units" dose that no line's unit makes.
    assert dose_text("Heparin 1,000 units, IV") == "heparin 1000 units  iv"
    assert amount_said(dose_text("heparin 5,000 units").split()) == Amount(5000.0, "units")


def test_the_line_said_with_a_thousands_separator(codebook: CodeBook) -> None:
    # J1644 "Injection, heparin sodium, per 1000 units", not J1643 "Inj heparin, pfizer, 1000u" (the maker's)
    hits = find_codes(codebook, "heparin sodium per 1,000 units injection", limit=5)
    assert hits and hits[0].code == "J1644", [(h.code, h.title, h.why) for h in hits]


def test_an_age_said_is_held_by_a_descriptors_age_range(codebook: CodeBook) -> None:
    # Q4015 "Cast supplies, gauntlet cast ..., pediatric (0-10 years), plaster", not Q4013 "adult (11 years +)"
    assert stated_measures("short arm cast for a 7 yo") == [(AGE, 7.0, 7.0)]
    assert (
        measure_fit("Cast supplies, short arm cast, pediatric (0-10 years), plaster", [(AGE, 7.0, 7.0)]) > 0
    )
    assert measure_fit("Cast supplies, short arm cast, adult (11 years +), plaster", [(AGE, 7.0, 7.0)]) < 0
    hits = find_codes(codebook, "plaster gauntlet cast supplies for an 8 year old", limit=5)
    assert hits and hits[0].code == "Q4015", [(h.code, h.title) for h in hits]
