"""StopSignals: a SIGTERM is acted on whatever the main thread is doing when it arrives.

The handler used to set the stop event itself. A handler runs on the main thread between two bytecodes, and the
main thread spends its life in `stop.event.wait(...)`, which holds the event's own lock on its way in and out: a
signal landing there deadlocked the process (seen as `codedesk serve` ignoring a SIGTERM sent just as it logged
"Slack could not be reached" and went back to waiting). These run in a child process, so a deadlock is a timeout,
not a hung test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

CHILD_TIMEOUT = 20


def run_child(body: str) -> subprocess.CompletedProcess[str]:
    script = "import os, signal, threading\nfrom bot.serve import StopSignals\n" + textwrap.dedent(body)
    try:
        return subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=CHILD_TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the child never saw its stop (deadlocked?): {exc.stdout!r} {exc.stderr!r}")


def test_a_signal_while_the_main_thread_holds_the_events_lock_still_stops() -> None:
    result = run_child(
        """
        stop = StopSignals().install()
        with stop.event._cond:  # where Event.wait is on its way in or out
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):
                pass  # bytecodes: the handler runs here, on this thread, with the lock held
        print(stop.event.wait(10), stop.received)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "SIGTERM"]


def test_callbacks_run_once_and_a_late_callback_runs_at_once() -> None:
    result = run_child(
        """
        stop = StopSignals().install()
        calls = []
        ran = threading.Event()
        stop.on_stop(lambda: (calls.append("early"), ran.set()))
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.event.wait(10) and ran.wait(10)
        stop.on_stop(lambda: calls.append("late"))
        print(stop.received, ",".join(calls))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["SIGINT", "early,late"]
