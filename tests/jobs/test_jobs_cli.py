"""`codedesk jobs run|list`: a preview without Slack, queued rows with it, exit 2 on bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.jobs.schedules import QUEUE_STATUS
from tests.jobs.conftest import TEAM_CHANNEL, TEAM_TZ, JobsDeps, World, outbox_rows, query, set_channel


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, deps: JobsDeps, world: World) -> JobsDeps:
    monkeypatch.setenv("CODEDESK_DB", str(deps.settings.db_path))
    monkeypatch.setenv("CODEDESK_TEAM_TZ", TEAM_TZ)
    if deps.settings.database_url:
        monkeypatch.setenv("CODEDESK_DATABASE_URL", deps.settings.database_url)
    return deps


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_without_slack_a_run_prints_the_message_and_keeps_nothing(environment: JobsDeps) -> None:
    status, output = run_cli("jobs", "run", "queue_status", "--now", "2026-11-02T09:00")
    assert status == 0
    assert "Preview of queue_status at Mon 2 Nov 2026 09:00 CST (Slack is not configured)" in output
    assert "--- to (no channel set) [job_queue_status] ---" in output
    assert "*Clarification queue*" in output
    assert outbox_rows(environment) == [] and query(environment, "SELECT count(*) FROM job_runs") == [(0,)]


def test_with_slack_a_run_queues_the_messages_and_lists_the_rows(
    environment: JobsDeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    set_channel(environment, QUEUE_STATUS, TEAM_CHANNEL)
    status, output = run_cli("jobs", "run", "queue-status", "--now", "2026-11-02T15:00Z")
    [row] = outbox_rows(environment, "job_queue_status")
    assert status == 0 and f"1 message(s) queued (outbox rows {row.id})" in output
    assert f"--- to {TEAM_CHANNEL} [job_queue_status] ---" in output
    status, output = run_cli("jobs", "run", "queue_status", "--now", "2026-11-02T15:00Z")
    assert "already ran" in output and len(outbox_rows(environment, "job_queue_status")) == 1


def test_as_scheduled_uses_the_schedule_slot(environment: JobsDeps, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    set_channel(environment, QUEUE_STATUS, TEAM_CHANNEL)
    run_cli("jobs", "run", "queue_status", "--as-scheduled", "--now", "2026-11-02T10:30-06:00")
    assert query(environment, "SELECT slot FROM job_runs") == [("2026-11-02T15:00:00.000000+00:00",)]


def test_the_digest_chart_can_be_saved(environment: JobsDeps, tmp_path: Path) -> None:
    status, output = run_cli(
        "jobs", "run", "digest", "--now", "2026-11-03T08:00", "--save-chart", str(tmp_path)
    )
    assert status == 0 and "files.uploadV2 digest-2026-11-02.png" in output
    assert (tmp_path / "digest-2026-11-02.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["jobs", "run", "backup"], "unknown job 'backup': choose one of queue_status, overdue, digest"),
        (["jobs", "run", "digest", "--now", "yesterday"], "--now: 'yesterday' is not an ISO time"),
        (["jobs", "list", "--now", "2026-13-01"], "is not an ISO time"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    environment: JobsDeps, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, _ = run_cli(*argv)
    assert status == 2
    assert message in capsys.readouterr().err


def test_jobs_alone_prints_help(environment: JobsDeps) -> None:
    status, output = run_cli("jobs")
    assert status == 2 and "run" in output and "list" in output


def test_list_shows_schedules_channels_and_runs(environment: JobsDeps) -> None:
    set_channel(environment, QUEUE_STATUS, TEAM_CHANNEL)
    status, output = run_cli("jobs", "list", "--now", "2026-11-02T09:30")
    assert status == 0
    assert "Team time zone: America/Chicago" in output
    assert (
        f"queue_status  on  0 9,13 * * 1-5 · skips team holidays · team channel: {TEAM_CHANNEL} · next: Mon 2 Nov 2026 13:00 CST"
        in output
    )
    assert "digest        on  0 8 * * 1-5 (default) · skips team holidays · leads' channel: not set" in output
    assert "last run: never" in output
