"""CODEDESK_DATABASE_POOL_SIZE: how many PostgreSQL connections an instance keeps open (default 10), validated
with a one-line message; on SQLite (no pool) it is validated the same and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import app_database
from bot.settings import Settings, SettingsError
from storage.app_db import AppDatabase
from storage.backend import Database
from storage.db_problems import DatabaseBusy


def settings_for(app_db: AppDatabase, tmp_path: Path, pool_size: str | None) -> Settings:
    env = {"CODEDESK_DB": str(tmp_path / "app.sqlite")}
    if app_db.server is not None:
        env["CODEDESK_DATABASE_URL"] = app_db.server.url
    if pool_size is not None:
        env["CODEDESK_DATABASE_POOL_SIZE"] = pool_size
    return Settings.from_env(env, mode="cli")


@pytest.mark.parametrize("raw", ["0", "1", "501", "ten", "-3", "2.5", "10 connections"])
def test_a_pool_size_that_is_not_a_whole_number_from_2_to_500_is_refused_in_one_line(
    app_db: AppDatabase, tmp_path: Path, raw: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        settings_for(app_db, tmp_path, raw)
    message = str(refused.value)
    assert message.startswith(
        "CODEDESK_DATABASE_POOL_SIZE must be a whole number of connections from 2 to 500"
    )
    assert repr(raw) in message and "\n" not in message and "throwaway" not in message


def test_the_pool_holds_as_many_connections_as_configured(app_db: AppDatabase, tmp_path: Path) -> None:
    assert settings_for(app_db, tmp_path, None).database_pool_size == 10
    settings = settings_for(app_db, tmp_path, " 3 ")
    assert settings.database_pool_size == 3
    database = app_database(settings)
    if app_db.server is None:
        assert database.server is None  # SQLite: one file, no pool
        return
    assert database.server is not None and database.server.max_size == 3
    held: list[Database] = []
    try:
        for _ in range(3):
            held.append(database.server.connect(busy_timeout_ms=1_000))
        with pytest.raises(DatabaseBusy):  # a fourth waits for one of the three, then says busy
            database.server.connect(busy_timeout_ms=1_000)
        held.pop().close()
        held.append(database.server.connect(busy_timeout_ms=1_000))  # one given back: taken at once
    finally:
        for db in held:
            db.close()
        database.close()
