"""`codedesk import`: load a newer official release (or a licensed CPT file) a user supplies.

The files are taken as CMS and CDC publish them: a plain file, a .gz, or the published zip (ICD-10-CM code
descriptions or tabular-and-index zip, ICD-10-PCS codes or order zip, the quarterly HCPCS alpha-numeric zip,
the NCCI procedure-to-procedure zips). What a file is comes from its contents, never its name: each kind in
`KINDS` recognises its own first lines. A further kind plugs in with one `register(ImportKind(...))`.

All or nothing: every file is parsed completely before anything is written, then applied in one transaction.
An imported file is kept under `imports/` beside the code database, stored by its kind (`NNNN-<kind>-<hash>.kept`
with a manifest `NNNN.json`), so that a rebuild of the database from newer shipped data replays it: replay reads
only the manifests and parses each kept file as the kind its manifest names.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.lookups.changes import ChangeEvent, release_label
from bot.lookups.loaders.addenda import Addenda, load_addenda, looks_like_addenda
from bot.lookups.loaders.cdc_tabular import TabularRelease, load_tabular
from bot.lookups.loaders.cms_files import CodeRow, load_codes_file, load_order_file
from bot.lookups.loaders.common import Progress, open_text, reporting_progress
from bot.lookups.loaders.cpt_csv import load_cpt_csv
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.loaders.hcpcs import HcpcsRow, load_hcpcs
from bot.lookups.loaders.ncci import PtpRow, load_ncci_ptp, looks_like_ptp, store_ptp
from bot.lookups.schema import rebuild_search
from storage.db import connect, write_transaction

HEAD_BYTES = 4096
_MANIFEST = re.compile(r"^(\d{4})\.json$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class ImportResult:
    kind: str
    release: str
    effective: date
    added: int
    changed: int
    retired: int
    note: str = ""  # e.g. where the effective date came from
    already: bool = False  # the same release was imported before: nothing changed

    def summary(self) -> str:
        if self.already:
            return f"{self.release} ({self.kind}) is already loaded: {self.note} Nothing changed."
        told = KINDS[self.kind].summary if self.kind in KINDS else None
        if told is not None:
            return f"{told(self)} {self.note}".strip()
        text = (
            f"Imported {self.release} ({self.kind}), effective {self.effective.isoformat()}: "
            f"{self.added:,} new codes, {self.changed:,} updated, {self.retired:,} no longer valid."
        )
        return f"{text} {self.note}".strip()


Apply = Callable[[sqlite_utils.Database, Any, date, str, str], ImportResult]
Listed = Callable[
    [str, bool], bool
]  # (kind, billable) of a loaded code -> whether a full file lists such codes


@dataclass(frozen=True)
class ImportKind:
    """One kind of official file: how to recognise it, read it, date it and apply it."""

    name: str
    description: str
    system: str  # the code system (or table family) it loads
    recognise: Callable[[str], bool]  # from the first 4 KB of text
    parse: Callable[[Path], Any]  # raises LoaderError naming file and line
    apply: Apply  # (db, parsed, effective, release name, origin) -> result, inside the caller's transaction
    effective_from: Callable[[Any], date | None] = lambda parsed: None  # the date the contents state
    rank: int = (
        0  # within a zip, the highest-ranked member of a system is imported (a full file over addenda)
    )
    release_name: Callable[[Any, date], str] | None = None
    every_member: bool = False  # in a zip, every recognised member is imported (NCCI splits its edits)
    summary: Callable[[ImportResult], str] | None = None  # how a result is told, when not as codes


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    """Add a kind of file `codedesk import` recognises (earlier registrations are tried first)."""
    KINDS[kind.name] = kind
    return kind


# ---- recognising files -----------------------------------------------------------------------------------


# What reading a truncated or damaged .gz raises (a plain file ends where it ends; the loaders name the line).
DAMAGED_GZIP = (EOFError, zlib.error, gzip.BadGzipFile)


def _damaged(path: str | Path, exc: BaseException) -> LoaderError:
    return LoaderError(path, None, "a complete gzip-compressed file", f"a truncated or damaged one ({exc})")


def _head(path: Path) -> str:
    try:
        with open_text(path, "latin-1") as handle:
            return handle.read(HEAD_BYTES)
    except DAMAGED_GZIP as exc:
        raise _damaged(path, exc) from exc


def recognise(head: str) -> str | None:
    for kind in KINDS.values():
        with contextlib.suppress(ValueError, IndexError):
            if kind.recognise(head):
                return kind.name
    return None


def detect_kind(path: Path) -> str:
    """The kind of an official file from its first lines; raises LoaderError when unrecognisable."""
    head = _head(path)
    found = recognise(head)
    if found is None:
        first = next((line for line in head.splitlines() if line.strip()), "")
        raise LoaderError(path, 1, "one of: " + "; ".join(k.description for k in KINDS.values()), first[:60])
    return found


# ---- importing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    path: Path  # a readable file (extracted from the zip when it came in one)
    name: str  # the name it was published under
    kind: ImportKind


def import_file(
    codes_path: Path,
    source: Path,
    kind: str | None = None,
    effective: date | None = None,
    release: str | None = None,
    *,
    allow_older: bool = False,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """Parse `source` (a file or a published zip) completely, then apply it in one transaction."""
    if not source.is_file():
        raise LoaderError(source, None, "a readable file", "no such file")
    if kind is not None and kind not in KINDS:
        raise LoaderError(source, None, "--kind one of " + ", ".join(KINDS), kind)
    with tempfile.TemporaryDirectory(prefix="codedesk-import-") as folder:
        members, skipped = _members(source, kind, Path(folder))
        store = codes_path.parent / "imports"
        kept = _kept_records(store)
        parsed: list[tuple[_Member, Any, str]] = []
        with reporting_progress(progress):
            for member in members:
                digest = _digest(member.path)
                earlier = next(
                    (r for r in kept if r.get("digest") == digest and r["kind"] == member.kind.name), None
                )
                if earlier is not None:
                    when = earlier.get("imported_at", "")[:10]
                    return [
                        ImportResult(
                            member.kind.name,
                            str(earlier["release"]),
                            date.fromisoformat(earlier["effective"]),
                            0,
                            0,
                            0,
                            note=f"{member.name} was imported before ({when or 'earlier'}, {earlier['file']}).",
                            already=True,
                        )
                    ]
                if progress is not None:
                    size = member.path.stat().st_size
                    progress(f"reading {member.name} ({size / 1_000_000:.1f} MB) as {member.kind.name}")
                # named as published (the zip and its member), not as the temporary copy it was read from
                where = source if member.path == source else f"{source.name}: {member.name}"
                try:
                    contents = member.kind.parse(member.path)
                except LoaderError as exc:
                    if member.path == source:
                        raise
                    raise LoaderError(where, exc.line, exc.expected, exc.found) from exc
                except DAMAGED_GZIP as exc:
                    raise _damaged(where, exc) from exc
                parsed.append((member, contents, digest))
        db = connect(codes_path)
        results: list[ImportResult] = []
        written: list[Path] = []
        try:
            with write_transaction(db):
                number = max((int(r["number"]) for r in kept), default=0)
                for member, contents, digest in parsed:
                    when, how = _effective(member, contents, effective, source)
                    name = release or _release_name(member.kind, contents, when, member.name)
                    already = _refuse_or_skip(db, member, contents, when, name, allow_older)
                    if already is not None:
                        results.append(already)
                        continue
                    number += 1
                    origin = f"import:{number:04d}"
                    result = member.kind.apply(db, contents, when, name, origin)
                    _name_source(db, origin, name, member.name)
                    results.append(_with_note(result, how))
                    store.mkdir(parents=True, exist_ok=True)
                    kept_name = f"{number:04d}-{member.kind.name}-{digest[:12]}.kept"
                    shutil.copyfile(member.path, store / kept_name)
                    written.append(store / kept_name)
                    record = {
                        "file": kept_name,
                        "kind": member.kind.name,
                        "effective": when.isoformat(),
                        "release": name,
                        "original": member.name,
                        "from": source.name,
                        "digest": digest,
                        "imported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                    }
                    manifest = store / f"{number:04d}.json"
                    manifest.write_text(json.dumps(record, indent=2))
                    written.append(manifest)
                if any(not r.already for r in results):
                    rebuild_search(db)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        finally:
            db.conn.close()
    if skipped and results:
        last = results[-1]
        results[-1] = _with_note(last, f"Not imported from the zip: {', '.join(skipped)}.")
    return results


def _name_source(db: sqlite_utils.Database, origin: str, release: str, original: str) -> None:
    """What `show` says a title or descriptor an import wrote came from (the release and file, not its key)."""
    name = release if original in release else f"{release}, imported from {original}"
    db.conn.execute("INSERT OR REPLACE INTO title_sources (key, name) VALUES (?, ?)", [origin, name])


def _with_note(result: ImportResult, note: str) -> ImportResult:
    if not note:
        return result
    return ImportResult(
        result.kind,
        result.release,
        result.effective,
        result.added,
        result.changed,
        result.retired,
        f"{result.note} {note}".strip(),
        result.already,
    )


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _members(source: Path, kind: str | None, folder: Path) -> tuple[list[_Member], list[str]]:
    """The files to import: the file itself, or the recognised members of a zip (one per system)."""
    with source.open("rb") as probe:
        magic = probe.read(4)
    if magic != b"PK\x03\x04":
        chosen = KINDS[kind] if kind else KINDS[detect_kind(source)]
        return [_Member(source, source.name, chosen)], []
    try:
        archive = zipfile.ZipFile(source)
        names = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoaderError(source, None, "a complete zip file", f"a damaged or truncated zip ({exc})") from exc
    best: dict[str, tuple[int, zipfile.ZipInfo, ImportKind]] = {}
    skipped: list[str] = []
    with archive:
        for info in names:
            base = Path(info.filename).name
            try:
                with archive.open(info) as handle:
                    raw = handle.read(HEAD_BYTES)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise LoaderError(source, None, f"a complete zip member {base}", str(exc)) from exc
            head = raw.decode("latin-1")
            if head.startswith("\x1f\x8b"):
                head = ""  # a compressed member inside the zip: not one of the published layouts
            found = KINDS[kind] if kind and KINDS[kind].recognise(head) else None
            if found is None and kind is None:
                name = recognise(head)
                found = KINDS[name] if name else None
            if found is None:
                skipped.append(base)
                continue
            slot = f"{found.system}/{info.filename}" if found.every_member else found.system
            current = best.get(slot)
            if current is None or found.rank > current[0]:
                if current is not None:
                    skipped.append(Path(current[1].filename).name)
                best[slot] = (found.rank, info, found)
            else:
                skipped.append(base)
        if not best:
            listed = ", ".join(Path(i.filename).name for i in names[:8]) or "nothing"
            expected = KINDS[kind].description if kind else "; ".join(k.description for k in KINDS.values())
            raise LoaderError(source, None, f"a zip holding one of: {expected}", f"only {listed}")
        members: list[_Member] = []
        for _, info, found in sorted(best.values(), key=lambda item: item[1].filename):
            target = folder / f"{len(members):02d}" / Path(info.filename).name  # read under its own name
            target.parent.mkdir()
            try:
                with archive.open(info) as handle, target.open("wb") as out:
                    shutil.copyfileobj(handle, out)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise LoaderError(
                    source,
                    None,
                    f"a complete zip member {Path(info.filename).name}",
                    f"a truncated member ({exc})",
                ) from exc
            members.append(_Member(target, Path(info.filename).name, found))
    return members, sorted(skipped)


def _effective(member: _Member, contents: Any, given: date | None, source: Path) -> tuple[date, str]:
    if given is not None:
        return given, ""
    stated = member.kind.effective_from(contents)
    if stated is not None:
        return stated, ""
    if member.kind.system in {"cm", "pcs"}:
        for name in (member.name, source.name):
            year = _YEAR.search(name)
            if year:
                start = date(int(year.group(1)) - 1, 10, 1)
                return start, (
                    f"Effective date {start.isoformat()} taken from the fiscal year in the file name {name!r}; "
                    "give --effective to change it."
                )
    raise LoaderError(
        member.name, None, "--effective YYYY-MM-DD (the first date of service this file covers)"
    )


def _release_name(kind: ImportKind, contents: Any, effective: date, name: str) -> str:
    if kind.release_name is not None:
        return kind.release_name(contents, effective)
    return f"{_SYSTEM_NAMES.get(kind.system, kind.system)} {release_label(kind.system, effective)} (imported {name})"


_SYSTEM_NAMES = {"cm": "ICD-10-CM", "pcs": "ICD-10-PCS", "hcpcs": "HCPCS Level II", "cpt": "CPT"}


def _loaded(db: sqlite_utils.Database, system: str) -> tuple[date, str, str] | None:
    row = db.execute("SELECT effective, name, source FROM releases WHERE system = ?", [system]).fetchone()
    return (date.fromisoformat(row[0]), str(row[1]), str(row[2])) if row else None


def _refuse_or_skip(
    db: sqlite_utils.Database, member: _Member, contents: Any, effective: date, name: str, allow_older: bool
) -> ImportResult | None:
    """None to go ahead; an `already` result for the release that is loaded; LoaderError to refuse."""
    loaded = _loaded(db, member.kind.system)
    if isinstance(contents, Addenda):
        if loaded is None:
            raise LoaderError(member.name, None, "a loaded release for the addenda to change", "none")
        loaded_fy = _fy(loaded[0])
        if contents.new_year is not None and contents.new_year == loaded_fy:
            return ImportResult(
                member.kind.name,
                loaded[1],
                loaded[0],
                0,
                0,
                0,
                note=f"{member.name} makes FY{contents.new_year}, which is the loaded release.",
                already=True,
            )
        if contents.base_year is not None and contents.base_year != loaded_fy:
            raise LoaderError(
                member.name,
                None,
                f"addenda for the loaded FY{loaded_fy} release",
                f"changes to FY{contents.base_year} (making FY{contents.new_year}): import the FY{loaded_fy + 1} "
                f"addenda, or the full FY{contents.new_year} files",
            )
    if loaded is not None and effective < loaded[0] and not allow_older:
        raise LoaderError(
            member.name,
            None,
            f"a release newer than the loaded {loaded[1]} (effective {loaded[0].isoformat()}); "
            "--allow-older to load it anyway",
            f"{name}, effective {effective.isoformat()}",
        )
    return None


def _fy(day: date) -> int:
    return day.year + (1 if day.month >= 10 else 0)


def _kept_records(store: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(store.iterdir()) if store.is_dir() else []:
        m = _MANIFEST.match(path.name)
        if m is None:
            continue  # kept copies and anything else are never read as manifests
        record = json.loads(path.read_text())
        record["number"] = int(m.group(1))
        records.append(record)
    return records


def replay_imports(db: sqlite_utils.Database, store: Path) -> int:
    """Apply every kept import again, in order (used when the database is rebuilt)."""
    count = 0
    for record in _kept_records(store):
        kind = KINDS.get(record["kind"])
        if kind is None:
            raise LoaderError(
                store / f"{record['number']:04d}.json",
                None,
                "a kind of import this version knows",
                record["kind"],
            )
        contents = kind.parse(store / record["file"])
        origin = f"import:{record['number']:04d}"
        kind.apply(db, contents, date.fromisoformat(record["effective"]), record["release"], origin)
        _name_source(db, origin, str(record["release"]), str(record.get("original", record["file"])))
        count += 1
    return count


# ---- applying ---------------------------------------------------------------------------------------------


@dataclass
class _Diff:
    added: list[str]
    changed: list[str]
    retired: list[str]


def _record_release(
    db: sqlite_utils.Database,
    system: str,
    effective: date,
    through: date,
    release: str,
    origin: str,
    events: list[ChangeEvent],
) -> None:
    eff = effective.isoformat()
    conn = db.conn
    current = conn.execute(
        "SELECT covers_from, covers_through FROM releases WHERE system = ?", [system]
    ).fetchone()
    covers_from = min(current[0], eff) if current else eff
    covers_through = max(current[1], through.isoformat()) if current else through.isoformat()
    conn.execute(
        "INSERT INTO releases (system, name, effective, covers_from, covers_through, source, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (system) DO UPDATE SET name = excluded.name, "
        "effective = excluded.effective, covers_from = excluded.covers_from, "
        "covers_through = excluded.covers_through, source = excluded.source, detail = excluded.detail",
        [system, release, eff, covers_from, covers_through, origin, f"imported file: {release}"],
    )
    conn.execute(
        "INSERT OR REPLACE INTO release_history (system, label, effective, origin) VALUES (?, ?, ?, ?)",
        [system, release_label(system, effective), eff, origin],
    )
    conn.execute(
        "DELETE FROM code_changes WHERE system = ? AND effective = ? AND source = ?", [system, eff, origin]
    )
    conn.executemany(
        "INSERT INTO code_changes (system, effective, release, code, change, title, new_title, replacements, "
        "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (e.row() for e in events),
    )


def _events(
    system: str,
    effective: date,
    before: dict[str, tuple[str, int]],
    after: dict[str, tuple[str, int]],
    origin: str,
) -> list[ChangeEvent]:
    """Change events between the billable codes and titles before and after an import."""
    events: list[ChangeEvent] = []
    new_codes = sorted(c for c in after if c not in before)
    for code in new_codes:
        events.append(ChangeEvent(system, effective, code, "added", after[code][0], source=origin))
    for code, (title, billable) in sorted(before.items()):
        now = after.get(code)
        if now is None or (billable and not now[1]):
            below = [c for c in after if c != code and c.startswith(code) and after[c][1]]
            if below:
                events.append(
                    ChangeEvent(system, effective, code, "expanded", title, "", tuple(sorted(below)), origin)
                )
            elif now is None:
                near = [c for c in new_codes if c[: max(3, len(code) - 1)] == code[: max(3, len(code) - 1)]]
                events.append(ChangeEvent(system, effective, code, "deleted", title, "", tuple(near), origin))
        elif now[0] != title:
            events.append(ChangeEvent(system, effective, code, "retitled", title, now[0], (), origin))
    return events


def _current(db: sqlite_utils.Database, system: str) -> dict[str, tuple[str, int]]:
    return {
        c: (t, b)
        for c, t, b in db.conn.execute(
            "SELECT code, title, billable FROM codes WHERE system = ? AND current = 1", [system]
        )
    }


def _fy_end(effective: date) -> date:
    return date(effective.year + (1 if effective.month >= 10 else 0), 9, 30)


def _quarter_end(effective: date) -> date:
    month = ((effective.month - 1) // 3 + 1) * 3
    return date(effective.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _upsert_code(
    db: sqlite_utils.Database, system: str, row: dict[str, object], release: str, source: str
) -> None:
    db.conn.execute(
        "INSERT INTO codes (system, code, title, short_title, parent, kind, billable, current, release, added, "
        "terminated, title_source) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT (system, code) DO UPDATE "
        "SET title = excluded.title, short_title = excluded.short_title, parent = excluded.parent, "
        "kind = excluded.kind, billable = excluded.billable, current = 1, release = excluded.release, "
        "added = excluded.added, terminated = excluded.terminated, title_source = excluded.title_source",
        [
            system,
            row["code"],
            row["title"],
            row.get("short_title", ""),
            row["parent"],
            row["kind"],
            int(bool(row["billable"])),
            release,
            row.get("added", ""),
            row.get("terminated", ""),
            source,
        ],
    )


def _open_span(db: sqlite_utils.Database, system: str, code: str, start: date) -> None:
    """Make `code` valid from `start` on (extending a span that reaches the day before)."""
    conn = db.conn
    day_before = (start - timedelta(days=1)).isoformat()
    span = conn.execute(
        "SELECT rowid FROM validity WHERE system = ? AND code = ? AND (end = '' OR end >= ?) ORDER BY start LIMIT 1",
        [system, code, day_before],
    ).fetchone()
    if span is not None:
        conn.execute("UPDATE validity SET end = '' WHERE rowid = ?", [span[0]])
        return
    flags = conn.execute(
        "SELECT flags FROM validity WHERE system = ? AND code = ? ORDER BY start DESC LIMIT 1", [system, code]
    ).fetchone()
    conn.execute(
        "INSERT INTO validity (system, code, start, end, flags) VALUES (?, ?, ?, '', ?)",
        [system, code, start.isoformat(), flags[0] if flags else ""],
    )


def _close_span(db: sqlite_utils.Database, system: str, code: str, last_day: date) -> None:
    db.conn.execute(
        "UPDATE validity SET end = ? WHERE system = ? AND code = ? AND (end = '' OR end > ?) AND start <= ?",
        [last_day.isoformat(), system, code, last_day.isoformat(), last_day.isoformat()],
    )
    db.conn.execute(
        "DELETE FROM validity WHERE system = ? AND code = ? AND start > ?",
        [system, code, last_day.isoformat()],
    )


def _apply_full(
    db: sqlite_utils.Database,
    kind: str,
    system: str,
    rows: list[dict[str, object]],
    effective: date,
    release: str,
    origin: str,
    through: date,
    listed: Listed = lambda kind, billable: True,
) -> ImportResult:
    """Make `rows` the codes of `system` from `effective` on, keeping every older code's history. A current
    code the file leaves out is retired only when it is of a kind the file lists (`listed`): an order file
    has no chapters or blocks, a codes file no headers."""
    before = _current(db, system)
    kinds = dict(
        db.conn.execute("SELECT code, kind FROM codes WHERE system = ? AND current = 1", [system]).fetchall()
    )
    label = release_label(system, effective)
    incoming = {str(r["code"]) for r in rows}
    for row in rows:
        _upsert_code(db, system, row, label, origin)
    retired = [c for c in before if c not in incoming and listed(str(kinds[c]), bool(before[c][1]))]
    db.conn.executemany(
        "UPDATE codes SET current = 0 WHERE system = ? AND code = ?", ([system, c] for c in retired)
    )
    day_before = effective - timedelta(days=1)
    if system in {"cm", "pcs", "hcpcs"}:
        for row in rows:
            code = str(row["code"])
            ended = row.get("terminated")
            if system == "hcpcs" and row["kind"] == "modifier":
                continue
            if ended:
                _close_span(db, system, code, date.fromisoformat(str(ended)))
            elif row["billable"]:
                _open_span(db, system, code, effective)
            else:
                _close_span(db, system, code, day_before)
        for code in retired:
            _close_span(db, system, code, day_before)
    after = _current(db, system)
    events = _events(system, effective, before, after, origin)
    _record_release(db, system, effective, through, release, origin, events)
    changed = sum(1 for e in events if e.change == "retitled")
    added = sum(1 for c in incoming if c not in before)
    return ImportResult(kind, release, effective, added, changed, len(retired))


def _apply_tabular(
    db: sqlite_utils.Database, parsed: TabularRelease, effective: date, release: str, origin: str
) -> ImportResult:
    rows: list[dict[str, object]] = [
        {"code": e.code, "title": e.title, "parent": e.parent or "", "kind": e.kind, "billable": e.billable}
        for e in parsed.entries
    ]
    result = _apply_full(db, "cm-tabular", "cm", rows, effective, release, origin, _fy_end(effective))
    codes = [e.code for e in parsed.entries]
    db.conn.executemany("DELETE FROM notes WHERE system = 'cm' AND code = ?", ([c] for c in codes))
    db.conn.executemany("DELETE FROM seventh WHERE code = ?", ([c] for c in codes))
    db.conn.executemany(
        "INSERT INTO notes (system, code, kind, seq, text) VALUES ('cm', ?, ?, ?, ?)",
        ((e.code, k, n, t) for e in parsed.entries for n, (k, t) in enumerate(e.notes)),
    )
    db.conn.executemany(
        "INSERT INTO seventh (code, char, meaning) VALUES (?, ?, ?)",
        ((e.code, c, m) for e in parsed.entries for c, m in e.seventh),
    )
    return result


def _cm_parent(code: str, known: set[str]) -> str:
    return next((code[:n] for n in range(len(code) - 1, 2, -1) if code[:n] in known), "")


def _listed_by(parsed: list[CodeRow]) -> Listed:
    """What an order or codes file lists: a codes file (billable codes only) no headers; an order file
    categories and codes with their headers, but never the tabular's chapters and blocks."""
    if all(r.billable for r in parsed):
        return lambda kind, billable: billable
    return lambda kind, billable: kind not in {"chapter", "block"}


