"""The HTTP entry point for Slack's requests: size first, then the signature on the raw bytes, then parsing.

Bolt's WSGI adapter reads the whole body, decodes and parses it (JSON, form, the `payload=` JSON inside) before
its middleware checks the signature: an unsigned 20 MB body cost 820 MB of memory, and an unsigned malformed
`payload=` raised inside the parser (HTTP 500 and a traceback in the log, for anyone to cause). Here:
1. a body over MAX_BODY_BYTES is answered 413 without being read (waitress is also told the same limit, so it
   stops buffering such a body; this check covers any other WSGI server);
2. the signature is checked on the raw bytes (bot.request_guard): a bad one is answered 401, nothing parsed;
3. only then is the body decoded and parsed; a signed body that cannot be parsed (not UTF-8, JSON announced and
   a form sent, a payload that is not an object) is answered 400 "could not read that request", logged by kind.
The request then goes through the app as Bolt's adapter would send it (the request guard checks it again and
catches replays).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.request_guard import VerifiedRequests

log = logging.getLogger("codedesk.http")

MAX_BODY_BYTES = 1_000_000  # Slack's largest payloads (a full modal's state) are a few tens of kilobytes
COULD_NOT_READ = "CodeDesk could not read that request."
_REASONS = {
    400: "400 Bad Request",
    401: "401 Unauthorized",
    405: "405 Method Not Allowed",
    411: "411 Length Required",
    413: "413 Payload Too Large",
    500: "500 Internal Server Error",
}
StartResponse = Callable[..., Any]


def _headers(environ: dict[str, Any]) -> dict[str, str | Sequence[str]]:
    found: dict[str, str | Sequence[str]] = {}
    for key, value in environ.items():
        if key in ("CONTENT_LENGTH", "CONTENT_TYPE"):
            found[key.lower().replace("_", "-")] = str(value)
        elif key.startswith("HTTP_"):
            found[key[5:].lower().replace("_", "-")] = str(value)
    return found


def _answer(start_response: StartResponse, status: int, body: str = "", close: bool = False) -> list[bytes]:
    data = body.encode("utf-8")
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    if close:  # the rest of an unread body is not worth receiving
        headers.append(("Connection", "close"))
    start_response(_REASONS.get(status, f"{status} Error"), headers)
    return [data]


def _bolt_answer(start_response: StartResponse, response: BoltResponse) -> list[bytes]:
    data = (response.body or "").encode("utf-8")
    headers = [
        (name, value)
        for name, values in response.headers.items()
        if name.lower() != "content-length"
        for value in values
    ]
    headers.append(("Content-Length", str(len(data))))
    reason = _REASONS.get(response.status, f"{response.status} {'OK' if response.status == 200 else 'Error'}")
    start_response(reason if response.status != 200 else "200 OK", headers)
    return [data]


class SlackIntake:
    """The WSGI application for Slack's request URL (see the module docstring)."""

    def __init__(self, app: App, guard: VerifiedRequests, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.guard = guard
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, 405)
        raw_length = str(environ.get("CONTENT_LENGTH") or "").strip()
        if not raw_length.isdigit():
            return _answer(start_response, 411 if not raw_length else 400, close=True)
        length = int(raw_length)
        if length > self.max_body:
            log.info("refused a request body of %d bytes (limit %d)", length, self.max_body)
            return _answer(start_response, 413, close=True)
        stream = environ.get("wsgi.input")
        body = stream.read(length) if stream is not None and length else b""
        headers = _headers(environ)
        timestamp, signature = (
            environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"),
            environ.get("HTTP_X_SLACK_SIGNATURE"),
        )
        if not self.guard.valid(body, str(timestamp or ""), str(signature or "")):
            return _answer(start_response, 401)
        try:
            request = BoltRequest(
                body=body.decode("utf-8"), query=str(environ.get("QUERY_STRING") or ""), headers=headers
            )
        except Exception as error:  # a signed body Slack would never send
            log.info("refused a signed request that could not be read: %s", type(error).__name__)
            return _answer(start_response, 400, COULD_NOT_READ)
        return _bolt_answer(start_response, self.app.dispatch(request))
