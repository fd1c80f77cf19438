"""Running the app for real: HTTP under waitress (a production WSGI server) or Socket Mode.

Start-up: HTTP binds and serves without calling Slack (the bot token is checked in the background, one log
line); Socket Mode first has Slack accept both tokens (a rejected one stops start-up with one line naming it,
before any worker or job runs; Slack being unreachable is retried with backoff, never called a bad token).
Stop (SIGTERM from systemd/Docker/Kubernetes, or SIGINT): take no new work, let what is in hand finish, stop the
scheduler, finish or release the outbox's send in flight, exit 0 - all within STOP_SECONDS.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from types import FrameType
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot import health, request_guard
from bot.app import LISTENER_THREADS, configure_logging, create_app, use_auth_test
from bot.console_slack import IdleWaitingExecutor
from bot.health import Health
from bot.http_intake import MAX_BODY_BYTES, SlackIntake
from bot.jobs.digest import with_file_uploads
from bot.outbox import OutboxWorker
from bot.services import Services, outbox_client, web_api_send
from bot.settings import Settings, SettingsError
from bot.slack_check import TokenCheck, check_bot_token, check_client, open_socket_url, until_slack_answers

log = logging.getLogger("codedesk.serve")
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
STOP_SECONDS = 9.0  # from the signal to exit 0; Docker and Kubernetes wait 10 s before SIGKILL


def wsgi_app(app: App, health: Callable[[], Health] | None = None) -> WSGIApp:
    """/slack/events through bot.http_intake (size, then the signature on the raw bytes, then parsing: 413, 401
    or 400 before Bolt reads anything), /healthz for load balancers: 200 "ok", or 503 with one line per problem
    (bot.health: the database or the code database deleted, replaced or unreadable)."""
    guard = request_guard.guard_of(app)
    if guard is None:
        raise ValueError(
            "the HTTP server needs the app's request guard (create_app installs it in HTTP mode)"
        )
    slack = SlackIntake(app, guard)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            found = health() if health is not None else Health(())
            body = found.body()
            status = "200 OK" if found.ok else "503 Service Unavailable"
            start_response(
                status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
            )
            return [body]
        if path != EVENTS_PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "9")])
            return [b"not found"]
        return slack(environ, start_response)

    return application


def make_http_server(
    settings: Settings,
    services: Services,
    host: str,
    port: int,
    *,
    listener_executor: Executor | None = None,
    stop: threading.Event | None = None,
    **adjustments: Any,
) -> Any:
    """A waitress server, not yet serving; `.effective_port` is the bound port (port 0 picks a free one).

    The bot token is checked in the background (`.token_check`, bot.slack_check.TokenCheck) and, once Slack
    accepts it, handed to Bolt; nothing waits on Slack here. `adjustments` are waitress settings (e.g. threads,
    asyncore_loop_timeout).
    """
    from waitress import create_server

    app = create_app(settings, services, listener_executor=listener_executor)
    # max_request_body_size: waitress answers 413 itself and stops buffering a larger body.
    options: dict[str, Any] = {
        "threads": 16,
        "ident": "codedesk",
        "max_request_body_size": MAX_BODY_BYTES,
        **adjustments,
    }
    server = create_server(
        wsgi_app(app, lambda: health.check(services.files)), host=host, port=port, **options
    )
    server.token_check = TokenCheck(
        settings, lambda bot: use_auth_test(app, bot.auth_test), stop or threading.Event()
    ).start()
    return server


class BackgroundHttpServer:
    """The HTTP server on a thread, for tests and benchmarks: `url` while running, `stop()` to end it."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="codedesk-http", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.server.effective_host}:{self.server.effective_port}"

    def start(self) -> BackgroundHttpServer:
        """Serving, once the token check has had Slack's answer (as a server that has run for a moment)."""
        self.server.token_check.settled.wait(5)
        self.thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        from waitress import wasyncore

        # Request threads finish first: one that ends after the sockets are closed pulls a closed trigger
        # (EBADF, logged by waitress as an error). Sockets are then closed by the server's own loop: closing
        # them from here races its select().
        self.server.task_dispatcher.shutdown(cancel_pending=True, timeout=timeout)
        if not self.thread.is_alive():
            return
        # A trigger closed already (EBADF) means the loop is on its way out.
        with contextlib.suppress(OSError):
            self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        self.thread.join(timeout)

    def __enter__(self) -> BackgroundHttpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class OutboxThread:
    """The outbox worker (bot.outbox) on its own thread: delivers what the relay queued, until `stop()`.

    Stopping wakes the worker from its poll sleep, lets the sends in flight finish and be recorded, and starts
    no other; a send still under way after `timeout` has its row released for the next run (bot.outbox).
    """

    def __init__(self, worker_for: Callable[[Callable[[float], None]], OutboxWorker]) -> None:
        self.stop_event = threading.Event()
        self.worker = worker_for(self._sleep)
        self.thread = threading.Thread(
            target=self.worker.run_forever, args=(self.stop_event,), name="codedesk-outbox", daemon=True
        )

    def _sleep(self, seconds: float) -> None:
        self.stop_event.wait(seconds)

    def start(self) -> OutboxThread:
        self.thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> bool:
        """True when the worker finished; False when a send was still under way (its row is released)."""
        self.stop_event.set()
        if self.thread.is_alive():
            self.thread.join(max(0.0, timeout))
        if not self.thread.is_alive():
            return True
        for row_id in self.worker.release_in_flight():
            log.warning("outbox: row %d was still sending at the stop: released for the next run", row_id)
        return False

    def __enter__(self) -> OutboxThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def outbox_thread(settings: Settings, services: Services) -> OutboxThread:
    """The server's outbox worker: the real clock, a Web API client without retries of its own and with a short
    timeout, the background busy timeout, the give-up horizon from the settings."""
    client = outbox_client(settings)
    send = with_file_uploads(client, web_api_send(client))  # the digest's chart goes up as a file
    db_factory = services.background().db_factory
    return OutboxThread(
        lambda sleep: OutboxWorker(
            db_factory, send, services.clock, sleep, give_up_after=settings.outbox_give_up_after
        )
    )


