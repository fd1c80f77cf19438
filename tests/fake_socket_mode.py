"""The tests' Socket Mode end of Slack: a stdlib WebSocket server on 127.0.0.1 speaking Slack's protocol.

How Slack does it, and so how this does it: the app calls `apps.connections.open` with its app-level token and
gets a single-use URL (`FakeSlack` answers with `open_url()`: a fresh ticket on this server, `ws://`, not 443, so
slack_sdk's built-in client connects without TLS); the app opens a WebSocket there; Slack says `hello`, then
sends envelopes (`{"envelope_id", "type": "slash_commands" | "interactive" | "events_api", "payload",
"accepts_response_payload"}`) and the app acks each with `{"envelope_id", "payload"?}`. Before a connection is
replaced Slack sends `{"type": "disconnect", "reason": "warning" | "refresh_requested"}`; the app is expected to
open a new connection (a new `apps.connections.open`) and the old one is closed. Pings are answered with pongs.

`deliver(body)` turns an HTTP request body the tests already build (tests.signing) into the envelope Slack would
send over the socket instead, so the same scenarios run over both transports.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

from slack_bolt import BoltResponse

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


@dataclass(frozen=True)
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    connection: int  # which connection the ack came back on
    sent_at: float  # monotonic time the envelope went out
    acked_at: float

    @property
    def seconds(self) -> float:
        return self.acked_at - self.sent_at

    def as_bolt_response(self) -> BoltResponse:
        """What the same ack is over HTTP: 200 with the payload as the JSON body, or an empty body."""
        if not self.payload:
            return BoltResponse(status=200, body="")
        return BoltResponse(
            status=200, body=json.dumps(self.payload), headers={"content-type": "application/json"}
        )


class ConnectionClosed(Exception):
    pass


def _read_exact(sock: socket.socket, n: int) -> bytes:
    chunks = []
    while n:
        chunk = sock.recv(n)
        if not chunk:
            raise ConnectionClosed
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(sock: socket.socket) -> tuple[bool, int, bytes]:
    """One frame from a client: (fin, opcode, unmasked payload). RFC 6455 5.2; clients must mask."""
    b1, b2 = _read_exact(sock, 2)
    length = b2 & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _read_exact(sock, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _read_exact(sock, 8))
    if not b2 & 0x80:
        raise ValueError("a client frame was not masked")
    mask = _read_exact(sock, 4)
    data = _read_exact(sock, length)
    return bool(b1 & 0x80), b1 & 0x0F, bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def frame(opcode: int, payload: bytes) -> bytes:
    """One unmasked frame from the server, FIN set."""
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    return header + payload


def accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()


@dataclass
class Connection:
    number: int
    ticket: str
    sock: socket.socket
    send_lock: threading.Lock = field(default_factory=threading.Lock)
    closed: threading.Event = field(default_factory=threading.Event)
    pings: int = 0

    def send_text(self, text: str) -> None:
        with self.send_lock:
            self.sock.sendall(frame(OP_TEXT, text.encode("utf-8")))

    def send_frame(self, opcode: int, payload: bytes) -> None:
        with self.send_lock:
            self.sock.sendall(frame(opcode, payload))

    def close(self, code: int = 1000) -> None:
        if self.closed.is_set():
            return
        with contextlib.suppress(OSError):
            self.send_frame(OP_CLOSE, struct.pack("!H", code))
        self.closed.set()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


def envelope_for(body: str) -> tuple[str, dict[str, Any]]:
    """The Socket Mode envelope type and payload Slack sends for what it would POST over HTTP as `body`."""
    if body.lstrip().startswith("{"):
        payload = json.loads(body)
        if payload.get("type") != "event_callback":
            raise ValueError(f"no Socket Mode envelope carries a {payload.get('type')!r} body")
        return "events_api", payload
    form = parse_qs(body, keep_blank_values=True)
    if "payload" in form:
        return "interactive", json.loads(form["payload"][0])
    if "command" in form:
        return "slash_commands", dict(parse_qsl(body, keep_blank_values=True))
    raise ValueError("not a Slack request body: no payload and no command")


class SocketModeServer:
    """Start with `start()` or `with SocketModeServer() as server:`; point FakeSlack at it."""

    def __init__(self, app_id: str = "A111") -> None:
        self.app_id = app_id
        self.connections: list[Connection] = []
        self.envelopes: list[dict[str, Any]] = []
        self.rejected_handshakes = 0
        self._tickets: set[str] = set()
        self._sent_at: dict[str, float] = {}
        self._acks: dict[str, Ack] = {}
        self._handled: set[str] = set()
        self.ack_counts: dict[str, int] = {}
        self._changed = threading.Condition()
        self._numbers = itertools.count(1)
        self._listener: socket.socket | None = None
        self._stopping = threading.Event()

    # ---- lifecycle ----

    def start(self) -> SocketModeServer:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.2)
        self._listener = listener
        threading.Thread(target=self._accept_loop, name="socket-mode-accept", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        for connection in self.connections:
            connection.close(1001)
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self) -> SocketModeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("the Socket Mode server is not running")
        return int(self._listener.getsockname()[1])

    def open_url(self) -> str:
        """What apps.connections.open answers: a URL with a new single-use ticket."""
        ticket = uuid.uuid4().hex
        with self._changed:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    # ---- connections ----

    def live(self) -> list[Connection]:
        with self._changed:
            return [c for c in self.connections if not c.closed.is_set()]

    def wait_connected(self, count: int = 1, timeout: float = 10.0) -> Connection:
        """The newest connection once `count` connections have said hello (closed ones count too)."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.connections) >= count, timeout):
                raise TimeoutError(f"{len(self.connections)} Socket Mode connection(s) after {timeout}s")
            return self.connections[-1]

    def current(self) -> Connection:
        live = self.live()
        if not live:
            raise ConnectionClosed("no live Socket Mode connection")
        return live[-1]

    def ask_to_reconnect(self, reason: str = "refresh_requested", timeout: float = 10.0) -> Connection:
        """Slack's disconnect message on the current connection; returns the new connection the app opens.

        Like Slack, the old connection is closed once the app has replaced it (or after `timeout`)."""
        old = self.current()
        count = len(self.connections)
        old.send_text(json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake"}}))
        try:
            return self.wait_connected(count + 1, timeout)
        finally:
            old.close()

    # ---- envelopes ----

    def send(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id or str(uuid.uuid4()),
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope.update({"retry_attempt": retry_attempt, "retry_reason": retry_reason})
        text = json.dumps(envelope)
        connection = self.current()
        with self._changed:
            self.envelopes.append(envelope)
            self._sent_at[envelope["envelope_id"]] = time.monotonic()
        connection.send_text(text)
        return str(envelope["envelope_id"])

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> Ack:
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout):
                raise TimeoutError(f"envelope {envelope_id} was not acked within {timeout}s")
            return self._acks[envelope_id]

    def acked(self, envelope_id: str) -> Ack | None:
        with self._changed:
            return self._acks.get(envelope_id)

    def request(self, kind: str, payload: dict[str, Any], timeout: float = 10.0) -> Ack:
        return self.wait_ack(self.send(kind, payload), timeout)

    def deliver(self, body: str, timeout: float = 10.0) -> Ack:
        """The HTTP body's envelope over the socket; waits for the app's ack."""
        kind, payload = envelope_for(body)
        return self.request(kind, payload, timeout)

    def mark_handled(self, envelope_id: str) -> None:
        """Told by an in-process app once it has finished with an envelope, acked or not."""
        with self._changed:
            self._handled.add(envelope_id)
            self._changed.notify_all()

    def deliver_or_none(self, body: str, timeout: float = 10.0) -> Ack | None:
        """Like `deliver`, but None when the app finished with the envelope without acking it (Bolt sends no
        ack for a request no listener takes). Needs `mark_handled` from the app's side."""
        kind, payload = envelope_for(body)
        envelope_id = self.send(kind, payload)
        with self._changed:
            if not self._changed.wait_for(
                lambda: envelope_id in self._acks or envelope_id in self._handled, timeout
            ):
                raise TimeoutError(f"envelope {envelope_id} was neither acked nor handled within {timeout}s")
            # An ack sent just before the app finished may still be on the wire: it takes milliseconds.
            self._changed.wait_for(lambda: envelope_id in self._acks, 0.5)
            return self._acks.get(envelope_id)

    # ---- the server side of the socket ----

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            listener = self._listener
            if listener is None:
                return
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(sock,), name="socket-mode-conn", daemon=True).start()

    def _handshake(self, sock: socket.socket) -> str | None:
        """The HTTP upgrade; returns the ticket, or None after refusing an unknown or used one."""
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = sock.recv(4096)
            if not chunk:
                return None
            raw += chunk
        head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        target = head[0].split(" ")[1] if len(head[0].split(" ")) > 2 else ""
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}
        ticket = dict(parse_qsl(urlsplit(target).query)).get("ticket", "")
        with self._changed:
            known = ticket in self._tickets
            self._tickets.discard(ticket)
        key = headers.get("sec-websocket-key")
        if not known or headers.get("upgrade", "").lower() != "websocket" or not key:
            self.rejected_handshakes += 1
            sock.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return None
        sock.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept_key(key)}\r\n\r\n"
            ).encode()
        )
        return ticket

    def _serve(self, sock: socket.socket) -> None:
        try:
            ticket = self._handshake(sock)
        except OSError:
            ticket = None
        if ticket is None:
            sock.close()
            return
        connection = Connection(next(self._numbers), ticket, sock)
        hello = {
            "type": "hello",
            "num_connections": len(self.live()) + 1,
            "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }
        connection.send_text(json.dumps(hello))
        with self._changed:
            self.connections.append(connection)
            self._changed.notify_all()
        try:
            self._read(connection)
        except (ConnectionClosed, OSError, ValueError):
            pass
        finally:
            connection.close()

    def _read(self, connection: Connection) -> None:
        message = b""
        while not connection.closed.is_set():
            fin, opcode, data = read_frame(connection.sock)
            if opcode == OP_PING:
                connection.pings += 1
                connection.send_frame(OP_PONG, data)
            elif opcode == OP_CLOSE:
                return
            elif opcode in (OP_TEXT, OP_CONTINUATION):
                message += data
                if fin:
                    self._on_text(connection, message.decode("utf-8"))
                    message = b""

    def _on_text(self, connection: Connection, text: str) -> None:
        data = json.loads(text)
        envelope_id = data.get("envelope_id")
        if not isinstance(envelope_id, str):
            return
        with self._changed:
            self.ack_counts[envelope_id] = self.ack_counts.get(envelope_id, 0) + 1
            sent_at = self._sent_at.get(envelope_id, time.monotonic())
            self._acks.setdefault(
                envelope_id,
                Ack(envelope_id, data.get("payload"), connection.number, sent_at, time.monotonic()),
            )
            self._changed.notify_all()
