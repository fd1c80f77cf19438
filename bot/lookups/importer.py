"""`codedesk import`: load a newer official release (or a licensed CPT file) a user supplies.

All or nothing: the file is parsed completely before anything is written, then applied in one transaction.
An imported file is kept (copied under `imports/` beside the code database) so that a rebuild of the
database from newer shipped data replays it and no imported release is lost.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from bot.lookups.loaders.cdc_tabular import TabularRelease, load_tabular
from bot.lookups.loaders.cms_files import CodeRow, load_codes_file, load_order_file
from bot.lookups.loaders.common import open_text
from bot.lookups.loaders.cpt_csv import load_cpt_csv
from bot.lookups.loaders.errors import LoaderError
from bot.lookups.loaders.hcpcs import HcpcsRow, load_hcpcs
from bot.lookups.loaders.ncci import PtpRow, is_ncci_file, load_ncci_ptp, store_ptp
from bot.lookups.schema import rebuild_search
from storage.db import connect, write_transaction

KINDS = {
    "cm-tabular": "CDC ICD-10-CM tabular XML (icd10cm-tabular-<year>.xml)",
    "cm-order": "CMS ICD-10-CM order file (icd10cm_order_<year>.txt)",
    "pcs-order": "CMS ICD-10-PCS order or codes file (icd10pcs_order_<year>.txt / icd10pcs_codes_<year>.txt)",
    "hcpcs": "CMS HCPCS Level II annual file (HCPC<year>_ANWEB.txt)",
    "cpt": "licensed CPT file as CSV: code,description",
    "ncci-ptp": "CMS NCCI procedure-to-procedure edits (the PTP zip or its text files, as published)",
}


@dataclass(frozen=True)
class ImportResult:
    kind: str
    release: str
    effective: date
    added: int
    changed: int
    retired: int

    def summary(self) -> str:
        if self.kind == "ncci-ptp":
            return f"Imported {self.release}: {self.added:,} procedure-to-procedure pairs (kept beside the shipped ones)."
        return (
            f"Imported {self.release} ({self.kind}), effective {self.effective.isoformat()}: "
            f"{self.added:,} new codes, {self.changed:,} updated, {self.retired:,} no longer valid."
        )


def detect_kind(path: Path) -> str:
    """Guess the kind of an official file from its first lines; raises LoaderError when unrecognisable."""
    if is_ncci_file(path):
        return "ncci-ptp"
    with open_text(path, "latin-1") as handle:
        head = handle.read(4096)
    lines = [line for line in head.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if "<ICD10CM.tabular" in head:
        return "cm-tabular"
    if len(first) > 20 and first[:5].isdigit() and first[5] == " ":
        code = first[6:13].strip()
        return "pcs-order" if code[:1].isdigit() else "cm-order"
    if any(len(line) > 280 and line[10:11] in "3478" and line[5:10].isdigit() for line in lines):
        return "hcpcs"
    if first.split(",")[0].strip().strip('"').lower() in {"code", "cpt", "cpt code"} or (
        first[:5].isdigit() and first[5:6] == ","
    ):
        return "cpt"
    if first[:7].isalnum() and first[:1].isdigit() and first[7:8] == " ":
        return "pcs-order"
    raise LoaderError(path, 1, "one of: " + "; ".join(KINDS.values()), first[:60])


def fiscal_year_start(version: str) -> date:
    return date(int(version) - 1, 10, 1)


def import_file(
    codes_path: Path,
    source: Path,
    kind: str | None = None,
    effective: date | None = None,
    release: str | None = None,
) -> ImportResult:
    """Parse `source` completely, then apply it to the code database at `codes_path` in one transaction."""
    if not source.is_file():
        raise LoaderError(source, None, "a readable file", "no such file")
    kind = kind or detect_kind(source)
    if kind not in KINDS:
        raise LoaderError(source, None, "--kind one of " + ", ".join(KINDS), kind)
    parsed = _parse(kind, source)
    effective, release = _effective(kind, parsed, source, effective, release)
    store = codes_path.parent / "imports"
    store.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    number = len(list(store.glob("*.json"))) + 1
    kept = store / f"{number:04d}-{kind}-{digest}{''.join(source.suffixes)}"
    shutil.copyfile(source, kept)
    record = {
        "file": kept.name,
        "kind": kind,
        "effective": effective.isoformat(),
        "release": release,
        "original": source.name,
    }
    db = connect(codes_path)
    try:
        with write_transaction(db):
            result = _apply(db, kind, parsed, effective, release)
            rebuild_search(db)
        (store / f"{number:04d}.json").write_text(json.dumps(record, indent=2))
    except BaseException:
        kept.unlink(missing_ok=True)
        raise
    finally:
        db.conn.close()
    return result


def replay_imports(db: sqlite_utils.Database, store: Path) -> int:
    """Apply every kept import again, in order (used when the database is rebuilt)."""
    count = 0
    for manifest in sorted(store.glob("*.json")) if store.is_dir() else []:
        record = json.loads(manifest.read_text())
        parsed = _parse(record["kind"], store / record["file"])
        _apply(db, record["kind"], parsed, date.fromisoformat(record["effective"]), record["release"])
        count += 1
    return count


Parsed = TabularRelease | list[CodeRow] | list[HcpcsRow] | list[PtpRow]


def _parse(kind: str, source: Path) -> Parsed:
    if kind == "cm-tabular":
        return load_tabular(source)
    if kind in {"cm-order", "pcs-order"}:
        try:
            return load_order_file(source)
        except LoaderError:
            if kind == "cm-order":
                raise
            return load_codes_file(source)
    if kind == "hcpcs":
        return load_hcpcs(source)
    if kind == "ncci-ptp":
        return load_ncci_ptp(source)
    return load_cpt_csv(source)


def _effective(
    kind: str, parsed: Parsed, source: Path, effective: date | None, release: str | None
) -> tuple[date, str]:
    if kind == "ncci-ptp" and not isinstance(parsed, TabularRelease):
        starts = [r.start for r in parsed if isinstance(r, PtpRow)]
        effective = effective or max(starts)
        return effective, release or f"NCCI PTP edits (imported {source.name})"
    if isinstance(parsed, TabularRelease):
        if effective is None:
            if not parsed.version.isdigit():
                raise LoaderError(
                    source, None, "a <version> year in the tabular XML, or --effective", parsed.version
                )
            effective = fiscal_year_start(parsed.version)
        return (
            effective,
            release or f"ICD-10-CM FY{effective.year + 1 if effective.month >= 10 else effective.year}",
        )
    if effective is None:
        if kind == "hcpcs":
            dates = [r.action_effective for r in parsed if isinstance(r, HcpcsRow) and r.action_effective]
            effective = date(max(dates).year, 1, 1) if dates else None
        if effective is None:
            raise LoaderError(
                source, None, "--effective YYYY-MM-DD (the first date of service this file covers)"
            )
    names = {"cm-order": "ICD-10-CM", "pcs-order": "ICD-10-PCS", "hcpcs": "HCPCS Level II", "cpt": "CPT"}
    fy = effective.year + 1 if effective.month >= 10 else effective.year
    label = f"FY{fy}" if kind in {"cm-order", "pcs-order"} else str(effective.year)
    return effective, release or f"{names[kind]} {label} (imported {source.name})"


def _apply(
    db: sqlite_utils.Database, kind: str, parsed: Parsed, effective: date, release: str
) -> ImportResult:
    if isinstance(parsed, TabularRelease):
        rows = [
            {
                "code": e.code,
                "title": e.title,
                "parent": e.parent or "",
                "kind": e.kind,
                "billable": e.billable,
            }
            for e in parsed.entries
        ]
        result = _apply_codes(db, "cm", rows, effective, release, kind)
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
    if kind == "ncci-ptp" and not isinstance(parsed, TabularRelease):
        count = store_ptp(db, (r for r in parsed if isinstance(r, PtpRow)), f"import:{release}")
        return ImportResult(kind, release, effective, count, 0, 0)
    if kind == "hcpcs":
        hcpcs = [r for r in parsed if isinstance(r, HcpcsRow)]
        rows = [
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
            for r in hcpcs
        ]
        return _apply_codes(db, "hcpcs", rows, effective, release, kind, year_long=True)
    code_rows = [r for r in parsed if isinstance(r, CodeRow)]
    system = {"cm-order": "cm", "pcs-order": "pcs", "cpt": "cpt"}[kind]
    rows = [
        {
            "code": r.code,
            "title": r.title,
            "short_title": r.short_title,
            "parent": r.code[:-1] if system == "cm" and len(r.code) > 3 else "",
            "kind": "category" if system == "cm" and len(r.code) == 3 else "code",
            "billable": r.billable,
        }
        for r in code_rows
    ]
    return _apply_codes(db, system, rows, effective, release, kind, year_long=system == "cpt")


def _apply_codes(
    db: sqlite_utils.Database,
    system: str,
    rows: list[dict[str, object]],
    effective: date,
    release: str,
    kind: str,
    year_long: bool = False,
) -> ImportResult:
    """Make `rows` the current codes of `system` from `effective` on, keeping every older code's history."""
    conn = db.conn
    eff = effective.isoformat()
    day_before = (effective - timedelta(days=1)).isoformat()
    existing = {
        c: (t, b)
        for c, t, b in conn.execute(
            "SELECT code, title, billable FROM codes WHERE system = ? AND current = 1", [system]
        )
    }
    incoming = {str(r["code"]) for r in rows}
    added = changed = 0
    label = release.split(" (")[0]
    for row in rows:
        code = str(row["code"])
        before = existing.get(code)
        if before is None:
            added += 1
        elif before != (row["title"], int(bool(row["billable"]))):
            changed += 1
        conn.execute(
            "INSERT INTO codes (system, code, title, short_title, parent, kind, billable, current, release, added, "
            "terminated) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (system, code) DO UPDATE SET "
            "title = excluded.title, short_title = excluded.short_title, parent = excluded.parent, "
            "kind = excluded.kind, billable = excluded.billable, current = 1, release = excluded.release, "
            "added = excluded.added, terminated = excluded.terminated",
            [
                system,
                code,
                row["title"],
                row.get("short_title", ""),
                row["parent"],
                row["kind"],
                int(bool(row["billable"])),
                label,
                row.get("added", ""),
                row.get("terminated", ""),
            ],
        )
    retired = [c for c in existing if c not in incoming]
    conn.executemany(
        "UPDATE codes SET current = 0 WHERE system = ? AND code = ?", ([system, c] for c in retired)
    )
    if system in {"cm", "pcs"}:
        billable = [str(r["code"]) for r in rows if r["billable"]]
        for code in billable:
            open_span = conn.execute(
                "SELECT rowid FROM validity WHERE system = ? AND code = ? AND (end = '' OR end >= ?)",
                [system, code, day_before],
            ).fetchone()
            if open_span is None:
                flags = conn.execute(
                    "SELECT flags FROM validity WHERE system = ? AND code = ? ORDER BY start DESC LIMIT 1",
                    [system, code],
                ).fetchone()
                conn.execute(
                    "INSERT INTO validity (system, code, start, end, flags) VALUES (?, ?, ?, '', ?)",
                    [system, code, eff, flags[0] if flags else ""],
                )
            else:
                conn.execute("UPDATE validity SET end = '' WHERE rowid = ?", [open_span[0]])
        gone = set(existing) - {c for c in billable}
        conn.executemany(
            "UPDATE validity SET end = ? WHERE system = ? AND code = ? AND (end = '' OR end >= ?)",
            ([day_before, system, c, eff] for c in gone),
        )
    through = (
        date(effective.year, 12, 31)
        if year_long
        else date(effective.year + (1 if effective.month >= 10 else 0), 9, 30)
    )
    current = conn.execute(
        "SELECT covers_from, covers_through FROM releases WHERE system = ?", [system]
    ).fetchone()
    covers_from = min(current[0], eff) if current else eff
    covers_through = max(current[1], through.isoformat()) if current else through.isoformat()
    conn.execute(
        "INSERT INTO releases (system, name, effective, covers_from, covers_through, source) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (system) DO UPDATE SET name = excluded.name, effective = excluded.effective, "
        "covers_from = excluded.covers_from, covers_through = excluded.covers_through, source = excluded.source",
        [system, release, eff, covers_from, covers_through, f"import:{kind}"],
    )
    return ImportResult(kind, release, effective, added, changed, len(retired))
