"""The prepared code database: what the shipped data holds and how `show` reads it."""

from __future__ import annotations

from datetime import date

from bot.lookups.codebook import CodeBook


def test_coverage_names_releases_and_dates(codebook: CodeBook) -> None:
    coverage = codebook.coverage()
    assert "ICD-10-CM FY2027" in coverage.release and "ICD-10-PCS FY2027" in coverage.release
    assert coverage.covers_dos_from == date(2015, 10, 1)
    assert coverage.covers_dos_through == date(2027, 9, 30)
    hcpcs = coverage.for_system("hcpcs")
    assert hcpcs is not None and (hcpcs.covers_from, hcpcs.covers_through) == (
        date(2019, 7, 1),
        date(2026, 6, 30),
    )
    assert coverage.data_end("pcs") == date(2027, 9, 30)
    for release in coverage.releases:  # every release names its sources
        assert release.detail and ("MCE v44" in release.detail or "I/OCE" in release.detail)


def test_counts_match_the_official_releases(codebook: CodeBook) -> None:
    db = codebook.db
    billable_cm = db.execute(
        "SELECT count(*) FROM codes WHERE system = 'cm' AND billable = 1 AND current = 1"
    ).fetchone()[0]
    assert billable_cm == 74_879  # the official FY2027 total, matching the MCE v44 codes valid on 2026-10-01
    valid_2024 = db.execute(
        "SELECT count(DISTINCT code) FROM validity WHERE system = 'cm' AND start <= '2024-10-01' "
        "AND (end = '' OR end >= '2024-10-01')"
    ).fetchone()[0]
    assert valid_2024 == 74_260  # CMS's official FY2025 total
    current_pcs = db.execute("SELECT count(*) FROM codes WHERE system = 'pcs' AND current = 1").fetchone()[0]
    assert current_pcs == 79_256  # the official FY2027 PCS total (MCE v44 on 2026-10-01)
    hcpcs_2026 = db.execute(
        "SELECT count(DISTINCT code) FROM validity WHERE system = 'hcpcs' AND start <= '2026-04-01' "
        "AND (end = '' OR end >= '2026-04-01')"
    ).fetchone()[0]
    assert hcpcs_2026 > 7_000


def test_seventh_character_codes_are_expanded(codebook: CodeBook) -> None:
    code = codebook.get("cm", "T36.0X1A")
    assert code is not None and code.billable
    assert code.title.endswith("initial encounter")
    s06 = codebook.get("cm", "S06.0X7D")  # "7th characters D and S do not apply to ... 6th character 7"
    assert s06 is None


def test_detail_of_a_header(codebook: CodeBook) -> None:
    detail = codebook.detail("S72.001")
    assert detail is not None
    assert not detail.code.billable
    assert detail.seventh_from == "S72"
    assert ("A", "initial encounter for closed fracture") in detail.seventh
    assert len(detail.billable_children) == 16


def test_detail_notes_include_ancestors(codebook: CodeBook) -> None:
    detail = codebook.detail("E11.9")
    assert detail is not None
    excludes1 = [(t, at) for k, t, at in detail.notes if k == "excludes1"]
    assert any("type 1 diabetes mellitus (E10.-)" in t and at == "E11" for t, at in excludes1)


def test_validity_history(codebook: CodeBook) -> None:
    spans = codebook.spans("cm", "M54.5")
    assert spans[0].covers(date(2021, 6, 1)) and not spans[-1].covers(date(2023, 1, 5))
    assert codebook.spans("cm", "U07.1")[0].start == date(2020, 4, 1)


def test_deleted_code_keeps_its_title(codebook: CodeBook) -> None:
    deleted = [
        c for c in codebook.find("E8881") if not c.current
    ]  # Metabolic syndrome, split in FY2026? any deleted
    rows = codebook.db.execute(
        "SELECT code, title FROM codes WHERE system = 'cm' AND current = 0 LIMIT 5"
    ).fetchall()
    assert rows and all(title for _, title in rows)
    assert all(c.title for c in deleted)


def test_age_ranges_follow_the_date(codebook: CodeBook) -> None:
    assert codebook.age_ranges(date(2019, 1, 1))["maternity"] == (12, 55)
    assert codebook.age_ranges(date(2020, 1, 1))["maternity"] == (9, 64)


def test_titles_name_their_source_and_derived_ones_are_marked(codebook: CodeBook) -> None:
    added = codebook.get("cm", "D69.11")  # FY2027 addenda
    assert added is not None and added.title == "Glanzmann thrombasthenia" and added.current
    assert codebook.title_source_name(added.title_source) == "ICD-10-CM FY2027 order addenda (official)"
    revised = codebook.detail("Z29.14")  # "globin" -> "globulin" on 2026-10-01
    assert revised is not None and revised.code.title.endswith("immune globulin")
    assert [t for _, t, _ in revised.dated_titles] == [
        "Encounter for prophylactic rabies immune globin",
        "Encounter for prophylactic rabies immune globulin",
    ]
    header = codebook.get("cm", "D69.1")  # billable until FY2026, a header over D69.11 and D69.19 since
    assert header is not None and not header.billable and header.current
    assert {c.code for c in codebook.children("cm", "D691")} == {"D6911", "D6919"}
    derived = codebook.db.execute(
        "SELECT code, title FROM codes WHERE system = 'pcs' AND title_source = 'pcs-derived-axes' ORDER BY code"
    ).fetchall()
    assert len(derived) > 100 and all(title for _, title in derived)
    untitled = codebook.db.execute(
        "SELECT code FROM codes WHERE system = 'pcs' AND title_source = 'none' AND current = 1 LIMIT 1"
    ).fetchone()
    code = codebook.get("pcs", untitled[0])
    assert code is not None and code.title == "title not in the loaded data"


def test_hcpcs_descriptor_as_of_the_date_of_service(codebook: CodeBook) -> None:
    changed = codebook.db.execute(
        "SELECT code, effective, title, new_title FROM code_changes WHERE system = 'hcpcs' AND change = 'retitled' "
        "ORDER BY effective DESC, code LIMIT 1"
    ).fetchone()
    code, effective, old, new = changed
    day = date.fromisoformat(effective)
    assert codebook.title_on("hcpcs", code, day) == (
        new,
        "CMS I/OCE quarterly HCPCS short descriptor (official)",
    )
    before = codebook.title_on("hcpcs", code, date.fromordinal(day.toordinal() - 1))
    assert before is not None and before[0] == old


def test_hcpcs_codes_added_since_2021_are_found_and_dated(codebook: CodeBook) -> None:
    rows = codebook.db.execute(
        "SELECT code, min(start) FROM validity WHERE system = 'hcpcs' GROUP BY code HAVING min(start) >= '2021-01-01'"
    ).fetchall()
    years = {start[:4] for _, start in rows}
    assert years >= {"2021", "2022", "2023", "2024", "2025", "2026"}
    for code, start in rows[:: max(1, len(rows) // 25)]:
        found = codebook.get("hcpcs", code)
        assert found is not None and found.title
        assert codebook.spans("hcpcs", code)[0].start == date.fromisoformat(start)
