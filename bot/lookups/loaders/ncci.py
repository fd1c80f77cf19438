"""NCCI procedure-to-procedure (PTP) edits: the CMS files as published, and the compact shipped table.

Read here:
- the CMS PTP text files (practitioner `ccipra-v...-f1.txt` or hospital outpatient `ccioph-...`): copyright and
  header lines, then tab-separated rows `column 1, column 2, *=in existence prior to 1996, effective date
  YYYYMMDD, deletion date YYYYMMDD or *, modifier indicator 0/1/9, rationale`;
- the zip CMS publishes them in (every text member is read; the spreadsheets beside them are skipped);
- a table with a header `column1, column2, modifier_allowed, start_date, end_date` (the layout of the I/OCE
  extract the shipped HCPCS pairs are built from).

Indicator 9 ("not applicable": the edit was deleted retroactively) is dropped. CPT code pairs are AMA
material: they are only ever loaded from a file the user imports, never shipped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils

from bot.lookups.loaders.common import open_text
from bot.lookups.loaders.errors import LoaderError

_CODE = re.compile(r"^[0-9A-Z]{5}$")
_HEADER = ("column1", "column2", "modifier_allowed", "start_date", "end_date")
EXPECTED = (
    "an NCCI PTP file: tab-separated rows of column 1 code, column 2 code, prior-to-1996 flag, effective date "
    "YYYYMMDD, deletion date YYYYMMDD or *, modifier indicator 0/1/9 (or the header "
    "column1, column2, modifier_allowed, start_date, end_date)"
)


@dataclass(frozen=True)
class PtpRow:
    column1: str
    column2: str
    modifier_allowed: bool
    start: date
    end: date | None


def looks_like_ptp(head: str) -> bool:
    """True when the first lines of a text (4 KB of it) start like a PTP table."""
    lines = head.splitlines()[:40]
    if len(head) >= 4096 and lines:
        lines = lines[:-1]  # the last line may be cut short
    return any(_header(line) or _data(line) is not None for line in lines)


def load_ncci_ptp(path: str | Path) -> list[PtpRow]:
    """Every PTP row of the file (all text members of a zip), all or nothing: a malformed row after the
    data starts names its file and line."""
    source = Path(path)
    rows: list[PtpRow] = []
    try:
        for name, lines in _members(source):
            rows += _rows(source if name == "" else Path(f"{source.name}:{name}"), lines)
    except zipfile.BadZipFile as exc:
        raise LoaderError(source, None, "a readable zip", str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise LoaderError(source, None, "text", str(exc)) from exc
    if not rows:
        raise LoaderError(source, None, EXPECTED, "no PTP rows")
    return rows


def _members(path: Path) -> Iterator[tuple[str, Iterable[str]]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir() or not info.filename.lower().endswith((".txt", ".tsv", ".csv")):
                    continue
                text = archive.read(info).decode("latin-1")
                yield info.filename, io.StringIO(text)
        return
    with open_text(path, "latin-1") as handle:
        yield "", handle


def _head(lines: Iterable[str], limit: int) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        if number > limit:
            return
        yield number, line.rstrip("\r\n")


def _header(line: str) -> bool:
    return tuple(f.strip().lower() for f in line.split("\t")[:5]) == _HEADER


def _fields(line: str) -> list[str]:
    return [f.strip().strip('"') for f in line.rstrip("\r\n").split("\t")]


def _data(line: str) -> tuple[str, str, str, str, str] | None:
    """(column 1, column 2, effective, deletion, indicator) of a data line in either layout, else None."""
    fields = _fields(line)
    if len(fields) < 5 or not (_CODE.match(fields[0]) and _CODE.match(fields[1])):
        return None
    if len(fields) >= 6 and fields[2] in ("", "*") and re.fullmatch(r"\d{8}", fields[3]):
        return fields[0], fields[1], fields[3], fields[4], fields[5]  # CMS layout
    if fields[2] in ("0", "1", "9") and re.fullmatch(r"\d{8}", fields[3]):
        return fields[0], fields[1], fields[3], fields[4], fields[2]  # header layout
    return None


def _rows(path: Path, lines: Iterable[str]) -> list[PtpRow]:
    rows: list[PtpRow] = []
    started = False
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        found = _data(line)
        if found is None:
            if started:
                raise LoaderError(path, number, EXPECTED, line[:60])
            continue  # copyright and header lines before the data
        started = True
        column1, column2, start, end, indicator = found
        if indicator not in ("0", "1", "9"):
            raise LoaderError(path, number, "a modifier indicator 0, 1 or 9", indicator)
        if indicator == "9":
            continue
        rows.append(
            PtpRow(column1, column2, indicator == "1", _date(start, path, number), _end(end, path, number))
        )
    return rows


def _date(text: str, path: Path, line: int) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise LoaderError(path, line, "a date as YYYYMMDD", text) from exc


def _end(text: str, path: Path, line: int) -> date | None:
    text = text.strip()
    if text in ("", "*", "00000000"):
        return None
    if not re.fullmatch(r"\d{8}", text):
        raise LoaderError(path, line, "a deletion date YYYYMMDD or *", text)
    return _date(text, path, line)


def store_ptp(db: sqlite_utils.Database, rows: Iterable[PtpRow], source: str) -> int:
    """Insert or update PTP pairs (a newer file's deletion date or indicator wins); returns the count."""
    count = 0
    for batch in _batches(rows, 5000):
        db.conn.executemany(
            "INSERT INTO ncci_ptp (column1, column2, modifier, start, end, source) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (column1, column2, start) DO UPDATE SET modifier = excluded.modifier, "
            "end = excluded.end, source = excluded.source",
            [
                (
                    r.column1,
                    r.column2,
                    int(r.modifier_allowed),
                    r.start.isoformat(),
                    r.end.isoformat() if r.end else "",
                    source,
                )
                for r in batch
            ],
        )
        count += len(batch)
    return count


def _batches(rows: Iterable[PtpRow], size: int) -> Iterator[list[PtpRow]]:
    batch: list[PtpRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
