"""`codedesk`: the command line. The same lookups and checks as the Slack app, a local console, the server.

Exit status: 0 success (a check that passes), 1 a check that fails or a lookup that finds nothing,
2 unusable arguments or input (with a message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.lookups.errors import QueryError
from bot.lookups.loaders.errors import LoaderError, missing_file
from bot.lookups.systems import parse_systems
from bot.settings import Settings, SettingsError
from storage.db_problems import DatabaseBusy, DatabaseProblem, explain

if TYPE_CHECKING:  # imported where used: `codedesk --help` never loads the code book or the scheduler
    from bot.lookups.codebook import CodeBook
    from bot.lookups.edits import CheckResult

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Arguments or input the command cannot use; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see `{self.prog} --help`)")


@contextmanager
def preparing_codes(path: Path, stream: TextIO | None = None) -> Iterator[None]:
    """A progress line while the code database is prepared from the shipped data (first run, or the first run
    of a new version; about ten seconds): on a terminal the elapsed seconds tick over on one line; otherwise a
    line before and one after."""
    if path.exists():
        from bot.lookups.codebook import needs_building

        if not path.is_file() or not needs_building(path):  # not a file: the error that follows says so
            yield
            return
        message = f"Rebuilding the code database at {path} for this version of CodeDesk (about 10 s)"
    else:
        message = f"Preparing the code database at {path} (first run only, about 10 s)"
    err = stream or sys.stderr
    started = time.monotonic()
    done = threading.Event()
    live = err.isatty()

    def tick() -> None:
        while not done.wait(1.0):
            err.write(f"\r{message}... {time.monotonic() - started:.0f} s")
            err.flush()

    err.write(f"{message}..." + ("" if live else "\n"))
    err.flush()
    ticker = threading.Thread(target=tick, daemon=True) if live else None
    if ticker is not None:
        ticker.start()
    ready = False
    try:
        yield
        ready = True
    finally:
        done.set()
        if ticker is not None:
            ticker.join()
        if ready:
            err.write(
                ("\r" if live else "")
                + f"Code database ready in {time.monotonic() - started:.1f} s.{' ' * 20}\n"
            )
        elif live:
            err.write("\n")  # the error that follows starts a line of its own; nothing is said to be ready
        err.flush()


def _open_book(settings: Settings, out: TextIO) -> CodeBook:
    """The code book (prepared on first run, with a progress line); a file problem is DatabaseProblem."""
    from bot.services import open_code_book

    with preparing_codes(settings.codes_db_path):
        return open_code_book(settings)


def _read_batch(path: str) -> list[str]:
    if path == "-":
        return sys.stdin.read().splitlines()
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"--batch {path}: {missing_file(file)}")
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
        notice = getattr(hits, "notice", "")
        shown: object = [h.as_dict() for h in hits]
        if notice:
            shown = {"notice": notice, "hits": shown}
        print(json.dumps(shown, indent=2), file=out)
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
    system = None
    if args.system:
        try:
            (system,) = parse_systems(args.system)
        except ValueError as exc:
            raise UsageError(f"--system: {exc} (one system)") from exc
    book = _open_book(settings, out)
    detail = book.detail(code, system)
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
                    "also": [
                        {"code": a.display, "system": a.system_name, "title": a.title} for a in detail.also
                    ],
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
def _team_today(settings: Settings) -> date:
    """Today in the team's time zone, as Slack has it: the one set with `/codedesk timezone` (kept in the app
    database; a SQLite file not made yet holds none), else CODEDESK_TEAM_TZ."""
    from bot.jobs.schedules import team_today
    from bot.services import app_database

    database = app_database(settings)
    try:
        if not database.is_postgres and not database.path.exists():
            return settings.today(_utc_now())
        database.migrate()
        db = database.connect()
        try:
            return team_today(db, settings.team_tz, _utc_now())
        finally:
            db.close()
    finally:
        database.close()


def _check_one(
    book: CodeBook, argv: Sequence[str], defaults: argparse.Namespace | None, today: Callable[[], date]
) -> tuple[int, CheckResult]:
    from bot.lookups.edits import check_claim, parse_dos

    parser: argparse.ArgumentParser = _check_parser(_Parser(prog="codedesk check"))
    args = parser.parse_args(list(argv))
    if defaults is not None:
        for name in ("dos", "age", "sex", "setting"):
            if getattr(args, name) is None:
                setattr(args, name, getattr(defaults, name))
    dos = parse_dos(args.dos) if args.dos else today()
    codes = [*args.codes, *(f"dx:{v}" for v in args.dx or []), *(f"px:{v}" for v in args.px or [])]
    if not codes:
        raise UsageError("nothing to check: give codes (e.g. E11.9 I10) or --dx / --px CODES")
    result = check_claim(book, codes, dos, age=args.age, sex=args.sex, setting=args.setting or "outpatient")
    return (EXIT_OK if result.verdict == "pass" else EXIT_FAIL), result


def _check_parser(parser: argparse.ArgumentParser, batch: bool = False) -> argparse.ArgumentParser:
    parser.add_argument(
        "codes",
        nargs="*",
        metavar="CODE",
        help="codes in claim order (the first diagnosis is the principal/first-listed); a procedure code may "
        "carry modifiers, e.g. J1234-59",
    )
    parser.add_argument(
        "--dx", action="append", metavar="CODES", help="diagnosis codes (read as ICD-10-CM), comma-separated"
    )
    parser.add_argument(
        "--px",
        action="append",
        metavar="CODES",
        help="procedure codes (ICD-10-PCS, HCPCS, CPT; modifiers as J1234-59), comma-separated",
    )
    parser.add_argument(
        "--dos",
        help="date of service YYYY-MM-DD (default: today in the team's time zone: /codedesk timezone, else CODEDESK_TEAM_TZ)",
    )
    parser.add_argument("--age", type=int, help="patient age in years at the date of service")
    parser.add_argument("--sex", help="F or M")
    parser.add_argument("--setting", choices=["outpatient", "inpatient"], help="default outpatient")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--quiet-info", action="store_true", help="leave out the info notes (use-additional / code-also)"
    )
    if batch:
        parser.add_argument(
            "--batch", metavar="FILE", help="check many claims: one claim a line, same arguments"
        )
    return parser


def cmd_check(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    import shlex

    given = bool(args.codes or args.dx or args.px)
    if args.batch and given:
        raise UsageError("give either CODEs or --batch FILE, not both")
    if not args.batch and not given:
        raise UsageError("nothing to check: give codes (e.g. codedesk check E11.9 I10 --dos 2026-03-02)")
    book = _open_book(settings, out)
    today = functools.cache(lambda: _team_today(settings))  # read once, only when a claim has no --dos
    if not args.batch:
        try:
            status, result = _check_one(book, [*args.codes, *_flags(args)], None, today)
        except QueryError as exc:
            raise UsageError(str(exc)) from exc
        _print_check(result.without_info() if args.quiet_info else result, args.json, out)
        return status
    worst = EXIT_OK
    for number, line in enumerate(_read_batch(args.batch), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            status, result = _check_one(book, shlex.split(line), args, today)
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
        shown = result.without_info() if args.quiet_info else result
        if args.json:
            print(json.dumps({"line": number, **shown.to_dict()}), file=out)
        else:
            errors = [f"{f.rule} {' '.join(f.codes)}" for f in result.errors]
            print(
                f"line {number}: {result.verdict}" + (f" ({'; '.join(errors)})" if errors else ""), file=out
            )
    return worst


def _flags(args: argparse.Namespace) -> list[str]:
    flags: list[str] = []
    for name in ("dos", "age", "sex", "setting"):
        value = getattr(args, name)
        if value is not None:
            flags += [f"--{name}", str(value)]
    for name in ("dx", "px"):
        for value in getattr(args, name) or []:
            flags += [f"--{name}", value]
    return flags


def _print_check(result: CheckResult, as_json: bool, out: TextIO) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), indent=2), file=out)
    else:
        print(result.report(), file=out)


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
    from bot.services import app_database
    from storage.usage import code_use_counts

    if bool(args.since) == bool(args.between):
        raise UsageError(
            "give --since YYYY-MM-DD or --between RELEASE RELEASE (e.g. --between FY2026 FY2027)"
        )
    book = _open_book(settings, out)
    today = _utc_now().date()
    database = app_database(settings)
    database.migrate()
    app_db = database.connect()
    try:
        used = code_use_counts(app_db, today - timedelta(days=90), today)
    finally:
        app_db.close()
        database.close()
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
        first, second = args.between
        older, newer = (first, second) if resolve_between(book, first, first)[0] == start else (second, first)
        heading = f"Code changes after {older} up to {newer}"
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
    with preparing_codes(console_settings.codes_db_path):
        services = build_services(console_settings)
    return run_console(console_settings, services, sys.stdin, out) or EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """Until SIGTERM/SIGINT, then exit 0. A missing or rejected setting is one line and exit 2 (SettingsError)."""
    from bot.serve import STOP_SECONDS, StopSignals, exit_if_the_stop_overruns, serve_http, serve_socket
    from bot.services import build_services

    server_settings = Settings.from_env(mode="http" if args.http else "socket")
    # Preparing the code database on a first run is atomic (a temporary file renamed into place), so until it is
    # done SIGTERM and SIGINT keep their default: end at once. From here on they stop the server cleanly.
    services = build_services(server_settings)
    stop = StopSignals().install()
    # The stop is bounded piece by piece; this is the backstop for whatever is not (a library's own wait).
    stop.on_stop(exit_if_the_stop_overruns(STOP_SECONDS + 1.0, EXIT_FAIL))
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

    from bot.services import app_database, build_relay

    if not re.fullmatch(r"[UW][A-Z0-9]{2,20}", args.user_id):
        raise UsageError(
            "USER_ID must be a Slack member ID such as U0123ABCD (profile -> ... -> Copy member ID)"
        )
    database = app_database(settings)
    database.migrate()
    relay = build_relay(database.factory(), _utc_now)
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


def cmd_migrate(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """Apply the app database's pending migrations (serve, the console and the CLI do it at start too) and say
    which; a database newer than this CodeDesk is one line and exit 2, and is not changed."""
    from bot.services import app_database
    from storage import schema

    database = app_database(settings)
    try:
        applied = database.migrate()
    finally:
        database.close()
    for migration in applied:
        print(f"applied {migration.version}: {migration.name}", file=out)
    state = "migrated to" if applied else "already at"
    print(f"{database.describe()}: {state} schema version {schema.CURRENT_VERSION}", file=out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """The clarification record as CSV: the same file `/clarify export` uploads to a lead."""
    from bot.jobs.schedules import team_zone
    from bot.relay.export import clarifications_counted, export_csv, export_filename, export_window
    from bot.services import app_database, build_relay

    days: dict[str, date | None] = {}
    for name in ("start", "end"):
        raw = getattr(args, name)
        try:
            days[name] = date.fromisoformat(raw) if raw else None
        except ValueError as exc:
            flag = "--from" if name == "start" else "--to"
            raise UsageError(f"{flag} must be a date as YYYY-MM-DD, e.g. 2026-11-01") from exc
    start, end = days["start"], days["end"]
    if start and end and end < start:
        raise UsageError("--to is before --from")
    database = app_database(settings)
    database.migrate()
    relay = build_relay(database.factory(), _utc_now)
    office_id = None
    if args.office:
        wanted = args.office.strip().casefold()
        office = next(
            (o for o in relay.list_offices(include_inactive=True) if o.name.casefold() == wanted), None
        )
        if office is None:
            raise UsageError(f"--office: there is no office called {args.office!r}")
        office_id = office.id
    db = database.connect()
    try:
        zone = team_zone(db, settings.team_tz)
    finally:
        db.close()
    first, last = export_window(start, end, zone)
    data = relay.export(None, start=first, end=last, office_id=office_id)
    text = export_csv(data)
    target = args.out or export_filename(start, end, args.office)
    if target == "-":
        out.write(text)
        return EXIT_OK
    path = Path(target)
    if path.is_dir():
        path = path / export_filename(start, end, args.office)
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"--out {target}: {exc.strerror}") from exc
    print(
        f"Wrote {clarifications_counted(len(data.clarifications))} with their audit trail to {path}", file=out
    )
    return EXIT_OK


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
    p.add_argument(
        "code",
        help="a dotted code is ICD-10-CM; an undotted one held by two systems is read as the "
        "one written undotted (HCPCS, PCS, CPT) unless --system says otherwise",
    )
    p.add_argument("--system", help="cm, pcs, hcpcs or cpt: the system to read the code in")
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

    p = sub.add_parser(
        "migrate", help="create or update the app database's tables (serve does it at start too)"
    )
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser(
        "export", help="the clarifications with their full audit trail as CSV (no PHI by design)"
    )
    p.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="asked on or after this day (team time zone)"
    )
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="asked on or before this day")
    p.add_argument("--office", help="one office, by name")
    p.add_argument("--out", metavar="FILE", help="where to write (a file, a folder, or - for stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("console", help="try the Slack app locally: type /code lookup heart attack")
    p.set_defaults(func=cmd_console)

    p = sub.add_parser("serve", help="run the Slack app (Socket Mode, or --http)")
    p.add_argument("--http", action="store_true", help="serve /slack/events over HTTP instead of Socket Mode")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(func=cmd_serve)

    _add_jobs(sub)
    from bot.outbox_cli import add_outbox_parser

    add_outbox_parser(sub)
    return parser


def _add_jobs(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    try:
        from bot.jobs.cli import add_jobs_parser
    except ImportError:
        return
    add_jobs_parser(sub)


ENV_FILE_VARIABLE = "CODEDESK_ENV_FILE"


def load_env_file(environ: MutableMapping[str, str] | None = None) -> Path | None:
    """Read settings from `.env` in the current directory (or the file CODEDESK_ENV_FILE names; `none` for no
    file), as .env.example says. Variables already in the environment win over the file. Returns the file
    read, if any. The one place a .env is read: every command, `slack run` included, starts in `main`."""
    target = os.environ if environ is None else environ
    chosen = target.get(ENV_FILE_VARIABLE, "").strip()
    if chosen.lower() == "none":
        return None
    path = Path(chosen or ".env").expanduser()
    if not path.is_file():
        if chosen:
            raise UsageError(f"{ENV_FILE_VARIABLE}={chosen}: {missing_file(path)}")
        return None
    from dotenv import dotenv_values

    for name, value in dotenv_values(path).items():
        if value is not None and name not in target:
            target[name] = value
    return path


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    settings: Settings | None = None
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "command", None):
            build_parser().print_help(stream)
            return EXIT_USAGE
        load_env_file()
        settings = Settings.from_env(mode="cli")
        func: Callable[[argparse.Namespace, Settings, TextIO], int] = args.func
        return func(args, settings, stream)
    except (UsageError, SettingsError, QueryError, DatabaseProblem, DatabaseBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # met after opening (a read-only file shows itself on the first write)
        path = settings.db_path if settings is not None else Path("(the database)")
        print(f"error: {explain(path, exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
