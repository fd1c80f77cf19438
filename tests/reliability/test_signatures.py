"""Request signatures over real HTTP: every forged, stale or unsigned request is refused before any handler runs.

tests/slack/test_http.py shows one bad and one stale signature are refused; here every way a request can be
wrong is tried against the production server wiring, and "no handler ran" is proved, not assumed: after each
refused request a valid one is sent, and once *its* reply has arrived, a handler run for the refused one would
have left a reply or a usage row too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from bot.console_slack import IdleWaitingExecutor
from bot.services import Services
from bot.settings import Settings
from storage.app_db import AppDatabase
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.reliability.slack_http import post, running_server, usage_rows
from tests.signing import signed_headers, slash_command_body

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def events_url(
    settings: Settings, services: Services, fake_lookups: None, listener_executor: IdleWaitingExecutor
) -> Iterator[str]:
    with running_server(settings, services, listener_executor) as url:
        yield url


def command(fake: FakeSlack, key: str, text: str = "heart attack") -> str:
    return slash_command_body("/code", text, response_url=fake.response_url(key))


def forged_body_and_headers(fake: FakeSlack, secret: str) -> dict[str, tuple[str, dict[str, str]]]:
    now = int(time.time())
    body = command(fake, "forged")
    signed = signed_headers(body, secret)
    no_signature = {k: v for k, v in signed.items() if k != "x-slack-signature"}
    no_timestamp = {k: v for k, v in signed.items() if k != "x-slack-request-timestamp"}
    return {
        "tampered body": (body.replace("heart+attack", "heart+failure"), signed),
        "wrong secret": (body, signed_headers(body, secret + "x")),
        "timestamp 301 s old": (body, signed_headers(body, secret, timestamp=now - 301)),
        "timestamp 301 s in the future": (body, signed_headers(body, secret, timestamp=now + 301)),
        "timestamp an hour in the future": (body, signed_headers(body, secret, timestamp=now + 3600)),
        "timestamp not a number": (body, {**signed, "x-slack-request-timestamp": "soon"}),
        "signature header missing": (body, no_signature),
        "timestamp header missing": (body, no_timestamp),
        "no Slack headers at all": (body, {"content-type": FORM}),
        "signature of another version": (body, {**signed, "x-slack-signature": "v1=" + "0" * 64}),
        "empty signature": (body, {**signed, "x-slack-signature": ""}),
    }


CASE_NAMES = (
    "tampered body",
    "wrong secret",
    "timestamp 301 s old",
    "timestamp 301 s in the future",
    "timestamp an hour in the future",
    "timestamp not a number",
    "signature header missing",
    "timestamp header missing",
    "no Slack headers at all",
    "signature of another version",
    "empty signature",
)
CASES = list(CASE_NAMES)


@dataclass
class Probe:
    """Sends a refused request, then a valid one, and waits until every listener has finished."""

    url: str
    fake: FakeSlack
    secret: str
    database: AppDatabase
    executor: IdleWaitingExecutor

    def assert_no_handler_ran(self, send_bad: Callable[[], int]) -> int:
        mark = self.fake.mark()
        status = send_bad()
        good = command(self.fake, "good")
        assert post(self.url, good, signed_headers(good, self.secret))[0] == 200
        self.fake.wait_for_method(RESPONSE_URL_METHOD, since=mark)
        assert self.executor.wait_idle(10)
        assert [c.path for c in self.fake.calls_since(mark)] == ["/response/good"]
        assert usage_rows(self.database) == [("W111", "lookup", "heart attack")]
        return status


@pytest.fixture
def probe(
    events_url: str,
    fake_slack: FakeSlack,
    signing_secret: str,
    app_database: AppDatabase,
    listener_executor: IdleWaitingExecutor,
) -> Probe:
    return Probe(events_url, fake_slack, signing_secret, app_database, listener_executor)


def test_the_cases_are_the_ones_built() -> None:
    fake = FakeSlack()
    fake.start()
    try:
        assert tuple(forged_body_and_headers(fake, "s")) == CASE_NAMES
    finally:
        fake.stop()


@pytest.mark.parametrize("case", CASES)
def test_a_forged_or_stale_request_is_401_and_runs_no_handler(case: str, probe: Probe) -> None:
    body, headers = forged_body_and_headers(probe.fake, probe.secret)[case]
    assert probe.assert_no_handler_ran(lambda: post(probe.url, body, headers)[0]) == 401


def ssl_check_bodies(fake: FakeSlack) -> dict[str, str]:
    return {
        "plain ssl_check": "ssl_check=1&token=verification_token",
        # A command smuggled in with ssl_check=1 must not run either.
        "command with ssl_check": command(fake, "smuggled") + "&ssl_check=1",
    }


@pytest.mark.parametrize("case", ["plain ssl_check", "command with ssl_check"])
def test_an_unsigned_ssl_check_runs_no_handler(case: str, probe: Probe) -> None:
    body = ssl_check_bodies(probe.fake)[case]
    answers: list[tuple[int, str]] = []

    def send() -> int:
        answers.append(post(probe.url, body, {"content-type": FORM}))
        return answers[0][0]

    probe.assert_no_handler_ran(send)
    assert answers[0][1] == ""  # nothing about the app is revealed either


def test_an_unsigned_ssl_check_is_401(events_url: str, fake_slack: FakeSlack) -> None:
    assert post(events_url, "ssl_check=1&token=verification_token", {"content-type": FORM})[0] == 401


def test_an_unverifiable_request_makes_the_bot_post_nothing(probe: Probe) -> None:
    """Without a response_url the error handler falls back to chat.postEphemeral: an unauthenticated
    request would make the bot message any user in any channel."""
    body = urlencode({"command": "/code", "text": "x", "user_id": "UVICTIM", "channel_id": "CANY"})
    headers = {"content-type": FORM, "x-slack-request-timestamp": "soon", "x-slack-signature": "v0=00"}
    mark = probe.fake.mark()
    status, _ = post(probe.url, body, headers)
    assert probe.executor.wait_idle(10)
    assert [c.method for c in probe.fake.calls_since(mark)] == []
    assert status == 401


@pytest.mark.backends  # the replay guard's memory is the app database (seen_signatures): both backends
def test_a_replayed_request_has_no_second_effect(probe: Probe) -> None:
    """Deterministic (it once failed under load): nothing here depends on how long anything takes. The
    first delivery's effect is waited for (its listener finished), not inferred from its HTTP status, which
    is Bolt's and timing-dependent (a listener starved past 3 s is answered 404, and still runs); the replay is
    answered by the request guard itself, synchronously, before any listener could be started."""
    body = command(probe.fake, "once")
    headers = signed_headers(body, probe.secret)
    mark = probe.fake.mark()

    def effects() -> tuple[int, int]:
        return len(probe.fake.calls_to(RESPONSE_URL_METHOD, since=mark)), len(usage_rows(probe.database))

    post(probe.url, body, headers)
    assert probe.executor.wait_idle(60)
    assert effects() == (1, 1)
    assert post(probe.url, body, headers) == (200, "")  # the same bytes and headers: inside the window
    assert probe.executor.wait_idle(60)
    assert effects() == (1, 1)