def _apply_order(system: str, kind: str) -> Apply:
    def apply(
        db: sqlite_utils.Database, parsed: list[CodeRow], effective: date, release: str, origin: str
    ) -> ImportResult:
        known = {r.code for r in parsed}
        rows: list[dict[str, object]] = [
            {
                "code": r.code,
                "title": r.title,
                "short_title": r.short_title,
                "parent": _cm_parent(r.code, known) if system == "cm" else "",
                "kind": "category" if system == "cm" and len(r.code) == 3 else "code",
                "billable": r.billable,
            }
            for r in parsed
        ]
        if system == "cm":  # keep the tabular's block and chapter links for categories
            blocks = dict(
                db.conn.execute("SELECT code, parent FROM codes WHERE system = 'cm' AND kind = 'category'")
            )
            for row in rows:
                if row["kind"] == "category" and not row["parent"]:
                    row["parent"] = blocks.get(str(row["code"]), "")
        through = _fy_end(effective) if system in {"cm", "pcs"} else date(effective.year, 12, 31)
        return _apply_full(db, kind, system, rows, effective, release, origin, through, _listed_by(parsed))

    return apply


def _apply_addenda(kind: str) -> Apply:
    def apply(
        db: sqlite_utils.Database, parsed: Addenda, effective: date, release: str, origin: str
    ) -> ImportResult:
        system = parsed.system
        before = _current(db, system)
        label = release_label(system, effective)
        day_before = effective - timedelta(days=1)
        known = set(before)
        added = changed = retired = 0
        for row in parsed.rows:
            if row.action == "delete":
                db.conn.execute(
                    "UPDATE codes SET current = 0 WHERE system = ? AND code = ?", [system, row.code]
                )
                _close_span(db, system, row.code, day_before)
                known.discard(row.code)
                retired += 1
            elif row.action in {"add", "revise_to"}:
                billable = True if row.billable is None else row.billable
                if row.action == "add":
                    added += 1
                    known.add(row.code)
                else:
                    changed += 1
                    billable = bool(before.get(row.code, ("", 1))[1]) if row.billable is None else billable
                _upsert_code(
                    db,
                    system,
                    {
                        "code": row.code,
                        "title": row.title,
                        "short_title": row.short_title,
                        "parent": _cm_parent(row.code, known) if system == "cm" else "",
                        "kind": "category" if system == "cm" and len(row.code) == 3 else "code",
                        "billable": billable,
                    },
                    label,
                    origin,
                )
                if billable:
                    _open_span(db, system, row.code, effective)
                else:
                    _close_span(db, system, row.code, day_before)
        after = _current(db, system)
        events = _events(system, effective, before, after, origin)
        _record_release(db, system, effective, _fy_end(effective), release, origin, events)
        return ImportResult(kind, release, effective, added, changed, retired)

    return apply


