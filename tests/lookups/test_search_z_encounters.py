"""Z-code encounters, status and long-term drug therapy told in office words, read as the Index's main terms a
coder uses (Examination, pre-procedural; Aftercare, following surgery, joint replacement; Examination,
follow-up; Pregnancy, normal; Long-term drug therapy; Amputation -> Absence, acquired). The generated checks
tell every Index Long-term (current) drug therapy drug and every Absence (acquired) site the way a chart says
them; the other queries are made up, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.encounters import read_encounter
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


def _subterms(codebook: CodeBook, main: str) -> list[tuple[str, str, str]]:
    """(term, modifiers, code) of an ICD-10-CM Index main term's first-level lines that carry a code."""
    rows = codebook.db.conn.execute(
        "SELECT n.term, n.modifiers, n.code FROM index_nodes n JOIN index_nodes m ON n.parent = m.id "
        "WHERE m.book = 'cm' AND m.depth = 0 AND m.term = ? AND n.code != ''",
        [main],
    ).fetchall()
    return [(str(t), str(m), str(c)) for t, m, c in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("preop physical prior to cataract surgery", "Z01.818"),
        ("physical therapy following left total hip arthroplasty", "Z47.1"),
        ("OT after right shoulder replacement", "Z47.1"),
        ("follow-up after completing antibiotics for cellulitis", "Z09"),
        ("recheck after finishing radiation for breast cancer", "Z08"),
        # the completed treatment told after the condition, and a surveillance visit: the follow-up examination
        # after completed treatment (guideline I.C.21.c.8), Z08 for a malignant neoplasm ("ca" said of it)
        ("surveillance exam 3 years after melanoma treatment completed", "Z08"),
        ("follow-up visit after UTI treated, symptoms gone", "Z09"),
        ("surveillance visit after finishing lung ca treatment", "Z08"),
        # a cancer's history with the visit's surveillance told apart, no treatment going on now
        ("history of colon cancer, resected 2019, here for surveillance", "Z08"),
        ("routine prenatal visit, G1, 30 weeks", "Z34.03"),
        ("uncomplicated pregnancy at 16 wks, G4", "Z34.82"),
        ("normal pregnancy 20 weeks", "Z34.92"),
        # what says the visit is uneventful ("no problems", "everything fine") and the mother's age are a normal
        # pregnancy's words: Pregnancy, normal (supervision of), by the count and the trimester of the weeks
        ("31 yo G1 at 30 weeks, routine prenatal visit, no problems", "Z34.03"),
        ("routine OB check for her fourth baby at 15 weeks, everything fine", "Z34.82"),
        ("chemotherapy session for lymphoma", "Z51.11"),
        ("foley change", "Z46.6"),
        ("STI check no symptoms", "Z11.3"),
        ("gonorrhea test, asymptomatic", "Z11.3"),
        ("patient has a pacer", "Z95.0"),
        ("takes low dose aspirin daily", "Z79.82"),
    ],
)
def test_a_visit_reason_or_state_in_office_words_is_its_index_line(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert _top(codebook, query) == expected


def test_a_pregnancy_visit_naming_anything_more_is_not_read_as_normal() -> None:
    assert read_encounter("prenatal visit 30 weeks g1 with gestational diabetes") is None
    assert read_encounter("hyperemesis 9 weeks pregnant") is None
    assert read_encounter("g2 at 20 weeks normal") == "pregnancy normal specified second trimester"
    assert read_encounter("g2 at 20 weeks with complications") is None  # (only their absence is normal)
    # weeks the chart does not give are no trimester (the Tabular's unspecified trimester), and no complication
    assert read_encounter("routine prenatal check for her third pregnancy weeks not documented") == (
        "pregnancy normal specified"
    )


def test_every_long_term_drug_of_the_index_taken_every_day_is_its_long_term_line(codebook: CodeBook) -> None:
    drugs = [(t, c) for t, _, c in _subterms(codebook, "Long-term drug therapy") if t.isalpha()]
    assert len(drugs) > 30
    missed = [
        (term, code)
        for term, code in drugs
        if not _top(codebook, f"takes {term.lower()} every day")
        .replace(".", "")
        .startswith(code.replace(".", "").rstrip("-"))
    ]
    assert len(missed) <= len(drugs) // 20, missed


def test_every_acquired_absence_site_said_as_amputated_is_that_absence(codebook: CodeBook) -> None:
    sites = [(t, c) for t, m, c in _subterms(codebook, "Absence") if c.startswith("Z89") and "acquired" in m]
    assert len(sites) >= 8
    missed = [
        (site, code)
        for site, code in sites
        if not _top(codebook, f"left {site.lower()} was amputated")
        .replace(".", "")
        .startswith(code.replace(".", "").rstrip("-"))
    ]
    assert not missed, missed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a doubt and an all-clear told in plain words: Observation, suspected, ruled out (ruled_out.py)
        ("kid may have swallowed a marble, xray clear", "Z03.821"),  # foreign body, ingested
        ("possibly swallowed her mom's pills, labs negative", "Z03.6"),  # toxic effects, ingested substance
        ("might have inhaled a bead, ruled out", "Z03.822"),  # foreign body, aspirated (inhaled)
        ("suspected heart attack, ruled out", "Z03.89"),  # condition NEC
    ],
)
def test_a_suspicion_ruled_out_in_plain_words(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # fragments told as still in the body: Retained, fragments, by material (retained_fragments.py)
        ("glass shards still in her knee from an accident years ago", "Z18.81"),
        ("bits of steel lodged in his forearm", "Z18.10"),  # steel is a metal (WordNet)
        ("wood splinter left in the palm for months", "Z18.33"),
        ("splinter in finger", "S60.459A"),  # no word of its staying: the injury
    ],
)
def test_fragments_that_stayed_are_retained(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wants to donate bone marrow", "Z52.3"),  # donate: the Index's Donor, bone, marrow
        ("donating a kidney", "Z52.4"),
    ],
)
def test_a_donation_told_by_its_verb(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a culture's growth told with a verb: Positive, culture, nose ... (culture_growth.py)
        ("nasal swab grew MRSA, not infected", "Z22.322"),
        ("nares screen positive for staph", "Z22.321"),
    ],
)
def test_a_carrier_told_by_its_culture(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected


def test_a_wound_culture_is_no_carrier(codebook: CodeBook) -> None:
    hits = find_codes(codebook, "wound culture grew staph", limit=1)
    assert not hits or not hits[0].code.startswith("Z22")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cut left palm on broken glass, glass embedded, first visit", "S61.412A"),  # a fresh wound
        ("retained depleted uranium fragments", "Z18.01"),  # the Index's own two-word material first
    ],
)
def test_retained_fragments_leave_what_they_should(codebook: CodeBook, query: str, expected: str) -> None:
    hits = find_codes(codebook, query, limit=1)
    assert hits and hits[0].code == expected
