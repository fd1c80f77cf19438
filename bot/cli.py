"""`codedesk`: the command line. The same lookups and checks as the Slack app, a local console, the server.

Exit status: 0 success (a check that passes), 1 a check that fails or a lookup that finds nothing,
2 unusable arguments or input (with a message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.lookups.codebook import CodeBook
from bot.lookups.errors import QueryError
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.systems import parse_systems
from bot.settings import Settings, SettingsError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Arguments or input the command cannot use; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see `{self.prog} --help`)")


def _open_book(settings: Settings, out: TextIO) -> CodeBook:
    if not settings.codes_db_path.exists():
        print(
            f"Preparing the code database at {settings.codes_db_path} (once; a few seconds)...",
            file=sys.stderr,
        )
    return CodeBook.open(settings.codes_db_path)


def _read_batch(path: str) -> list[str]:
    if path == "-":
        return sys.stdin.read().splitlines()
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"--batch {path}: no such file")
    try:
        return file.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise UsageError(f"--batch {path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


# -- lookup --------------------------------------------------------------------------------------------
def cmd_lookup(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.lookups.search import find_codes
    from bot.render.plain import batch_line, coverage_line, lookup_text

    try:
        systems = parse_systems(args.system)
    except ValueError as exc:
        raise UsageError(f"--system: {exc}") from exc
    if args.batch and args.query:
        raise UsageError("give either a QUERY or --batch FILE, not both")
    if not args.batch and not args.query:
        raise UsageError(
            "nothing to look up: give a QUERY (e.g. codedesk lookup heart attack) or --batch FILE"
        )
    if not 1 <= args.limit <= 100:
        raise UsageError("--limit must be between 1 and 100")
    book = _open_book(settings, out)
    if args.batch:
        failures = 0
        for number, line in enumerate(_read_batch(args.batch), start=1):
            try:
                hits = find_codes(book, line, systems, args.limit)
            except QueryError as exc:
                failures += 1
                print(
                    json.dumps({"line": number, "error": str(exc)})
                    if args.json
                    else f"{line[:60]}\t(error: {exc})",
                    file=out,
                )
                continue
            print(json.dumps([h.as_dict() for h in hits]) if args.json else batch_line(line, hits), file=out)
        return EXIT_OK if not failures else EXIT_FAIL
    query = " ".join(args.query)
    try:
        hits = find_codes(book, query, systems, args.limit)
    except QueryError as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        print(json.dumps([h.as_dict() for h in hits], indent=2), file=out)
    else:
        print(lookup_text(query, hits, verbose=not args.brief), file=out)
        print(coverage_line(book.coverage()), file=out)
    return EXIT_OK if hits else EXIT_FAIL


# -- show ----------------------------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.lookups.search import validate_query
    from bot.render.plain import show_text

    try:
        code = validate_query(args.code)
    except QueryError as exc:
        raise UsageError(str(exc)) from exc
    book = _open_book(settings, out)
    detail = book.detail(code)
    if detail is None:
        print(
            f"{code}: no such code in the loaded releases ({book.coverage().release}). "
            f"Try `codedesk lookup {code}` to search by words or code prefix.",
            file=sys.stderr,
        )
        return EXIT_FAIL
    if args.json:
        c = detail.code
        print(
            json.dumps(
                {
                    "code": c.display,
                    "system": c.system_name,
                    "title": c.title,
                    "billable": c.billable and c.current,
                    "current": c.current,
                    "release": c.release,
                    "children": [
                        {"code": k.display, "title": k.title, "billable": k.billable} for k in detail.children
                    ],
                    "notes": [{"kind": k, "text": t, "at": s} for k, t, s in detail.notes],
                    "seventh": [{"char": ch, "meaning": m} for ch, m in detail.seventh],
                    "validity": [
                        {
                            "start": s.start.isoformat(),
                            "end": s.end.isoformat() if s.end else None,
                            "flags": sorted(s.flags),
                        }
                        for s in detail.spans
                    ],
                },
                indent=2,
            ),
            file=out,
        )
    else:
        print(show_text(detail, book.coverage()), file=out)
    return EXIT_OK


# -- check ---------------------------------------------------------------------------------------------
def _check_one(
    book: CodeBook, argv: Sequence[str], defaults: argparse.Namespace | None
) -> tuple[int, object]:
    from bot.lookups.edits import check_claim, parse_dos

    parser: argparse.ArgumentParser = _check_parser(_Parser(prog="codedesk check"))
    args = parser.parse_args(list(argv))
    if defaults is not None:
        for name in ("dos", "age", "sex", "setting"):
            if getattr(args, name) is None:
                setattr(args, name, getattr(defaults, name))
    dos = parse_dos(args.dos) if args.dos else date.today()
    result = check_claim(
        book, args.codes, dos, age=args.age, sex=args.sex, setting=args.setting or "outpatient"
    )
    return (EXIT_OK if result.verdict == "pass" else EXIT_FAIL), result


def _check_parser(parser: argparse.ArgumentParser, batch: bool = False) -> argparse.ArgumentParser:
    parser.add_argument(
        "codes",
        nargs="*" if batch else "+",
        metavar="CODE",
        help="codes in claim order (the first is the first-listed/principal diagnosis)",
    )
    parser.add_argument("--dos", help="date of service YYYY-MM-DD (default: today)")
    parser.add_argument("--age", type=int, help="patient age in years at the date of service")
    parser.add_argument("--sex", help="F or M")
    parser.add_argument("--setting", choices=["outpatient", "inpatient"], help="default outpatient")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    if batch:
        parser.add_argument(
            "--batch", metavar="FILE", help="check many claims: one claim a line, same arguments"
        )
    return parser


def cmd_check(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    import shlex

    if args.batch and args.codes:
        raise UsageError("give either CODEs or --batch FILE, not both")
    if not args.batch and not args.codes:
        raise UsageError("nothing to check: give codes (e.g. codedesk check E11.9 I10 --dos 2026-03-02)")
    book = _open_book(settings, out)
    if not args.batch:
        try:
            status, result = _check_one(book, [*args.codes, *_flags(args)], None)
        except QueryError as exc:
            raise UsageError(str(exc)) from exc
        _print_check(result, args.json, out)
        return status
    worst = EXIT_OK
    for number, line in enumerate(_read_batch(args.batch), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            status, result = _check_one(book, shlex.split(line), args)
        except (QueryError, UsageError, ValueError) as exc:
            print(
                json.dumps({"line": number, "error": str(exc)})
                if args.json
                else f"line {number}: error: {exc}",
                file=out,
            )
            worst = max(worst, EXIT_USAGE)
            continue
        worst = max(worst, status)
        if args.json:
            print(json.dumps(result.to_dict()), file=out)  # type: ignore[attr-defined]
        else:
            errors = [f.rule for f in result.findings if f.severity == "error"]  # type: ignore[attr-defined]
            print(
                f"line {number}: {result.verdict}" + (f" ({', '.join(errors)})" if errors else ""),  # type: ignore[attr-defined]
                file=out,
            )
    return worst


def _flags(args: argparse.Namespace) -> list[str]:
    flags: list[str] = []
    for name in ("dos", "age", "sex", "setting"):
        value = getattr(args, name)
        if value is not None:
            flags += [f"--{name}", str(value)]
    return flags


def _print_check(result: object, as_json: bool, out: TextIO) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), indent=2), file=out)  # type: ignore[attr-defined]
    else:
        print(result.report(), file=out)  # type: ignore[attr-defined]


# -- import / data -------------------------------------------------------------------------------------
def cmd_import(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.lookups.importer import KINDS, import_file

    effective = None
    if args.effective:
        try:
            effective = date.fromisoformat(args.effective)
        except ValueError as exc:
            raise UsageError("--effective must be a date as YYYY-MM-DD, e.g. 2026-10-01") from exc
    if args.kind and args.kind not in KINDS:
        raise UsageError(f"--kind must be one of: {', '.join(KINDS)}")
    _open_book(settings, out)
    try:
        results = import_file(
            settings.codes_db_path,
            Path(args.file),
            args.kind,
            effective,
            args.release,
            allow_older=args.allow_older,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except LoaderError as exc:
        print(f"Import refused, nothing was changed: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for result in results:
        print(result.summary(), file=out)
    if any(not r.already for r in results):
        first = min(r.effective for r in results if not r.already)
        print(
            f"Codes your team used that this changed: `codedesk changes --since {first.isoformat()}` "
            "(the leads' channel is told by the code_changes job).",
            file=out,
        )
    return EXIT_OK


def cmd_data(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.render.plain import data_text

    if args.rebuild and settings.codes_db_path.exists():
        settings.codes_db_path.unlink()
    book = _open_book(settings, out)
    print(f"Code database: {settings.codes_db_path}", file=out)
    print(data_text(book.coverage()), file=out)
    return EXIT_OK


def cmd_changes(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.lookups.changes import changes_report, resolve_between
    from storage.db import connect
    from storage.usage import code_use_counts, migrate_usage

    if bool(args.since) == bool(args.between):
        raise UsageError(
            "give --since YYYY-MM-DD or --between RELEASE RELEASE (e.g. --between FY2026 FY2027)"
        )
    book = _open_book(settings, out)
    today = _utc_now().date()
    app_db = connect(settings.db_path)
    try:
        migrate_usage(app_db)
        used = code_use_counts(app_db, today - timedelta(days=90), today)
    finally:
        app_db.close()
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError as exc:
            raise UsageError("--since must be a date as YYYY-MM-DD, e.g. 2026-10-01") from exc
        start, end, heading = since, None, f"Code changes effective from {since.isoformat()}"
        first_day = True
        used_only = not args.all
    else:
        try:
            start, end = resolve_between(book, args.between[0], args.between[1])
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        heading = f"Code changes after {args.between[0]} up to {args.between[1]}"
        used_only = args.used_only
        first_day = False
    report = changes_report(
        book, used, heading, start, end, used_only=used_only, limit=args.limit, first_day_included=first_day
    )
    print(report, file=out)
    return EXIT_OK


# -- Slack-side commands (console, serve, jobs) -----------------------------------------------------------
def cmd_console(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from bot.console import run_console
    from bot.services import build_services

    console_settings = Settings.from_env(mode="console")
    services = build_services(console_settings)
    return run_console(console_settings, services, sys.stdin, out) or EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """Until SIGTERM/SIGINT, then exit 0. A missing or rejected setting is one line and exit 2 (SettingsError)."""
    from bot.serve import StopSignals, serve_http, serve_socket
    from bot.services import build_services

    server_settings = Settings.from_env(mode="http" if args.http else "socket")
    # Preparing the code database on a first run is atomic (a temporary file renamed into place), so until it is
    # done SIGTERM and SIGINT keep their default: end at once. From here on they stop the server cleanly.
    services = build_services(server_settings)
    stop = StopSignals().install()
    if args.http:
        finished = serve_http(server_settings, services, args.host, args.port, stop)
    else:
        finished = serve_socket(server_settings, services, stop)
    if not finished:
        # Something was still running at the stop deadline (logged): leave now rather than let the interpreter
        # wait for those threads, so the process ends within its stop time.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_OK)
    return EXIT_OK


def cmd_admin(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """The first admin of an install, named by whoever runs the server (every later role is granted in Slack)."""
    import re

    from bot.services import build_relay
    from storage.db import connect

    if not re.fullmatch(r"[UW][A-Z0-9]{2,20}", args.user_id):
        raise UsageError(
            "USER_ID must be a Slack member ID such as U0123ABCD (profile -> ... -> Copy member ID)"
        )
    relay = build_relay(lambda: connect(settings.db_path), _utc_now)
    if relay.bootstrap_admin(args.user_id):
        print(
            f"{args.user_id} is now the admin; grant other roles in Slack with /codedesk role grant.",
            file=out,
        )
        return EXIT_OK
    print(
        "This install already has an admin: grant roles in Slack with /codedesk role grant.", file=sys.stderr
    )
    return EXIT_FAIL


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="codedesk", description="Code lookup, claim checks and clarifications for coding teams."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("lookup", help="search codes by words, abbreviation, misspelling or code")
    p.add_argument("query", nargs="*", help="words or a code, e.g. heart attack, CHF, e119, J44")
    p.add_argument("--system", default="all", help="cm, pcs, hcpcs, cpt or all (default), comma-separated")
    p.add_argument("--limit", type=int, default=10, help="how many results (1-100, default 10)")
    p.add_argument("--json", action="store_true", help="print a JSON array per query")
    p.add_argument("--batch", metavar="FILE", help="one query a line (- for stdin); one result line each")
    p.add_argument("--brief", action="store_true", help="omit why each result matched")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser(
        "show", help="everything about one code: status, children, notes, 7th characters, history"
    )
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = _check_parser(
        sub.add_parser("check", help="run the claim edits on codes for a date of service"), batch=True
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("import", help="load a newer official release or a licensed CPT file")
    p.add_argument("file", help="the file to import: as published (zip), plain or .gz")
    p.add_argument("--kind", help="what the file is (default: recognised from its contents)")
    p.add_argument("--effective", help="first date of service the file covers (default: from the file)")
    p.add_argument("--release", help="a name for the release (default: derived)")
    p.add_argument(
        "--allow-older",
        action="store_true",
        help="load a release older than the one loaded (normally refused)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("data", help="where the code database is and which dates of service it covers")
    p.add_argument("--rebuild", action="store_true", help="rebuild from the shipped data and your imports")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser(
        "changes", help="codes your team used that were deleted, expanded or retitled between releases"
    )
    p.add_argument("--since", metavar="DATE", help="changes effective on or after DATE (YYYY-MM-DD)")
    p.add_argument("--between", nargs=2, metavar="RELEASE", help="two loaded releases, e.g. FY2026 FY2027")
    p.add_argument(
        "--all", action="store_true", help="with --since: every change, not only codes your team used"
    )
    p.add_argument("--used-only", action="store_true", help="with --between: only codes your team used")
    p.add_argument("--limit", type=int, default=200, help="at most this many lines (default 200)")
    p.set_defaults(func=cmd_changes)

    p = sub.add_parser("admin", help="name the first admin of this install (a Slack member ID)")
    p.add_argument("user_id", metavar="USER_ID")
    p.set_defaults(func=cmd_admin)

    p = sub.add_parser("console", help="try the Slack app locally: type /code lookup heart attack")
    p.set_defaults(func=cmd_console)

    p = sub.add_parser("serve", help="run the Slack app (Socket Mode, or --http)")
    p.add_argument("--http", action="store_true", help="serve /slack/events over HTTP instead of Socket Mode")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_serve)

    _add_jobs(sub)
    return parser


def _add_jobs(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    try:
        from bot.jobs.cli import add_jobs_parser
    except ImportError:
        return
    add_jobs_parser(sub)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "command", None):
            build_parser().print_help(stream)
            return EXIT_USAGE
        settings = Settings.from_env(mode="cli")
        func: Callable[[argparse.Namespace, Settings, TextIO], int] = args.func
        return func(args, settings, stream)
    except (UsageError, SettingsError, QueryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
