"""StopSignals: a SIGTERM is acted on whatever the main thread is doing when it arrives, and on whichever thread
the kernel hands it to; the stop's watchdog ends a process that does not finish stopping in time.

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
import threading

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


def test_a_signal_the_kernel_hands_to_another_thread_still_stops() -> None:
    """A process's signal may land on any thread that does not block it. The main thread asleep in a wait is then
    never woken to run a Python-level handler; the interpreter's C-level handler still runs, on the thread that
    got the signal, and writes the wakeup pipe."""
    result = run_child(
        """
        stop = StopSignals().install()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # only the other threads can take it now
        os.kill(os.getpid(), signal.SIGTERM)
        print(stop.event.wait(10), stop.received)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "SIGTERM"]


def test_a_stop_signal_blocked_by_whatever_started_the_process_still_stops() -> None:
    """A signal mask is inherited across fork and exec: a CI runner or supervisor that blocks SIGINT passes the
    block on, and a blocked SIGINT stays pending for ever (seen as `codedesk serve` ignoring SIGINT in CI)."""
    result = run_child(
        """
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})  # as inherited
        stop = StopSignals().install()
        os.kill(os.getpid(), signal.SIGINT)
        print(stop.event.wait(10), stop.received)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "SIGINT"]


def test_a_stop_that_does_not_finish_in_time_is_ended_with_the_stacks_that_held_it() -> None:
    result = run_child(
        """
        from bot.serve import exit_if_the_stop_overruns
        stop = StopSignals().install()
        stop.on_stop(exit_if_the_stop_overruns(0.5, 3))
        def stuck_in_a_library():
            threading.Event().wait()
        threading.Thread(target=stuck_in_a_library, name="never-ends").start()  # not a daemon: exit waits for it
        os.kill(os.getpid(), signal.SIGTERM)
        stop.event.wait(10)
        """
    )
    assert result.returncode == 3, result.stderr
    assert "the stop did not finish within 0.5 s: exiting now" in result.stderr
    assert "stuck_in_a_library" in result.stderr  # the stack of the thread that held the exit up


def test_closing_the_socket_mode_connection_is_given_up_at_its_limit() -> None:
    """slack_sdk's close waits, without a limit, for the listeners its worker pool is running."""
    from slack_bolt import App

    from bot.serve import DrainingSocketModeHandler

    app = App(token="xoxb-not-real", signing_secret="not-real", token_verification_enabled=False)
    handler = DrainingSocketModeHandler(app, "xapp-1-not-real")
    listener_may_end = threading.Event()
    handler.client.message_workers.submit(listener_may_end.wait)  # a listener still running
    try:
        assert handler.close_within(0.3) is False
    finally:
        listener_may_end.set()
    assert handler.close_within(10) is True
