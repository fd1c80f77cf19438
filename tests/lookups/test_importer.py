"""`codedesk import`: newer releases load all or nothing, and the data says which dates it covers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.edits import check_claim
from bot.lookups.importer import detect_kind, import_file
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.search import find_codes

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def private_book(codebook: CodeBook, tmp_path: Path) -> CodeBook:
    """A copy of the session's code database that a test may change."""
    target = tmp_path / "codes.sqlite"
    shutil.copyfile(codebook.path, target)
    return CodeBook.open(target)


def snapshot(book: CodeBook) -> tuple[object, ...]:
    db = book.db
    return (
        db.execute("SELECT count(*), sum(current), sum(billable) FROM codes").fetchone(),
        db.execute("SELECT count(*) FROM validity").fetchone(),
        db.execute("SELECT * FROM releases ORDER BY system").fetchall(),
    )


def test_detects_official_formats() -> None:
    assert detect_kind(DATA / "tabular-2027-sample.xml") == "cm-tabular"
    assert detect_kind(DATA / "cpt-sample.csv") == "cpt"


def test_new_cm_release_takes_effect_on_its_date(private_book: CodeBook) -> None:
    result = import_file(private_book.path, DATA / "tabular-2027-sample.xml")
    private_book.refresh()
    assert result.effective == date(2026, 10, 1)
    assert result.added >= 1 and result.retired > 70_000  # the sample release holds only a few codes
    coverage = private_book.coverage()
    assert coverage.covers_dos_through == date(2027, 9, 30)
    assert "FY2027" in coverage.release
    new = private_book.spans("cm", "E11.B")
    assert new and new[0].start == date(2026, 10, 1)
    retired = private_book.spans("cm", "I10")
    assert retired[-1].end == date(2026, 9, 30)
    # A claim on a FY2027 date of service is now checked against the new release.
    assert check_claim(private_book, ["E11.B"], date(2026, 11, 24)).verdict == "pass"
    assert any(
        f.rule == "not-valid-on-dos" for f in check_claim(private_book, ["I10"], date(2026, 11, 24)).findings
    )
    assert check_claim(private_book, ["I10"], date(2026, 3, 1)).verdict == "pass"
    assert find_codes(private_book, "hypothetical new complication")[0].code == "E11.B"


def test_cpt_import(private_book: CodeBook) -> None:
    result = import_file(private_book.path, DATA / "cpt-sample.csv", effective=date(2026, 1, 1))
    private_book.refresh()
    assert result.added == 2
    hits = find_codes(private_book, "99213")
    assert hits[0].code == "99213" and hits[0].system == "CPT"


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
        import_file(private_book.path, DATA / name, kind=kind, effective=date(2026, 1, 1))
    assert snapshot(private_book) == before
    assert not list((private_book.path.parent / "imports").glob("*"))


def test_imports_survive_a_rebuild(private_book: CodeBook) -> None:
    import_file(private_book.path, DATA / "cpt-sample.csv", effective=date(2026, 1, 1))
    private_book.path.unlink()
    rebuilt = CodeBook.open(private_book.path)
    assert rebuilt.get("cpt", "99214") is not None


def _order_line(order: int, code: str, billable: bool, short: str, long: str) -> str:
    return f"{order:05d} {code:<7} {int(billable)} {short:<60} {long}"


def test_cm_order_file(private_book: CodeBook, tmp_path: Path) -> None:
    order = tmp_path / "icd10cm_order_2027.txt"
    order.write_text(
        "\r\n".join(
            [
                _order_line(1, "E11", False, "Type 2 diabetes mellitus", "Type 2 diabetes mellitus"),
                _order_line(
                    2,
                    "E119",
                    True,
                    "Type 2 diabetes mellitus w/o complications",
                    "Type 2 diabetes mellitus without complications",
                ),
                _order_line(
                    3, "E11C", True, "Type 2 diabetes w sample", "Type 2 diabetes mellitus with sample"
                ),
            ]
        )
        + "\r\n",
        encoding="latin-1",
    )
    assert detect_kind(order) == "cm-order"
    result = import_file(private_book.path, order, effective=date(2026, 10, 1))
    private_book.refresh()
    assert result.added == 1
    assert private_book.spans("cm", "E11.C")[0].start == date(2026, 10, 1)
    assert check_claim(private_book, ["E11.C"], date(2026, 12, 1)).verdict == "pass"


def test_order_file_with_a_bad_line_changes_nothing(private_book: CodeBook, tmp_path: Path) -> None:
    order = tmp_path / "icd10cm_order_2027.txt"
    order.write_text(_order_line(1, "E11", False, "x", "y") + "\nthis is not an order record\n")
    before = snapshot(private_book)
    with pytest.raises(
        LoaderError, match=r"icd10cm_order_2027\.txt, line 2: expected a CMS order-file record"
    ):
        import_file(private_book.path, order, kind="cm-order", effective=date(2026, 10, 1))
    assert snapshot(private_book) == before


def _hcpcs_record(code: str, long: str, short: str, added: str, terminated: str = "") -> str:
    record = [" "] * 320
    for start, text in (
        (0, code),
        (5, "00100"),
        (10, "3"),
        (11, long[:80]),
        (91, short[:28]),
        (268, added),
        (276, added),
        (284, terminated),
        (292, "N"),
    ):
        record[start : start + len(text)] = list(text)
    return "".join(record)


def test_hcpcs_annual_file(private_book: CodeBook, tmp_path: Path) -> None:
    annual = tmp_path / "HCPC2026_ANWEB.txt"
    annual.write_text(
        "Disclaimer line one\r\n\r\n"
        + _hcpcs_record("J0137", "Injection, sample drug, 1 mg", "Sample drug inj", "20260101")
        + "\r\n"
        + _hcpcs_record("J0135", "Injection, adalimumab, 20 mg", "Adalimumab injection", "20050101")
        + "\r\n",
        encoding="latin-1",
    )
    assert detect_kind(annual) == "hcpcs"
    result = import_file(private_book.path, annual)
    private_book.refresh()
    assert result.effective == date(2026, 1, 1) and result.added == 1
    hcpcs = private_book.coverage().for_system("hcpcs")
    assert hcpcs is not None and hcpcs.covers_through == date(2026, 12, 31)
    assert find_codes(private_book, "J0137")[0].title == "Injection, sample drug, 1 mg"
