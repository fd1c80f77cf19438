"""The objects handlers need, built once at start-up and passed to every feature module's register()."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

import sqlite_utils

from bot.settings import Settings
from storage.db import (
    REQUEST_BUSY_TIMEOUT_MS,
    DatabaseProblem,
    FileIdentity,
    connect,
    explain,
    open_for_writing,
)
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
    # The outbox and the jobs wait longer for the write lock than request paths (`db_factory`) may.
    background_db_factory: Callable[[], sqlite_utils.Database] | None = None
    # The database files as they were at start-up, for /healthz: (what, identity, a query that reads them).
    files: Sequence[tuple[str, FileIdentity, str]] = field(default_factory=tuple)
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

    def background(self) -> Services:
        """These services for background work (the scheduler's jobs): the longer busy timeout."""
        if self.background_db_factory is None:
            return self
        return replace(self, db_factory=self.background_db_factory)

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


OUTBOX_CALL_TIMEOUT_SECONDS = 10  # a Slack call that hangs is cut off after this (and its row retried)


def outbox_client(settings: Settings) -> WebClient:
    from slack_sdk import WebClient

    return WebClient(
        token=settings.bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[],
        timeout=OUTBOX_CALL_TIMEOUT_SECONDS,
    )


def open_code_book(settings: Settings) -> CodeBook:
    """The code book, prepared on first run; a file problem is DatabaseProblem (one line naming the path)."""
    import sqlite3

    from bot.lookups.codebook import CodeBook

    try:
        return CodeBook.open(settings.codes_db_path)
    except (sqlite3.Error, OSError, DatabaseProblem) as exc:
        raise explain(settings.codes_db_path, exc, "code database") from None


def build_services(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Services:
    """Open the code book and the app database (creating them on first run). DatabaseProblem when either
    cannot be used: one line naming the path and what to do."""
    from bot.relay.service import ClarificationService
    from bot.render.clarify_blocks import outbox_blocks
    from storage.relay_tables import migrate_relay
    from storage.usage import migrate_usage

    what = "console database" if settings.mode == "console" else "database"
    open_for_writing(settings.db_path, what)  # created if missing; a read-only file or folder is told here
    codebook = open_code_book(settings)
    setup = connect(settings.db_path)
    try:
        migrate_usage(setup)
        migrate_relay(setup)
    finally:
        setup.close()
    # From here on the database is never created again: one deleted while running is an error, not a new
    # empty file (and /healthz says so).
    db_factory = partial(connect, settings.db_path, create=False, busy_timeout_ms=REQUEST_BUSY_TIMEOUT_MS)
    return Services(
        settings=settings,
        codebook=codebook,
        clock=clock,
        db_factory=db_factory,
        usage=UsageRecorder(db_factory, clock),
        clarifications=ClarificationService(db_factory, clock, blocks_for=outbox_blocks),
        background_db_factory=partial(connect, settings.db_path, create=False),
        files=(
            ("database", FileIdentity.of(settings.db_path), "SELECT count(*) FROM _migrations"),
            ("code database", FileIdentity.of(settings.codes_db_path), "SELECT count(*) FROM meta"),
        ),
    )
