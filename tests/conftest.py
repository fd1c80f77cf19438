"""Shared fixtures: hidden environment, fake Slack Web API, settings, services and the real app."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from slack_bolt import App

from bot.console_slack import IdleWaitingExecutor
from bot.lookups.codebook import CodeBook
from bot.services import Services
from bot.settings import Settings
from storage.db import connect
from storage.usage import UsageRecorder
from tests.fake_codes import FakeCodeBook, fake_check_claim, fake_find_codes
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario

FROZEN_NOW = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    """The real code database, prepared once per test session from the shipped data."""
    return CodeBook.open(tmp_path_factory.mktemp("codes") / "codes.sqlite")


@pytest.fixture(autouse=True)
def _hide_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees a real token, secret or database path from the developer's environment."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "CODEDESK_")):
            monkeypatch.delenv(name)


@pytest.fixture
def signing_secret() -> str:
    return "test-secret-" + secrets.token_hex(8)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as slack:
        yield slack


@pytest.fixture
def settings(tmp_path: Path, fake_slack: FakeSlack, signing_secret: str) -> Settings:
    return Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-test-" + secrets.token_hex(6),
            "SLACK_SIGNING_SECRET": signing_secret,
            "SLACK_API_URL": fake_slack.api_url,
            "CODEDESK_DB": str(tmp_path / "codedesk.sqlite"),
            "CODEDESK_CODES_DB": str(tmp_path / "codes.sqlite"),
        },
        mode="http",
    )


@pytest.fixture
def clock() -> partial[datetime]:
    return partial(lambda: FROZEN_NOW)


@pytest.fixture
def services(settings: Settings, clock: partial[datetime]) -> Services:
    """Services over the fake code book and a temp app database (the real CodeBook is slow to build)."""
    db_factory = partial(connect, settings.db_path)
    usage = UsageRecorder(db_factory, clock)
    usage.prepare()
    return Services(
        settings=settings,
        codebook=FakeCodeBook(),  # type: ignore[arg-type]
        clock=clock,
        db_factory=db_factory,
        usage=usage,
    )


@pytest.fixture
def listener_executor() -> Iterator[IdleWaitingExecutor]:
    with IdleWaitingExecutor() as executor:
        yield executor


@pytest.fixture
def fake_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The /code handlers search and check the fake code book."""
    import bot.commands.code as code

    monkeypatch.setattr(code, "find_codes", fake_find_codes)
    monkeypatch.setattr(code, "check_claim", fake_check_claim)


@pytest.fixture
def app(
    settings: Settings, services: Services, listener_executor: IdleWaitingExecutor, fake_lookups: None
) -> App:
    from bot.app import create_app

    return create_app(settings, services, listener_executor=listener_executor)


@pytest.fixture
def scenario(
    app: App, fake_slack: FakeSlack, listener_executor: IdleWaitingExecutor, signing_secret: str
) -> Scenario:
    return Scenario(app, fake_slack, listener_executor, signing_secret)
