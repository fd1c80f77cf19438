"""The HTTP server end to end: waitress on a free port, real HTTP requests, signatures checked by Bolt."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bot.serve import EVENTS_PATH, BackgroundHttpServer, make_http_server
from bot.services import Services
from bot.settings import Settings
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.signing import signed_headers, slash_command_body


@pytest.fixture
def base_url(settings: Settings, services: Services, fake_lookups: None) -> Iterator[str]:
    server = make_http_server(settings, services, "127.0.0.1", 0, asyncore_loop_timeout=0.05)
    with BackgroundHttpServer(server) as running:
        yield running.url


def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_healthz(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:
        assert (response.status, response.read()) == (200, b"ok")


def test_bad_signature_is_401_and_nothing_reaches_a_handler(
    base_url: str, fake_slack: FakeSlack, signing_secret: str
) -> None:
    bad = slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("bad"))
    mark = fake_slack.mark()
    assert post(base_url + EVENTS_PATH, bad, signed_headers(bad, "wrong-secret"))[0] == 401
    assert post(base_url + EVENTS_PATH, bad, {"content-type": "application/x-www-form-urlencoded"})[0] == 401

    # A good request afterwards: once its reply arrives, a handler run for the bad ones would have shown too.
    good = slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("good"))
    assert post(base_url + EVENTS_PATH, good, signed_headers(good, signing_secret))[0] == 200
    fake_slack.wait_for_method(RESPONSE_URL_METHOD, since=mark)
    assert [c.path for c in fake_slack.calls_to(RESPONSE_URL_METHOD, since=mark)] == ["/response/good"]


def test_stale_signature_is_401(base_url: str, fake_slack: FakeSlack, signing_secret: str) -> None:
    body = slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("h"))
    headers = signed_headers(body, signing_secret, timestamp=int(time.time()) - 301)
    assert post(base_url + EVENTS_PATH, body, headers)[0] == 401


def test_signed_command_is_acked_and_answered(
    base_url: str, fake_slack: FakeSlack, signing_secret: str
) -> None:
    body = slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("h"))
    mark = fake_slack.mark()
    status, text = post(base_url + EVENTS_PATH, body, signed_headers(body, signing_secret))
    assert (status, text) == (200, "")
    reply = fake_slack.wait_for_method(RESPONSE_URL_METHOD, since=mark)[0]
    assert "I21.9" in reply.body["text"]


def test_other_paths_are_404(base_url: str) -> None:
    assert post(base_url + "/nope", "x", {})[0] == 404