def _apply_hcpcs(
    db: sqlite_utils.Database, parsed: list[HcpcsRow], effective: date, release: str, origin: str
) -> ImportResult:
    rows: list[dict[str, object]] = [
        {
            "code": r.code,
            "title": r.long_title,
            "short_title": r.short_title,
            "parent": "",
            "kind": "modifier" if r.modifier else "code",
            "billable": not r.modifier,
            "added": r.added.isoformat() if r.added else "",
            "terminated": r.terminated.isoformat() if r.terminated else "",
        }
        for r in parsed
    ]
    result = _apply_full(db, "hcpcs", "hcpcs", rows, effective, release, origin, _quarter_end(effective))
    db.conn.executemany(
        "UPDATE titles SET end = ? WHERE system = 'hcpcs' AND code = ? AND end = ''",
        (((effective - timedelta(days=1)).isoformat(), r.code) for r in parsed if not r.modifier),
    )
    db.conn.executemany(
        "INSERT INTO titles (system, code, start, end, title, source) VALUES ('hcpcs', ?, ?, '', ?, ?)",
        ((r.code, effective.isoformat(), r.short_title, origin) for r in parsed if not r.modifier),
    )
    return result


def _apply_ncci(
    db: sqlite_utils.Database, parsed: list[PtpRow], effective: date, release: str, origin: str
) -> ImportResult:
    """PTP pairs are kept beside the shipped ones (a newer file's deletion date or indicator wins)."""
    count = store_ptp(db, parsed, origin)
    return ImportResult("ncci-ptp", release, effective, count, 0, 0)


