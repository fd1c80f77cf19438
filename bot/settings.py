"""The one settings object, read from the environment once and passed in (never read again at runtime).

Each mode needs different secrets: HTTP verifies every request with the signing secret, Socket Mode
connects with the app-level token, and the console and CLI make up their own (they never talk to Slack).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from bot.timezones import known_zone

Mode = Literal["http", "socket", "console", "cli"]

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_TEAM_TZ = "America/New_York"
DEFAULT_OUTBOX_GIVE_UP_AFTER = timedelta(hours=24)
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([mhd]?)$")
_UNITS = {"m": 60, "h": 3600, "d": 86400, "": 3600}
SECRET_FIELDS = frozenset({"bot_token", "signing_secret", "app_token", "database_url"})

_WHY_REQUIRED: dict[tuple[str, str], str] = {
    ("http", "SLACK_BOT_TOKEN"): "the app posts replies with it",
    ("http", "SLACK_SIGNING_SECRET"): "HTTP mode verifies every request with it",
    ("socket", "SLACK_BOT_TOKEN"): "the app posts replies with it",
    ("socket", "SLACK_APP_TOKEN"): "Socket Mode connects to Slack with it (an xapp- app-level token; "
    "or serve over HTTP with `codedesk serve --http`)",
}


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line naming the variable."""


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """The per-user data directory: the database survives upgrades and stays out of the checkout."""
    if os.name == "nt":
        base = environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "codedesk"
    xdg = environ.get("XDG_DATA_HOME")
    base_dir = Path(xdg) if xdg else Path(environ.get("HOME") or Path.home()) / ".local" / "share"
    return base_dir / "codedesk"


@dataclass(frozen=True)
class Settings:
    mode: Mode
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    db_path: Path
    codes_db_path: Path
    slack_api_url: str
    team_tz: str
    log_level: str
    outbox_give_up_after: timedelta = field(default=DEFAULT_OUTBOX_GIVE_UP_AFTER)
    # CODEDESK_DATABASE_URL: the app's state in PostgreSQL instead of the SQLite file `db_path` (the code
    # database stays a local SQLite file). Holds a password: shown as *** and redacted from logs.
    database_url: str | None = None
    # CODEDESK_DATABASE_POOL_SIZE: the most PostgreSQL connections this instance keeps open (default 10).
    database_pool_size: int = 10

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            secret = f.name in SECRET_FIELDS
            shown = ("'***'" if value else "None") if secret else repr(value)
            parts.append(f"{f.name}={shown}")
        return f"Settings({', '.join(parts)})"

    __str__ = __repr__

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.team_tz)

    def today(self, now: datetime) -> date:
        """The team's date at `now`: a claim's default date of service, in Slack and on the command line."""
        return now.astimezone(self.tz).date()

    def secrets(self) -> list[str]:
        """The secret values, for the log filter that redacts them."""
        found = [v for v in (self.bot_token, self.signing_secret, self.app_token, self.database_url) if v]
        if self.database_url:
            from storage.backend import parse_url

            found.append(parse_url(self.database_url).password)
        return found

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, *, mode: Mode = "http") -> Settings:
        def get(name: str) -> str | None:
            value = environ.get(name, "").strip()
            return value or None

        for (needed_mode, name), why in _WHY_REQUIRED.items():
            if needed_mode == mode and not get(name):
                raise SettingsError(f"{name} is not set: {why} (see .env.example)")

        bot_token = get("SLACK_BOT_TOKEN")
        if bot_token and mode in ("http", "socket") and not bot_token.startswith("xoxb-"):
            raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb- (see .env.example)")
        app_token = get("SLACK_APP_TOKEN")
        if app_token and mode == "socket" and not app_token.startswith("xapp-"):
            raise SettingsError(
                "SLACK_APP_TOKEN must be an app-level token starting with xapp- (see .env.example)"
            )

        db_path = Path(get("CODEDESK_DB") or default_data_dir(environ) / "codedesk.sqlite").expanduser()
        codes_db_path = Path(get("CODEDESK_CODES_DB") or db_path.parent / "codes.sqlite").expanduser()
        # The console has its own database: trying things out never touches the server's roles or records.
        if mode == "console":
            server_db = db_path
            db_path = Path(get("CODEDESK_CONSOLE_DB") or codes_db_path.parent / "console.sqlite").expanduser()
            if db_path.resolve() == server_db.resolve():
                raise SettingsError(
                    "CODEDESK_CONSOLE_DB is the server's database (CODEDESK_DB): the console keeps its own "
                    "(default console.sqlite beside the code database)"
                )

        api_url = get("SLACK_API_URL") or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            raise SettingsError(f"SLACK_API_URL must be an http(s) URL, got {api_url!r} (see .env.example)")
        if not api_url.endswith("/"):
            api_url += "/"

        team_tz = get("CODEDESK_TEAM_TZ") or DEFAULT_TEAM_TZ
        if known_zone(team_tz) is None:
            raise SettingsError(
                f"CODEDESK_TEAM_TZ is not a known time zone: {team_tz[:64]!r} (e.g. America/Chicago)"
            )

        log_level = (get("CODEDESK_LOG_LEVEL") or "INFO").upper()
        if not isinstance(logging.getLevelName(log_level), int):
            raise SettingsError(
                f"CODEDESK_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}"
            )

        give_up_after = parse_give_up_after(get("CODEDESK_OUTBOX_GIVE_UP_AFTER"))

        from storage.backend import parse_pool_size, parse_url
        from storage.db_problems import DatabaseProblem

        # The console keeps its own SQLite database whatever the server uses.
        database_url = get("CODEDESK_DATABASE_URL") if mode != "console" else None
        try:
            if database_url is not None:
                parse_url(database_url)
            pool_size = parse_pool_size(get("CODEDESK_DATABASE_POOL_SIZE"))
        except DatabaseProblem as exc:
            raise SettingsError(f"{exc} (see .env.example)") from None

        return cls(
            mode=mode,
            bot_token=bot_token,
            signing_secret=get("SLACK_SIGNING_SECRET"),
            app_token=app_token,
            db_path=db_path,
            codes_db_path=codes_db_path,
            slack_api_url=api_url,
            team_tz=team_tz,
            log_level=log_level,
            outbox_give_up_after=give_up_after,
            database_url=database_url,
            database_pool_size=pool_size,
        )


def parse_give_up_after(raw: str | None) -> timedelta:
    """CODEDESK_OUTBOX_GIVE_UP_AFTER: `24h` (the default), `90m`, `2d`; a bare number is hours. From 10 minutes
    to 30 days: shorter turns a routine Slack incident into lost messages, longer posts day-old questions."""
    if raw is None:
        return DEFAULT_OUTBOX_GIVE_UP_AFTER
    match = _DURATION.match(raw.strip().lower())
    if match is None:
        raise SettingsError(
            f"CODEDESK_OUTBOX_GIVE_UP_AFTER must be a duration such as 24h, 90m or 2d, got {raw[:32]!r}"
        )
    value = timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])
    if not timedelta(minutes=10) <= value <= timedelta(days=30):
        raise SettingsError(f"CODEDESK_OUTBOX_GIVE_UP_AFTER must be between 10m and 30d, got {raw[:32]!r}")
    return value
