"""The code-data jobs with controlled time: coverage warnings 30, 7 and 1 days ahead (each once) and the
code-set update notice on the first day of a fiscal year and after an import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.registry import run_job
from bot.jobs.schedules import CODE_CHANGES, DATA_COVERAGE
from bot.jobs.slots import RunStatus
from bot.lookups.codebook import CodeBook
from bot.lookups.importer import import_file
from storage.usage import record_code_uses
from tests.jobs.conftest import LEADS_CHANNEL, JobsDeps, outbox_rows, set_channel

CHICAGO = ZoneInfo("America/Chicago")


@dataclass
class BookDeps(JobsDeps):
    codebook: CodeBook | None = None


@pytest.fixture
def book_deps(deps: JobsDeps, codebook: CodeBook) -> BookDeps:
    return BookDeps(deps.settings, deps.db_factory, deps.clock, codebook)


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=CHICAGO)


def texts(deps: JobsDeps, kind: str) -> list[str]:
    return [str(row.payload["text"]) for row in outbox_rows(deps, kind)]


def use(deps: JobsDeps, codes: list[str], kind: str, when: datetime, times: int = 1) -> None:
    db = deps.db_factory()
    try:
        for _ in range(times):
            record_code_uses(db, codes, kind, when)  # type: ignore[arg-type]
    finally:
        db.close()


def test_coverage_warnings_30_7_1_days_ahead_each_once(book_deps: BookDeps) -> None:
    # No channel yet: the job posts nothing and keeps nothing, so no warning is lost.
    result = run_job(book_deps, DATA_COVERAGE, at(2027, 8, 31, 8))
    assert result.status is RunStatus.RAN and not result.messages
    set_channel(book_deps, DATA_COVERAGE, LEADS_CHANNEL)

    def run(when: datetime) -> list[str]:
        return [m.text for m in run_job(book_deps, DATA_COVERAGE, when).messages]

    first = run(at(2027, 8, 31))  # ICD-10 data ends 2027-09-30: 31 days left; HCPCS ended 2026-06-30
    assert len(first) == 1 and "*HCPCS*" in first[0] and "2026-06-30" in first[0] and "outside it" in first[0]
    assert "ICD-10-CM" not in first[0]
    thirty = run(at(2027, 9, 1))
    assert len(thirty) == 1 and "*ICD-10-CM*" in thirty[0] and "*ICD-10-PCS*" in thirty[0]
    assert "in 30 days" in thirty[0] and "HCPCS" not in thirty[0]
    assert run(at(2027, 9, 1, 15)) == [] and run(at(2027, 9, 10)) == []
    seven = run(at(2027, 9, 24))
    assert len(seven) == 1 and "in 7 days" in seven[0]
    assert run(at(2027, 9, 25)) == []
    one = run(at(2027, 9, 30))
    assert len(one) == 1 and "in 1 day " in one[0]
    passed = run(at(2027, 10, 1))
    assert len(passed) == 1 and "are outside it" in passed[0] and "*ICD-10-CM*" in passed[0]
    assert run(at(2027, 10, 2)) == []
    assert len(texts(book_deps, "job_data_coverage")) == 5


def test_coverage_warning_skips_to_the_most_urgent_threshold(book_deps: BookDeps) -> None:
    set_channel(book_deps, DATA_COVERAGE, LEADS_CHANNEL)
    late = run_job(book_deps, DATA_COVERAGE, at(2027, 9, 28)).messages  # first run 3 days before the end
    assert len(late) == 1 and "in 3 days" in late[0].text
    assert run_job(book_deps, DATA_COVERAGE, at(2027, 9, 29)).messages == ()  # 30 and 7 are behind it


def test_update_notice_on_the_first_day_of_the_fiscal_year(book_deps: BookDeps) -> None:
    set_channel(book_deps, CODE_CHANGES, LEADS_CHANNEL)
    use(book_deps, ["D69.1"], "pick", at(2026, 9, 15), times=2)
    use(book_deps, ["I42.0", "E11.9"], "check", at(2026, 8, 1))
    use(book_deps, ["Z29.14"], "clarification", at(2026, 9, 20))
    use(book_deps, ["T52.8X1A"], "check", at(2026, 6, 1))  # deleted too, but used more than 90 days ago
    assert run_job(book_deps, CODE_CHANGES, at(2026, 9, 30)).messages == ()  # not the first day of anything
    notice = run_job(book_deps, CODE_CHANGES, at(2026, 10, 1, 8)).messages
    assert len(notice) == 1
    text = notice[0].text
    assert "A new fiscal year starts today (2026-10-01)" in text
    assert "3 of the" in text
    lines = text.splitlines()
    d691 = next(line for line in lines if line.startswith("• D69.1 "))
    assert "expanded into more specific codes; use: D69.11 Glanzmann thrombasthenia; D69.19" in d691
    assert "used it 2 times in the last 90 days (looked up 2)" in d691
    assert any(line.startswith("• I42.0 ") and "I42.00" in line and "in checks 1" in line for line in lines)
    assert any(
        line.startswith("• Z29.14 ")
        and "retitled to: Encounter for prophylactic rabies immune globulin" in line
        for line in lines
    )
    assert "T52.8X1A" not in text and "E11.9" not in text
    assert lines.index(d691) == 2  # the most used first
    assert run_job(book_deps, CODE_CHANGES, at(2026, 10, 1, 14)).messages == ()  # once per day


def test_update_notice_after_an_import(book_deps: BookDeps, small_book: CodeBook, tmp_path: Path) -> None:
    book = small_book
    target = book.path
    deps = BookDeps(book_deps.settings, book_deps.db_factory, book_deps.clock, book)
    set_channel(deps, CODE_CHANGES, LEADS_CHANNEL)
    use(deps, ["D69.11"], "check", at(2026, 11, 20), times=3)
    assert run_job(deps, CODE_CHANGES, at(2026, 11, 24)).messages == ()
    addenda = tmp_path / "icd10cm_order_addenda_2028.txt"
    line = f"{'Delete:':<13}1 {'D6911':<7} {'Glanzmann thrombasthenia':<60} Glanzmann thrombasthenia"
    addenda.write_text(
        line
        + "\r\n\r\nCodes\r\n  74879 codes in icd10cm_order_2027.txt\r\n  74878 codes in icd10cm_order_2028.txt\r\n"
    )
    import_file(target, addenda)
    book.refresh()
    notice = run_job(deps, CODE_CHANGES, at(2026, 11, 25)).messages
    assert len(notice) == 1
    assert "ICD-10-CM FY2028 was imported (effective 2027-10-01)" in notice[0].text
    assert "• D69.11 Glanzmann thrombasthenia" in notice[0].text and "in checks 3" in notice[0].text
    assert run_job(deps, CODE_CHANGES, at(2026, 11, 26)).messages == ()


def test_update_notice_on_the_first_day_of_a_quarter(book_deps: BookDeps) -> None:
    """HCPCS changes by quarter: on 2026-04-01 the codes the team used that the 2026-Q2 file deleted or
    retitled, and nothing on the day before or again that day."""
    set_channel(book_deps, CODE_CHANGES, LEADS_CHANNEL)
    use(book_deps, ["J0174"], "check", at(2026, 3, 2), times=3)
    use(book_deps, ["C9307"], "pick", at(2026, 3, 20))
    use(book_deps, ["J0139"], "check", at(2026, 3, 20))  # not changed that quarter
    assert run_job(book_deps, CODE_CHANGES, at(2026, 3, 31)).messages == ()
    notice = run_job(book_deps, CODE_CHANGES, at(2026, 4, 1, 8)).messages
    assert len(notice) == 1
    lines = notice[0].text.splitlines()
    assert "A new quarter starts today (2026-04-01)" in lines[0]
    assert lines[2].startswith("• J0174 ") and "retitled to: Lecanemab-irmb, for iv inj" in lines[2]
    assert "in checks 3" in lines[2]
    assert lines[3].startswith("• C9307 ") and "deleted" in lines[3] and "looked up 1" in lines[3]
    assert "J0139" not in notice[0].text
    assert run_job(book_deps, CODE_CHANGES, at(2026, 4, 1, 15)).messages == ()