def _apply_cpt(
    db: sqlite_utils.Database, parsed: list[CodeRow], effective: date, release: str, origin: str
) -> ImportResult:
    rows: list[dict[str, object]] = [
        {"code": r.code, "title": r.title, "parent": "", "kind": "code", "billable": True} for r in parsed
    ]
    return _apply_full(db, "cpt", "cpt", rows, effective, release, origin, date(effective.year, 12, 31))


# ---- the kinds -----------------------------------------------------------------------------------------------


def _lines(head: str) -> list[str]:
    return [line for line in head.splitlines() if line.strip()]


def _whole_lines(head: str, count: int = 5) -> list[str]:
    """The first `count` non-empty lines of a file's head, leaving out a last line the head cut short."""
    lines = head.splitlines()
    if len(head) >= HEAD_BYTES and not head.endswith(("\n", "\r")):
        lines = lines[:-1]
    return [line for line in lines if line.strip()][:count]


def _is_order(head: str, pcs: bool) -> bool:
    first = (_lines(head) or [""])[0]
    if not (len(first) > 20 and first[:5].isdigit() and first[5] == " "):
        return False
    return first[6:7].isdigit() == pcs


def _is_hcpcs(head: str) -> bool:
    return any(len(line) > 280 and line[10:11] in "3478" and line[5:10].isdigit() for line in _lines(head))


