"""Shared fixtures for the lookup tests: one code database per test session (built from the shipped data)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook


@pytest.fixture(scope="session")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> CodeBook:
    return CodeBook.open(tmp_path_factory.mktemp("codes") / "codes.sqlite")
