"""The objects handlers need, built once at start-up and passed to every feature module's register()."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

import sqlite_utils

from bot.settings import Settings
from storage.db import connect
from storage.usage import UsageRecorder

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from bot.lookups.codebook import CodeBook
    from bot.lookups.team_picks import TeamPicks
    from bot.outbox import Send
    from bot.relay.service import ClarificationService


@dataclass(frozen=True)
class OpenItem:
    """One of a user's open clarifications, as the App Home lists it."""

    title: str
    status: str
    link: str | None = None


class OpenItemsProvider(Protocol):
    """The caller's open items for the App Home. `team_id` is the user's workspace when known (the relay
    needs it: office staff are matched by user *and* team); simple providers may ignore it."""

    def __call__(self, user_id: str, team_id: str | None = None, /) -> Sequence[OpenItem]: ...


def no_open_items(user_id: str, team_id: str | None = None, /) -> Sequence[OpenItem]:
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
    # The clarification relay; `relay()` creates it on first use when start-up did not.
    clarifications: ClarificationService | None = None
    # Team favourites and picks; `team_picks()` creates them on first use.
    picks: TeamPicks | None = None

    def today(self) -> date:
        """Today's date in the team's time zone (a claim's default date of service)."""
        return self.settings.today(self.clock())

    def team_picks(self) -> TeamPicks:
        """Pins, picks and the team's reranking of lookups (their tables created on first use)."""
        if self.picks is None:
            from bot.lookups.team_picks import TeamPicks

            picks = TeamPicks(self.db_factory, self.clock)
            picks.prepare()
            self.picks = picks
        return self.picks

    def relay(self) -> ClarificationService:
        """The clarification service over this app database (its tables created on first use)."""
        if self.clarifications is None:
            self.clarifications = build_relay(self.db_factory, self.clock)
        return self.clarifications


def build_relay(
    db_factory: Callable[[], sqlite_utils.Database], clock: Callable[[], datetime]
) -> ClarificationService:
    """The relay with the Slack layer's Block Kit for its messages (Answer buttons, Resolve menu)."""
    from bot.relay.service import ClarificationService
    from bot.relay.work_calendar import DEFAULT_REGION, preload, team_calendar
    from bot.render.clarify_blocks import outbox_blocks
    from storage.relay_tables import migrate_relay

    db = db_factory()
    try:
        migrate_relay(db)
        preload(team_calendar(db).region or DEFAULT_REGION, clock().year)
    finally:
        db.close()
    return ClarificationService(db_factory, clock, blocks_for=outbox_blocks)


def web_api_send(client: WebClient) -> Send:
    """The outbox's `send`: one Web API call, its response data returned; errors raise SlackApiError.

    Give it a client without retry handlers: the outbox does the retrying (and honours Retry-After).
    """

    def send(method: str, payload: dict[str, Any]) -> Mapping[str, Any]:
        data = client.api_call(method, json=payload).data
        return data if isinstance(data, dict) else {"ok": True}

    return send


def outbox_client(settings: Settings) -> WebClient:
    from slack_sdk import WebClient

    return WebClient(token=settings.bot_token, base_url=settings.slack_api_url, retry_handlers=[])


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
        clarifications=build_relay(db_factory, clock),
    )