def _is_cpt(head: str) -> bool:
    first = (_lines(head) or [""])[0]
    return first.split(",")[0].strip().strip('"').lower() in {"code", "cpt", "cpt code"} or (
        first[:5].isdigit() and first[5:6] == ","
    )


# A codes file is `code title` on every line: a README beside it ("CENTERS FOR MEDICARE ...") starts like one.
_PCS_CODE_LINE = re.compile(r"^[0-9BCDFGHX][0-9A-HJ-NP-Z]{6} +\S")
_CM_CODE_LINE = re.compile(r"^[A-Z][0-9A-Z][0-9A-Z]{1,5} +\S")


def _is_pcs_codes(head: str) -> bool:
    lines = _whole_lines(head)
    return bool(lines) and all(_PCS_CODE_LINE.match(line) for line in lines)


def _is_cm_codes(head: str) -> bool:
    lines = _whole_lines(head)
    return bool(lines) and all(_CM_CODE_LINE.match(line) for line in lines) and not _is_pcs_codes(head)


def _tabular_effective(parsed: TabularRelease) -> date | None:
    return date(int(parsed.version) - 1, 10, 1) if parsed.version.isdigit() else None


def _addenda_effective(parsed: Addenda) -> date | None:
    return date(parsed.new_year - 1, 10, 1) if parsed.new_year else None


