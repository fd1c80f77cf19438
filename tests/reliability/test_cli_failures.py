"""Database and file-path problems at start-up and in the CLI: one line naming the path and what to do, exit 2,
never a traceback (issue #15: "exits with a traceback that never names the path").

Permission cases run the CLI in a child process. As root, permissions do not apply, so the child drops the
capabilities that bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) before it starts: then
root's own mode bits apply to it as to anyone. Everything else runs in process through `bot.cli.main`.
"""

from __future__ import annotations

import ctypes
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from bot.cli import main
from bot.jobs.registry import prepare_job_tables
from bot.jobs.schedules import save_schedule
from bot.lookups.codebook import CodeBook
from bot.outbox import OutboxWorker
from bot.relay.service import ClarificationService
from storage import outbox
from storage.db import connect
from storage.outbox import OutboxState
from storage.relay_tables import migrate_relay
from tests.relay.conftest import ADMIN, FakeClock, make_draft
from tests.reliability.world import populate

ROOT = Path(__file__).resolve().parents[2]
PR_CAPBSET_DROP = 24
BYPASS_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _drop_bypass_caps() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in BYPASS_CAPS:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            os._exit(97)  # cannot drop: the test skips


def run_unprivileged(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**base, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_drop_bypass_caps,
        cwd=ROOT,
    )
    if result.returncode == 97:
        pytest.skip("cannot drop the capabilities that bypass file permissions here")
    return result.returncode, result.stdout, result.stderr


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A folder whose permissions the tests change; put back afterwards so pytest can remove it."""
    folder = tmp_path / "home"
    folder.mkdir()
    folder.chmod(0o755)
    tmp_path.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
        elif path.exists():
            path.chmod(0o644)


def prepared(db: Path) -> Path:
    """A database with the relay's tables, closed (so no -wal or -shm file is left beside it)."""
    conn = connect(db)
    try:
        migrate_relay(conn)
    finally:
        conn.close()
    return db


def cli(monkeypatch: pytest.MonkeyPatch, codes: Path, db: Path, *argv: str) -> tuple[int, str]:
    monkeypatch.setenv("CODEDESK_DB", str(db))
    monkeypatch.setenv("CODEDESK_CODES_DB", str(codes))
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


# -- the app database: shapes of the path ------------------------------------------------------------------------

