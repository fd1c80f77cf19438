"""`codedesk serve --http` as a real process: it starts its outbox worker and scheduler and serves /healthz."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.lookups.codebook import CodeBook
from tests.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_http_runs_the_jobs_and_answers_health(
    codebook: CodeBook, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    port = _free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SLACK_BOT_TOKEN": "xoxb-test-not-real",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": fake_slack.api_url,
        "CODEDESK_DB": str(tmp_path / "app.sqlite"),
        "CODEDESK_CODES_DB": str(codebook.path),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read() == b"ok"
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    assert "scheduler started:" in output
    for job in ("queue_status", "overdue", "digest"):
        assert f"job {job} scheduled" in output
    assert "xoxb-test-not-real" not in output and "test-signing-secret" not in output
    assert "Traceback" not in output
