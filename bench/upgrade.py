"""Upgrade benchmark: migration 10 (timestamps from ISO text to instants) and the ones after it on a database the
size `bench/jobs.py` seeds, as an install upgraded from schema version 9 meets them at its first start.

    python bench/upgrade.py [--open 10000] [--closed 200000] [--seed 7]

Seeds a version-9 database (text timestamps) with bench/jobs.py's data, times `storage.schema.migrate`, then checks
that the reports read the same from the converted database as from one seeded at the current version.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bench import jobs  # noqa: E402
from storage import reports, schema  # noqa: E402
from storage.db import connect  # noqa: E402
from storage.relay_tables import instant_text  # noqa: E402

TEXT_ERA = 9  # the last version that stored ISO text


def at_version_9(path: Path) -> sqlite_utils.Database:
    db = connect(path)
    db.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
    )
    for migration in schema.MIGRATIONS[:TEXT_ERA]:
        migration.apply(db)
        db.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, 0)",
            [migration.version, migration.name],
        )
    # The CodeDesk that upgrades from text times (main before the numbered list took over) had also given
    # job_schedules its skip_holidays column, which bench/jobs.py's seed writes; migration 16 keeps it.
    db.execute("ALTER TABLE job_schedules ADD COLUMN skip_holidays INTEGER CHECK (skip_holidays IN (0, 1))")
    return db


def figures(db: sqlite_utils.Database) -> tuple[object, ...]:
    now = jobs.NOW
    return (
        len(reports.open_clarifications(db)),
        [(c.id, c.due_at) for c in reports.most_overdue(db, now, 50)],
        sorted((o.office_id, o.asker_id, o.open, o.overdue) for o in reports.open_counts(db, now)),
        len(reports.answered_between(db, now.replace(year=now.year - 1), now)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=10_000)
    parser.add_argument("--closed", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="codedesk-bench-upgrade-") as folder:
        current = connect(Path(folder) / "current.sqlite")
        schema.migrate(current)
        jobs.seed(current, args.open, args.closed, random.Random(args.seed))

        old = at_version_9(Path(folder) / "old.sqlite")
        stored_as_text, read_from_text = jobs.to_db_time, jobs.from_db_time
        jobs.to_db_time = instant_text  # type: ignore[assignment]
        jobs.from_db_time = lambda value: datetime.fromisoformat(str(value))  # type: ignore[assignment]
        try:
            jobs.seed(old, args.open, args.closed, random.Random(args.seed))
        finally:
            jobs.to_db_time, jobs.from_db_time = stored_as_text, read_from_text
        rows = sum(
            int(old.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in jobs_tables()
        )
        started = time.perf_counter()
        applied = schema.migrate(old)
        seconds = time.perf_counter() - started
        assert [m.version for m in applied] == list(range(10, schema.CURRENT_VERSION + 1)), applied
        same = figures(old) == figures(current)
        print(
            f"migrations 10-{schema.CURRENT_VERSION} on {args.open:,} open + {args.closed:,} closed clarifications ({rows:,} rows in the "
            f"converted tables): {seconds:.1f} s; reports read the same as a database seeded at the current "
            f"version: {'yes' if same else 'NO'}"
        )
        return 0 if same else 1


def jobs_tables() -> list[str]:
    from storage.instants import TIME_COLUMNS

    return list(TIME_COLUMNS)


if __name__ == "__main__":
    raise SystemExit(main())