# -- stopping -----------------------------------------------------------------------------------------------
class StopSignals:
    """SIGTERM and SIGINT set `event` and run the `on_stop` callbacks, once; install from the main thread.

    Python runs a signal's handler only on the main thread, between two bytecodes. Two ways that failed:
    - The handler set the event itself. The main thread spends its life in `stop.event.wait(...)`, holding the
      event's own lock on its way in and out: a signal landing there deadlocked the process.
    - The handler wrote to a pipe. The kernel may hand a process's signal to any of its threads; the main
      thread, asleep on a lock, is then never woken to run a Python handler at all, and the stop is never seen.
    So the interpreter's own C-level handler, which runs on whichever thread the signal lands, writes the
    signal's number to a pipe (`signal.set_wakeup_fd`); a small thread reads it, then sets `event` and runs the
    callbacks. The Python-level handler does nothing: it only replaces the default (exit, KeyboardInterrupt).
    The callbacks must only wake something (waitress's trigger, a timer), not block.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self) -> None:
        self.event = threading.Event()
        self.received: str | None = None
        self._callbacks: list[Callable[[], None]] = []
        self._callbacks_lock = threading.Lock()  # taken by threads only, never by a signal handler
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._write_fd, False)

    def install(self) -> StopSignals:
        # A blocked signal stays pending for ever, and the block is inherited from whatever started the process
        # (a supervisor or CI runner that blocks SIGINT): the stop signals are unblocked first, so this thread and
        # every thread started after it can take them.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, self.SIGNALS)
        threading.Thread(target=self._watch, name="codedesk-signals", daemon=True).start()
        for signum in self.SIGNALS:
            signal.signal(signum, self._handle)
        signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)  # a full pipe: a stop is on its way
        return self

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Run `callback` at the stop; at once if the stop has already begun."""
        with self._callbacks_lock:
            if not self.event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        """Nothing: the wakeup pipe carries the signal (see the class's note)."""

    def _watch(self) -> None:
        stops = {int(signum) for signum in self.SIGNALS}
        while True:
            signum = os.read(self._read_fd, 1)[0]
            if signum not in stops:
                continue  # the wakeup pipe carries every signal that has a Python handler
            with self._callbacks_lock:
                if self.event.is_set():
                    continue  # already stopping: the stop is bounded by STOP_SECONDS
                self.received = signal.Signals(signum).name
                self.event.set()
                callbacks = list(self._callbacks)
            for callback in callbacks:
                callback()


