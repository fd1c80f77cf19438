"""`codedesk import`: newer releases load all or nothing, and the data says which dates it covers."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from bot.lookups.changes import stored_changes
from bot.lookups.codebook import CodeBook
from bot.lookups.edits import check_claim
from bot.lookups.importer import ImportResult, detect_kind, import_file
from bot.lookups.loaders import common
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.search import find_codes

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def private_book(small_book: CodeBook) -> CodeBook:
    """A code database the test may change (a copy of the session's small one)."""
    return small_book


def snapshot(book: CodeBook) -> tuple[object, ...]:
    db = book.db
    return (
        db.execute("SELECT count(*), sum(current), sum(billable), sum(length(title)) FROM codes").fetchone(),
        db.execute("SELECT count(*), max(end) FROM validity").fetchone(),
        db.execute("SELECT * FROM releases ORDER BY system").fetchall(),
        db.execute("SELECT count(*) FROM code_changes").fetchone(),
        db.execute("SELECT count(*) FROM release_history").fetchone(),
    )


def one(results: list[ImportResult]) -> ImportResult:
    assert len(results) == 1, results
    return results[0]


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def order_line(order: int, code: str, billable: bool, short: str, long: str) -> str:
    return f"{order:05d} {code:<7} {int(billable)} {short:<60} {long}"


def cm_order_2028() -> bytes:
    """A small FY2028 ICD-10-CM order file: E11 and E11.9 kept, E11.C new; every other code is gone."""
    lines = [
        order_line(1, "E11", False, "Type 2 diabetes mellitus", "Type 2 diabetes mellitus"),
        order_line(
            2,
            "E119",
            True,
            "Type 2 diabetes mellitus w/o complications",
            "Type 2 diabetes mellitus without complications",
        ),
        order_line(
            3, "E11C", True, "Type 2 diabetes w sample", "Type 2 diabetes mellitus with sample complication"
        ),
    ]
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def addenda_line(action: str, code: str, billable: bool, title: str) -> str:
    return f"{action + ':':<13}{int(billable)} {code:<7} {title[:60]:<60} {title}"


def cm_addenda(base: int, codes: int = 74879) -> bytes:
    lines = [
        addenda_line("Add", "E11C", True, "Type 2 diabetes mellitus with sample complication"),
        addenda_line("Delete", "I10", True, "Essential (primary) hypertension"),
        addenda_line("Revise from", "E119", True, "Type 2 diabetes mellitus without complications"),
        addenda_line("Revise to", "E119", True, "Type 2 diabetes mellitus without any complication"),
        "",
        "Codes",
        f"  {codes} codes in icd10cm_order_{base}.txt",
        f"  {codes} codes in icd10cm_order_{base + 1}.txt",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def hcpcs_record(code: str, long: str, short: str, added: str, effective: str, terminated: str = "") -> str:
    record = [" "] * 320
    for start, text in (
        (0, code),
        (5, "00100"),
        (10, "3"),
        (11, long[:80]),
        (91, short[:28]),
        (268, added),
        (276, effective),
        (284, terminated),
        (292, "N"),
    ):
        record[start : start + len(text)] = list(text)
    return "".join(record)


def hcpcs_file(effective: str) -> bytes:
    records = [
        hcpcs_record("J0139", "Injection, adalimumab, 1 mg", "Inj, adalimumab, 1 mg", "20250101", "20250101"),
        hcpcs_record(
            "J9999", "Injection, sample new drug, 1 mg", "Inj sample new drug 1 mg", effective, effective
        ),
        hcpcs_record(
            "J0570", "Buprenorphine implant, 74.2 mg", "Buprenorphine implant 74.2mg", "20170101", effective
        ),
    ]
    return ("HCPCS disclaimer: sample\r\n\r\n" + "\r\n".join(records) + "\r\n").encode("latin-1")


def test_detects_official_formats(tmp_path: Path) -> None:
    assert detect_kind(DATA / "tabular-2027-sample.xml") == "cm-tabular"
    assert detect_kind(DATA / "cpt-sample.csv") == "cpt"
    files = {
        "order.txt": (cm_order_2028(), "cm-order"),
        "addenda.txt": (cm_addenda(2027), "cm-addenda"),
        "anweb.txt": (hcpcs_file("20260701"), "hcpcs"),
        "pcs.txt": (b"0016070 Bypass Cerebral Ventricle to Nasopharynx, Open Approach\n", "pcs-order"),
        "codes.txt": (b"E119    Type 2 diabetes mellitus without complications\n", "cm-codes"),
    }
    for name, (data, kind) in files.items():
        (tmp_path / name).write_bytes(data)
        assert detect_kind(tmp_path / name) == kind, name


def test_code_descriptions_zip_as_published(private_book: CodeBook, tmp_path: Path) -> None:
    published = make_zip(
        tmp_path / "2028-code-descriptions-tabular-order.zip",
        {
            "icd10cm_order_2028.txt": cm_order_2028(),
            "icd10cm_order_addenda_2028.txt": cm_addenda(2027),
            "icd10cm_codes_2028.txt": b"E119    Type 2 diabetes mellitus without complications\r\n",
            "icd10cm-order-2028.pdf": b"%PDF-1.7 not text",
        },
    )
    result = one(import_file(private_book.path, published))
    private_book.refresh()
    assert result.kind == "cm-order" and result.effective == date(2027, 10, 1) and result.added == 1
    assert "fiscal year in the file name" in result.note
    assert "icd10cm-order-2028.pdf" in result.note and "icd10cm_order_addenda_2028.txt" in result.note
    assert private_book.coverage().data_end("cm") == date(2028, 9, 30)
    assert check_claim(private_book, ["E11.C"], date(2027, 10, 1)).verdict == "pass"
    assert any(
        f.rule == "not-valid-on-dos" for f in check_claim(private_book, ["E11.C"], date(2027, 9, 30)).findings
    )
    assert check_claim(private_book, ["I10"], date(2027, 9, 30)).verdict == "pass"
    assert any(
        f.rule == "not-valid-on-dos" for f in check_claim(private_book, ["I10"], date(2027, 10, 1)).findings
    )
    deleted = {
        c.code: c for c in stored_changes(private_book, date(2027, 10, 1), None, first_day_included=True)
    }
    assert deleted["I10"].change == "deleted" and deleted["I10"].source == "import:0001"


def test_tabular_and_index_zip(private_book: CodeBook, tmp_path: Path) -> None:
    xml = (
        (DATA / "tabular-2027-sample.xml")
        .read_text()
        .replace("<version>2027</version>", "<version>2028</version>")
    )
    published = make_zip(
        tmp_path / "icd10cm-table-index-2028.zip",
        {
            "icd10cm-tabular-2028.xml": xml.encode(),
            "icd10cm-index-2028.xml": b'<?xml version="1.0"?>\n<ICD10CM.index><version>2028</version></ICD10CM.index>\n',
        },
    )
    result = one(import_file(private_book.path, published))
    private_book.refresh()
    assert result.kind == "cm-tabular" and result.effective == date(2027, 10, 1)
    assert "icd10cm-index-2028.xml" in result.note
    assert private_book.spans("cm", "E11.B")[0].start == date(2027, 10, 1)
    assert find_codes(private_book, "hypothetical new complication")[0].code == "E11.B"


def test_hcpcs_quarterly_zip(private_book: CodeBook, tmp_path: Path) -> None:
    published = make_zip(
        tmp_path / "july-2026-alpha-numeric-hcpcs-file.zip",
        {
            "HCPC2026_JUL_ANWEB.txt": hcpcs_file("20260701"),
            "HCPC2026_JUL_ANWEB.xlsx": b"PK\x03\x04 a spreadsheet",
            "HCPC2026_JUL_README.txt": b"This is the README for the July 2026 HCPCS update.\r\n",
        },
    )
    result = one(import_file(private_book.path, published))
    private_book.refresh()
    assert result.kind == "hcpcs" and result.effective == date(2026, 7, 1)
    assert private_book.coverage().data_end("hcpcs") == date(2026, 9, 30)
    assert check_claim(private_book, ["J9999"], date(2026, 8, 3)).verdict == "pass"
    assert private_book.title_on("hcpcs", "J9999", date(2026, 8, 3)) is not None
    assert [s.start for s in private_book.spans("hcpcs", "J0570")] == [date(2017, 1, 1), date(2025, 10, 1)]


def test_pcs_order_zip(private_book: CodeBook, tmp_path: Path) -> None:
    lines = [
        order_line(1, "001", False, "Central Nervous System and Cranial Nerves, Bypass", "Bypass"),
        order_line(
            2,
            "0016070",
            True,
            "Bypass Cereb Vent to Nasophar w Autol Sub, Open",
            "Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach",
        ),
        order_line(
            3,
            "0016077",
            True,
            "Bypass Cereb Vent to Sample, Open",
            "Bypass Cerebral Ventricle to Sample Site with Autologous Tissue Substitute, Open Approach",
        ),
    ]
    published = make_zip(
        tmp_path / "2028-icd-10-pcs-order-file.zip", {"icd10pcs_order_2028.txt": "\r\n".join(lines).encode()}
    )
    result = one(import_file(private_book.path, published))
    private_book.refresh()
    assert result.kind == "pcs-order" and result.effective == date(2027, 10, 1) and result.added == 1
    assert check_claim(private_book, ["0016077"], date(2027, 10, 1), setting="inpatient").verdict == "pass"


def test_addenda_apply_to_their_base_year(private_book: CodeBook, tmp_path: Path) -> None:
    addenda = tmp_path / "icd10cm_order_addenda_2028.txt"
    addenda.write_bytes(cm_addenda(2027))
    result = one(import_file(private_book.path, addenda))
    private_book.refresh()
    assert result.kind == "cm-addenda" and result.effective == date(2027, 10, 1)
    assert (result.added, result.changed, result.retired) == (1, 1, 1)
    assert check_claim(private_book, ["E11.C"], date(2027, 10, 2)).verdict == "pass"
    found = [f for f in check_claim(private_book, ["I10"], date(2027, 10, 2)).findings]
    assert [f.rule for f in found] == ["not-valid-on-dos"]
    # the end date came from the import, and the finding says so beside the MCE's dates
    assert found[0].source == (
        "CMS MCE v44 validity dates, as updated by ICD-10-CM FY2028 (imported icd10cm_order_addenda_2028.txt)"
    )
    e119 = private_book.get("cm", "E11.9")
    assert e119 is not None and e119.title == "Type 2 diabetes mellitus without any complication"
    kinds = {
        (c.code, c.change)
        for c in stored_changes(private_book, date(2027, 10, 1), None, first_day_included=True)
    }
    assert {("I10", "deleted"), ("E119", "retitled")} <= kinds


def test_addenda_for_another_base_year_are_refused(private_book: CodeBook, tmp_path: Path) -> None:
    wrong = tmp_path / "icd10cm_order_addenda_2026.txt"
    wrong.write_bytes(cm_addenda(2025))
    before = snapshot(private_book)
    with pytest.raises(
        LoaderError, match=r"expected addenda for the loaded FY2027 release; found 'changes to FY2025"
    ):
        import_file(private_book.path, wrong)
    assert snapshot(private_book) == before
    same = tmp_path / "icd10cm_order_addenda_2027.txt"
    same.write_bytes(cm_addenda(2026))
    result = one(import_file(private_book.path, same))
    assert result.already and "already loaded" in result.summary() and "Nothing changed" in result.summary()
    assert snapshot(private_book) == before
    assert not list((private_book.path.parent / "imports").glob("*"))


def test_an_older_release_is_refused_unless_allowed(private_book: CodeBook, tmp_path: Path) -> None:
    older = tmp_path / "HCPC2026_JAN_ANWEB.txt"
    older.write_bytes(hcpcs_file("20260101"))
    before = snapshot(private_book)
    with pytest.raises(LoaderError, match=r"expected a release newer than the loaded HCPCS .*--allow-older"):
        import_file(private_book.path, older)
    assert snapshot(private_book) == before
    result = one(import_file(private_book.path, older, allow_older=True))
    assert result.effective == date(2026, 1, 1) and not result.already
    private_book.refresh()
    loaded = snapshot(private_book)
    # The same release again, now inside the published zip: a no-op that says so.
    zipped = make_zip(
        tmp_path / "january-2026-alpha-numeric-hcpcs-file.zip", {older.name: older.read_bytes()}
    )
    again = one(import_file(private_book.path, zipped))
    assert again.already and "was imported before" in again.summary() and "Nothing changed" in again.summary()
    assert snapshot(private_book) == loaded
    assert len(list((private_book.path.parent / "imports").glob("*.json"))) == 1


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (
            {"readme.txt": b"Nothing official here.\n", "logo.png": b"\x89PNG"},
            r"unknown\.zip: expected a zip holding one of: .*found 'only readme\.txt, logo\.png'",
        ),
    ],
)
def test_zip_with_unknown_contents(
    private_book: CodeBook, tmp_path: Path, members: dict[str, bytes], expected: str
) -> None:
    before = snapshot(private_book)
    with pytest.raises(LoaderError, match=expected):
        import_file(private_book.path, make_zip(tmp_path / "unknown.zip", members))
    assert snapshot(private_book) == before


