"""The request guard: first in the middleware, fails closed, forgets signatures once they cannot be replayed."""

from __future__ import annotations

from slack_bolt.middleware.request_verification import RequestVerification

from bot.request_guard import REPLAY_WINDOW_SECONDS, SeenSignatures, VerifiedRequests
from tests.scenario import Scenario


def test_guard_runs_first_and_replaces_bolts_verification(scenario: Scenario) -> None:
    middleware = scenario.app._middleware_list
    assert isinstance(middleware[0], VerifiedRequests)
    assert not any(isinstance(m, RequestVerification) for m in middleware)


def test_a_signature_is_refused_again_only_within_the_window() -> None:
    now = [1000.0]
    seen = SeenSignatures(clock=lambda: now[0])
    assert seen.first_time("v0=a")
    assert not seen.first_time("v0=a")
    assert seen.first_time("v0=b")
    now[0] += REPLAY_WINDOW_SECONDS + 1
    assert seen.first_time("v0=a")  # long expired: Slack's timestamp check refuses such a request anyway
