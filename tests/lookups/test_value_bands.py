"""A measured value said as a number read as the code whose Tabular title's band holds it (issue #10;
bot.lookups.index.value_bands). "BMI 39.4" gave Z68.18 (BMI 18.4 or less: the "4" of "39.4" is a word of
"18.4"), "BMI 45.3" gave Z68.30 and "peds BMI 96th percentile" gave the under-5th-percentile code. Queries are made
up for these tests, not taken from the benchmark sets."""

from __future__ import annotations

import math
import sqlite3

import pytest

from bot.lookups import derived
from bot.lookups.codebook import CodeBook
from bot.lookups.index.value_bands import (
    BAND_TITLES,
    OF_95TH,
    PERCENTILE,
    PLAIN,
    BandFamilies,
    Interval,
    band_families,
    cut,
    decode_band_titles,
    families,
    values_said,
)
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("BMI 39.4", "Z68.39"),
        ("adult BMI 39.4", "Z68.39"),
        ("BMI 17.2", "Z68.18"),
        ("bmi 18.7", "Z68.19"),
        ("BMI 45.3", "Z68.42"),
        ("BMI 70.5 adult", "Z68.45"),
        ("peds BMI 96th percentile", "Z68.54"),
        ("pediatric BMI 130% of the 95th percentile", "Z68.55"),
        ("exfoliation 35% body surface", "L49.3"),
        ("burns involving 45% of body surface, 20% third degree", "T31.42"),
        ("blood alcohol level 150", "Y90.6"),
        ("GCS 7", "R40.2430"),
    ],
)
def test_the_band_that_holds_the_value_answers(codebook: CodeBook, query: str, code: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits and hits[0].code == code, (query, [(h.code, h.why) for h in hits[:3]])


@pytest.mark.parametrize(
    ("query", "first", "band"),
    [("BMI 28.6, overweight", "E66.3", "Z68.28"), ("bmi 31.7, obese", "E66.9", "Z68.31")],
)
def test_a_value_beside_its_condition_comes_after_it(
    codebook: CodeBook, query: str, first: str, band: str
) -> None:
    codes = [h.code for h in find_codes(codebook, query, limit=5)]
    assert codes[:2] == [first, band], (query, codes)


def test_a_number_that_is_an_age_or_a_duration_is_no_value() -> None:
    assert values_said("newborn 3 days old jaundice") == []
    assert values_said("16 yo, BMI 22") == [(22.0, PLAIN, "22")]
    assert values_said("E66.811 with BMI 41") == [(41.0, PLAIN, "41")]
    assert values_said("96th percentile") == [(96.0, PERCENTILE, "96th percentile")]
    # (a band said in its own words is one value, its low end: the Index path "30-39 percent ... with 20-29
    # percent third degree" read as 30 and 39 gave T32.33, 30-39% third degree)
    assert [
        v for v, _, _ in values_said("30-39 percent extent corrosion with 20-29 percent third degree")
    ] == [30, 20]


def test_bands_are_read_from_titles() -> None:
    assert cut("Body mass index [BMI] 18.4 or less, adult") == (
        "body mass index [bmi] {} , adult",
        ((Interval(-math.inf, 18.5, PLAIN),),),
    )
    template, bands = cut("Blood alcohol level of 120-199 mg/100 ml") or ("", ())
    assert template == "blood alcohol level of {} mg/100 ml" and bands == ((Interval(120, 200, PLAIN),),)
    _, pediatric = cut(
        "Body mass index [BMI] pediatric, 95th percentile for age to less than 120% of the 95th percentile for age"
    ) or ("", ())
    assert pediatric == ((Interval(95, math.inf, PERCENTILE), Interval(100, 120, OF_95TH)),)
    assert cut("Type 2 diabetes mellitus without complications") is None
    # (a template three codes share is a family; two are not)
    two = [("A1", "Thing of 1-2 grams"), ("A2", "Thing of 3-4 grams")]
    assert families(two) == () and len(families([*two, ("A3", "Thing of 5-6 grams")])) == 1


def test_the_stored_band_titles_make_the_families_every_title_makes(codebook: CodeBook) -> None:
    # The data build stores only the families' members' titles (bot.lookups.derived_tables): the families read
    # from them are those of every current billable title holding a number, members in the same order.
    conn = codebook.db.conn
    stored = derived.stored(conn, BAND_TITLES)
    assert stored is not None, "the data build stored no value band titles"
    every = conn.execute(
        "SELECT code, title FROM codes WHERE system = 'cm' AND billable = 1 AND current = 1"
        " AND title GLOB '*[0-9]*'"
    ).fetchall()
    assert len(stored) < len(every) / 5  # (a few hundred of ~2,900: what makes reading them cheap)
    whole = BandFamilies(every)
    assert band_families(conn).families == whole.families
    assert BandFamilies(decode_band_titles(stored)).families == whole.families
    assert any(m.code == "Z6839" for f in whole.families for m in f.members)


def test_a_database_without_the_stored_titles_reads_every_title(codebook: CodeBook) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE codes (system TEXT, code TEXT, title TEXT, billable INTEGER, current INTEGER)")
    rows = codebook.db.conn.execute(
        "SELECT system, code, title, billable, current FROM codes WHERE system = 'cm' AND code LIKE 'Z68%'"
    ).fetchall()
    conn.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?)", rows)
    found = band_families(conn)
    assert found.family_of("Z68.39") is not None and found.family_of("Z68.18") is not None
