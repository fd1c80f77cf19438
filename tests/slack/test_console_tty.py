"""The console on a real terminal (a pseudo-terminal): the arrow keys recall earlier lines instead of printing
`^[[A`, and the history is kept for the next session."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook

UP = "\x1b[A"


def read_until(fd: int, wanted: bytes, seen: bytearray, start: int = 0, timeout: float = 60.0) -> None:
    """Read from the terminal until `wanted` shows up after position `start` of what was seen."""
    deadline = time.monotonic() + timeout
    while wanted not in seen[start:]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out waiting for {wanted!r}; got {bytes(seen[-500:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            seen.extend(chunk)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_arrow_up_recalls_the_last_line_and_history_is_kept(codebook: CodeBook, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))}
    env.update(
        CODEDESK_ENV_FILE="none",
        CODEDESK_DB=str(tmp_path / "app.sqlite"),
        CODEDESK_CONSOLE_DB=str(tmp_path / "console.sqlite"),
        CODEDESK_CODES_DB=str(codebook.path),
        TERM="xterm",
    )
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console"], stdin=child, stdout=child, stderr=child, env=env
    )
    os.close(child)
    seen = bytearray()
    try:
        read_until(main, b"codedesk> ", seen)
        os.write(main, b"/code help\r")
        read_until(main, b"/code fav", seen)
        read_until(main, b"codedesk> ", seen, seen.index(b"/code fav"))
        start = len(seen)
        os.write(main, (UP + "\r").encode())  # the previous line again, as in a shell
        read_until(main, b"/code fav", seen, start)
        read_until(main, b"codedesk> ", seen, start)
        again = bytes(seen[start:])
        assert b"^[[A" not in again and b"/code help" in again
        os.write(main, b"quit\r")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    history = (tmp_path / "console_history").read_text()  # beside the console's own database
    assert "/code help" in history and "quit" in history
