"""/healthz says what is wrong with the databases the server started with (issue #15: "a database deleted while
running is recreated empty while /healthz says ok").

The production wiring: `build_services` over real files and `make_http_server`, over HTTP. The code database is
the session's real one, reached through a symbolic link that the test can remove without touching it.
"""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from bot.serve import HEALTH_PATH, BackgroundHttpServer, make_http_server
from bot.services import Services, build_services
from bot.settings import Settings
from tests.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.reliability.slack_http import post
from tests.signing import signed_headers, slash_command_body


@pytest.fixture
def served(
    tmp_path: Path, codebook: CodeBook, fake_slack: FakeSlack, signing_secret: str
) -> Iterator[tuple[str, Settings, Services]]:
    codes = tmp_path / "codes.sqlite"
    codes.symlink_to(codebook.path)
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-health",
            "SLACK_SIGNING_SECRET": signing_secret,
            "SLACK_API_URL": fake_slack.api_url,
            "CODEDESK_DB": str(tmp_path / "data" / "codedesk.sqlite"),
            "CODEDESK_CODES_DB": str(codes),
        },
        mode="http",
    )
    services = build_services(settings)
    server = make_http_server(settings, services, "127.0.0.1", 0, asyncore_loop_timeout=0.05)
    with BackgroundHttpServer(server) as running:
        yield running.url, settings, services


def health(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def test_healthy_is_200_ok(served: tuple[str, Settings, Services]) -> None:
    url, _, _ = served
    assert health(url) == (200, "ok")


def test_a_database_deleted_while_running_is_503_and_never_recreated_empty(
    served: tuple[str, Settings, Services], fake_slack: FakeSlack, signing_secret: str
) -> None:
    url, settings, _ = served
    remove_database(settings.db_path)
    status, body = health(url)
    assert status == 503
    assert body.startswith(f"the database {settings.db_path} is missing (deleted or moved while CodeDesk")
    # A request that writes (a lookup records its use) fails; it does not make a new, empty database.
    command = slash_command_body("/code", "heart attack", response_url=fake_slack.response_url("gone"))
    assert post(url + "/slack/events", command, signed_headers(command, signing_secret))[0] == 200
    fake_slack.wait_for_method(RESPONSE_URL_METHOD, timeout=10)
    assert not settings.db_path.exists()
    assert health(url)[0] == 503


def test_a_database_replaced_by_another_file_is_503(served: tuple[str, Settings, Services]) -> None:
    url, settings, _ = served
    remove_database(settings.db_path)
    sqlite3.connect(settings.db_path).close()  # some other process made a new, empty one
    status, body = health(url)
    assert status == 503 and "was replaced by another file while CodeDesk was running" in body


def test_a_database_that_is_no_longer_sqlite_is_503(served: tuple[str, Settings, Services]) -> None:
    url, settings, _ = served
    with settings.db_path.open("r+b") as file:  # the same file, its header overwritten
        file.write(b"not a database at all, not at all")
    status, body = health(url)
    assert status == 503 and f"the database {settings.db_path}" in body


def test_a_code_database_gone_is_503_naming_it(served: tuple[str, Settings, Services]) -> None:
    url, settings, _ = served
    settings.codes_db_path.unlink()  # the link: the session's code database itself is untouched
    status, body = health(url)
    assert status == 503 and body.startswith(f"the code database {settings.codes_db_path} is missing")
