"""The relay tests' people, clock, organisation and draft question, without pytest: the crash scenario's writer
processes (tests/reliability/crash_writer.py) import them through tests/reliability/world.py, and importing pytest
cost each of its 200+ start-ups about a third of their CPU. tests/relay/conftest.py re-exports them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.relay.query_rules import QueryDraft, with_required_options
from bot.relay.service import Actor
from storage.clarifications import QueryFormat
from storage.offices import Office

# Monday 2 November 2026, 09:00 in Chicago (the day after DST ended).
MONDAY_9AM_CHICAGO = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)

ADMIN = Actor("UADMIN", "TCODERS")
LEAD = Actor("ULEAD", "TCODERS")
CODER = Actor("UCODER", "TCODERS")
CODER2 = Actor("UCODER2", "TCODERS")
NORTH_STAFF = Actor("UNORTHDOC", "TNORTH")
SOUTH_STAFF = Actor("USOUTHDOC", "TSOUTH")
STRANGER = Actor("USTRANGER", "TCODERS")


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class World:
    north: Office
    south: Office


def make_draft(office_id: int, **overrides: object) -> QueryDraft:
    options: Sequence[str] = with_required_options(
        ["Acute blood loss anemia", "Anemia of chronic disease", "Iron deficiency anemia"]
    )
    values: dict[str, object] = {
        "office_id": office_id,
        "encounter_ref": "ENC-2026-00042",
        "codes": ["D64.9"],
        "question": "Based on the indicators below, can the type of anemia be further specified?",
        "format": QueryFormat.MULTIPLE_CHOICE,
        "options": options,
        "indicators": "Hgb 7.1 g/dL on day 2 (baseline 12.4), 2 units PRBC transfused, EBL 900 mL.",
    }
    values.update(overrides)
    return QueryDraft(**values)  # type: ignore[arg-type]
