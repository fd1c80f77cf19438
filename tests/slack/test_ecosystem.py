"""The Slack ecosystem's conventions: .env is read (real environment variables win), and the app's own Web API
client waits out a 429 and tries again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import load_env_file, main
from tests.fake_slack import FakeSlack
from tests.scenario import Scenario
from tests.signing import event_body


def test_env_file_is_read_and_real_variables_win(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# settings\nSLACK_BOT_TOKEN=xoxb-from-file\nexport CODEDESK_TEAM_TZ='America/Chicago'\nCODEDESK_LOG_LEVEL=DEBUG\n"
    )
    environ = {"CODEDESK_ENV_FILE": str(env_file), "CODEDESK_LOG_LEVEL": "WARNING"}
    assert load_env_file(environ) == env_file
    assert environ["SLACK_BOT_TOKEN"] == "xoxb-from-file"
    assert environ["CODEDESK_TEAM_TZ"] == "America/Chicago"
    assert environ["CODEDESK_LOG_LEVEL"] == "WARNING"  # already set: the environment wins
    assert load_env_file({"CODEDESK_ENV_FILE": "none"}) is None


def test_codedesk_reads_dotenv_from_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's symptom: `codedesk serve` said SLACK_BOT_TOKEN is not set beside a complete .env. Here the
    .env's malformed token proves the file was read (serve stops before connecting)."""
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=not-a-bot-token\nSLACK_APP_TOKEN=xapp-1\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEDESK_ENV_FILE")
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "db.sqlite"))
    assert main(["serve"]) == 2
    assert "SLACK_BOT_TOKEN must be a bot token starting with xoxb-" in capsys.readouterr().err
    monkeypatch.setenv("CODEDESK_ENV_FILE", str(tmp_path / "missing.env"))
    assert main(["data"]) == 2
    assert "missing.env: no such file" in capsys.readouterr().err


def test_the_apps_own_calls_retry_after_a_429(scenario: Scenario, fake_slack: FakeSlack) -> None:
    fake_slack.fail_with_429(count=1, retry_after=1, method="views.publish")
    outcome = scenario.run(
        event_body({"type": "app_home_opened", "user": "W111", "channel": "D111", "tab": "home"})
    )
    publishes = [c for c in outcome.calls if c.method == "views.publish"]
    assert len(publishes) == 2  # the 429, then the retry that Slack accepted
    assert publishes[1].at - publishes[0].at >= 0.9  # it waited out Retry-After