def _hcpcs_effective(parsed: list[HcpcsRow]) -> date | None:
    dates = [r.action_effective for r in parsed if r.action_effective]
    if not dates:
        return None
    newest = max(dates)
    return date(newest.year, 3 * ((newest.month - 1) // 3) + 1, 1)


def _ncci_effective(parsed: list[PtpRow]) -> date | None:
    return max((r.start for r in parsed), default=None)


def _pcs_file(path: Path) -> list[CodeRow]:
    try:
        return load_order_file(path)
    except LoaderError as order_error:
        if _is_order(_head(path), pcs=True):
            raise order_error
        return load_codes_file(path)


register(
    ImportKind(
        "cm-tabular",
        "CDC ICD-10-CM tabular XML (icd10cm_tabular_<year>.xml, in the tabular-and-index zip)",
        "cm",
        lambda head: "<ICD10CM.tabular" in head,
        load_tabular,
        _apply_tabular,
        _tabular_effective,
        rank=30,
        release_name=lambda parsed, effective: f"ICD-10-CM FY{_fy(effective)} (tabular {parsed.version})",
    )
)
register(
    ImportKind(
        "cm-order",
        "CMS ICD-10-CM order file (icd10cm_order_<year>.txt, in the code descriptions zip)",
        "cm",
        lambda head: _is_order(head, pcs=False),
        load_order_file,
        _apply_order("cm", "cm-order"),
        rank=20,
    )
)
register(
    ImportKind(
        "cm-addenda",
        "CMS ICD-10-CM order addenda (icd10cm_order_addenda_<year>.txt)",
        "cm",
        lambda head: looks_like_addenda(head) == "cm",
        load_addenda,
        _apply_addenda("cm-addenda"),
        _addenda_effective,
        rank=5,
    )
)
register(
    ImportKind(
        "pcs-order",
        "CMS ICD-10-PCS order or codes file (icd10pcs_order_<year>.txt / icd10pcs_codes_<year>.txt)",
        "pcs",
        lambda head: _is_order(head, pcs=True) or _is_pcs_codes(head),
        _pcs_file,
        _apply_order("pcs", "pcs-order"),
        rank=20,
    )
)
register(
    ImportKind(
        "pcs-addenda",
        "CMS ICD-10-PCS codes or order addenda (icd10pcs_codes_addenda_<year>.txt)",
        "pcs",
        lambda head: looks_like_addenda(head) == "pcs",
        load_addenda,
        _apply_addenda("pcs-addenda"),
        _addenda_effective,
        rank=5,
    )
)
register(
    ImportKind(
        "hcpcs",
        "CMS HCPCS Level II alpha-numeric file (HCPC<year>_<quarter>_ANWEB.txt, in the quarterly zip)",
        "hcpcs",
        _is_hcpcs,
        load_hcpcs,
        _apply_hcpcs,
        _hcpcs_effective,
        rank=20,
        release_name=lambda parsed, effective: (
            f"HCPCS Level II {release_label('hcpcs', effective)} (imported)"
        ),
    )
)
register(
    ImportKind(
        "cpt",
        "licensed CPT file as CSV: code,description",
        "cpt",
        _is_cpt,
        load_cpt_csv,
        _apply_cpt,
        rank=10,
        release_name=lambda parsed, effective: f"CPT {effective.year} (imported)",
    )
)

register(
    ImportKind(
        "ncci-ptp",
        "CMS NCCI procedure-to-procedure edits (the PTP zip or its text files, as published)",
        "ncci",
        looks_like_ptp,
        load_ncci_ptp,
        _apply_ncci,
        _ncci_effective,
        rank=10,
        release_name=lambda parsed, effective: f"NCCI PTP edits to {effective.isoformat()} (imported)",
        every_member=True,
        summary=lambda result: (
            f"Imported {result.release}: {result.added:,} procedure-to-procedure pairs (kept beside the shipped "
            "ones)."
        ),
    )
)
# Last: its first-line test (a code, spaces, a title) is the loosest ("CPT only copyright ..." would pass).
register(
    ImportKind(
        "cm-codes",
        "CMS ICD-10-CM codes file (icd10cm_codes_<year>.txt: billable codes and titles)",
        "cm",
        _is_cm_codes,
        load_codes_file,
        _apply_order("cm", "cm-codes"),
        rank=10,
    )
)
