"""bench/slack_path.py keeps working: its servers' output never blocks them, and a small run of both modes ends.

The figures are the benchmark's; none is asserted here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.lookups.codebook import CodeBook

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "slack_path.py"


def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("slack_path_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_server_that_logs_more_than_a_pipe_holds_is_never_blocked_by_it(tmp_path: Path) -> None:
    """Under load the server logs a warning per request; its stderr was a pipe the benchmark never read, so at
    64 KB every thread that logged blocked: requests hung for 30 s and SIGTERM did not end the process."""
    bench = bench_module()
    log = tmp_path / "serve.log"
    noisy = "import sys\nfor _ in range(2000): sys.stderr.write('W' * 499 + '\\n')\nprint('done')"
    child = bench.start_server([sys.executable, "-c", noisy], {}, log)
    try:
        assert child.wait(60) == 0
    finally:
        if child.poll() is None:
            child.kill()
    text = log.read_text()
    assert len(text) >= 1_000_000 and text.endswith("done\n")
    assert bench.tail(log, 5) == "done\n"


@pytest.mark.slow
def test_the_slack_path_benchmark_runs_both_modes(codebook: CodeBook) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--requests",
            "40",
            "--clients",
            "4",
            "--envelopes",
            "10",
            "--codes-db",
            str(codebook.path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "40 signed /code requests" in output and "ack:   p50" in output
    assert "Socket Mode: /code envelopes" in output and "10 back to back" in output
    assert "PROBLEM" not in output and "Traceback" not in output
