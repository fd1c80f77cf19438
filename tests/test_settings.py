"""Settings.from_env: required per mode, one clear line when missing, secrets never in repr."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.settings import DEFAULT_API_URL, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]
HTTP_ENV = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "shh-secret"}


def test_http_needs_the_signing_secret_and_says_so_in_one_line() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}, mode="http")
    assert str(caught.value) == (
        "SLACK_SIGNING_SECRET is not set: HTTP mode verifies every request with it (see .env.example)"
    )


@pytest.mark.parametrize(
    ("mode", "env", "missing"),
    [
        ("http", {"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ("socket", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        ("socket", {"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_each_mode_names_what_it_misses(mode: str, env: dict[str, str], missing: str) -> None:
    with pytest.raises(SettingsError, match=rf"^{missing} is not set: .*\(see \.env\.example\)$"):
        Settings.from_env(env, mode=mode)  # type: ignore[arg-type]


def test_console_and_cli_need_nothing() -> None:
    for mode in ("console", "cli"):
        settings = Settings.from_env({"HOME": "/home/coder"}, mode=mode)  # type: ignore[arg-type]
        assert settings.bot_token is None


def test_defaults() -> None:
    settings = Settings.from_env({**HTTP_ENV, "HOME": "/home/coder"}, mode="http")
    assert settings.db_path == Path("/home/coder/.local/share/codedesk/codedesk.sqlite")
    assert settings.codes_db_path == Path("/home/coder/.local/share/codedesk/codes.sqlite")
    assert settings.slack_api_url == DEFAULT_API_URL
    assert settings.team_tz == "America/New_York"
    assert settings.log_level == "INFO"
    assert settings.outbox_give_up_after == timedelta(hours=24)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24h", timedelta(hours=24)),
        ("90m", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        ("36", timedelta(hours=36)),
    ],
)
def test_the_outbox_give_up_horizon_is_a_duration(value: str, expected: timedelta) -> None:
    settings = Settings.from_env({**HTTP_ENV, "CODEDESK_OUTBOX_GIVE_UP_AFTER": value}, mode="http")
    assert settings.outbox_give_up_after == expected


def test_xdg_data_home_and_explicit_paths() -> None:
    settings = Settings.from_env({**HTTP_ENV, "XDG_DATA_HOME": "/data"}, mode="http")
    assert settings.db_path == Path("/data/codedesk/codedesk.sqlite")
    settings = Settings.from_env({**HTTP_ENV, "CODEDESK_DB": "/srv/app.sqlite"}, mode="http")
    assert settings.codes_db_path == Path("/srv/codes.sqlite")


def test_api_url_gets_a_trailing_slash() -> None:
    settings = Settings.from_env({**HTTP_ENV, "SLACK_API_URL": "http://127.0.0.1:9/api"}, mode="http")
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CODEDESK_TEAM_TZ", "Mars/Olympus"),
        ("CODEDESK_LOG_LEVEL", "LOUD"),
        ("SLACK_API_URL", "slack.com/api"),
        ("SLACK_BOT_TOKEN", "xoxp-user-token"),
        ("CODEDESK_OUTBOX_GIVE_UP_AFTER", "ten attempts"),
        ("CODEDESK_OUTBOX_GIVE_UP_AFTER", "1m"),
        ("CODEDESK_OUTBOX_GIVE_UP_AFTER", "90d"),
    ],
)
def test_malformed_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=rf"^{name} "):
        Settings.from_env({**HTTP_ENV, name: value}, mode="http")


def test_repr_never_shows_secrets() -> None:
    settings = Settings.from_env({**HTTP_ENV, "SLACK_APP_TOKEN": "xapp-9-secret"}, mode="http")
    for text in (repr(settings), str(settings), f"{settings}"):
        assert "xoxb-1-2-abc" not in text and "shh-secret" not in text and "xapp-9-secret" not in text
        assert "bot_token='***'" in text


def test_env_example_documents_every_variable() -> None:
    source = (ROOT / "bot" / "settings.py").read_text()
    read = set(re.findall(r'"((?:SLACK|CODEDESK)_[A-Z_]+)"', source))
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert len(read) == 12 and read <= documented, f"not in .env.example: {sorted(read - documented)}"
