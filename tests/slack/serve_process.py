"""`codedesk serve` as a real child process, as the README runs it: its environment, its log, its stop.

The installed `codedesk` entry point is used (the command the README gives); its output is read on a thread so a
test can wait for a log line while the server runs, and `stop()` sends a signal and returns the exit status.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot.lookups.codebook import CodeBook
from tests.fake_slack import FakeSlack
from tests.fake_socket_mode import SocketModeServer

ROOT = Path(__file__).resolve().parent.parent.parent
BOT_TOKEN = "xoxb-serve-test-not-real"
APP_TOKEN = "xapp-1-A111-serve-test-not-real"
SIGNING_SECRET = "serve-test-signing-secret"


def codedesk_command() -> list[str]:
    """The `codedesk` console script of this environment (falls back to `python -m bot.cli`)."""
    script = shutil.which("codedesk", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bot.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(home: Path) -> dict[str, str]:
    """No proxy, no developer settings: only what a test passes on top reaches the server."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONFAULTHANDLER": "1",  # a process that does not stop in time is asked for its threads' stacks
    }


def socket_env(home: Path, fake_slack: FakeSlack, codebook: CodeBook) -> dict[str, str]:
    """The README's Socket Mode settings (the two tokens) plus where this test's Slack and databases are."""
    return {
        **base_env(home),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        **fake_slack_and_databases(home, fake_slack, codebook),
    }


def fake_slack_and_databases(home: Path, fake_slack: FakeSlack, codebook: CodeBook) -> dict[str, str]:
    """Not in the README's steps: where this test's fake Slack and databases are."""
    return {
        "SLACK_API_URL": fake_slack.api_url,
        "CODEDESK_DB": str(home / "codedesk.sqlite"),
        "CODEDESK_CODES_DB": str(codebook.path),
    }


def http_env(home: Path, fake_slack: FakeSlack, codebook: CodeBook) -> dict[str, str]:
    """The README's HTTP settings (bot token and signing secret), the same way."""
    return {
        **base_env(home),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        **fake_slack_and_databases(home, fake_slack, codebook),
    }


class ServeProcess:
    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [*codedesk_command(), "serve", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="serve-output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return "".join(self._lines)

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        """The first output line containing `text`; fails early if the process exits first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self._lines:
                    if text in line:
                        return line
                if self.process.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(
                        f"serve exited {self.process.returncode} before {text!r}:\n{self.output}"
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {text!r} within {timeout}s:\n{self.output}")
                self._changed.wait(min(left, 0.2))

    def wait_exit(self, timeout: float) -> tuple[int, float]:
        """(exit status, seconds it took). A process still running after `timeout` is sent SIGABRT, which makes
        Python's faulthandler print every thread's stack, and the failure shows its whole output."""
        started = time.monotonic()
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
            self._reader.join(5)
            raise AssertionError(
                f"serve still running {timeout:.0f}s after the signal; its output and stacks:\n{self.output}"
            ) from None
        self._reader.join(5)
        return status, time.monotonic() - started

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 20.0) -> tuple[int, float]:
        """Send `signum`; (exit status, seconds from the signal to the exit)."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.wait_exit(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def wait_connected(server: ServeProcess, socket_slack: SocketModeServer, count: int = 1) -> None:
    """Until the process has opened `count` Socket Mode connections; fails with its output if it exits first."""
    for _ in range(300):
        try:
            socket_slack.wait_connected(count, timeout=0.1)
            return
        except TimeoutError:
            assert server.process.poll() is None, f"serve exited early:\n{server.output}"
    raise AssertionError(f"serve did not connect within 30 s:\n{server.output}")
