"""The loaded code sets: codes, titles, hierarchy, notes, validity spans and MCE flags, by release.

`CodeBook.open(path)` prepares the database from the shipped data on first use (a few seconds, once) and
replays any releases the user imported. Reads go through one read-only connection per thread.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils

from bot.lookups.data_version import VersionReader
from bot.lookups.schema import create_tables, rebuild_search
from bot.lookups.shipped import load_shipped, shipped_through, shipped_version
from bot.lookups.systems import SYSTEM_NAMES, display, undot
from storage.db import connect
from storage.db_problems import DatabaseProblem


@dataclass(frozen=True)
class Span:
    start: date
    end: date | None
    flags: frozenset[str]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Code:
    system: str
    code: str  # storage form: undotted, upper case
    title: str
    parent: str
    kind: str  # chapter | block | category | code | modifier
    billable: bool
    current: bool
    release: str
    title_source: str = ""  # key into the title_sources table ("none": no loaded file has a title)

    @property
    def display(self) -> str:
        return display(self.system, self.code)

    @property
    def shown_title(self) -> str:
        """The title as an answer shows it: a title no official file gives (derived from other codes' titles,
        title source `*-derived-*`) says so."""
        return f"{self.title} (derived title)" if "-derived-" in self.title_source else self.title

    @property
    def system_name(self) -> str:
        return SYSTEM_NAMES[self.system]


NO_TITLE = "title not in the loaded data"


@dataclass(frozen=True)
class Release:
    system: str
    name: str
    covers_from: date
    covers_through: date
    source: str
    detail: str = ""  # which files, and what each gives (validity, titles, notes)


@dataclass(frozen=True)
class Coverage:
    releases: tuple[Release, ...]

    def for_system(self, system: str) -> Release | None:
        return next((r for r in self.releases if r.system == system), None)

    def data_end(self, system: str) -> date | None:
        """The last date of service the loaded data of `system` knows about."""
        release = self.for_system(system)
        return release.covers_through if release else None

    @property
    def release(self) -> str:
        return "; ".join(r.name for r in self.releases)

    @property
    def covers_dos_from(self) -> date:
        cm = self.for_system("cm")
        return cm.covers_from if cm else min(r.covers_from for r in self.releases)

    @property
    def covers_dos_through(self) -> date:
        cm = self.for_system("cm")
        return cm.covers_through if cm else max(r.covers_through for r in self.releases)


@dataclass
class CodeDetail:
    code: Code
    ancestors: list[Code]  # nearest first
    children: list[Code]
    notes: list[tuple[str, str, str]]  # (kind, text, code the note stands under), own notes first
    seventh: list[tuple[str, str]]  # characters that complete this code, with meanings
    seventh_from: str  # the code whose definition applies
    spans: list[Span] = field(default_factory=list)
    title_source_name: str = ""
    dated_titles: list[tuple[str, str, str]] = field(default_factory=list)  # (from date, title, source name)
    also: list[Code] = field(default_factory=list)  # the same characters read in another system

    @property
    def billable_children(self) -> list[Code]:
        return [c for c in self.children if c.billable]


def default_codes_path() -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "codedesk" / "codes.sqlite"


class CodeBook:
    """Read access to the code database. Safe to share across threads (a connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._coverage: Coverage | None = None
        self._seventh_excluded: tuple[str, dict[tuple[str, str], frozenset[str]]] | None = None
        self._with_status: dict[tuple[str, str], frozenset[str]] = {}
        self._data_version: str | None = None
        self._version_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str | None = None) -> CodeBook:
        target = Path(path) if path else default_codes_path()
        prepare(target)
        return cls(target)

    @property
    def db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            self._local.file = self._file()
            db = connect(self.path, read_only=True)
            self._local.db = db
        return db

    def _file(self) -> tuple[int, int] | None:
        """Which file is at the path now (device, inode); None while no file is there."""
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return (found.st_dev, found.st_ino)

    def _reopen_if_replaced(self) -> None:
        """`codedesk data --rebuild` puts a new file at the path: a connection open on the old one would read
        the old data for ever. This thread's connection is reopened on the new file (while the path is
        empty, mid-rebuild, the old one keeps answering)."""
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        now = self._file()
        if db is None or now is None or now == getattr(self._local, "file", now):
            return
        self._local.db = None
        self._local.version = None
        db.conn.close()

    def data_version(self) -> str:
        """The database's data stamp (bot.lookups.data_version), cheap to read before every lookup or check:
        when an import (in this process or another) or a rebuild that replaced the file has moved it, this book's cached facts are forgotten, and
        a cache kept beside the stamp it was built on knows to rebuild."""
        self._reopen_if_replaced()
        reader: VersionReader | None = getattr(self._local, "version", None)
        if reader is None:
            reader = VersionReader()
            self._local.version = reader
        value = reader.read(self.db)
        if value != self._data_version:
            with self._version_lock:
                if value != self._data_version:
                    self.refresh()
                    self._data_version = value
        return value

    def refresh(self) -> None:
        """Forget cached facts after an import changed the database."""
        self._coverage = None
        self._seventh_excluded = None
        self._with_status = {}

    def with_status(self, system: str, status: str) -> frozenset[str]:
        """The codes of a system the data gives one status indicator (HCPCS: the OPPS status indicator of the
        newest I/OCE quarter holding the code, `code_status`; "M" holds about 1,700 codes). Read once."""
        key = (system, status)
        found = self._with_status.get(key)
        if found is None:
            try:
                rows = self.db.execute(
                    "SELECT code FROM code_status WHERE system = ? AND status = ?", [system, status]
                ).fetchall()
            except sqlite3.OperationalError:  # (a database built before the table: no status known)
                rows = []
            found = frozenset(r[0] for r in rows)
            self._with_status[key] = found
        return found

    def coverage(self) -> Coverage:
        if self._coverage is None:
            rows = self.db.execute(
                "SELECT system, name, covers_from, covers_through, source, detail FROM releases ORDER BY "
                "CASE system WHEN 'cm' THEN 0 WHEN 'pcs' THEN 1 WHEN 'hcpcs' THEN 2 ELSE 3 END"
            ).fetchall()
            self._coverage = Coverage(
                tuple(
                    Release(s, n, date.fromisoformat(f), date.fromisoformat(t), src, d)
                    for s, n, f, t, src, d in rows
                )
            )
        return self._coverage

    def systems_loaded(self) -> set[str]:
        return {r.system for r in self.coverage().releases}

    def get(self, system: str, code: str) -> Code | None:
        row = self.db.execute(
            _SELECT_CODE + "WHERE system = ? AND code = ?",
            [system, undot(code)],
        ).fetchone()
        return _code(row) if row else None

    def find(self, code: str, systems: tuple[str, ...] | None = None) -> list[Code]:
        """Every system's entry for this code (a code may exist in more than one system)."""
        c = undot(code)
        rows = self.db.execute(
            _SELECT_CODE + "WHERE system IN ('cm', 'pcs', 'hcpcs', 'cpt') AND code = ?",
            [c],
        ).fetchall()
        found = [_code(r) for r in rows]
        return [f for f in found if systems is None or f.system in systems]

    def children(self, system: str, code: str) -> list[Code]:
        rows = self.db.execute(
            # (given `system = ? AND parent = ?` alone, SQLite's planner walks the primary key over every code
            # of the system, ~80 ms for ICD-10-CM, instead of the (system, parent) index, under 0.1 ms)
            _SELECT_CODE + "INDEXED BY codes_parent WHERE system = ? AND parent = ? ORDER BY code",
            [system, code],
        ).fetchall()
        return [_code(r) for r in rows]

    def with_prefix(self, system: str, prefix: str, limit: int) -> list[Code]:
        rows = self.db.execute(
            _SELECT_CODE
            + "WHERE system = ? AND code >= ? AND code < ? AND current = 1 ORDER BY length(code), code LIMIT ?",
            [system, prefix, prefix + "\uffff", limit],
        ).fetchall()
        return [_code(r) for r in rows]

    def ancestors(self, code: Code) -> list[Code]:
        chain: list[Code] = []
        parent = code.parent
        while parent:
            found = self.get(code.system, parent)
            if found is None:
                break
            chain.append(found)
            parent = found.parent
        if code.system == "cm" and not code.current and not chain:
            # A deleted code keeps no parent link: find the nearest current code it extends.
            for size in range(len(code.code) - 1, 2, -1):
                found = self.get("cm", code.code[:size])
                if found is not None:
                    return [found, *self.ancestors(found)]
        return chain

    def title_on(self, system: str, code: str, day: date) -> tuple[str, str] | None:
        """(title, source name) in force on `day` where the loaded data dates its titles (HCPCS descriptors
        by quarter, titles revised by an addenda); None where only the current title is known."""
        iso = day.isoformat()
        row = self.db.execute(
            "SELECT t.title, COALESCE(s.name, t.source) FROM titles t LEFT JOIN title_sources s ON s.key = t.source "
            "WHERE t.system = ? AND t.code = ? AND (t.start = '' OR t.start <= ?) AND (t.end = '' OR t.end >= ?) "
            "ORDER BY t.start DESC LIMIT 1",
            [system, undot(code), iso, iso],
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def title_source_name(self, key: str) -> str:
        row = self.db.execute("SELECT name FROM title_sources WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else key

    def notes(self, system: str, code: str) -> list[tuple[str, str]]:
        return [
            (k, t)
            for k, t in self.db.execute(
                "SELECT kind, text FROM notes WHERE system = ? AND code = ? ORDER BY seq", [system, code]
            )
        ]

    def spans(self, system: str, code: str) -> list[Span]:
        rows = self.db.execute(
            "SELECT start, end, flags FROM validity WHERE system = ? AND code = ? ORDER BY start",
            [system, undot(code)],
        ).fetchall()
        return [
            Span(
                date.fromisoformat(s),
                date.fromisoformat(e) if e else None,
                frozenset(f for f in flags.split("|") if f),
            )
            for s, e, flags in rows
        ]

    def seventh_definition(
        self, code: Code, ancestors: list[Code] | None = None
    ) -> tuple[str, list[tuple[str, str]]]:
        """The 7th-character definition that applies to a CM code (its own or its nearest ancestor's), less the
        characters the tabular rules out for its category and 6th character (S06 with 6th character 7 or 8)."""
        if code.system != "cm":
            return "", []
        chain = [code, *(ancestors if ancestors is not None else self.ancestors(code))]
        for candidate in chain:
            rows = self.db.execute(
                "SELECT char, meaning FROM seventh WHERE code = ? ORDER BY rowid", [candidate.code]
            ).fetchall()
            if rows:
                c = code.code
                excluded = seventh_exclusions(self).get((c[:3], c[5]), frozenset()) if len(c) >= 6 else ()
                return candidate.code, [(ch, m) for ch, m in rows if ch not in excluded]
        return "", []

    def age_ranges(self, day: date) -> dict[str, tuple[int, int]]:
        iso = day.isoformat()
        rows = self.db.execute(
            "SELECT age_group, low, high FROM age_ranges WHERE start <= ? AND (end = '' OR end >= ?)",
            [iso, iso],
        ).fetchall()
        return {g.lower(): (lo, hi) for g, lo, hi in rows}

    def detail(self, code: str, system: str | None = None) -> CodeDetail | None:
        """Everything `show` prints about one code; None when no loaded release has it.

        The system is decided once, never by what is found: a dotted code is ICD-10-CM; an undotted one held
        by more than one system is read as the system whose codes are written undotted (HCPCS K0859, not
        ICD-10-CM K08.59), and the other readings are listed in `also`."""
        found_in = self.find(code)
        if system is not None:
            candidates = [c for c in found_in if c.system == system]
        elif "." in code:
            candidates = [c for c in found_in if c.system == "cm"]
        else:
            candidates = sorted(found_in, key=lambda c: READING_ORDER.index(c.system))
        if not candidates:
            return None
        found = candidates[0]
        ancestors = self.ancestors(found)
        notes = [(k, t, found.code) for k, t in self.notes(found.system, found.code)]
        for ancestor in ancestors:
            notes += [
                (k, t, ancestor.code)
                for k, t in self.notes(found.system, ancestor.code)
                if k not in {"inclusion", "seventh_note"}
            ]
        seventh_from, seventh = self.seventh_definition(found, ancestors)
        if found.system == "cm" and len(found.code) == 7 and seventh_from:
            seventh = []  # already complete
        return CodeDetail(
            code=found,
            ancestors=ancestors,
            children=self.children(found.system, found.code),
            notes=notes,
            seventh=seventh,
            seventh_from=seventh_from,
            spans=self.spans(found.system, found.code),
            title_source_name=self.title_source_name(found.title_source) if found.title_source else "",
            dated_titles=self.dated_titles(found.system, found.code),
            also=[c for c in found_in if c.system != found.system],
        )

    def dated_titles(self, system: str, code: str) -> list[tuple[str, str, str]]:
        """Every dated title of a code that changed its wording within the loaded data, oldest first."""
        rows = self.db.execute(
            "SELECT t.start, t.end, t.title, COALESCE(s.name, t.source) FROM titles t "
            "LEFT JOIN title_sources s ON s.key = t.source WHERE t.system = ? AND t.code = ? ORDER BY t.start",
            [system, code],
        ).fetchall()
        if len({r[2].lower() for r in rows}) < 2:
            return []
        return [(f"{s or 'before'} to {e or 'end of loaded data'}", str(t), str(n)) for s, e, t, n in rows]


_SELECT_CODE = (
    "SELECT system, code, title, parent, kind, billable, current, release, title_source FROM codes "
)


READING_ORDER = ("pcs", "hcpcs", "cpt", "cm")  # an undotted code: the systems written undotted first


def seventh_exclusions(book: CodeBook) -> dict[tuple[str, str], frozenset[str]]:
    """The tabular's exceptions to 7th-character definitions, {(category, 6th character): characters}, read
    from its notes with the same parser the data build uses to expand the code list."""
    from bot.lookups.loaders.cdc_tabular import seventh_exclusion

    key = book.coverage().release
    cached = book._seventh_excluded
    if cached is not None and cached[0] == key:
        return cached[1]
    rules: dict[tuple[str, str], set[str]] = {}
    for (text,) in book.db.execute(
        "SELECT text FROM notes WHERE system = 'cm' AND kind IN ('notes', 'seventh_note') AND text LIKE '%apply%'"
    ):
        parsed = seventh_exclusion(text)
        if parsed:
            category, sixths, chars = parsed
            for sixth in sixths:
                rules.setdefault((category, sixth), set()).update(chars)
    result = {k: frozenset(v) for k, v in rules.items()}
    book._seventh_excluded = (key, result)
    return result


def _code(row: tuple[object, ...]) -> Code:
    system, code, title, parent, kind, billable, current, release, title_source = row
    return Code(
        str(system),
        str(code),
        str(title) or NO_TITLE,
        str(parent),
        str(kind),
        bool(billable),
        bool(current),
        str(release),
        str(title_source),
    )


class CodesTooNew(DatabaseProblem):
    """The code database was built by a newer CodeDesk: rebuilding it for this one would take it from that one
    (two versions sharing one file during an upgrade would rebuild it back and forth)."""


@dataclass(frozen=True)
class BuiltBy:
    """What built a code database: `shipped_version()` (DATABASE_FORMAT-fingerprint) and `shipped_through()`
    ("" for a file built before it was recorded)."""

    version: str
    through: str

    @property
    def format(self) -> int | None:
        head = self.version.split("-", 1)[0]
        return int(head) if head.isdigit() else None

    def newer_than(self, ours: BuiltBy) -> bool:
        """A higher database format, or the same format with data covering later dates of service."""
        if self.format is not None and ours.format is not None and self.format != ours.format:
            return self.format > ours.format
        return bool(self.through) and self.through > ours.through


def this_build() -> BuiltBy:
    return BuiltBy(shipped_version(), shipped_through())


def built_by(path: Path) -> BuiltBy | None:
    """What built the code database at `path`; None when there is no readable one there."""
    if not path.is_file():
        return None
    try:
        db = connect(path, read_only=True)
        try:
            rows = dict(
                db.execute(
                    "SELECT key, value FROM meta WHERE key IN ('shipped_version', 'shipped_through')"
                ).fetchall()
            )
        finally:
            db.conn.close()
    except (sqlite3.DatabaseError, OSError):
        return None
    version = rows.get("shipped_version")
    return BuiltBy(str(version), str(rows.get("shipped_through", ""))) if version else None


def needs_building(path: Path) -> bool:
    """True when `prepare(path)` would build: no database there, or one an older or other build made."""
    found, ours = built_by(path), this_build()
    return found is None or (found.version != ours.version and not found.newer_than(ours))


def prepare(path: Path) -> bool:
    """Create the code database at `path` from the shipped data if it is missing or out of date.

    Builds into a temporary file and renames it into place, so a crash never leaves half a database and a
    concurrent reader keeps the old one. Returns True when it built. CodesTooNew, changing nothing, when a newer
    CodeDesk built the file (`codedesk data --rebuild` removes it first, for a deliberate downgrade).
    """
    ours = this_build()
    found = built_by(path)
    if found is not None:
        if found.version == ours.version:
            return False
        if found.newer_than(ours):
            raise CodesTooNew(_too_new(path, found, ours))
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.building")
    temp.unlink(missing_ok=True)
    conn = sqlite3.connect(str(temp), isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    db = sqlite_utils.Database(conn)
    try:
        create_tables(db)
        conn.execute("BEGIN")
        load_shipped(db)
        from bot.lookups.importer import replay_imports  # imports need the tables above

        replay_imports(db, path.parent / "imports")
        rebuild_search(db)
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("shipped_version", ours.version), ("shipped_through", ours.through)],
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
        os.replace(temp, path)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    except BaseException:
        conn.close()
        temp.unlink(missing_ok=True)
        raise
    return True


ABANDONED_AFTER_SECONDS = 3600  # a build takes seconds; a temporary file this old was left by a killed one


def _remove_abandoned_builds(path: Path) -> None:
    """A build killed by a signal (SIGKILL, a lost machine) cannot remove its temporary file: 250 MB left beside
    the database for ever. One untouched for an hour is removed by the next build (another instance may be
    building into the same folder now: its file is minutes old at most, and kept)."""
    now = time.time()
    for temp in path.parent.glob(f".{path.name}.*.building"):
        try:
            if now - temp.stat().st_mtime > ABANDONED_AFTER_SECONDS:
                temp.unlink()
        except OSError:
            pass  # (gone already: another instance removed it)


def _too_new(path: Path, found: BuiltBy, ours: BuiltBy) -> str:
    if found.format is not None and ours.format is not None and found.format != ours.format:
        what = f"database format {found.format}; this CodeDesk reads format {ours.format}"
    else:
        what = f"code data through {found.through}; this CodeDesk's data ends {ours.through}"
    return (
        f"the code database {path} was built by a newer CodeDesk ({what}), left as it is: run the newer "
        "CodeDesk, point CODEDESK_CODES_DB at another file for this one, or run `codedesk data --rebuild` "
        "to rebuild it for this version"
    )
