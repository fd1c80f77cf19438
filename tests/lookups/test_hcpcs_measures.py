"""A size or strength said in the query picks the HCPCS descriptor whose stated range holds it: the parser
alone, a generated check over every shipped descriptor family differing only by a size, then the search."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.measures import measure_fit, stated_measures, without_measures
from bot.lookups.search import find_codes

_INF = float("inf")


def test_ranges_bounds_and_values_are_read_in_their_unit() -> None:
    assert stated_measures("Gradient compression stocking, below knee, 18-30 mmhg, each") == [
        ("mmhg", 18, 30)
    ]
    assert stated_measures("Gauze, sterile, pad size 16 sq. in. or less, each") == [("sqin", 0, 16)]
    between = "pad size more than 16 sq. in. but less than or equal to 48 sq. in., without adhesive border"
    [(unit, low, high)] = stated_measures(between)
    assert unit == "sqin" and 16 < low < 17 and high == 48
    assert stated_measures("5% dextrose/water (500 ml = 1 unit)") == [("ml", 500, 500)]
    assert stated_measures("normal saline 1 liter") == [("ml", 1000, 1000)]
    assert stated_measures("Injectable anesthetic, for dialysis, per 10 ml") == []  # a billing unit
    assert stated_measures("Compress stking bk30-40 surg") == [("", 30, 40)]


def test_measure_fit_rewards_the_range_holding_it_and_demotes_the_others() -> None:
    said = stated_measures("gauze 20 sq in")
    assert measure_fit("Gauze, pad size more than 16 sq. in. but less than or equal to 48 sq. in.", said) > 0
    assert measure_fit("Gauze, pad size 16 sq. in. or less", said) < 0
    assert measure_fit("Gauze, impregnated, each", said) == 0  # states no size
    stocking = stated_measures("below knee stocking 30-40")  # a range said without its unit
    assert measure_fit("Gradient compression stocking, below knee, 30-40 mmhg, each", stocking) > 0
    assert measure_fit("Gradient compression stocking, below knee, 18-30 mmhg, each", stocking) < 0
    assert measure_fit("Infusion, d5w, 1000 cc", stated_measures("d5w 500 ml")) < 0
    assert measure_fit("Infusion, d5w, 1000 cc", stated_measures("d5w 30-40")) == 0  # bare range, no range
    assert measure_fit("Injection, drug, 10 mg", stated_measures("drug 2-4")) == 0


def test_without_measures_leaves_the_words() -> None:
    assert without_measures("gauze pad sterile 16 sq in") == "gauze pad sterile"
    assert without_measures("ckd stage 3-4") == "ckd stage 3-4"  # a range without a unit stays
    assert without_measures("500 ml") == "500 ml"


def _family(title: str) -> str:
    rest = re.sub(
        r"more than|less than or equal to|less than|or less|or greater|greater than|\bbut\b", " ", title
    )
    return " ".join(re.sub(r"[^a-z ]", " ", without_measures(rest).lower()).split())


def test_every_size_family_on_the_shipped_data_picks_the_member_holding_the_size(codebook: CodeBook) -> None:
    """Generated: descriptors that differ only by a stated size ("pad size 16 sq. in. or less" / "more than 16
    ... 48" / "more than 48"): a size inside one member's range fits that member, and no member whose ranges
    differ from it fits."""
    rows = codebook.db.execute("SELECT code, title FROM codes WHERE system = 'hcpcs' AND current = 1")
    families: dict[str, list[tuple[str, str, list[tuple[str, float, float]]]]] = defaultdict(list)
    for code, title in rows:
        sized = [m for m in stated_measures(title) if m[0]]
        if sized:
            families[_family(title)].append((code, title, sized))
    checked = 0
    for members in families.values():
        if len({tuple(m[2]) for m in members}) < 2:
            continue
        for code, title, sized in members:
            unit, low, high = sized[0]
            value = low if high == _INF else (high if low == 0 else (low + high) / 2)
            said = [(unit, value, value)]
            assert measure_fit(title, said) > 0, (code, title)
            for other, other_title, other_sized in members:
                if other_sized != sized and not any(u == unit and a <= value <= b for u, a, b in other_sized):
                    assert measure_fit(other_title, said) < 0, (code, other, other_title)
            checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("gauze pad sterile 20 sq in", "A6220"),
        ("collagen dressing 10 sq in", "A6021"),
        ("normal saline 1 liter", "J7030"),
        ("normal saline 250 cc", "J7050"),
        ("foam dressing 60 sq in with border", "A6214"),
    ],
)
def test_the_size_said_picks_the_descriptor_on_the_shipped_data(
    codebook: CodeBook, query: str, code: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, [(h.code, h.title) for h in hits]
