"""Slack path benchmark: `codedesk serve` over HTTP and in Socket Mode, on loopback.

    python bench/slack_path.py [--requests 600] [--clients 20] [--rate 5] [--envelopes 100] [--modes http,socket]
                               [--codes-db PATH]

HTTP: starts `codedesk serve --http` as a child process, pointed at a local stand-in for the Slack Web API, and
fires signed `/code lookup` and `/code check` requests from concurrent clients. Prints p50/p99 of the ack (the
HTTP response Slack waits for, 3 s at most) and of the time to the reply (the stand-in receiving the response_url
post), and how many acks took over 3 s.

Socket Mode: starts `codedesk serve` (two tokens, no secret) against the same stand-in plus the tests' Socket
Mode server (tests/fake_socket_mode.py), then sends the same commands as envelopes: one at a time, then
`--envelopes` back to back without waiting. Prints ack p50/p99 (envelope out to its ack back) and reply p50/p99.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_sdk.signature import SignatureVerifier  # noqa: E402

from bot.console_slack import RESPONSE_URL_METHOD  # noqa: E402
from bot.lookups.codebook import CodeBook  # noqa: E402
from tests.fake_slack import FakeSlack  # noqa: E402
from tests.fake_socket_mode import SocketModeServer  # noqa: E402

QUERIES = [
    "lookup heart attack",
    "lookup CHF",
    "lookup pnuemonia",
    "lookup e119",
    "lookup J44",
    "check E11.9 I10 dos:2025-03-01",
    "check E10.9 E11.9 dos:2025-03-01",
    "check S72.001 dos:2025-03-01",
    "lookup thyroidectomy",
    "check M54.5 dos:2023-01-05 age:40 sex:F",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """The server as a child process, its output to the file `log`. Never to a pipe nobody reads: under load the
    server logs a warning per request (a busy database, waitress's queue), a full pipe (64 KB) then blocks every
    thread that logs, and requests hung unanswered (a TimeoutError after 30 s, then no exit on SIGTERM)."""
    with log.open("ab") as output:
        return subprocess.Popen(argv, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else ""


def stop_server(server: subprocess.Popen[bytes], log: Path, timeout: float = 15.0) -> None:
    """SIGTERM, then the exit; a server that does not stop in `timeout` is killed and its log's end printed."""
    if server.poll() is None:
        server.terminate()
    try:
        server.wait(timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        print(f"PROBLEM: the server did not stop within {timeout:g} s of SIGTERM; its log ends:\n{tail(log)}")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--codes-db", type=Path)
    parser.add_argument("--envelopes", type=int, default=100, help="Socket Mode envelopes sent back to back")
    parser.add_argument(
        "--modes", default="http,socket", help="which servers to measure (default: http,socket)"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=5.0,
        help="requests per second per client (0: as fast as the server answers)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="codedesk-slack-bench-"))
    codes_db = args.codes_db or work / "codes.sqlite"
    CodeBook.open(codes_db)  # prepared before timing starts
    modes = set(args.modes.split(","))
    if "http" not in modes:
        return socket_mode(args.envelopes, work, codes_db) if "socket" in modes else 0
    secret = secrets.token_hex(16)
    port = free_port()
    stand_in = FakeSlack().start()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))},
        "SLACK_BOT_TOKEN": "xoxb-bench-not-a-real-token",
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": stand_in.api_url,
        "CODEDESK_DB": str(work / "app.sqlite"),
        "CODEDESK_CODES_DB": str(codes_db),
        "CODEDESK_LOG_LEVEL": "WARNING",
    }
    server_log = work / "serve-http.log"
    server = start_server(
        [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
        env,
        server_log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("server did not start:", tail(server_log))
                    return 1
                time.sleep(0.1)

        verifier = SignatureVerifier(secret)
        sent_at: dict[str, float] = {}
        acks: list[float] = []
        lock = threading.Lock()

        def fire(number: int) -> None:
            key = f"bench-{number}"
            text = QUERIES[number % len(QUERIES)]
            body = urlencode(
                {
                    "team_id": "T111",
                    "channel_id": "C111",
                    "user_id": f"U{number % 50:03d}",
                    "command": "/code",
                    "text": text,
                    "api_app_id": "A111",
                    "response_url": stand_in.response_url(key),
                    "trigger_id": f"{number}.1.x",
                }
            )
            ts = str(int(time.time()))
            request = urllib.request.Request(
                base + "/slack/events",
                data=body.encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-Slack-Request-Timestamp": ts,
                    "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body),
                },
            )
            started = time.monotonic()
            with lock:
                sent_at[key] = started
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
            with lock:
                acks.append(time.monotonic() - started)

        for warm in range(len(QUERIES)):
            fire(-1 - warm)
        stand_in.wait_for(
            lambda calls: sum(c.method == RESPONSE_URL_METHOD for c in calls) >= len(QUERIES), timeout=30
        )
        mark = stand_in.mark()
        acks.clear()
        started = time.monotonic()

        def client(number: int) -> None:
            """One client: its share of the requests, one every 1/rate seconds (open loop), or back to back."""
            for k, request_number in enumerate(range(number, args.requests, args.clients)):
                if args.rate > 0:
                    due = started + number / (args.clients * args.rate) + k / args.rate
                    time.sleep(max(0.0, due - time.monotonic()))
                fire(request_number)

        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(client, range(args.clients)))
        stand_in.wait_for(
            lambda calls: sum(c.method == RESPONSE_URL_METHOD for c in calls[mark:]) >= args.requests,
            timeout=60,
        )
        elapsed = time.monotonic() - started
        replies = [
            c.at - sent_at[c.path.rsplit("/", 1)[-1]]
            for c in stand_in.calls_since(mark)
            if c.method == RESPONSE_URL_METHOD and c.path.rsplit("/", 1)[-1] in sent_at
        ]
    finally:
        stop_server(server, server_log)
        stand_in.stop()

    pace = f"each sending {args.rate:g}/s" if args.rate > 0 else "each sending back to back"
    print(
        f"{args.requests} signed /code requests (lookup and check) from {args.clients} concurrent clients "
        f"({pace}) over loopback in {elapsed:.1f} s ({args.requests / elapsed:.0f}/s)"
    )
    print(
        f"ack:   p50 {percentile(acks, 50) * 1000:.1f} ms  p99 {percentile(acks, 99) * 1000:.1f} ms  "
        f"max {max(acks) * 1000:.1f} ms  acks over 3 s: {sum(a > 3 for a in acks)}"
    )
    print(
        f"reply: p50 {percentile(replies, 50) * 1000:.1f} ms  p99 {percentile(replies, 99) * 1000:.1f} ms  "
        f"({len(replies)} replies; target p99 <= 50 ms)"
    )
    return socket_mode(args.envelopes, work, codes_db) if "socket" in modes else 0


