"""Rate limits end to end: the OutboxWorker sends through a real WebClient to the fake Web API, which answers
HTTP 429 + Retry-After during storms; time is the worker's fake clock, so nothing sleeps.

tests/relay/test_outbox_worker.py covers one 429 with an in-process fake; here many messages to several
channels go through storms over HTTP, and the whole sequence of calls is checked.
"""

from __future__ import annotations

from storage.app_db import AppDatabase
from tests.fake_slack import FakeSlack
from tests.reliability.scenarios import Storm, run_rate_limit_scenario


def test_storms_are_waited_out_paced_per_channel_and_every_message_sent_once(
    app_db: AppDatabase, fake_slack: FakeSlack
) -> None:
    storms = [Storm(at=2.0, count=6, retry_after=3), Storm(at=20.0, count=3, retry_after=1)]
    result = run_rate_limit_scenario(app_db, fake_slack, messages=40, channels=4, storms=storms)

    assert result.problems() == []
    assert len(result.rate_limited) == 9  # every 429 of the storms was answered, and waited out
    assert result.lost == 0 and result.duplicated == 0
    assert result.min_channel_gap() >= 1.0
    for n, limited in enumerate(result.attempts):
        if limited.status == 429:
            resumed = next(a for a in result.attempts[n + 1 :] if a.method == limited.method)
            assert limited.retry_after is not None
            assert limited.at + limited.retry_after <= resumed.at <= limited.at + limited.retry_after + 1.0
    # The fake Web API saw exactly the calls the worker made, in the same order.
    assert [c.body["text"] for c in fake_slack.calls_to("chat.postMessage")] == [
        a.text for a in result.attempts
    ]


def test_a_long_storm_loses_nothing(app_db: AppDatabase, fake_slack: FakeSlack) -> None:
    storms = [Storm(at=2.0, count=12, retry_after=2)]
    result = run_rate_limit_scenario(app_db, fake_slack, messages=20, channels=2, storms=storms)

    assert result.problems() == []
