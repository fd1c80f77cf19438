"""Running the app for real: HTTP under waitress (a production WSGI server) or Socket Mode."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import App

from bot import request_guard
from bot.app import configure_logging, create_app
from bot.http_intake import MAX_BODY_BYTES, SlackIntake
from bot.jobs.digest import with_file_uploads
from bot.outbox import OutboxWorker
from bot.services import Services, outbox_client, web_api_send
from bot.settings import Settings

log = logging.getLogger("codedesk.serve")
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_app(app: App) -> WSGIApp:
    """/slack/events through bot.http_intake (size, then the signature on the raw bytes, then parsing: 413, 401
    or 400 before Bolt reads anything), /healthz for load balancers."""
    guard = request_guard.guard_of(app)
    if guard is None:
        raise ValueError(
            "the HTTP server needs the app's request guard (create_app installs it in HTTP mode)"
        )
    slack = SlackIntake(app, guard)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
            return [b"ok"]
        if path != EVENTS_PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "9")])
            return [b"not found"]
        return slack(environ, start_response)

    return application


def make_http_server(settings: Settings, services: Services, host: str, port: int, **adjustments: Any) -> Any:
    """A waitress server, not yet serving; `.effective_port` is the bound port (port 0 picks a free one).

    `adjustments` are waitress settings (e.g. threads, asyncore_loop_timeout).
    """
    from waitress import create_server

    app = create_app(settings, services)
    # max_request_body_size: waitress answers 413 itself and stops buffering a larger body.
    options: dict[str, Any] = {
        "threads": 16,
        "ident": "codedesk",
        "max_request_body_size": MAX_BODY_BYTES,
        **adjustments,
    }
    return create_server(wsgi_app(app), host=host, port=port, **options)


class BackgroundHttpServer:
    """The HTTP server on a thread, for tests and benchmarks: `url` while running, `stop()` to end it."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="codedesk-http", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.server.effective_host}:{self.server.effective_port}"

    def start(self) -> BackgroundHttpServer:
        self.thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        from waitress import wasyncore

        # Sockets are closed by the server's own loop: closing them from here races its select().
        self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        self.thread.join(timeout)
        self.server.task_dispatcher.shutdown()

    def __enter__(self) -> BackgroundHttpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class OutboxThread:
    """The outbox worker (bot.outbox) on its own thread: delivers what the relay queued, until `stop()`.

    Stopping wakes the worker from its poll sleep and waits for the pass in progress to finish, so a row is
    never left half-recorded by a clean shutdown (an unclean one is covered by the outbox's claim lease).
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

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        if self.thread.is_alive():
            self.thread.join(timeout)

    def __enter__(self) -> OutboxThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def outbox_thread(settings: Settings, services: Services) -> OutboxThread:
    """The server's outbox worker: the real clock, a Web API client without retries of its own."""
    services.relay()  # the outbox table lives with the relay's tables
    client = outbox_client(settings)
    send = with_file_uploads(client, web_api_send(client))  # the digest's chart goes up as a file
    return OutboxThread(lambda sleep: OutboxWorker(services.db_factory, send, services.clock, sleep))


@contextmanager
def running_jobs(services: Services) -> Iterator[None]:
    """The scheduled jobs (queue status, overdue follow-ups, digest) for as long as the server runs."""
    from bot.jobs.scheduler import start_scheduler, stop_scheduler

    scheduler = start_scheduler(services)
    try:
        yield
    finally:
        stop_scheduler(scheduler)


def serve_http(settings: Settings, services: Services, host: str = "0.0.0.0", port: int = 3000) -> None:
    configure_logging(settings)
    server = make_http_server(settings, services, host, port)
    log.info("serving %s on http://%s:%s (health: %s)", EVENTS_PATH, host, server.effective_port, HEALTH_PATH)
    try:
        with outbox_thread(settings, services), running_jobs(services):
            server.run()
    finally:
        server.close()


def serve_socket(settings: Settings, services: Services) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    configure_logging(settings)
    app = create_app(settings, services)
    log.info("connecting to Slack in Socket Mode")
    with outbox_thread(settings, services), running_jobs(services):
        SocketModeHandler(app, app_token=settings.app_token).start()
