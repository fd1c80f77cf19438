"""Ack under pressure: Slack gives an app 3 s to answer, whatever the Web API is doing meanwhile.

The server is the production wiring (`make_http_server`, Bolt's default listener pool): the fake Web API and
response_urls answer only after 10 s, and 30 `/code` commands arrive at once over HTTP.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.services import Services
from bot.settings import Settings
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.reliability.slack_http import post, running_server, usage_rows
from tests.signing import signed_headers, slash_command_body

COMMANDS = 30
SLOW_API_SECONDS = 10.0
ACK_LIMIT_SECONDS = 3.0


@pytest.fixture
def events_url(settings: Settings, services: Services, fake_lookups: None) -> Iterator[str]:
    with running_server(settings, services) as url:
        yield url


def timed_post(url: str, body: str, secret: str) -> tuple[int, float]:
    started = time.monotonic()
    status, _ = post(url, body, signed_headers(body, secret), timeout=60)
    return status, time.monotonic() - started


def test_every_command_is_acked_within_3_s_while_the_web_api_takes_10_s(
    events_url: str, fake_slack: FakeSlack, signing_secret: str, settings: Settings
) -> None:
    fake_slack.delay_seconds = SLOW_API_SECONDS
    mark = fake_slack.mark()
    bodies = [
        slash_command_body(
            "/code", "heart attack", user_id=f"W{n:03d}", response_url=fake_slack.response_url(n)
        )
        for n in range(COMMANDS)
    ]
    try:
        with ThreadPoolExecutor(COMMANDS) as pool:
            results = list(pool.map(lambda body: timed_post(events_url, body, signing_secret), bodies))

        slow = [
            (n, round(seconds, 1)) for n, (_, seconds) in enumerate(results) if seconds >= ACK_LIMIT_SECONDS
        ]
        assert [status for status, _ in results] == [200] * COMMANDS
        assert slow == [], f"acks slower than {ACK_LIMIT_SECONDS} s (command, seconds): {slow}"
        # ...and the work still completes: every command's reply reaches its response_url.
        replies = fake_slack.wait_for_method(RESPONSE_URL_METHOD, COMMANDS, since=mark, timeout=30)
        assert sorted(c.path for c in replies) == sorted(f"/response/{n}" for n in range(COMMANDS))
        assert len(usage_rows(settings.db_path)) == COMMANDS
    finally:
        # Let the listeners still queued finish while this test's fixtures (fake lookups) are in place.
        fake_slack.delay_seconds = 0
        fake_slack.wait_for_method(RESPONSE_URL_METHOD, COMMANDS, since=mark, timeout=60)
