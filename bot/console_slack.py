"""An in-process stand-in for the Slack Web API: the console's "Slack" and the tests' fake.

A stdlib ThreadingHTTPServer on 127.0.0.1 (port 0) that records every call - Web API methods under
/api/<method>, response_url posts under /response/<key>, file uploads under /upload/<id> - and answers
with canned OK replies shaped like Slack's. Subclasses can override `before_reply` to delay or fail calls.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

RESPONSE_URL_METHOD = "response_url"
FILE_UPLOAD_METHOD = "file_upload"
_JSON_FIELDS = ("blocks", "attachments", "view", "metadata", "files", "channels")
_USER_ID = re.compile(r"^[UW][A-Z0-9_]+$")


@dataclass
class Call:
    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)
    response: dict[str, Any] | None = None  # the JSON the stand-in answered with (None for text replies)


@dataclass
class CannedReply:
    """An answer to send instead of the normal one; status 0 drops the connection without answering."""

    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


def _decode_body(raw: bytes, content_type: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = dict(parse_qsl(query))
    if not raw:
        return body
    if "application/json" in content_type:
        parsed = json.loads(raw.decode("utf-8"))
        if isinstance(parsed, dict):
            body.update(parsed)
        return body
    if "application/x-www-form-urlencoded" in content_type:
        form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        for key in _JSON_FIELDS:
            if isinstance(form.get(key), str) and form[key][:1] in ("[", "{"):
                with contextlib.suppress(ValueError):
                    form[key] = json.loads(form[key])
        body.update(form)
        return body
    body["_size"] = len(raw)
    return body


_LAST_TS = [0]
_TS_LOCK = threading.Lock()


def unique_ts() -> str:
    """A Slack-style message timestamp from the wall clock, strictly increasing in this process: a later
    console session never reuses an earlier one's (threads are found by their parent's ts)."""
    with _TS_LOCK:
        micros = max(time.time_ns() // 1000, _LAST_TS[0] + 1)
        _LAST_TS[0] = micros
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


class SlackStandIn:
    """Start with `start()` or `with SlackStandIn() as slack:`; `api_url` is the WebClient base_url."""

    def __init__(
        self,
        *,
        bot_user_id: str = "U_BOT",
        team_id: str = "T_CONSOLE",
        bot_id: str = "B_BOT",
        unique: bool = False,
    ) -> None:
        """`unique`: message timestamps and view/file ids never repeat across sessions (the console, whose
        database outlives it); without it they count from fixed values, which tests rely on."""
        self.bot_user_id = bot_user_id
        self.team_id = team_id
        self.bot_id = bot_id
        self.unique = unique
        self.channel_members: dict[str, list[str]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        # What was posted, per conversation, oldest first (for conversations.history / .replies)
        self.posted: dict[str, list[dict[str, Any]]] = {}
        self._posted_lock = threading.Lock()
        self._calls: list[Call] = []
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ----

    def start(self) -> SlackStandIn:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.stand_in = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="slack-stand-in", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the stand-in is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, key: str | int) -> str:
        return f"{self.url}/response/{key}"

    # ---- what was called ----

    @property
    def calls(self) -> list[Call]:
        with self._changed:
            return list(self._calls)

    def calls_since(self, index: int) -> list[Call]:
        with self._changed:
            return self._calls[index:]

    def mark(self) -> int:
        """The index of the next call: pass it to `calls_since` / `wait_for`."""
        with self._changed:
            return len(self._calls)

    def wait_for(
        self,
        predicate: Callable[[list[Call]], bool],
        *,
        since: int = 0,
        timeout: float = 5.0,
    ) -> list[Call]:
        """Block until `predicate(calls since index)` holds; else TimeoutError listing the calls seen."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self._calls[since:]):
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self._calls[since:]]
                    raise TimeoutError(f"timed out after {timeout}s waiting for Slack calls; saw {seen}")
                self._changed.wait(left)
            return self._calls[since:]

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    # ---- replies ----

    def next_ts(self) -> str:
        if self.unique:
            return unique_ts()
        n = next(self._ts)
        return f"{1700000000 + n // 10000}.{(n % 10000) * 100:06d}"

    def _next_id(self, prefix: str) -> str:
        if self.unique:
            return f"{prefix}{uuid.uuid4().hex[:12].upper()}"
        return f"{prefix}{next(self._ids):08d}"

    def before_reply(self, call: Call) -> CannedReply | None:
        """Override to delay or fail a call; None means answer normally."""
        return None

    def reply(self, call: Call) -> CannedReply:
        override = self.before_reply(call)
        if override is not None:
            return override
        return self.answer(call)

    def answer(self, call: Call) -> CannedReply:
        """The normal answer to `call` (what it does, done)."""
        if call.method == RESPONSE_URL_METHOD:
            return CannedReply(200, "ok", {"Content-Type": "text/html"})
        if call.method == FILE_UPLOAD_METHOD:
            return CannedReply(200, f"OK - {call.body.get('_size', 0)}", {"Content-Type": "text/plain"})
        handler = getattr(self, "_" + call.method.replace(".", "_"), None)
        body = handler(call.body) if handler else {"ok": True}
        return CannedReply(200, body)

    def _auth_test(self, body: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://codedesk-console.slack.com/",
            "team": "CodeDesk console",
            "user": "codedesk",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _message(self, body: Mapping[str, Any], ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "ts": ts,
        }
        message["text"] = body.get("text", "")
        if body.get("blocks"):
            message["blocks"] = body["blocks"]
        if body.get("thread_ts"):
            message["thread_ts"] = body["thread_ts"]
        if isinstance(body.get("metadata"), Mapping):
            message["metadata"] = dict(body["metadata"])
        return message

    def post(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Post a message as chat.postMessage does (kept for the conversations.* methods); its answer."""
        ts = self.next_ts()
        channel = str(body.get("channel", ""))
        if _USER_ID.match(channel):  # posting to a user id posts in the bot's DM with them, as Slack does
            channel = f"D_{channel}"
        message = self._message(body, ts)
        with self._posted_lock:
            self.posted.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_postMessage(self, body: Mapping[str, Any]) -> dict[str, Any]:
        return self.post(body)

    def _page(self, messages: list[dict[str, Any]], body: Mapping[str, Any]) -> dict[str, Any]:
        limit = int(body.get("limit") or 100)
        start = int(str(body.get("cursor") or "0") or 0)
        page = messages[start : start + limit]
        more = start + limit < len(messages)
        keep_metadata = str(body.get("include_all_metadata", "")).lower() in ("true", "1")
        if not keep_metadata:
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _conversations_history(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Top-level messages, newest first (as Slack answers), paged by `limit` and `cursor`."""
        with self._posted_lock:
            messages = [m for m in self.posted.get(str(body.get("channel")), []) if not m.get("thread_ts")]
        return self._page(list(reversed(messages)), body)

    def _conversations_replies(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """A thread: its parent, then the replies, oldest first."""
        ts = str(body.get("ts"))
        with self._posted_lock:
            messages = [
                m
                for m in self.posted.get(str(body.get("channel")), [])
                if m["ts"] == ts or m.get("thread_ts") == ts
            ]
        return self._page(messages, body)

    def _chat_postEphemeral(self, body: Mapping[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self.next_ts()}

    def _chat_update(self, body: Mapping[str, Any]) -> dict[str, Any]:
        ts = str(body.get("ts", ""))
        return {
            "ok": True,
            "channel": body.get("channel"),
            "ts": ts,
            "text": body.get("text", ""),
            "message": self._message(body, ts),
        }

    def _view(self, body: Mapping[str, Any]) -> dict[str, Any]:
        view = body.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        view_id = body.get("view_id") or self._next_id("V")
        return {
            "ok": True,
            "view": {
                **view,
                "id": view_id,
                "team_id": self.team_id,
                "bot_id": self.bot_id,
                "hash": f"{time.time():.0f}.stand-in",
            },
        }

    _views_open = _view
    _views_push = _view
    _views_update = _view
    _views_publish = _view

    def _conversations_open(self, body: Mapping[str, Any]) -> dict[str, Any]:
        users = str(body.get("users", "")).replace(",", "_")
        return {"ok": True, "channel": {"id": f"D_{users or 'UNKNOWN'}"}}

    def _conversations_members(self, body: Mapping[str, Any]) -> dict[str, Any]:
        members = self.channel_members.get(str(body.get("channel")), [])
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}

    def _users_info(self, body: Mapping[str, Any]) -> dict[str, Any]:
        user_id = str(body.get("user", ""))
        default = {
            "id": user_id,
            "team_id": self.team_id,
            "name": user_id.lower(),
            "real_name": f"User {user_id}",
            "tz": "America/New_York",
            "is_bot": False,
            "deleted": False,
            "profile": {"real_name": f"User {user_id}", "display_name": user_id.lower()},
        }
        return {"ok": True, "user": self.users.get(user_id, default)}

    def _files_getUploadURLExternal(self, body: Mapping[str, Any]) -> dict[str, Any]:
        file_id = self._next_id("F")
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(self, body: Mapping[str, Any]) -> dict[str, Any]:
        files = body.get("files") or []
        if isinstance(files, str):
            files = json.loads(files)
        return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title", "")} for f in files]}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.do_POST()

    def do_POST(self) -> None:
        stand_in: SlackStandIn = self.server.stand_in  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["api"] and len(segments) == 2:
            method = segments[1]
        elif segments[:1] == ["response"]:
            method = RESPONSE_URL_METHOD
        elif segments[:1] == ["upload"]:
            method = FILE_UPLOAD_METHOD
        else:
            self._send(CannedReply(404, {"ok": False, "error": "unknown_path"}))
            return
        headers = {k: ("[redacted]" if k.lower() == "authorization" else v) for k, v in self.headers.items()}
        if method == FILE_UPLOAD_METHOD:  # the file's bytes, whatever Content-Type the client claimed
            body = {"_size": len(raw), "_content": raw.decode("utf-8", "replace")}
        else:
            try:
                body = _decode_body(raw, self.headers.get("Content-Type", ""), parts.query)
            except ValueError:
                body = {"_raw": raw.decode("utf-8", "replace")}
        call = Call(method=method, path=parts.path, body=body, headers=headers)
        stand_in._record(call)
        reply = stand_in.reply(call)
        if isinstance(reply.body, dict):
            call.response = reply.body
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a hung call it timed out on)

    def _send(self, reply: CannedReply) -> None:
        if reply.status == 0:  # no answer at all: the connection is dropped (a network error for the client)
            self.close_connection = True
            return
        if isinstance(reply.body, str):
            payload = reply.body.encode("utf-8")
            content_type = reply.headers.get("Content-Type", "text/plain")
        else:
            payload = json.dumps(reply.body).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        self.send_response(reply.status)
        for key, value in reply.headers.items():
            if key.lower() != "content-type":
                self.send_header(key, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class IdleWaitingExecutor(ThreadPoolExecutor):
    """Bolt's listener executor, with a way to wait until every submitted listener has finished.

    The console and the tests use it to know a request's background work is done without sleeping.
    """

    def __init__(self, max_workers: int = 8) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="codedesk-listener")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._pending += 1

        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

        return super().submit(run)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once no listener is running; False if `timeout` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)
