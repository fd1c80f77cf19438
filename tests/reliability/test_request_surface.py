"""The HTTP request surface: a body over the limit is refused before it is read (413), the signature is checked
on the raw bytes before anything is parsed (401), and a signed body that cannot be parsed is a 400 - never a 500,
never a traceback in the log. Through the real server (waitress, as `codedesk serve --http` runs it)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import io
import json
import logging
import socket
import tracemalloc
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from bot.http_intake import COULD_NOT_READ, MAX_BODY_BYTES, SlackIntake
from bot.request_guard import VerifiedRequests
from bot.services import Services
from bot.settings import Settings
from tests.reliability.slack_http import post, running_server
from tests.signing import block_actions_body, signed_headers

MB = 1024 * 1024


def _no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert bad == [], [r.getMessage() for r in bad]


def send_large(url: str, size: int, chunk: bytes = b"x" * 65536) -> int:
    """POST `size` bytes without ever holding them: the status the server answers (it may stop reading)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(
            (
                f"POST {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {size}\r\n\r\n"
            ).encode()
        )
        sent = 0
        try:
            while sent < size:
                piece = chunk[: size - sent]
                conn.sendall(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed without reading the rest: what it should do
        reply = b""
        try:
            while b"\r\n" not in reply:
                data = conn.recv(4096)
                if not data:
                    break
                reply += data
        except ConnectionResetError:
            pass
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0


def test_an_unsigned_20_mb_body_is_refused_413_without_the_memory_growing(
    settings: Settings, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with running_server(settings, services) as url:
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            status = send_large(url, 20 * MB)
            growth = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
    assert status == 413
    assert growth < 100 * MB, f"memory grew {growth / MB:.0f} MB"
    _no_traceback(caplog)


def test_a_signed_body_over_the_limit_is_refused_413(
    settings: Settings, services: Services, signing_secret: str
) -> None:
    body = urlencode({"payload": json.dumps({"type": "block_actions", "pad": "x" * (MAX_BODY_BYTES + 10)})})
    with running_server(settings, services) as url:
        # The server answers from the declared length and closes without reading the body, so a client still
        # writing it may see a broken pipe instead of the answer (that made this test flaky). Declare the body
        # and read the answer before sending a byte of it: what any client gets first.
        where = urlsplit(url)
        connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=10)
        try:
            connection.putrequest("POST", where.path or "/")
            for name, value in signed_headers(body, signing_secret).items():
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body.encode())))
            connection.endheaders()
            status = connection.getresponse().status
        finally:
            connection.close()
    assert status == 413


def test_the_intake_refuses_an_oversized_body_without_reading_it(signing_secret: str) -> None:
    """Whatever the WSGI server (waitress already refuses such a body itself)."""

    class Unreadable(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

    started: list[str] = []
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(40 * MB), "wsgi.input": Unreadable()}
    intake = SlackIntake(None, VerifiedRequests(signing_secret))  # type: ignore[arg-type]
    assert b"".join(intake(environ, lambda status, headers: started.append(status))) == b""
    assert started == ["413 Payload Too Large"]


@pytest.mark.parametrize(
    "body",
    [
        "payload=%7Bnot-json",
        "payload=" + "%5B" * 5000,
        '{"type": "event_callback", "event": ',
        "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
    ],
)
def test_an_unsigned_malformed_body_is_401_without_a_traceback(
    body: str, settings: Settings, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with running_server(settings, services) as url:
        status, _ = post(url, body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 401
    _no_traceback(caplog)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (block_actions_body("share_in_channel", "{}"), "application/json"),  # a form sent as JSON
        ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
        (urlencode({"payload": json.dumps([1, 2])}), "application/x-www-form-urlencoded"),
        (urlencode({"payload": json.dumps({"type": "block_actions", "team": 7, "actions": []})}), None),
        ('{"type": "event_callback", "event": ', "application/json"),
    ],
)
def test_a_signed_body_that_cannot_be_read_is_a_400_without_a_traceback(
    body: str,
    content_type: str | None,
    settings: Settings,
    services: Services,
    signing_secret: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with running_server(settings, services) as url:
        status, answer = post(url, body, signed_headers(body, signing_secret, content_type=content_type))
    assert status == 400 and answer == COULD_NOT_READ
    _no_traceback(caplog)


def test_a_body_that_is_not_utf8_is_a_400(
    settings: Settings, services: Services, signing_secret: str
) -> None:
    raw = b"payload=\xff\xfe"
    with running_server(settings, services) as url:
        parts = urlsplit(url)
        headers = signed_headers(raw.decode("latin-1"), signing_secret)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
            head = f"POST {parts.path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(raw)}\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in headers.items() if k != "x-slack-signature")
            # the signature over the raw bytes, as Slack computes it
            stamp = headers["x-slack-request-timestamp"]
            digest = hmac.new(
                signing_secret.encode(), f"v0:{stamp}:".encode() + raw, hashlib.sha256
            ).hexdigest()
            signature = f"v0={digest}"
            conn.sendall(
                (head + f"x-slack-signature: {signature}\r\nConnection: close\r\n\r\n").encode() + raw
            )
            reply = conn.recv(4096)
    assert reply.split(b" ", 2)[1] == b"400"