def exit_if_the_stop_overruns(seconds: float, status: int) -> Callable[[], None]:
    """An `on_stop` callback: if the process is still alive `seconds` after the stop began, log every thread's
    stack (what held it up) and end it with `status`. Whatever was left running is abandoned: each write is one
    transaction (rolled back whole), and an outbox row still leased is sent by the next run."""

    def overran() -> None:
        log.error("the stop did not finish within %g s: exiting now; the threads still running:", seconds)
        logging.shutdown()  # flushed: the line above is out before the stacks
        with contextlib.suppress(Exception):
            faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        sys.stderr.flush()
        os._exit(status)

    def start() -> None:
        timer = threading.Timer(seconds, overran)
        timer.name, timer.daemon = "codedesk-stop-watchdog", True
        timer.start()

    return start


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self, floor: float = 0.0) -> float:
        return max(floor, self.at - time.monotonic())


def finish_stopping(
    deadline: Deadline, executor: IdleWaitingExecutor, scheduler: Any, outbox: OutboxThread
) -> bool:
    """After no new work is taken: the listeners in hand, then the jobs, then the outbox (jobs queue messages).

    True when everything finished; False when something was still running at the deadline."""
    from bot.jobs.scheduler import stop_scheduler

    listeners_done = executor.wait_idle(deadline.left())
    if not listeners_done:
        log.warning("listeners still running at the stop deadline: exiting without them")
    # A job still running at the deadline (the start-up catch-up, say, on a loaded machine) is left: it had waited
    # here without a bound, so the stop outlasted its 10 s.
    jobs_done = stop_scheduler(scheduler, timeout=deadline.left(floor=0.5))
    if not jobs_done:
        log.warning(
            "a scheduled job was still running at the stop deadline: exiting without it (its changes are "
            "not saved; its slot runs again at the next start)"
        )
    outbox_done = outbox.stop(deadline.left(floor=0.5))
    return listeners_done and jobs_done and outbox_done


def listener_pool() -> IdleWaitingExecutor:
    """Bolt's listener executor, waitable at stop (acks run here: see bot.app)."""
    return IdleWaitingExecutor(max_workers=LISTENER_THREADS)