def test_truncated_files_are_refused(private_book: CodeBook, tmp_path: Path) -> None:
    before = snapshot(private_book)
    whole = make_zip(tmp_path / "whole.zip", {"HCPC2026_JUL_ANWEB.txt": hcpcs_file("20260701") * 50})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(LoaderError, match=r"cut\.zip: expected a complete zip"):
        import_file(private_book.path, cut)
    short = tmp_path / "HCPC2026_JUL_ANWEB.txt"
    data = hcpcs_file("20260701")
    short.write_bytes(data[: len(data) - 200])
    with pytest.raises(
        LoaderError, match=r"HCPC2026_JUL_ANWEB\.txt, line 5: expected a complete 320-character"
    ):
        import_file(private_book.path, short)
    cut_member = make_zip(tmp_path / "jul.zip", {"HCPC2026_JUL_ANWEB.txt": data[: len(data) - 200]})
    with pytest.raises(  # the zip and the member as published, not the temporary copy ("00-HCPC...")
        LoaderError, match=r"^jul\.zip: HCPC2026_JUL_ANWEB\.txt, line 5: expected a complete 320-character"
    ):
        import_file(private_book.path, cut_member)
    assert snapshot(private_book) == before
    assert not list((private_book.path.parent / "imports").glob("*"))


