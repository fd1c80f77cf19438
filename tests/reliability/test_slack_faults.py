"""Slack failing for longer than a storm: an outage, a backlog, a hung call, a stop while sending, end to end
(tests/reliability/slack_faults.py, small here; bench/reliability.py runs them at full size)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from storage.app_db import AppDatabase
from storage.outbox import OutboxState
from tests.fake_slack import FakeSlack
from tests.reliability.slack_faults import (
    run_backlog_scenario,
    run_hung_call_scenario,
    run_outage_scenario,
    run_stop_scenario,
)


def test_an_outage_of_15_minutes_loses_nothing_and_posts_nothing_twice(
    app_db: AppDatabase, fake_slack: FakeSlack
) -> None:
    """(Before: a 10-minute outage gave up on 2 of 6 rows after 10 attempts, and a post Slack took whose answer
    was lost was posted again.)"""
    result = run_outage_scenario(app_db, fake_slack, minutes=15, questions=6)

    assert result.problems() == []
    assert result.states[OutboxState.FAILED] == 0
    assert result.delivery.lost == 0 and result.delivery.duplicated == 0
    assert len(result.delivery.expected) == 12  # an office post and the asker's tracking message each
    # Every kind of failure happened, including posts Slack took without the worker knowing.
    assert set(result.faults) == {"refuse", "drop", "accept_then_fail", "accept_then_drop"}
    # Nothing waits long once Slack is back: the backoff is capped at 5 minutes.
    assert result.last_post_after_recovery <= 6 * 60


def test_a_new_question_is_posted_at_once_behind_another_offices_backlog(
    app_db: AppDatabase, fake_slack: FakeSlack
) -> None:
    """(Before: the sender read only the first 200 pending rows, so a new question waited for the backlog.)"""
    result = run_backlog_scenario(app_db, fake_slack, backlog=500, questions=2)

    assert result.problems() == []
    assert result.backlog_sent < 500  # the backlog was still being worked through


def test_a_hung_call_holds_up_only_its_channel_and_its_post_is_not_repeated(
    app_db: AppDatabase, fake_slack: FakeSlack
) -> None:
    """(Before: one call that never answered stalled every channel for 30 s and ended in a duplicate post.)"""
    result = run_hung_call_scenario(app_db, fake_slack, call_timeout=3, hang=5.0)

    assert result.problems() == []
    assert result.others  # other questions were asked while the call hung
    assert result.delivery.duplicated == 0
    assert len(fake_slack.posts("C0OFFICE1")) == 1


@pytest.mark.slow  # real server processes, stopped twice (once waiting out most of the stop budget)
def test_serve_stopped_while_sending_loses_nothing_and_posts_nothing_twice(
    app_db: AppDatabase, tmp_path: Path, fake_slack: FakeSlack, codebook: CodeBook
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_stop_scenario(
        app_db,
        fake_slack,
        codebook=codebook,
        home=home,
        cycles=2,
        questions_per_cycle=4,
    )

    assert result.problems() == []
    assert [status for status, _ in result.stops] == [0, 0]
    assert all(seconds < 10 for _, seconds in result.stops)
    # The second stop came while Slack held a post it had taken: released, then found, not posted again.
    assert result.hung == 1 and result.released == 1
    assert result.delivery.duplicated == 0
