"""PCS characters said in words the table's value names do not hold: a device by its common noun (read from the
PCS Index's "use" and "see ... using" lines), a procedure converted to open (the open approach), a duration in
days (hours), an imaging study "with and without" contrast (Unenhanced and Enhanced). The device check is
generated over every device noun the Index gives and every table offering its device. Queries are made up
here, not taken from the benchmark sets."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.completion import (
    complete_pcs,
    range_fit,
    read_both_ways,
    said_approaches,
    said_hours,
)
from bot.lookups.index.pcs_devices import _device_nouns, device_words
from bot.lookups.index.words import content_stems, stem
from bot.lookups.search import find_codes


def test_a_device_noun_reads_as_the_device_value_the_index_gives_it(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    assert device_words(conn, frozenset({stem("screws")}), {}) == content_stems("Internal Fixation Device")
    assert device_words(conn, frozenset({stem("clips")}), {}) == content_stems("Extraluminal Device")
    assert device_words(conn, frozenset({stem("mesh")}), {}) == content_stems("Synthetic Substitute")
    # A noun that also names a body part ("valve", "nail") names no device.
    assert device_words(conn, frozenset({stem("valve"), stem("nail")}), {}) == frozenset()


def test_every_device_noun_picks_its_device_in_every_table_offering_it(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    nouns, _ = _device_nouns(conn, {})
    assert len(nouns) >= 10
    checked = wrong = 0
    for noun, value in sorted(nouns.items()):
        tables = conn.execute(
            "SELECT tbl, char, meaning FROM pcs_axes WHERE position = 6 AND tbl LIKE '0%'"
        ).fetchall()
        for table, char, meaning in tables:
            if content_stems(str(meaning)) != value:
                continue
            # The table's first body part offering the device, said with the noun and the open approach.
            row = conn.execute(
                "SELECT substr(code, 1, 4) FROM codes WHERE system = 'pcs' AND current = 1 AND code LIKE ? "
                "AND substr(code, 5, 1) = '0' AND substr(code, 6, 1) = ? ORDER BY code LIMIT 1",
                [f"{table}%", char],
            ).fetchone()
            if row is None:
                continue
            stems = frozenset({noun, stem("open")})
            done = complete_pcs(conn, str(row[0]), stems, "", {})
            checked += 1
            # (A more specific value holding the same words may be it: "Radioactive Element, Cesium-131 ...".)
            got = conn.execute(
                "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 6 AND char = ?",
                [table, done.code[5] if done else ""],
            ).fetchone()
            if got is None or not value <= content_stems(str(got[0])):
                wrong += 1
    assert checked >= 50
    assert wrong == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("laparoscopic occlusion of bilateral fallopian tubes with clips", "0UL74CZ"),
        ("open removal of right hip prosthesis", "0SP90JZ"),
    ],
)
def test_a_device_said_by_its_noun_completes_the_code(codebook: CodeBook, query: str, expected: str) -> None:
    assert find_codes(codebook, query, limit=5)[0].code.replace(".", "") == expected


def test_a_procedure_converted_to_open_is_coded_to_the_open_approach(codebook: CodeBook) -> None:
    assert said_approaches(frozenset({stem("laparoscopic"), stem("converted"), stem("open")})) == {"0"}
    assert said_approaches(frozenset({stem("laparoscopic")})) == {"4"}
    hits = find_codes(codebook, "laparoscopic cholecystectomy converted to open", limit=5)
    assert "0FT40ZZ" in [h.code for h in hits]
    assert "0FT44ZZ" not in [h.code for h in hits[:1]]


def test_a_duration_in_days_is_read_in_hours(codebook: CodeBook) -> None:
    assert said_hours(frozenset({"3", stem("days")})) == (72,)
    assert said_hours(frozenset({"30", stem("hours")})) == (30,)
    hits = find_codes(codebook, "mechanical ventilation for 6 days", limit=5)
    assert hits[0].code == "5A1955Z"
    hits = find_codes(codebook, "mechanical ventilation for 2 days", limit=5)
    assert hits[0].code == "5A1945Z"


def test_with_and_without_contrast_is_the_unenhanced_and_enhanced_qualifier(codebook: CodeBook) -> None:
    assert (
        read_both_ways("mri spine with and without contrast") == "mri spine unenhanced and enhanced contrast"
    )
    hits = find_codes(codebook, "MRI of brain with and without contrast", limit=5)
    assert hits[0].code == "B030Y0Z"


def test_a_scope_named_by_no_opening_is_an_endoscopic_approach(codebook: CodeBook) -> None:
    # "endoscopic" adds "natural opening" (its reading as a scope word); "opening" is not the open approach.
    stems = frozenset({stem("endoscopic"), stem("natural"), stem("opening")})
    assert said_approaches(stems) == {"4", "8"}
    assert said_approaches(frozenset({stem("colonoscopy"), stem("natural"), stem("opening")})) == {"8"}
    hits = find_codes(codebook, "endoscopic release of left ulnar nerve", limit=5)
    assert hits[0].code[4] == "4"


@pytest.mark.parametrize(
    ("query", "expected"), [("ventilator 20 hours", "5A1935Z"), ("ventilator 120 hours", "5A1955Z")]
)
def test_a_title_found_by_its_words_is_ranked_by_the_duration_said(
    codebook: CodeBook, query: str, expected: str
) -> None:
    assert range_fit("Respiratory Ventilation, 24-96 Consecutive Hours", (30,)) > 0
    assert range_fit("Respiratory Ventilation, 24-96 Consecutive Hours", (20,)) < 0
    assert find_codes(codebook, query, limit=5)[0].code == expected
