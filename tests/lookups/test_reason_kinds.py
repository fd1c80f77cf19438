"""A reason for the encounter told by its kind in plain words: the kind read first, as the Index's Z main term
(Underimmunization status; Status, awaiting organ transplant; Dependence, on; Exposure, occupational; Long-term
drug therapy; History, personal, drug therapy; Immunization, not done; Counseling; Problem / Lack of), then its
object looked up below that term's lines (bot.lookups.index.reason_kinds). A kind whose object the Index does
not list below it leaves the query to its own reading. The queries are made up, not taken from the benchmark
sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.reason_kinds import KIND_LINES, read_kind
from bot.lookups.search import find_codes


def _top(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=1)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Underimmunization status, COVID-19 (Z28.31-, Tabular: unvaccinated), not the encounter to give it (Z23)
        ("never had the covid shot", "Z28.310"),
        # Underimmunization status (Z28.39): no vaccine named
        ("hasn't gotten any of her vaccines", "Z28.39"),
        # Immunization, not done, unspecified reason (Z28.9); what a vaccine is against is no reason
        ("flu vaccine was not given today", "Z28.9"),
        # Transplant, awaiting organ / Status, awaiting organ transplant (Z76.82), not the PCS transplant
        ("waiting for a liver transplant", "Z76.82"),
        # Dependence, on, ventilator (Z99.11): a machine depended on, at night a circumstance
        ("relies on a ventilator at night", "Z99.11"),
        # Exposure, occupational, dust (Z57.2), not the Drug Table's coal
        ("miner exposed to coal dust on the job", "Z57.2"),
        # History, personal, drug therapy, steroid (Z92.241), not Cushingoid due to steroid therapy
        ("used to be on steroids", "Z92.241"),
        # Long-term drug therapy, antimetabolite agent (Z79.631): the drug by its class, not its HCPCS line
        ("currently getting methotrexate", "Z79.631"),
        # Counseling, immunization safety (Z71.85): the subject below Counseling, who is counseled aside
        ("counseled the mother about vaccine safety", "Z71.85"),
        # Alcohol, counseling and surveillance (Z71.41), not alcohol use (F10.90)
        ("alcohol use counseling", "Z71.41"),
        # Lack of, transportation (Z59.82): a problem said is a situation filed under its silent frame
        ("problems with transportation to her appointments", "Z59.82"),
        # Noncompliance, with, medical treatment (Z91.19-): a visit missed said in the office's words
        ("no-show for physical therapy", "Z91.199"),
        ("no show x2 for her follow up appts", "Z91.199"),
        # a substance depended on is a chapter 5 dependence: no Dependence, on line, the query's own reading
        ("dependent on sleeping pills", "F13.20"),
        # a service's measure said: the service itself (HCPCS), not the reason
        ("hiv prep counseling 20 minutes", "G0011"),
    ],
)
def test_a_reason_said_by_its_kind(codebook: CodeBook, query: str, expected: str) -> None:
    assert _top(codebook, query) == expected


def test_the_readings() -> None:
    never = read_kind("never got the covid vaccine")
    assert never is not None and never.text == "underimmunization status covid"
    waiting = read_kind("waiting for a heart transplant")
    assert waiting is not None and (waiting.text, waiting.frame) == ("awaiting heart transplant", "awaiting")
    oxygen = read_kind("dependent on supplemental o2 at night only")
    assert oxygen is not None and oxygen.what == "supplemental o2"
    partly = read_kind("partially vaccinated for covid")
    assert partly is not None and partly.what == "partially vaccinated covid"
    assert read_kind("unvaccinated") is None  # (a word alone is the Index's own main term)
    assert read_kind("hit by a falling crate while exposed to fumes at work") is None  # (an injury's story)
    assert read_kind("12-step group counseling for substance abuse") is None  # (the service asked for)


def _z_share(codebook: CodeBook, line: str) -> float:
    """The share of the coded lines below an Index line (its own included) whose code is a Z code."""
    conn = codebook.db.conn
    at = 0
    for depth, term in enumerate(t.strip() for t in line.split(",")):
        row = conn.execute(
            "SELECT id FROM index_nodes WHERE book = 'cm' AND parent = ? AND depth = ? AND lower(term) = ?",
            (at, depth, term.lower()),
        ).fetchone()
        assert row is not None, f"no Index line {line!r}"
        at = int(row[0])
    codes = [
        str(code)
        for (code,) in conn.execute(
            "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL SELECT n.id FROM index_nodes n JOIN below b ON n.parent = b.id) "
            "SELECT code FROM index_nodes WHERE id IN (SELECT id FROM below) AND code != ''",
            (at,),
        )
    ]
    return sum(c.startswith("Z") for c in codes) / len(codes) if codes else 0.0


def test_each_kind_is_a_z_line_of_the_index(codebook: CodeBook) -> None:
    # (the kinds are the Index's own lines: below each the data codes mostly in Z)
    for line in KIND_LINES:
        assert _z_share(codebook, line) >= 0.8, line
