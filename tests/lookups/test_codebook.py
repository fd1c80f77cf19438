"""The prepared code database: what the shipped data holds and how `show` reads it."""

from __future__ import annotations

from datetime import date

from bot.lookups.codebook import CodeBook


def test_coverage_names_releases_and_dates(codebook: CodeBook) -> None:
    coverage = codebook.coverage()
    assert "ICD-10-CM FY2026" in coverage.release
    assert coverage.covers_dos_from == date(2015, 10, 1)
    assert coverage.covers_dos_through == date(2026, 9, 30)
    hcpcs = coverage.for_system("hcpcs")
    assert hcpcs is not None and hcpcs.covers_through == date(2020, 12, 31)


def test_counts_match_the_official_releases(codebook: CodeBook) -> None:
    db = codebook.db
    billable_cm = db.execute(
        "SELECT count(*) FROM codes WHERE system = 'cm' AND billable = 1 AND current = 1"
    ).fetchone()[0]
    assert billable_cm == 74_719  # the official FY2026 total, matching the MCE codes valid on 2025-10-01
    valid_2024 = db.execute(
        "SELECT count(DISTINCT code) FROM validity WHERE system = 'cm' AND start <= '2024-10-01' "
        "AND (end = '' OR end >= '2024-10-01')"
    ).fetchone()[0]
    assert valid_2024 == 74_260  # CMS's official FY2025 total
    assert db.execute("SELECT count(*) FROM codes WHERE system = 'pcs'").fetchone()[0] == 78_603


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
