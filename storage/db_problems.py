"""What can be wrong with a database file, said in one line naming the path and what to do.

Apart from storage.db so that the CLI can catch and explain these errors without importing sqlite-utils
(`codedesk --help` stays fast); storage.db re-exports every name here.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

__all__ = [
    "SETTING_OF",
    "DatabaseBusy",
    "DatabaseProblem",
    "DatabaseUnavailable",
    "DeadlinePassed",
    "explain",
    "is_busy",
    "missing",
]


class DatabaseProblem(Exception):
    """The database file cannot be used as it is; the message is one line naming the path and what to do."""


class DeadlinePassed(Exception):
    """A write transaction reached its COMMIT after its deadline and was rolled back: nothing was saved."""


class DatabaseBusy(Exception):
    """Another writer held the lock longer than this caller could wait; nothing was saved."""


class DatabaseUnavailable(DatabaseBusy):
    """The database server cannot be reached (refused, or the connection was lost mid-run); nothing was saved.
    The message is one line naming host and port, never the password. Requests answer "temporarily
    unavailable"; background work (the outbox, jobs) tries again later."""


def is_busy(error: BaseException) -> bool:
    """SQLite's "database is locked" / "database is busy" (another writer held the lock past the timeout)."""
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        text = str(error).lower()
        return "locked" in text or "busy" in text
    return False


SETTING_OF = {
    "database": ("CODEDESK_DB", "codedesk.sqlite"),
    "code database": ("CODEDESK_CODES_DB", "codes.sqlite"),
    "console database": ("CODEDESK_CONSOLE_DB", "console.sqlite"),
}


def explain(path: Path, error: BaseException, what: str = "database") -> DatabaseProblem:
    """Turn an error met while opening or writing `path` into one line saying what is wrong and what to do."""
    target = Path(path)
    parent = target.parent
    setting, file_name = SETTING_OF.get(what, ("the setting", "codedesk.sqlite"))
    if target.is_dir():
        return DatabaseProblem(
            f"the {what} {target} is a directory, not a file: point {setting} at a file "
            f"(e.g. {target / file_name}) or move the directory away"
        )
    if not parent.exists():
        return DatabaseProblem(
            f"cannot create the folder {parent} for the {what} {target}"
            f"{_reason(error)}: create it, or point {setting} at a folder this user can write"
        )
    if not parent.is_dir():
        return DatabaseProblem(
            f"the {what} {target} cannot be created: {parent} is a file, not a folder; point {setting} "
            "somewhere else"
        )
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error).lower():
        return DatabaseProblem(
            f"the {what} {target} is not a SQLite database (the file holds something else): move it away or "
            f"point {setting} at another file"
        )
    if target.exists() and not os.access(target, os.W_OK):
        return DatabaseProblem(
            f"the {what} {target} is read-only for this user: make it writable (chmod u+w) or run as its owner"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        state = "holds" if target.exists() else "would hold"
        return DatabaseProblem(
            f"the folder {parent}, which {state} the {what} {target}, is not writable by this user (SQLite "
            f"keeps its -wal and -shm files beside the database): make it writable or point {setting} elsewhere"
        )
    if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error).lower():
        return DatabaseProblem(
            f"the {what} {target} is read-only (file system or permissions): make it writable or move it "
            "to a writable disk"
        )
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return DatabaseProblem(f"no space left on the disk holding the {what} {target}: free some space")
    return DatabaseProblem(f"cannot open the {what} {target}{_reason(error)}")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f" ({error.strerror.lower()})"
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f" ({text})"


def missing(path: Path, what: str = "database") -> DatabaseProblem:
    return DatabaseProblem(
        f"the {what} {path} is missing (deleted or moved while CodeDesk was running?): restore it from a "
        "backup and restart; restarting without it starts a new, empty one"
    )
