"""The objects handlers need, built once at start-up and passed to every feature module's register()."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.outbox import CALL_TIMEOUT_SECONDS
from bot.settings import Settings
from storage.app_db import AppDatabase, HealthTarget
from storage.backend import Database
from storage.db import REQUEST_BUSY_TIMEOUT_MS, DatabaseProblem, FileIdentity, explain
from storage.schema import HEALTH_PROBE
from storage.usage import UsageRecorder

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from bot.lookups.codebook import CodeBook
    from bot.lookups.team_picks import TeamPicks
    from bot.open_items import OpenItemsProvider
    from bot.outbox import Send
    from bot.relay.service import ClarificationService


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Services:
    """Built once (`build_services`, or `assemble_services` over a database already migrated) and never changed:
    every thread shares it."""

    settings: Settings
    codebook: CodeBook
    clock: Callable[[], datetime]
    db_factory: Callable[[], Database]
    usage: UsageRecorder
    clarifications: ClarificationService
    # The caller's open clarifications for the App Home.
    open_clarifications: OpenItemsProvider
    # The outbox and the jobs wait longer for the write lock than request paths (`db_factory`) may.
    background_db_factory: Callable[[], Database] | None = None
    # The databases as they were at start-up, for /healthz: (what, identity, a query that reads them): the
    # files, or the PostgreSQL server.
    files: Sequence[tuple[str, HealthTarget, str]] = field(default_factory=tuple)
    # Team favourites and picks (`assemble_services` gives them; `team_picks()` makes them when not given).
    picks: TeamPicks | None = None

    def today(self) -> date:
        """Today's date in the team's time zone, the one set with `/codedesk timezone` (else CODEDESK_TEAM_TZ):
        a claim's default date of service."""
        from bot.jobs.schedules import team_today

        db = self.db_factory()
        try:
            return team_today(db, self.settings.team_tz, self.clock())
        finally:
            db.close()

    def team_zone(self) -> ZoneInfo:
        """The team's time zone, the one set with `/codedesk timezone` (else CODEDESK_TEAM_TZ)."""
        from bot.jobs.schedules import team_zone

        db = self.db_factory()
        try:
            return team_zone(db, self.settings.team_tz)
        finally:
            db.close()

    def team_picks(self) -> TeamPicks:
        """Pins, picks and the team's reranking of lookups (their tables made at start-up: `storage.schema`)."""
        if self.picks is not None:
            return self.picks
        from bot.lookups.team_picks import TeamPicks

        return TeamPicks(self.db_factory, self.clock)

    def background(self) -> Services:
        """These services for background work (the scheduler's jobs): the longer busy timeout."""
        if self.background_db_factory is None:
            return self
        return replace(self, db_factory=self.background_db_factory)

    def relay(self) -> ClarificationService:
        return self.clarifications


def build_relay(db_factory: Callable[[], Database], clock: Callable[[], datetime]) -> ClarificationService:
    """The relay with the Slack layer's Block Kit for its messages (Answer buttons, Resolve menu), over a
    database already migrated (`storage.schema`)."""
    from bot.relay.service import ClarificationService
    from bot.relay.work_calendar import DEFAULT_REGION, preload, team_calendar
    from bot.render.clarify_blocks import outbox_blocks

    db = db_factory()
    try:
        preload(team_calendar(db).region or DEFAULT_REGION, clock().year)
    finally:
        db.close()
    return ClarificationService(db_factory, clock, blocks_for=outbox_blocks)


def assemble_services(
    settings: Settings,
    codebook: CodeBook,
    clock: Callable[[], datetime],
    db_factory: Callable[[], Database],
    *,
    background_db_factory: Callable[[], Database] | None = None,
    files: Sequence[tuple[str, HealthTarget, str]] = (),
) -> Services:
    """The services over a database already migrated: the relay, usage and the App Home's list built once."""
    from bot.lookups.team_picks import TeamPicks
    from bot.open_items import OpenClarifications

    relay = build_relay(db_factory, clock)
    return Services(
        settings=settings,
        codebook=codebook,
        clock=clock,
        db_factory=db_factory,
        usage=UsageRecorder(db_factory, clock),
        clarifications=relay,
        open_clarifications=OpenClarifications(relay, clock, settings.tz),
        background_db_factory=background_db_factory,
        files=files,
        picks=TeamPicks(db_factory, clock),
    )


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

    return WebClient(
        token=settings.bot_token,
        base_url=settings.slack_api_url,
        retry_handlers=[],
        timeout=CALL_TIMEOUT_SECONDS,  # a hanging call is cut off (its row retried); the claim lease follows
    )


def open_code_book(settings: Settings) -> CodeBook:
    """The code book, prepared on first run; a file problem is DatabaseProblem (one line naming the path)."""
    import sqlite3

    from bot.lookups.codebook import CodeBook, CodesTooNew

    try:
        return CodeBook.open(settings.codes_db_path)
    except CodesTooNew:
        raise  # already one line naming the path and what to do
    except (sqlite3.Error, OSError, DatabaseProblem) as exc:
        raise explain(settings.codes_db_path, exc, "code database") from None


def app_database(settings: Settings) -> AppDatabase:
    """The app's state: PostgreSQL when CODEDESK_DATABASE_URL is set, else the SQLite file CODEDESK_DB (the
    console's own file in console mode)."""
    what = "console database" if settings.mode == "console" else "database"
    return AppDatabase.of(
        settings.db_path, settings.database_url, what, pool_size=settings.database_pool_size
    )


def build_services(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Services:
    """Open the code book and the app database (creating them on first run, and applying the migrations not yet
    applied). DatabaseProblem when either cannot be used (SchemaTooNew for a database newer than this code;
    DatabaseUnavailable for a PostgreSQL server that cannot be reached): one line naming the path, or host and
    port, and what to do."""
    database = app_database(settings)
    database.migrate()  # created if missing; a read-only file or folder, or an unreachable server, is told here
    codebook = open_code_book(settings)
    # From here on the database is never created again: one deleted while running is an error, not a new
    # empty file (and /healthz says so).
    return assemble_services(
        settings,
        codebook,
        clock,
        database.factory(REQUEST_BUSY_TIMEOUT_MS),
        background_db_factory=database.factory(),
        files=(
            ("database", database.health(), HEALTH_PROBE),
            ("code database", FileIdentity.of(settings.codes_db_path), "SELECT count(*) FROM meta"),
        ),
    )
