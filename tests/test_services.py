"""Services: built once at start-up (the database migrated there, never on a request) and never changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from bot.services import Services, build_services
from bot.settings import Settings
from storage import schema
from storage.db import connect


def test_services_are_built_once_and_cannot_be_changed(services: Services) -> None:
    assert services.relay() is services.clarifications
    with pytest.raises(dataclasses.FrozenInstanceError):
        services.open_clarifications = lambda user, team=None: []  # type: ignore[misc]


def test_build_services_migrates_the_database_at_start_up(tmp_path: Path, codebook: CodeBook) -> None:
    settings = Settings.from_env(
        {"CODEDESK_DB": str(tmp_path / "app.sqlite"), "CODEDESK_CODES_DB": str(codebook.path)}, mode="cli"
    )
    built = build_services(settings)
    db = connect(settings.db_path)
    try:
        assert schema.schema_version(db) == schema.CURRENT_VERSION
    finally:
        db.close()
    assert built.relay().list_offices() == []
