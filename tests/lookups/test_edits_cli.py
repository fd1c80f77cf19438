"""`codedesk check` and `codedesk show` through the command line: systems, context, exit statuses, batch, time zone."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot.cli
from bot.cli import main
from bot.jobs import schedules
from bot.lookups.codebook import CodeBook
from storage.app_db import AppDatabase
from storage.db import write_transaction


@pytest.fixture
def cli(codebook: CodeBook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CODEDESK_CODES_DB", str(codebook.path))
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "app.sqlite"))

    def run(*argv: str) -> tuple[int, str]:
        out = io.StringIO()
        return main(list(argv), out), out.getvalue()

    return run


def test_an_invalid_string_fails_the_claim_with_exit_1(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("check", "XYZ12", "E11.9", "--dos", "2025-06-01", "--json")
    data = json.loads(out)
    assert status == 1 and data["verdict"] == "fail"
    assert [f["rule"] for f in data["findings"] if f["severity"] == "error"] == ["not-found"]
    assert data["codes"][0] == {
        "code": "XYZ12",
        "system": None,
        "title": "",
        "written": "XYZ12",
        "read_as": "data",
    }


def test_batch_keeps_going_past_an_invalid_string(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    batch = tmp_path / "claims.txt"
    batch.write_text(
        "XYZ12 E11.9 --dos 2025-06-01\nE11.9 I10 --dos 2025-06-01\n--dx E119 --px G0439 --dos 2020-06-01\n"
    )
    status, out = cli("check", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1 and [x["verdict"] for x in lines] == ["fail", "pass", "pass"]
    assert lines[0]["line"] == 1 and lines[0]["findings"][0]["rule"] == "not-found"
    assert [c["system"] for c in lines[2]["codes"]] == ["ICD-10-CM", "HCPCS"]
    status, out = cli("check", "--batch", str(batch))
    assert out.splitlines()[0] == "line 1: fail (not-found XYZ12)"


def test_dx_and_px_name_the_context(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("check", "--dx", "G0439", "--dos", "2020-06-01", "--json")
    data = json.loads(out)
    assert (
        status == 0 and data["codes"][0]["system"] == "ICD-10-CM" and data["codes"][0]["read_as"] == "context"
    )
    status, out = cli("check", "G0439", "--dos", "2020-06-01", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["codes"][0]["system"] == "HCPCS"
    assert [f["rule"] for f in data["findings"]] == ["ambiguous-system"]
    assert data["findings"][0]["system"] == "HCPCS" and data["findings"][0]["source"]


def test_a_dotted_code_given_as_a_procedure_is_refused(cli, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    status, _ = cli("check", "--px", "E11.9", "--dos", "2025-06-01")
    assert status == 2 and "dotted code is an ICD-10-CM diagnosis" in capsys.readouterr().err


def test_quiet_info_hides_the_reminders(cli) -> None:  # type: ignore[no-untyped-def]
    _, out = cli("check", "E11.9", "I10", "--dos", "2025-06-01", "--json")
    assert "use-additional" in [f["rule"] for f in json.loads(out)["findings"]]
    status, out = cli("check", "E11.9", "I10", "--dos", "2025-06-01", "--json", "--quiet-info")
    assert status == 0 and json.loads(out)["findings"] == []
    status, text = cli("check", "E11.9", "I10", "--dos", "2025-06-01", "--quiet-info")
    assert "No findings" in text


def test_default_date_of_service_is_the_teams_date(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """On the evening of 30 September in New York it is already 1 October in UTC: the team's date wins."""
    monkeypatch.setattr(bot.cli, "_utc_now", lambda: datetime(2026, 10, 1, 2, 0, tzinfo=UTC))
    monkeypatch.setenv("CODEDESK_TEAM_TZ", "America/New_York")
    _, out = cli("check", "E11.9", "--json")
    assert json.loads(out)["dos"] == "2026-09-30"
    monkeypatch.setenv("CODEDESK_TEAM_TZ", "Asia/Tokyo")
    _, out = cli("check", "E11.9", "--json")
    assert json.loads(out)["dos"] == "2026-10-01"


def test_default_date_of_service_follows_the_time_zone_set_in_slack(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`/codedesk timezone` sets the team's zone in the app database: the command line's default date of
    service follows it as Slack's does, not CODEDESK_TEAM_TZ."""
    monkeypatch.setattr(bot.cli, "_utc_now", lambda: datetime(2026, 10, 1, 4, 30, tzinfo=UTC))
    monkeypatch.setenv("CODEDESK_TEAM_TZ", "America/New_York")  # 00:30 on 1 October there
    _, out = cli("check", "E11.9", "--json")
    assert json.loads(out)["dos"] == "2026-10-01"
    database = AppDatabase(tmp_path / "app.sqlite")
    database.migrate()
    db = database.connect()
    try:
        with write_transaction(db):
            schedules.set_team_tz(db, "America/Los_Angeles", by="ULEAD", at=datetime(2026, 9, 1, tzinfo=UTC))
    finally:
        db.close()
    _, out = cli("check", "E11.9", "--json")  # 21:30 on 30 September in Los Angeles
    assert json.loads(out)["dos"] == "2026-09-30"
    batch = tmp_path / "claims.txt"
    batch.write_text("E11.9\nI10 --dos 2026-10-01\n")
    _, out = cli("check", "--batch", str(batch), "--json")
    assert [json.loads(line)["dos"] for line in out.splitlines()] == ["2026-09-30", "2026-10-01"]


def test_show_k0859_is_the_hcpcs_code(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("show", "K0859")
    assert status == 0 and out.splitlines()[0].startswith("K0859 ") and "HCPCS" in out.splitlines()[1]
    assert "Also ICD-10-CM K08.59" in out
    status, out = cli("show", "K0859", "--json")
    data = json.loads(out)
    assert data["system"] == "HCPCS" and data["also"][0]["code"] == "K08.59"
    status, out = cli("show", "K0859", "--system", "cm")
    assert out.splitlines()[0].startswith("K08.59 ")
    status, out = cli("show", "K08.59")
    assert out.splitlines()[0].startswith("K08.59 ")


def test_show_s06_338_offers_only_the_allowed_7th_character(cli) -> None:  # type: ignore[no-untyped-def]
    status, out = cli("show", "S06.338")
    assert status == 0 and "S06.338A" in out and "S06.338D" not in out and "S06.338S" not in out
