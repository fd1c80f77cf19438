"""A second instance of the app over the same database file, as a second `codedesk serve` process would have:
its own services, its own Bolt app and request guard, nothing shared with the first but the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from bot.app import create_app
from bot.console_slack import IdleWaitingExecutor
from bot.services import assemble_services
from bot.settings import Settings
from storage.db import connect
from tests.fake_codes import FakeCodeBook
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario


def another_instance(
    settings: Settings,
    clock: Callable[[], datetime],
    fake_slack: FakeSlack,
    signing_secret: str,
    executor: IdleWaitingExecutor,
) -> Scenario:
    services = assemble_services(settings, FakeCodeBook(), clock, partial(connect, settings.db_path))  # type: ignore[arg-type]
    app = create_app(settings, services, listener_executor=executor)
    return Scenario(app, fake_slack, executor, signing_secret)
