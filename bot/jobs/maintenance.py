"""Housekeeping the scheduler runs every PRUNE_EVERY on each instance: the keys kept only to recognise a repeat
are deleted once no repeat can come any more.

- `processed_events` (storage.processed_events): the keys of answers, more-info requests and other clicks done
  once. Slack retries an event three times within minutes and a person double-clicks within seconds; a key is
  kept PROCESSED_EVENTS_KEPT (two days), far past both.
- `seen_signatures` (storage.seen_signatures): signatures of HTTP requests; a request older than Slack's
  5-minute window (REPLAY_WINDOW_SECONDS) is refused before its signature is looked up. The request guard also
  prunes them while requests come in; this sweep covers an instance that has gone quiet (or Socket Mode).

Deleting is idempotent: two instances pruning at once delete each row once, and nothing is read then written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.request_guard import REPLAY_WINDOW_SECONDS
from storage import processed_events, seen_signatures
from storage.backend import Database
from storage.db import write_transaction

log = logging.getLogger("codedesk.jobs")

PROCESSED_EVENTS_KEPT = timedelta(days=2)
SIGNATURES_KEPT = timedelta(seconds=REPLAY_WINDOW_SECONDS)
PRUNE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Pruned:
    events: int
    signatures: int


def prune_expired_keys(db_factory: Callable[[], Database], now: datetime) -> Pruned:
    """Delete the event keys older than PROCESSED_EVENTS_KEPT and the signatures older than SIGNATURES_KEPT."""
    db = db_factory()
    try:
        with write_transaction(db):
            events = processed_events.forget_before(db, now - PROCESSED_EVENTS_KEPT)
        with write_transaction(db):
            signatures = seen_signatures.forget_before(db, now - SIGNATURES_KEPT)
    finally:
        db.close()
    if events or signatures:
        log.info("maintenance: %d event keys and %d request signatures pruned", events, signatures)
    return Pruned(events=events, signatures=signatures)
