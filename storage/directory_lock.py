"""One lock for the changes to the organisation's directory (offices, roles) that read other rows before they
write: an office's name and channel must not be another office's, the last admin must stay an admin, the first
admin is made only while there is none. Unique indexes would refuse a duplicate office, but as a traceback after
both checks had passed; nothing at all stops two instances demoting the last two admins at once.

SQLite: `BEGIN IMMEDIATE` already lets one writer in at a time, so the checks see every earlier change. PostgreSQL
(read committed): `lock_directory` takes a transaction-level advisory lock first, so a second change waits for
the first to commit and then reads what it wrote (its check says "already exists" / "last admin"). Directory
changes are rare (leads and admins editing settings): waiting for one another costs nothing. The wait is bounded
by the transaction's lock_timeout (DatabaseBusy: nothing saved).
"""

from __future__ import annotations

from storage.backend import Database, is_postgres

_PG_DIRECTORY_LOCK = 0x64697220  # "dir "


def lock_directory(db: Database) -> None:
    """Call first inside the write transaction of an office or role change (before its checks read)."""
    if is_postgres(db):
        db.execute(f"SELECT pg_advisory_xact_lock({_PG_DIRECTORY_LOCK})")