@pytest.mark.parametrize("kept", [0.5, 0.02])  # cut after the first lines are read / before 4 KB are
def test_a_truncated_gz_file_is_refused_in_one_line(
    private_book: CodeBook, tmp_path: Path, kept: float
) -> None:
    """A .gz cut short raised EOFError from the gzip reader: a traceback instead of one line."""
    import gzip

    packed = gzip.compress(hcpcs_file("20260701") * 40)
    cut = tmp_path / "HCPC2026_JUL_ANWEB.txt.gz"
    cut.write_bytes(packed[: int(len(packed) * kept)])
    before = snapshot(private_book)
    with pytest.raises(
        LoaderError,
        match=r"^HCPC2026_JUL_ANWEB\.txt\.gz: expected a complete gzip-compressed file; found 'a truncated",
    ):
        import_file(private_book.path, cut)
    assert snapshot(private_book) == before
    assert not list((private_book.path.parent / "imports").glob("*"))


def test_progress_is_reported_while_a_large_file_loads(
    private_book: CodeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "PROGRESS_EVERY", 2)
    order = tmp_path / "icd10cm_order_2026.txt"  # FY2026: read in full, then refused as older than FY2027
    order.write_bytes(cm_order_2028())
    lines: list[str] = []
    with pytest.raises(LoaderError, match="expected a release newer than the loaded ICD-10-CM FY2027"):
        import_file(private_book.path, order, progress=lines.append)
    assert lines[0].startswith("reading icd10cm_order_2026.txt (") and "as cm-order" in lines[0]
    assert "icd10cm_order_2026.txt: 2 lines read" in lines


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("cpt-bad-line3.csv", "cpt", r"cpt-bad-line3\.csv, line 3: expected `code,description`"),
        ("tabular-truncated.xml", "cm-tabular", r"tabular-truncated\.xml, line \d+: expected well-formed"),
        ("cpt-sample.csv", "hcpcs", r"cpt-sample\.csv.*expected HCPCS records"),
    ],
)
def test_wrong_format_names_file_line_and_expectation_and_changes_nothing(
    private_book: CodeBook, name: str, kind: str, expected: str
) -> None:
    before = snapshot(private_book)
    with pytest.raises(LoaderError, match=expected):
        import_file(private_book.path, DATA / name, kind=kind, effective=date(2027, 1, 1))
    assert snapshot(private_book) == before
    assert not list((private_book.path.parent / "imports").glob("*"))