COMMANDS = (
    ["outbox", "list"],
    ["outbox", "retry", "--all"],
    ["admin", "U0ADMIN1"],
    ["jobs", "run", "queue_status", "--preview"],
    ["jobs", "list"],
)


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        ("a directory", "is a directory, not a file: point CODEDESK_DB at a file"),
        ("not SQLite", "is not a SQLite database (the file holds something else)"),
        ("under a file", "is a file, not a folder; point CODEDESK_DB somewhere else"),
    ],
)
def test_a_database_path_that_cannot_be_a_database_is_one_line_naming_it(
    shape: str,
    expected: str,
    argv: list[str],
    home: Path,
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if shape == "a directory":
        db = home / "codedesk.sqlite"
        db.mkdir()
    elif shape == "not SQLite":
        db = home / "codedesk.sqlite"
        db.write_text("name,code\nnot a database\n" * 100)
    else:
        (home / "afile").write_text("x")
        db = home / "afile" / "codedesk.sqlite"
    status, _ = cli(monkeypatch, codebook.path, db, *argv)
    line = one_error_line(capsys.readouterr().err)
    assert status == 2
    if argv[0] == "outbox" and shape == "under a file":
        expected = "there is no database at"  # the outbox commands never create one
    assert str(db) in line and expected in line, line


def test_the_outbox_commands_never_create_a_database(
    home: Path, codebook: CodeBook, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = home / "typo.sqlite"
    assert cli(monkeypatch, codebook.path, db, "outbox", "list")[0] == 2
    assert "set CODEDESK_DB to the one `codedesk serve` uses" in one_error_line(capsys.readouterr().err)
    assert not db.exists()


def test_serve_with_a_database_that_is_a_directory_is_one_line(home: Path, codebook: CodeBook) -> None:
    db = home / "codedesk.sqlite"
    db.mkdir()
    env = {
        "CODEDESK_DB": str(db),
        "CODEDESK_CODES_DB": str(codebook.path),
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    status, _, err = run_unprivileged(["serve", "--http", "--host", "127.0.0.1", "--port", "0"], env)
    assert status == 2 and f"the database {db} is a directory" in one_error_line(err)


# -- permissions (child processes) ----------------------------------------------------------------------------


SERVE = ["serve", "--http", "--host", "127.0.0.1", "--port", "0"]


def serve_env(db: Path, codes: Path) -> dict[str, str]:
    return {
        "CODEDESK_DB": str(db),
        "CODEDESK_CODES_DB": str(codes),
        "SLACK_BOT_TOKEN": "xoxb-1",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }


def test_a_read_only_database_stops_start_up_with_one_line(home: Path, codebook: CodeBook) -> None:
    db = home / "codedesk.sqlite"
    prepared(db)
    db.chmod(0o444)
    status, _, err = run_unprivileged(SERVE, serve_env(db, codebook.path))
    line = one_error_line(err)
    assert status == 2 and f"the database {db} is read-only for this user: make it writable" in line


def test_a_write_to_a_read_only_database_in_the_cli_is_one_line(home: Path, codebook: CodeBook) -> None:
    db = home / "codedesk.sqlite"
    prepared(db)
    db.chmod(0o444)
    status, _, err = run_unprivileged(["admin", "U0ADMIN1"], serve_env(db, codebook.path))
    assert status == 2 and f"the database {db} is read-only" in one_error_line(err)


@pytest.mark.parametrize("exists", [False, True], ids=["new database", "existing database"])
def test_a_folder_that_cannot_be_written_stops_start_up_with_one_line(
    exists: bool, home: Path, codebook: CodeBook
) -> None:
    folder = home / "data"
    folder.mkdir()
    db = folder / "codedesk.sqlite"
    if exists:
        prepared(db)
    folder.chmod(0o555)
    status, _, err = run_unprivileged(SERVE, serve_env(db, codebook.path))
    line = one_error_line(err)
    assert status == 2 and f"the folder {folder}" in line and "is not writable by this user" in line, line


def test_a_missing_folder_that_cannot_be_created_is_one_line(home: Path, codebook: CodeBook) -> None:
    home.chmod(0o555)
    db = home / "new" / "codedesk.sqlite"
    status, _, err = run_unprivileged(SERVE, serve_env(db, codebook.path))
    line = one_error_line(err)
    assert status == 2 and f"cannot create the folder {home / 'new'}" in line, line


def test_a_code_database_folder_that_cannot_be_written_is_one_line(home: Path) -> None:
    folder = home / "codes"
    folder.mkdir()
    folder.chmod(0o555)
    codes = folder / "codes.sqlite"
    status, _, err = run_unprivileged(["lookup", "heart", "attack"], {"CODEDESK_CODES_DB": str(codes)})
    assert "ready" not in err  # the progress line never claims a code database that could not be made
    line = one_error_line(
        err.replace(f"Preparing the code database at {codes} (first run only, about 10 s)...", "")
    )
    assert status == 2 and f"the code database {codes}" in line and "CODEDESK_CODES_DB" in line, line


def test_a_code_database_that_is_a_directory_is_one_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = home / "codes.sqlite"
    codes.mkdir()
    status, _ = cli(monkeypatch, codes, home / "app.sqlite", "lookup", "heart", "attack")
    assert status == 2
    line = one_error_line(capsys.readouterr().err)
    assert f"the code database {codes} is a directory" in line and "CODEDESK_CODES_DB" in line


# -- jobs run --save-chart -------------------------------------------------------------------------------------


@pytest.fixture
def jobs_db(home: Path) -> Path:
    db = home / "app.sqlite"
    conn = connect(db)
    try:
        prepare_job_tables(conn)
    finally:
        conn.close()
    return db


def test_save_chart_into_a_missing_folder_is_refused_and_nothing_is_created_or_run(
    jobs_db: Path,
    home: Path,
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = home / "charts" / "2026"
    status, out = cli(
        monkeypatch, codebook.path, jobs_db, "jobs", "run", "digest", "--save-chart", str(folder)
    )
    line = one_error_line(capsys.readouterr().err)
    assert status == 2 and out == ""
    assert f"--save-chart {folder}: no such folder (it is not created for you)" in line
    assert not (home / "charts").exists()


def test_save_chart_at_a_file_is_one_line(
    jobs_db: Path,
    home: Path,
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = home / "chart.png"
    target.write_bytes(b"old")
    status, out = cli(
        monkeypatch, codebook.path, jobs_db, "jobs", "run", "digest", "--save-chart", str(target)
    )
    assert status == 2 and out == ""
    assert f"--save-chart {target} is a file" in one_error_line(capsys.readouterr().err)
    assert target.read_bytes() == b"old"


def test_save_chart_where_the_file_cannot_be_written_is_one_line(
    jobs_db: Path,
    home: Path,
    codebook: CodeBook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = home / "charts"
    folder.mkdir()
    status, _ = cli(
        monkeypatch,
        codebook.path,
        jobs_db,
        "jobs",
        "run",
        "digest",
        "--now",
        "2026-11-03T08:00",
        "--save-chart",
        str(folder),
    )
    assert status == 0
    (name,) = [p.name for p in folder.iterdir()]
    (folder / name).unlink()
    (folder / name).mkdir()  # the chart's own name taken by a folder: the write itself fails
    status, _ = cli(
        monkeypatch,
        codebook.path,
        jobs_db,
        "jobs",
        "run",
        "digest",
        "--now",
        "2026-11-03T08:00",
        "--save-chart",
        str(folder),
    )
    line = one_error_line(capsys.readouterr().err)
    assert status == 2 and f"--save-chart: could not write {folder / name}" in line


def test_save_chart_into_a_folder_this_user_cannot_write_is_one_line(
    home: Path, jobs_db: Path, codebook: CodeBook
) -> None:
    folder = home / "charts"
    folder.mkdir()
    folder.chmod(0o555)
    status, out, err = run_unprivileged(
        ["jobs", "run", "digest", "--save-chart", str(folder)],
        {"CODEDESK_DB": str(jobs_db), "CODEDESK_CODES_DB": str(codebook.path)},
    )
    assert status == 2 and out == ""
    assert f"--save-chart {folder}: this user cannot write into that folder" in one_error_line(err)


# -- jobs run --now -------------------------------------------------------------------------------------------


def test_a_future_now_is_preview_only_and_never_holds_a_channel(
    home: Path, codebook: CodeBook, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`codedesk jobs run overdue --now <future>` used to queue reminders due at that time; each channel is sent
    in order, so every later message to that office (a new question) waited behind them, and the ladder's
    steps were recorded as taken. Now a future --now is refused (a preview still works) and nothing waits."""
    db = home / "app.sqlite"
    real_now = datetime.now(UTC)
    asked = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chicago; due a business day later
    service = ClarificationService(partial(connect, db), lambda: asked)
    prepare_job_tables(connect(db))
    world = populate(service)
    save_schedule(
        connect(db), "overdue", cron="*/15 * * * *", channel="C0LEADS", enabled=True, by="U", at=real_now
    )
    service.ask(make_draft(world.north.id), ADMIN, asker_channel="UADMIN", idempotency_key="old")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    future = (real_now + timedelta(days=30)).strftime("%Y-%m-%dT%H:%MZ")
    status, _ = cli(monkeypatch, codebook.path, db, "jobs", "run", "overdue", "--now", future)
    assert status == 2
    assert "is in the future: a run by hand posts now" in one_error_line(capsys.readouterr().err)
    assert [r.kind for r in outbox.pending(connect(db))] == ["office_post", "asker_tracking"]
    status, out = cli(monkeypatch, codebook.path, db, "jobs", "run", "overdue", "--now", future, "--preview")
    assert status == 0 and "Preview of overdue" in out

    # A run as of a past time queues its messages to go now, with a retry window from now.
    past = "2026-11-20T16:15Z"  # Friday 10:15 in Chicago: past due (72 business hours), a reminder is due
    assert cli(monkeypatch, codebook.path, db, "jobs", "run", "overdue", "--now", past)[0] == 0
    queued = [r for r in outbox.pending(connect(db)) if r.kind.startswith("overdue")]
    assert queued and all(r.next_attempt_at >= real_now and r.window_start >= real_now for r in queued)

    # Everything queued goes out in the next passes, the question first in its channel.
    clock = FakeClock(datetime.now(UTC))
    worker = OutboxWorker(
        partial(connect, db),
        lambda m, p: {"ok": True, "ts": "1.1", "channel": p["channel"]},
        clock,
        lambda s: None,
    )
    for _ in range(5):
        worker.deliver_due(clock.now)
        clock.advance(seconds=1)
    assert outbox.counts(connect(db))[OutboxState.PENDING] == 0
