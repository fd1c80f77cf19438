"""Fixtures for the reliability suite, and the record of the whole run that the leak scan reads.

While tests/reliability runs, every log record (root logger, DEBUG and up, tracebacks included) and every call
any fake Slack received is kept with the test that produced it; the last test of the run
(`test_phi.py::test_the_run_leaked_no_identifier_or_token`) scans them all. Two kinds of tests are treated
specially, and say so by how they are written:
- tests marked xfail demonstrate a product gap: what they leak is the bug they show, so the scan skips them;
- tests that request the `injects_secrets` fixture put a token into a payload on purpose: their *raw* records
  may quote it, but the output of the product's RedactingFormatter still may not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.fake_slack import FakeSlack
from tests.relay.conftest import db, db_factory, relay_clock, relay_db_path, service, world

__all__ = ["db", "db_factory", "relay_clock", "relay_db_path", "service", "world"]  # reused relay fixtures

SCAN_TEST = "test_the_run_leaked_no_identifier_or_token"


@dataclass(frozen=True)
class Origin:
    test: str
    xfail: bool = False
    injects_secrets: bool = False


@dataclass(frozen=True)
class LoggedText:
    origin: Origin
    logger: str
    text: str


@dataclass
class RunRecord:
    logs: list[LoggedText] = field(default_factory=list)
    fakes: list[tuple[Origin, FakeSlack]] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)
    current: Origin = Origin("(outside a test)")

    def add_fake(self, fake: FakeSlack) -> FakeSlack:
        self.fakes.append((self.current, fake))
        return fake


class _Keep(logging.Handler):
    def __init__(self, record: RunRecord) -> None:
        super().__init__(logging.DEBUG)
        self.run = record
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a record that cannot be formatted is still evidence
            text = repr(record.msg)
        self.run.logs.append(LoggedText(self.run.current, record.name, text))


@pytest.fixture(scope="package", autouse=True)
def run_record() -> Iterator[RunRecord]:
    record = RunRecord()
    handler = _Keep(record)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield record
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


@pytest.fixture(autouse=True)
def _attribute_to_test(request: pytest.FixtureRequest, run_record: RunRecord) -> Iterator[None]:
    run_record.current = Origin(
        request.node.nodeid,
        xfail=request.node.get_closest_marker("xfail") is not None,
        injects_secrets="injects_secrets" in request.fixturenames,
    )
    yield
    run_record.current = Origin("(between tests)")


@pytest.fixture
def injects_secrets() -> None:
    """Marks a test that puts tokens into payloads on purpose (see the module docstring)."""


@pytest.fixture
def fake_slack(fake_slack: FakeSlack, run_record: RunRecord) -> FakeSlack:
    return run_record.add_fake(fake_slack)


@pytest.fixture
def settings(settings: Settings, run_record: RunRecord) -> Settings:
    run_record.secrets.update(settings.secrets())
    return settings


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The leak scan reads what the rest of this directory's tests produced, so it runs after them."""
    here = str(Path(__file__).parent)
    scans = [item for item in items if item.name == SCAN_TEST]
    for item in scans:
        items.remove(item)
    ours = [n for n, item in enumerate(items) if str(item.path).startswith(here)]
    position = ours[-1] + 1 if ours else len(items)
    items[position:position] = scans
