"""Text holding NUL (U+0000) is stored as the same text on both backends: PostgreSQL's text cannot hold a NUL,
so each is kept as U+FFFD on PostgreSQL and SQLite alike (storage.backend.storable_text); a key holding one still
matches itself, whether written one row at a time or in a batch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bot.relay.service import Actor, ClarificationService
from storage import offices, outbox, processed_events
from storage.app_db import AppDatabase
from storage.db import write_transaction
from storage.outbox import NewOutboxMessage

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
ADMIN = Actor("UADMIN", "TCODERS")


def in_transaction(app_db: AppDatabase, body: Callable[..., object]) -> object:
    db = app_db.connect()
    try:
        with write_transaction(db):
            return body(db)
    finally:
        db.close()


def test_a_nul_is_stored_as_the_replacement_character_and_a_key_with_one_still_matches(
    app_db: AppDatabase,
) -> None:
    assert in_transaction(app_db, lambda db: processed_events.claim_event(db, "answer:1:\x00:k", NOW)) is True
    assert (
        in_transaction(app_db, lambda db: processed_events.claim_event(db, "answer:1:\x00:k", NOW)) is False
    )
    db = app_db.connect()
    try:
        assert [row[0] for row in db.execute("SELECT key FROM processed_events")] == ["answer:1:\ufffd:k"]
        assert processed_events.seen(db, "answer:1:\x00:k")
    finally:
        db.close()


def test_a_batch_of_rows_stores_the_same_text_as_single_rows(app_db: AppDatabase) -> None:
    messages = [
        NewOutboxMessage("n", "C1", "chat.postMessage", {"text": "a\x00b"}, f"key\x00{n}") for n in range(3)
    ]
    ids = in_transaction(app_db, lambda db: outbox.enqueue_many(db, messages, now=NOW))
    again = in_transaction(app_db, lambda db: outbox.enqueue(db, messages[1], now=NOW))
    assert isinstance(ids, list) and len(set(ids)) == 3 and again == ids[1]
    db = app_db.connect()
    try:
        keys = [row[0] for row in db.execute("SELECT dedupe_key FROM outbox ORDER BY id")]
        assert keys == ["key\ufffd0", "key\ufffd1", "key\ufffd2"]
        row = outbox.get(db, ids[0])
        assert row is not None and row.payload["text"] == "a\x00b"  # JSON keeps it escaped, unchanged
    finally:
        db.close()


def test_an_office_name_typed_with_a_nul_reads_back_the_same_on_both_backends(app_db: AppDatabase) -> None:
    service = ClarificationService(app_db.factory(), lambda: NOW)
    assert service.bootstrap_admin(ADMIN.user_id)
    added = service.add_office(ADMIN, name="North\x00Clinic", channel_id="C0NORTH", tz="America/Chicago")
    assert added.name == "North\ufffdClinic"
    db = app_db.connect()
    try:
        found = offices.find_office_by_name(db, "North\x00Clinic")
        assert found is not None and found.id == added.id
        assert [office.name for office in offices.list_offices(db)] == ["North\ufffdClinic"]
    finally:
        db.close()
