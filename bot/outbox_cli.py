"""`codedesk outbox list|retry|discard`: the messages Slack did not take, and what to do about them.

`list` shows the failed messages (not discarded) with the error and the fix, and how many are still pending;
`retry` sends failed messages again (with the thread replies and updates that failed because of them), each
with a new retry window; `discard` marks them as not to be sent (kept in the record, no longer counted as
undelivered in the queue status and the digest). A running `codedesk serve` sends retried rows within seconds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, TextIO

from bot.settings import Settings
from storage.db_problems import DatabaseProblem

if TYPE_CHECKING:  # imported where used: building the parser (`codedesk --help`) loads no database code
    from storage.backend import Database
    from storage.outbox import OutboxRow

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def add_outbox_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("outbox", help="messages Slack did not take: list, retry, discard")
    actions = parser.add_subparsers(dest="outbox_action", metavar="ACTION")
    parser.set_defaults(func=partial(_help, parser))

    listing = actions.add_parser("list", help="failed messages with the fix; how many are pending")
    listing.add_argument("--pending", action="store_true", help="list the messages still pending too")
    listing.set_defaults(func=cmd_outbox_list)

    for name, func, what in (
        ("retry", cmd_outbox_retry, "send failed messages again"),
        ("discard", cmd_outbox_discard, "mark failed messages as not to be sent (kept in the record)"),
    ):
        action = actions.add_parser(name, help=what)
        action.add_argument("ids", nargs="*", type=int, metavar="ID", help="outbox row ids (from `list`)")
        action.add_argument("--channel", help="every failed message to this channel id (e.g. C0123ABCD)")
        action.add_argument("--all", action="store_true", help="every failed message")
        action.set_defaults(func=func)


def _help(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    parser.print_help(out)
    return EXIT_USAGE


def _open(settings: Settings) -> Database:
    """The server's database as it is: never created here (a missing one is one line, exit 2)."""
    if settings.database_url:
        from bot.services import app_database

        database = app_database(settings)
        database.migrate()
        return database.connect()
    if not settings.db_path.exists() and not settings.db_path.is_symlink():
        raise DatabaseProblem(
            f"there is no database at {settings.db_path}: set CODEDESK_DB to the one `codedesk serve` uses"
        )
    from storage.db import connect
    from storage.schema import migrate_file

    migrate_file(settings.db_path)
    return connect(settings.db_path, create=False)


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _line(row: OutboxRow) -> str:
    from storage.outbox import OutboxState

    error = row.last_error or "unknown"
    state = "" if row.state is OutboxState.FAILED else f" [{row.state.value}]"
    return (
        f"  #{row.id:<6} {_when(row.created_at)}  {row.kind:<22} {row.channel:<12} {error} "
        f"(attempts {row.attempts}){state}"
    )


def cmd_outbox_list(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.outbox_notices import fix_for
    from storage import outbox
    from storage.outbox import OutboxState

    db = _open(settings)
    try:
        counts = outbox.counts(db)
        rows = outbox.undelivered(db, include_pending=args.pending, limit=1000)
    finally:
        db.close()
    failed = [row for row in rows if row.state is OutboxState.FAILED]
    print(
        f"Outbox: {len(failed)} failed (not discarded), {counts[OutboxState.PENDING]} pending, "
        f"{counts[OutboxState.SENDING]} sending, {counts[OutboxState.SENT]} sent.",
        file=out,
    )
    for row in rows:
        print(_line(row), file=out)
        if row.state is OutboxState.FAILED:
            print(f"           fix: {fix_for(row.last_error or '', row.channel, plain=True)}", file=out)
    if failed:
        print(
            "Once fixed: `codedesk outbox retry --all` (or IDs, or --channel C...); "
            "`codedesk outbox discard ID...` for those that need not go.",
            file=out,
        )
    return EXIT_OK


def _chosen(args: argparse.Namespace, verb: str) -> tuple[list[int] | None, str | None]:
    if not args.ids and not args.all and not args.channel:
        raise ValueError(
            f"say which messages to {verb}: IDs (see `codedesk outbox list`), --channel C... or --all"
        )
    if args.all and (args.ids or args.channel):
        raise ValueError("--all means every failed message: give it alone")
    return (list(args.ids) or None), args.channel


def _change(
    args: argparse.Namespace,
    settings: Settings,
    out: TextIO,
    verb: str,
    change: Callable[[Database, list[int] | None, str | None, datetime], list[int]],
) -> int:
    from storage import outbox
    from storage.db import write_transaction

    try:
        ids, channel = _chosen(args, verb)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = _open(settings)
    try:
        with write_transaction(db):
            done = change(db, ids, channel, datetime.now(UTC))
            missing = [i for i in ids or [] if i not in done]
            states = {i: outbox.get(db, i) for i in missing}
    finally:
        db.close()
    for row_id, row in states.items():
        why = (
            "no such row"
            if row is None
            else f"it is {row.state.value}" + (" and discarded" if row.discarded_at else "")
        )
        done_word = "retried" if verb == "retry" else "discarded"
        print(f"row {row_id}: not changed ({why}; only failed messages can be {done_word})", file=sys.stderr)
    if not done:
        print(f"Nothing to {verb}: no failed message matched.", file=out)
        return EXIT_FAIL
    listed = ", ".join(str(i) for i in done)
    if verb == "retry":
        print(
            f"{len(done)} message(s) will be sent again (rows {listed}); a running `codedesk serve` sends them "
            "within seconds.",
            file=out,
        )
    else:
        print(f"Discarded rows {listed}: kept in the record, no longer counted as undelivered.", file=out)
    return EXIT_OK if not states else EXIT_FAIL


def cmd_outbox_retry(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from storage import outbox

    return _change(
        args,
        settings,
        out,
        "retry",
        lambda db, ids, channel, now: outbox.retry_failed(db, now=now, ids=ids, channel=channel),
    )


def cmd_outbox_discard(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from storage import outbox

    return _change(
        args,
        settings,
        out,
        "discard",
        lambda db, ids, channel, now: outbox.discard_failed(db, now=now, by="cli", ids=ids, channel=channel),
    )