# -- HTTP ---------------------------------------------------------------------------------------------------
class DrainingHttpServer:
    """A waitress server that, asked to stop, closes its listening socket, lets the requests in hand finish and
    their responses go out, then closes every connection (`run()` returns)."""

    def __init__(self, server: Any, deadline_seconds: float = 3.0) -> None:
        self.server = server
        self.deadline_seconds = deadline_seconds
        self._closed = threading.Event()

    def run(self) -> None:
        self.server.run()

    def request_stop(self) -> None:
        """Safe from a signal handler or any thread: the work happens on waitress's own loop."""
        self.server.trigger.pull_trigger(self._stop_listening)

    def _stop_listening(self) -> None:
        from waitress import wasyncore

        wasyncore.dispatcher.close(self.server)  # the listening socket only (waitress's close() also
        # closes the trigger this loop still needs)
        deadline = Deadline(self.deadline_seconds)
        threading.Thread(
            target=self._close_when_idle, args=(deadline,), name="codedesk-drain", daemon=True
        ).start()

    def _close_when_idle(self, deadline: Deadline) -> None:
        while not self._closed.is_set():
            try:
                self.server.trigger.pull_trigger(lambda: self._close_if_idle(deadline))
            except OSError:  # the loop closed everything (its trigger too) between the check and the pull
                return
            self._closed.wait(0.02)

    def _close_if_idle(self, deadline: Deadline) -> None:
        from waitress import wasyncore

        if self._closed.is_set():
            return
        channels = [c for c in list(self.server._map.values()) if hasattr(c, "requests")]
        tasks = self.server.task_dispatcher
        # active_count: a request thread still finishing its task (it wakes this loop at the end)
        busy = any(c.requests or c.total_outbufs_len for c in channels) or tasks.queue or tasks.active_count
        if busy and deadline.left() > 0:
            return
        if busy:
            log.warning("HTTP requests still in hand at the stop deadline: closing their connections")
        self._closed.set()
        wasyncore.close_all(self.server._map)


def serve_http(
    settings: Settings,
    services: Services,
    host: str = "0.0.0.0",
    port: int = 3000,
    stop: StopSignals | None = None,
) -> bool:
    """Serve until SIGTERM/SIGINT; True when the stop finished everything in hand within STOP_SECONDS."""
    configure_logging(settings)
    stop = stop or StopSignals().install()
    executor = listener_pool()
    try:
        server = make_http_server(settings, services, host, port, listener_executor=executor, stop=stop.event)
    except OSError as exc:  # the port is taken, the host is not this machine's ...
        raise SettingsError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    http = DrainingHttpServer(server)
    stop.on_stop(http.request_stop)
    from bot.jobs.scheduler import start_scheduler

    outbox = outbox_thread(settings, services).start()
    scheduler = start_scheduler(services.background())
    log.info(
        "serving %s on http://%s:%s (health: %s)", EVENTS_PATH, host, http.server.effective_port, HEALTH_PATH
    )
    try:
        http.run()
    finally:
        deadline = Deadline(STOP_SECONDS - http.deadline_seconds)
        log.info("stopping (%s): no new requests", stop.received or "server closed")
        done = finish_stopping(deadline, executor, scheduler, outbox)
        http.server.task_dispatcher.shutdown(cancel_pending=True, timeout=0.5)
        log.info("stopped cleanly" if done else "stopped; see the warnings above")
    return done


# -- Socket Mode --------------------------------------------------------------------------------------------
class DrainingSocketModeHandler(SocketModeHandler):
    """Bolt's built-in Socket Mode handler (slack_sdk's built-in client) that can stop taking envelopes.

    `drain()` refuses envelopes from then on (left unacked: Slack retries events; a command gets Slack's own
    timeout message) and waits for those in hand to be acked; then `close()` ends the connection.
    """

    client: SocketModeClient

    def __init__(self, app: App, app_token: str) -> None:
        super().__init__(app, app_token=app_token)
        self._taking = True
        self._in_hand = 0
        self._idle = threading.Condition()

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        with self._idle:
            if not self._taking:
                log.info("stopping: %s envelope not taken", req.type)
                return
            self._in_hand += 1
        try:
            super().handle(client, req)
        finally:
            with self._idle:
                self._in_hand -= 1
                self._idle.notify_all()

    def drain(self, timeout: float) -> bool:
        with self._idle:
            self._taking = False
            return self._idle.wait_for(lambda: self._in_hand == 0, timeout)

    def close(self) -> None:
        """slack_sdk's close, without its waits: its reader holds the socket until a 3 s receive timeout and its
        message loop until a 1 s queue timeout. Marking the session over and shutting the socket's read side
        ends the receive at once (an end of stream, not an error); an empty message wakes the loop."""
        client = self.client
        client.auto_reconnect_enabled = False
        runner = client.current_session_runner
        runner.event.set()  # no new receive loop from here on (see below)
        client.current_session_state.terminated = True
        sock = getattr(client.current_session, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RD)
        # slack_sdk starts each receive loop by marking the session state live again, and its close joins that
        # loop's thread without a limit: a loop begun after the state was marked over (its runner wakes every
        # 0.1 s while the socket is still open) would never end. So the state is marked over until it has ended.
        while runner.thread is not None and runner.thread.is_alive():
            client.current_session_state.terminated = True
            runner.thread.join(0.05)
        client.message_queue.put(None)
        super().close()

    def close_within(self, timeout: float) -> bool:
        """`close()`, waited for at most `timeout` seconds (its joins have no limit of their own: a listener still
        running holds slack_sdk's worker pool). True when it finished; False when it was left to run."""
        closing = threading.Thread(target=self.close, name="codedesk-socket-close", daemon=True)
        closing.start()
        closing.join(max(0.0, timeout))
        if closing.is_alive():
            log.warning(
                "the Socket Mode connection was still closing at the stop deadline: exiting without it"
            )
            return False
        return True


