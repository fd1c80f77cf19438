"""HCPCS readers (issue #10): a dressing pad said by its sides ("4x4", "10x10 cm") is its area in square inches,
the size dressing descriptors state ("pad size 16 sq. in. or less"); an aircraft is said by its wing; a named
injectable drug asks for its HCPCS line, not the PCS administration. Examples are made up here, not taken from
the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.measures import stated_measures, without_measures
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("text", "area"),
    [("gauze 2x2", 4.0), ('4"x4" pad', 16.0), ("foam 6 x 6 in", 36.0), ("film 10x12 cm", 120 / 6.4516)],
)
def test_a_pad_said_by_its_sides_is_its_area(text: str, area: float) -> None:
    assert stated_measures(text) == [("sqin", area, area)]
    assert not any(ch.isdigit() for ch in without_measures(text))


def test_a_count_or_a_frequency_is_no_pad_size() -> None:
    assert stated_measures("3x daily") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("foam dressing 6x6 with border", "A6213"),  # 36 sq in: more than 16, at most 48
        ("hydrocolloid dressing 3x3 without border", "A6234"),
        ("sterile gauze 2x2", "A6402"),
        ("transparent film 8x10", "A6259"),  # 80 sq in: more than 48
    ],
)
def test_the_descriptor_whose_pad_size_holds_the_area_leads(
    codebook: CodeBook, query: str, expected: str
) -> None:
    found = find_codes(codebook, query, limit=3)
    assert found and found[0].code == expected, [h.code for h in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("helicopter ambulance mileage", "A0436"), ("airplane ambulance mileage", "A0435")],
)
def test_an_aircraft_is_said_by_its_wing(codebook: CodeBook, query: str, expected: str) -> None:
    """The air ambulance lines say "rotary wing" (a helicopter) and "fixed wing" (a plane)."""
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zometa for bone mets", "J3489"),  # "mets" reads "secondary": a site's behaviour, no drug's use
        ("tocilizumab infusion", "J3262"),  # the PCS Index's New Technology line is its administration
        ("remdesivir", "J0248"),
    ],
)
def test_a_named_injectable_drug_asks_for_its_hcpcs_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert find_codes(codebook, query, limit=1)[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected", "not_first"),
    [
        # Regression (round 16 merge): with the pad's sides read as its size, "sterile" matched "non-sterile"
        # and "no border" lost to "with any size adhesive border"; the three tied and code order chose.
        ("2x2 sterile gauze, no border", "A6402", {"A6216", "A6219"}),
        ("hydrocolloid dressing 4x4 no border", "A6234", {"A6237"}),
        ("non-sterile gauze 4x4", "A6216", {"A6402"}),
    ],
)
def test_a_title_saying_non_or_with_what_the_query_does_not_loses(
    codebook: CodeBook, query: str, expected: str, not_first: set[str]
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == expected, [h.code for h in hits]
    assert hits[0].code not in not_first


def test_a_denied_part_need_not_be_printed_by_the_item_line(codebook: CodeBook) -> None:
    # "no syringe": A4215 "Needle, sterile, any size, each" prints no syringe and is what is asked; every
    # "Syringe with needle" line affirms what the query denies
    for query in ("sterile needles no syringe", "sterile needles only no syringe"):
        hits = find_codes(codebook, query, limit=5)
        assert hits[0].code == "A4215", (query, [h.code for h in hits])


def test_a_denied_word_reads_no_drug_line(codebook: CodeBook) -> None:
    # only item lines are read without the denied words: "MG w/o exacerbation" is no neostigmine dose in mg
    hits = find_codes(codebook, "MG w/o exacerbation, on neostigmine", limit=5)
    assert hits[0].code == "G70.00", [h.code for h in hits]
