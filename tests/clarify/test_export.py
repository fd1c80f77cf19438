"""`/clarify export` and `codedesk export`: the record as CSV with the full audit trail, leads and admins only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot import ids
from bot.cli import main
from bot.commands.clarify_parse import ExportClarifications, UsageError, parse_clarify_command
from bot.jobs.schedules import set_team_tz
from bot.relay.export import COLUMNS, clarifications_counted, safe_cell
from bot.relay.service import ClarificationService
from bot.services import Services
from storage.clarifications import Outcome
from tests.clarify.conftest import World
from tests.clarify.driver import CODER, LEAD, NORTH_DOC, Relay


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("export", ExportClarifications()),
        (
            'export from:2026-11-01 to:2026-11-30 office:"North Clinic"',
            ExportClarifications(date(2026, 11, 1), date(2026, 11, 30), "North Clinic"),
        ),
        ("export office:North", ExportClarifications(None, None, "North")),
    ],
)
def test_export_commands(text: str, expected: ExportClarifications) -> None:
    assert parse_clarify_command(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("export from:2026-13-01", "takes a date as YYYY-MM-DD"),
        ("export from:2026-11-30 to:2026-11-01", "`to:` is before `from:`"),
        ("export last week", "I don't understand `last`"),
        ("export from:2026-11-01 from:2026-11-02", "I don't understand"),
    ],
)
def test_bad_export_commands_say_why(text: str, says: str) -> None:
    parsed = parse_clarify_command(text)
    assert isinstance(parsed, UsageError) and says in parsed.message


def test_the_count_is_said_in_words() -> None:
    assert [clarifications_counted(n) for n in (0, 1, 2, 1200)] == [
        "0 clarifications",
        "1 clarification",
        "2 clarifications",
        "1,200 clarifications",
    ]


def test_cells_a_spreadsheet_would_run_are_defused() -> None:
    assert [safe_cell(v) for v in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "ok", None, 7)] == [
        "'=HYPERLINK(1)",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "ok",
        "",
        "7",
    ]


@pytest.fixture
def record(relay_driver: Relay, relay: ClarificationService) -> dict[str, int]:
    r = relay_driver
    first = r.ask(view_id="VEX1")
    r.answer(first, NORTH_DOC)
    # The asker records the outcome with the Resolve menu: "Disagreed".
    resolved = r.click(
        ids.CLARIFICATION_RESOLVE, f"{first}:disagreed", CODER, channel="D_UCODER", selected=True
    )
    assert "Resolved #" in r.reply_text(resolved) and "(disagreed)" in r.reply_text(resolved)
    assert relay.get(first).outcome is Outcome.DISAGREED
    second = r.ask(view_id="VEX2", encounter_ref="ENC-2026-00077")
    r.command(f"close {second} reason:Billed without the query")
    r.deliver()
    return {"answered": first, "closed": second}


def test_a_lead_gets_the_csv_in_their_dm(relay_driver: Relay, record: dict[str, int], world: World) -> None:
    r = relay_driver
    outcome = r.command('export from:2026-11-01 to:2026-11-30 office:"North Clinic"', actor=LEAD)
    assert "Exported 2 clarifications to `clarifications-2026-11-01-to-2026-11-30-north-clinic.csv`" in (
        r.reply_text(outcome)
    )
    assert outcome.only("conversations.open").body["users"] == LEAD.user_id
    complete = outcome.only("files.completeUploadExternal").body
    assert complete["channel_id"] == f"D_{LEAD.user_id}"
    rows = rows_of(outcome.only("file_upload").body["_content"])
    assert tuple(rows[0]) == COLUMNS
    answered = [row for row in rows if row["clarification_id"] == str(record["answered"])]
    assert [row["event"] for row in answered] == ["asked", "answered", "resolved"]
    assert {row["outcome"] for row in answered} == {"disagreed"}
    assert answered[1]["event_by"] == NORTH_DOC.user_id and answered[0]["encounter_ref"] == "ENC-2026-00042"
    closed = [row for row in rows if row["clarification_id"] == str(record["closed"])]
    assert closed[-1]["event"] == "closed_unanswered" and closed[-1]["outcome"] == "no_response"
    assert '"reason": "Billed without the query"' in closed[-1]["event_detail"]

    # Nothing from another period; a coder may not export; the export itself is audited.
    later = r.command("export from:2026-12-01", actor=LEAD)
    assert "Exported 0 clarifications" in r.reply_text(later)
    refused = r.command("export", actor=CODER)
    assert "Only leads and admins can export" in r.reply_text(refused)
    assert not refused.calls[:-1]  # no upload, no DM opened


def test_codedesk_export_writes_the_same_file(
    relay_driver: Relay,
    record: dict[str, int],
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CODEDESK_DB", str(services.settings.db_path))
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--from", "2026-11-01", "--office", "north clinic"]) == 0
    written = tmp_path / "clarifications-2026-11-01-to-today-north-clinic.csv"
    assert "Wrote 2 clarifications" in capsys.readouterr().out
    rows = rows_of(written.read_text(encoding="utf-8"))
    assert {row["clarification_id"] for row in rows} == {str(record["answered"]), str(record["closed"])}
    assert main(["export", "--out", "-"]) == 0
    everything = capsys.readouterr().out
    assert everything.startswith(",".join(COLUMNS))
    # Without --from/--to every clarification is exported (open ends are no condition on the stored instants).
    assert {row["clarification_id"] for row in rows_of(everything)} == {str(v) for v in record.values()}
    assert main(["export", "--from", "yesterday"]) == 2
    assert "--from must be a date" in capsys.readouterr().err
    assert main(["export", "--office", "Nowhere"]) == 2


def test_export_days_are_the_team_time_zone_set_in_slack(
    relay_driver: Relay,
    record: dict[str, int],
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The questions were asked on Monday 2 November 15:00 UTC: still the 2nd in CODEDESK_TEAM_TZ (Chicago), already
    # the 3rd in the zone the team set with `/codedesk timezone`. A lead's from:/to: days are the team's days, in
    # Slack and on the command line alike.
    db = services.db_factory()
    try:
        set_team_tz(db, "Pacific/Kiritimati", by=LEAD.user_id, at=datetime(2026, 11, 1, tzinfo=UTC))
    finally:
        db.close()
    r = relay_driver
    assert "Exported 2 clarifications" in r.reply_text(
        r.command("export from:2026-11-03 to:2026-11-03", actor=LEAD)
    )
    assert "Exported 0 clarifications" in r.reply_text(r.command("export to:2026-11-02", actor=LEAD))

    monkeypatch.setenv("CODEDESK_DB", str(services.settings.db_path))
    assert main(["export", "--from", "2026-11-03", "--to", "2026-11-03", "--out", "-"]) == 0
    ids_exported = {row["clarification_id"] for row in rows_of(capsys.readouterr().out)}
    assert ids_exported == {str(v) for v in record.values()}
    assert main(["export", "--to", "2026-11-02", "--out", "-"]) == 0
    assert rows_of(capsys.readouterr().out) == []
