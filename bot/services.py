"""The objects handlers need, built once at start-up and passed to every feature module's register()."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING

import sqlite_utils

from bot.settings import Settings
from storage.db import connect
from storage.usage import UsageRecorder

if TYPE_CHECKING:
    from bot.lookups.codebook import CodeBook


@dataclass(frozen=True)
class OpenItem:
    """One of a user's open clarifications, as the App Home lists it."""

    title: str
    status: str
    link: str | None = None


OpenItemsProvider = Callable[[str], Sequence[OpenItem]]


def no_open_items(user_id: str) -> Sequence[OpenItem]:
    return ()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    settings: Settings
    codebook: CodeBook
    clock: Callable[[], datetime]
    db_factory: Callable[[], sqlite_utils.Database]
    usage: UsageRecorder
    # Hook for the relay: the caller's open clarifications for the App Home (the clarify feature replaces it).
    open_clarifications: OpenItemsProvider = no_open_items

    def today(self) -> date:
        """Today's date in the team's time zone (a claim's default date of service)."""
        return self.clock().astimezone(self.settings.tz).date()


def build_services(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Services:
    """Open the code book and the app database (creating them on first run)."""
    from bot.lookups.codebook import CodeBook

    db_factory = partial(connect, settings.db_path)
    usage = UsageRecorder(db_factory, clock)
    usage.prepare()
    return Services(
        settings=settings,
        codebook=CodeBook.open(settings.codes_db_path),
        clock=clock,
        db_factory=db_factory,
        usage=usage,
    )
