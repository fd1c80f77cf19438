"""A second instance of the app over the same database, as a second `codedesk serve` process would have: its
own services, its own Bolt app and request guard, its own connections (on PostgreSQL its own pool), nothing
shared with the first but the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from bot.app import create_app
from bot.console_slack import IdleWaitingExecutor
from bot.services import app_database, assemble_services
from bot.settings import Settings
from tests.fake_codes import FakeCodeBook
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario


@contextmanager
def another_instance(
    settings: Settings,
    clock: Callable[[], datetime],
    fake_slack: FakeSlack,
    signing_secret: str,
    executor: IdleWaitingExecutor,
) -> Iterator[Scenario]:
    database = app_database(settings)
    try:
        services = assemble_services(settings, FakeCodeBook(), clock, database.factory())  # type: ignore[arg-type]
        app = create_app(settings, services, listener_executor=executor)
        yield Scenario(app, fake_slack, executor, signing_secret)
    finally:
        database.close()