def test_imports_survive_a_rebuild_even_one_named_json(private_book: CodeBook, tmp_path: Path) -> None:
    # Issue #15: the kept copy of `cpt.json` was later read as an import manifest, so every rebuild failed.
    named_json = tmp_path / "cpt.json"
    named_json.write_bytes((DATA / "cpt-sample.csv").read_bytes())
    import_file(private_book.path, named_json, effective=date(2026, 1, 1))
    order = tmp_path / "icd10cm_order_2028.txt"
    order.write_bytes(cm_order_2028())
    one(import_file(private_book.path, order))
    kept = sorted(p.name for p in (private_book.path.parent / "imports").iterdir())
    assert kept[:2] == ["0001-cpt-" + kept[0][9:21] + ".kept", "0001.json"] and "0002.json" in kept
    private_book.path.unlink()
    rebuilt = CodeBook.open(private_book.path)
    assert rebuilt.get("cpt", "99213") is not None and rebuilt.get("cm", "E11.C") is not None
    hits = find_codes(rebuilt, "99213")
    assert hits[0].code == "99213" and hits[0].system == "CPT"
    assert rebuilt.coverage().data_end("cm") == date(2028, 9, 30)
    assert {c.code for c in stored_changes(rebuilt, date(2027, 10, 1), None, first_day_included=True)} >= {
        "I10"
    }


