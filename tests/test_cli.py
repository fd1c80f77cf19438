"""The `codedesk` command line: answers, JSON shapes, exit statuses, and clear errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.lookups.codebook import CodeBook


@pytest.fixture
def cli(codebook: CodeBook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CODEDESK_CODES_DB", str(codebook.path))
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "app.sqlite"))

    def run(*argv: str) -> tuple[int, str]:
        out = io.StringIO()
        return main(list(argv), out), out.getvalue()

    return run


def test_lookup_text_names_code_status_and_data(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("lookup", "heart", "attack")
    assert status == 0
    assert out.splitlines()[0].startswith("I21.9")
    assert "billable" in out and "dates of service 2015-10-01 to 2027-09-30" in out


def test_lookup_json_items(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("lookup", "e119", "--json", "--limit", "3")
    items = json.loads(out)
    assert status == 0 and items[0] == {
        "code": "E11.9",
        "system": "ICD-10-CM",
        "title": "Type 2 diabetes mellitus without complications",
        "billable": True,
        "status": "billable",
        "why": "exact code",
    }
    assert len(items) == 3


def test_lookup_batch_one_line_per_query_in_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    batch = tmp_path / "queries.txt"
    batch.write_text("CHF\npnuemonia\nJ44\n")
    status, out = cli("lookup", "--batch", str(batch), "--json", "--limit", "2")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 3
    assert [json.loads(line)[0]["code"] for line in lines] == ["I50.9", "J18.9", "J44"]


def test_show_header_lists_children_and_seventh(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("show", "s72.001")
    assert status == 0
    assert "header - not valid on a claim" in out
    assert "S72.001A" in out and "7th character required" in out


def test_show_history_by_fiscal_year(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("show", "M54.5")
    assert status == 0 and "FY2016-FY2021" in out


def test_check_exit_statuses(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("check", "E11.9", "I10", "--dos", "2025-03-01")[0] == 0
    status, out = cli("check", "E10.9", "E11.9", "--dos", "2025-03-01", "--json")
    assert status == 1 and json.loads(out)["verdict"] == "fail"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lookup"], "nothing to look up"),
        (["lookup", ""], "Type some words"),
        (["lookup", "x" * 2000], "limited to 200 characters"),
        (["lookup", "pain", "--system", "icd9"], "unknown code system"),
        (["lookup", "pain", "--limit", "0"], "--limit"),
        (["check", "E11.9", "--dos", "yesterday"], "--dos must be a date"),
        (["check", "E11.9", "--age", "300"], "--age"),
        (["check", "E11.9", "--sex", "X"], "sex"),
        (["check"], "nothing to check"),
        (["import", "/nonexistent/file.xml"], "no such file"),
        (["import", "/"], "expected a readable file; found 'a folder, not a file'"),
        (["check", "--batch", "/"], "--batch /: a folder, not a file"),
        (["changes"], "give --since YYYY-MM-DD or --between"),
        (["changes", "--since", "last week"], "--since must be a date"),
        (["changes", "--between", "FY2030", "FY2027"], "FY2030 is not a loaded release; loaded: FY2016"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(cli, capsys, argv: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    status, _ = cli(*argv)
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_installed_entry_point_runs(codebook: CodeBook, tmp_path: Path) -> None:
    env = {
        "CODEDESK_CODES_DB": str(codebook.path),
        "CODEDESK_DB": str(tmp_path / "a.sqlite"),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "lookup", "afib", "--brief"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("I48.91")


def test_first_admin_is_named_once(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli("admin", "U0ADMIN1")[0] == 0
    status, _ = cli("admin", "U0OTHER2")
    assert status == 1 and "already has an admin" in capsys.readouterr().err
    assert cli("admin", "not-a-user")[0] == 2


def test_show_ends_open_spans_at_the_end_of_the_data_never_today(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("show", "D69.11")
    assert status == 0 and "today" not in out
    assert "2026-10-01 to 2027-09-30 (end of the loaded data; still valid then)" in out
    assert "Title from: ICD-10-CM FY2027 order addenda (official)" in out
    status, out = cli("show", "J0570")
    assert "2017-01-01 to 2024-12-31" in out and "2025-10-01 to 2026-06-30 (end of the loaded data" in out


def test_data_names_each_source_and_its_dates(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("data")
    assert status == 0
    assert (
        "ICD-10-CM FY2027 (CMS MCE v44, FY2027 addenda): dates of service 2015-10-01 to 2027-09-30 (shipped)"
        in out
    )
    assert "CMS MCE v44" in out and "FY2027 order addenda" in out and "I/OCE" in out
    assert "dates of service 2019-07-01 to 2026-06-30" in out


def test_check_today_has_no_coverage_warning(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("check", "E11.9", "--dos", "2026-11-15")
    assert status == 0 and "dos-outside-data" not in out


def test_changes_since_lists_the_codes_the_team_used(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from storage.db import connect
    from storage.schema import migrate_file
    from storage.usage import record_code_uses

    migrate_file(tmp_path / "app.sqlite")
    db = connect(tmp_path / "app.sqlite", create=False)
    record_code_uses(db, ["D69.1", "E11.9"], "check", datetime.now(UTC) - timedelta(days=3))
    db.close()
    status, out = cli("changes", "--since", "2026-10-01")
    assert status == 0
    assert "(codes your team used in the last 90 days): 1 of" in out
    assert "D69.1 Qualitative platelet defects" in out and "D69.11 Glanzmann thrombasthenia" in out
    assert "E11.9" not in out
    status, out = cli("changes", "--between", "FY2026", "FY2027", "--limit", "1000")
    assert status == 0 and "(every change)" in out
    assert "- D69.1 " in out and "- Z29.14 " in out and "- I42.0 " in out
    assert "FY2027, 2026-10-01): retitled to: Encounter for prophylactic rabies immune globulin" in out
    status, reversed_out = cli("changes", "--between", "fy2027", "FY2026", "--limit", "1000")
    assert status == 0 and reversed_out.startswith("Code changes after FY2026 up to fy2027 (every change)")
    assert reversed_out.splitlines()[1:] == out.splitlines()[1:]


def test_import_of_an_unknown_zip_is_one_line_and_exit_2(cli, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    with zipfile.ZipFile(tmp_path / "download.zip", "w") as archive:
        archive.writestr("notes.txt", "nothing official")
    status, _ = cli("import", str(tmp_path / "download.zip"))
    err = capsys.readouterr().err.strip()
    assert status == 2 and "\n" not in err
    assert err.startswith("Import refused, nothing was changed: download.zip: expected a zip holding one of:")


def test_help_loads_neither_the_code_book_nor_the_scheduler() -> None:
    """`codedesk --help` must stay fast (bench/startup.py measures it): the parser is built without importing
    sqlite-utils, the search, APScheduler, Slack or the holidays package."""
    import subprocess
    import sys

    probe = (
        "import sys, io, contextlib\n"
        "import bot.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        bot.cli.main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ['sqlite_utils', 'apscheduler', 'slack_bolt', 'slack_sdk', 'holidays', 'bot.lookups.search']\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_help_names_every_job() -> None:
    from bot.jobs.cli import JOB_NAMES_FOR_HELP
    from bot.jobs.schedules import JOB_NAMES

    assert JOB_NAMES_FOR_HELP == JOB_NAMES


def test_preparing_the_code_database_says_so_before_and_after(tmp_path: Path, codebook: CodeBook) -> None:
    import io

    from bot.cli import preparing_codes

    err = io.StringIO()
    with preparing_codes(tmp_path / "codes.sqlite", err):
        (tmp_path / "codes.sqlite").write_bytes(b"")
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Preparing the code database at") and "first run only" in lines[0]
    assert lines[1].startswith("Code database ready in ")
    quiet = io.StringIO()
    with preparing_codes(codebook.path, quiet):
        pass
    assert quiet.getvalue() == ""  # already prepared by this version: nothing to say