def command_payload(number: int, response_url: str) -> dict[str, str]:
    """A slash_commands envelope's payload: the form fields Slack would POST over HTTP."""
    return {
        "team_id": "T111",
        "channel_id": "C111",
        "user_id": f"U{number % 50:03d}",
        "command": "/code",
        "text": QUERIES[number % len(QUERIES)],
        "api_app_id": "A111",
        "response_url": response_url,
        "trigger_id": f"{number}.1.x",
    }


def socket_mode(envelopes: int, work: Path, codes_db: Path) -> int:
    """`codedesk serve` in Socket Mode: acks for envelopes one at a time, then `envelopes` back to back."""
    with FakeSlack() as stand_in, SocketModeServer() as socket_slack:
        stand_in.socket_mode = socket_slack
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CODEDESK_"))},
            "SLACK_BOT_TOKEN": "xoxb-bench-not-a-real-token",
            "SLACK_APP_TOKEN": "xapp-1-A111-bench-not-a-real-token",
            "SLACK_API_URL": stand_in.api_url,
            "CODEDESK_DB": str(work / "socket-app.sqlite"),
            "CODEDESK_CODES_DB": str(codes_db),
            "CODEDESK_LOG_LEVEL": "WARNING",
        }
        server_log = work / "serve-socket.log"
        server = start_server([sys.executable, "-m", "bot.cli", "serve"], env, server_log)
        try:
            try:
                socket_slack.wait_connected(timeout=30)
            except TimeoutError:
                print("server did not connect:", tail(server_log))
                return 1
            sent_at: dict[str, float] = {}

            def send(number: int) -> str:
                key = f"socket-{number}"
                sent_at[key] = time.monotonic()
                return socket_slack.send(
                    "slash_commands", command_payload(number, stand_in.response_url(key))
                )

            def replies_since(mark: int) -> list[float]:
                return [
                    c.at - sent_at[c.path.rsplit("/", 1)[-1]]
                    for c in stand_in.calls_since(mark)
                    if c.method == RESPONSE_URL_METHOD and c.path.rsplit("/", 1)[-1] in sent_at
                ]

            for warm in range(len(QUERIES)):
                socket_slack.wait_ack(send(-1 - warm))
            stand_in.wait_for(
                lambda calls: sum(c.method == RESPONSE_URL_METHOD for c in calls) >= len(QUERIES), timeout=30
            )

            mark = stand_in.mark()
            single = [socket_slack.wait_ack(send(n)).seconds for n in range(envelopes)]
            stand_in.wait_for(
                lambda calls: sum(c.method == RESPONSE_URL_METHOD for c in calls[mark:]) >= envelopes,
                timeout=60,
            )
            single_replies = replies_since(mark)

            mark = stand_in.mark()
            started = time.monotonic()
            ids = [send(envelopes + n) for n in range(envelopes)]
            burst = [socket_slack.wait_ack(envelope_id, timeout=60).seconds for envelope_id in ids]
            stand_in.wait_for(
                lambda calls: sum(c.method == RESPONSE_URL_METHOD for c in calls[mark:]) >= envelopes,
                timeout=60,
            )
            elapsed = time.monotonic() - started
            burst_replies = replies_since(mark)
        finally:
            stop_server(server, server_log)

    print(f"Socket Mode: /code envelopes (lookup and check) over a local WebSocket, {envelopes} of each kind")
    for label, acks, replies in (
        ("one at a time", single, single_replies),
        (f"{envelopes} back to back ({elapsed:.2f} s)", burst, burst_replies),
    ):
        print(
            f"  {label}: ack p50 {percentile(acks, 50) * 1000:.1f} ms  p99 {percentile(acks, 99) * 1000:.1f} ms  "
            f"max {max(acks) * 1000:.1f} ms  acks over 3 s: {sum(a > 3 for a in acks)}; "
            f"reply p50 {percentile(replies, 50) * 1000:.1f} ms  p99 {percentile(replies, 99) * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