def socket_mode_handler(app: App, settings: Settings, url: str | None = None) -> DrainingSocketModeHandler:
    """The Socket Mode connection as the server runs it; `url` from apps.connections.open, if already had."""
    if not settings.app_token:
        raise ValueError("Socket Mode needs SLACK_APP_TOKEN")
    handler = DrainingSocketModeHandler(app, settings.app_token)
    if url is not None:
        handler.client.wss_uri = url  # used once by connect(); every reconnect asks Slack for a new URL
    return handler


def connect_when_slack_accepts(
    settings: Settings, app: App, stop: threading.Event
) -> DrainingSocketModeHandler | None:
    """Both tokens accepted (TokenRejected otherwise), then a handler ready to connect; None if stopped first."""
    assert settings.bot_token is not None and settings.app_token is not None
    client = check_client(settings)
    bot_token, app_token = settings.bot_token, settings.app_token
    bot = until_slack_answers("check SLACK_BOT_TOKEN", lambda: check_bot_token(client, bot_token), stop)
    if bot is None:
        return None
    log.info("Slack accepted SLACK_BOT_TOKEN (bot user %s in workspace %s)", bot.user_id, bot.team_id)
    use_auth_test(app, bot.auth_test)
    url = until_slack_answers(
        "open a Socket Mode connection", lambda: open_socket_url(client, app_token), stop
    )
    if url is None:
        return None
    return socket_mode_handler(app, settings, url)


def serve_socket(settings: Settings, services: Services, stop: StopSignals | None = None) -> bool:
    """Connect and serve until SIGTERM/SIGINT; True when the stop finished everything in hand in time."""
    configure_logging(settings)
    stop = stop or StopSignals().install()
    executor = listener_pool()
    app = create_app(settings, services, listener_executor=executor)
    log.info("connecting to Slack in Socket Mode")
    handler = connect_when_slack_accepts(settings, app, stop.event)
    if handler is None:
        log.info("stopped (%s) before connecting", stop.received)
        executor.shutdown(wait=False)
        return True
    from bot.jobs.scheduler import start_scheduler

    outbox = outbox_thread(settings, services).start()
    scheduler = start_scheduler(services.background())
    try:
        handler.connect()
        if handler.client.is_connected():
            log.info("connected to Slack in Socket Mode")
        else:
            log.warning("the Socket Mode connection did not open; the client tries again every 10 s")
        stop.event.wait()
    finally:
        deadline = Deadline(STOP_SECONDS)
        log.info("stopping (%s): no new envelopes", stop.received or "error")
        handed = handler.drain(min(2.0, deadline.left()))
        closed = handler.close_within(min(2.0, deadline.left(floor=0.5)))
        done = finish_stopping(deadline, executor, scheduler, outbox) and handed and closed
        log.info("stopped cleanly" if done else "stopped; see the warnings above")
    return done