# The README CMS puts in its zips starts like a `code title` line ("CENTERS FOR MEDICARE ...").
CMS_README = (
    b"CENTERS FOR MEDICARE & MEDICAID SERVICES (CMS)\r\n2026 ALPHA-NUMERIC\r\n"
    b"HEALTH CARE PROCEDURE CODING SYSTEM (HCPCS)\r\n\tJune 1, 2026\r\n\r\nAlpha-Numeric HCPCS File Content\r\n"
)


def test_the_readme_cms_publishes_beside_a_file_is_not_read_as_codes(
    private_book: CodeBook, tmp_path: Path
) -> None:
    readme = tmp_path / "HCPC2026_README.txt"
    readme.write_bytes(CMS_README)
    with pytest.raises(LoaderError, match=r"HCPC2026_README\.txt, line 1: expected one of: "):
        detect_kind(readme)
    published = make_zip(
        tmp_path / "july-2026-alpha-numeric-hcpcs-file.zip",
        {"HCPC2026_JUL_ANWEB.txt": hcpcs_file("20260701"), "HCPC2026_README.txt": CMS_README},
    )
    result = one(import_file(private_book.path, published))
    assert result.kind == "hcpcs" and "Not imported from the zip: HCPC2026_README.txt." in result.note


def test_an_order_file_retires_no_chapter_or_block_and_a_codes_file_no_header(
    private_book: CodeBook, tmp_path: Path
) -> None:
    """The CMS order file lists categories and codes with their headers, never the tabular's chapters and
    blocks; a codes file lists billable codes only. Neither leaves out the others as deleted."""
    db = private_book.db
    blocks = {r[0] for r in db.execute("SELECT code FROM codes WHERE system = 'cm' AND kind = 'block'")}
    assert "E08-E13" in blocks
    order = tmp_path / "icd10cm_order_2028.txt"
    order.write_bytes(cm_order_2028())
    result = one(import_file(private_book.path, order))
    private_book.refresh()
    still = {
        r[0] for r in db.execute("SELECT code FROM codes WHERE system = 'cm' AND kind = 'block' AND current")
    }
    assert still == blocks
    changed = {c.code for c in stored_changes(private_book, date(2027, 10, 1), None, first_day_included=True)}
    assert "I10" in changed and not changed & blocks
    counted = db.execute(
        "SELECT count(*) FROM codes WHERE system = 'cm' AND kind IN ('category', 'code') AND NOT current "
        "AND release = 'FY2027'"
    ).fetchone()[0]
    assert result.retired == counted
    codes_file = tmp_path / "icd10cm_codes_2029.txt"
    codes_file.write_bytes(b"E119    Type 2 diabetes mellitus without complications\r\n")
    one(import_file(private_book.path, codes_file))
    private_book.refresh()
    e11 = private_book.get("cm", "E11")
    assert e11 is not None and e11.current and not e11.billable
    later = stored_changes(private_book, date(2028, 10, 1), None, first_day_included=True)
    assert {c.code for c in later} == {"E11C"} and later[0].change == "deleted"


def test_imported_titles_name_their_file_and_progress_names_the_member(
    private_book: CodeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "PROGRESS_EVERY", 2)
    published = make_zip(tmp_path / "2028-code-descriptions.zip", {"icd10cm_order_2028.txt": cm_order_2028()})
    lines: list[str] = []
    one(import_file(private_book.path, published, progress=lines.append))
    assert "icd10cm_order_2028.txt: 2 lines read" in lines  # as published, not the temporary copy's name
    private_book.refresh()
    detail = private_book.detail("E11.C", "cm")
    assert detail is not None
    assert detail.title_source_name == "ICD-10-CM FY2028 (imported icd10cm_order_2028.txt)"
    private_book.path.unlink()  # the rebuild replays the import and names it the same way
    rebuilt = CodeBook.open(private_book.path)
    again = rebuilt.detail("E11.C", "cm")
    assert again is not None and again.title_source_name == detail.title_source_name
