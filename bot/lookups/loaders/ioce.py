"""HCPCS Level II by quarter as carried by the CMS Integrated Outpatient Code Editor (I/OCE).

`code, start_date, end_date, short_description, status_indicator, apc, ioce_lo, ioce_hi` (tab-separated,
YYYYMMDD dates, an empty end date = still valid in the newest quarter loaded). A code has one row per stretch
of quarters with the same descriptor and status, so its validity and its descriptor on a date of service both
come from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.lookups.loaders.common import numbered_lines, parse_yyyymmdd
from bot.lookups.loaders.errors import LoaderError

HEADER = "code\tstart_date\tend_date\tshort_description"


@dataclass(frozen=True)
class QuarterRow:
    code: str
    start: date
    end: date | None
    short_title: str
    status: str


def load_ioce_hcpcs(path: str | Path) -> list[QuarterRow]:
    rows: list[QuarterRow] = []
    for number, line in numbered_lines(path):
        if number == 1:
            if not line.startswith(HEADER):
                raise LoaderError(
                    path, 1, f"the I/OCE HCPCS header ({HEADER.replace(chr(9), ', ')}, ...)", line[:60]
                )
            continue
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 5 or len(parts[0]) != 5 or not parts[0].isalnum():
            raise LoaderError(
                path, number, "code, start_date, end_date, short_description, status_indicator", line[:60]
            )
        start = parse_yyyymmdd(parts[1], path, number)
        if start is None:
            raise LoaderError(path, number, "a start date (YYYYMMDD)", parts[1])
        rows.append(
            QuarterRow(parts[0], start, parse_yyyymmdd(parts[2], path, number), parts[3].strip(), parts[4])
        )
    if not rows:
        raise LoaderError(path, None, "I/OCE HCPCS rows", "none")
    rows.sort(key=lambda r: (r.code, r.start))
    return rows


def load_ioce_versions(path: str | Path) -> list[tuple[str, date, date]]:
    """The I/OCE versions loaded: (version, first day, last day), oldest first."""
    versions: list[tuple[str, date, date]] = []
    for number, line in numbered_lines(path):
        if number == 1 or not line.strip():
            continue
        parts = line.split("\t")
        start, end = parse_yyyymmdd(parts[2], path, number), parse_yyyymmdd(parts[3], path, number)
        if len(parts) != 4 or start is None or end is None:
            raise LoaderError(path, number, "internal, version_id, date_started, date_ended", line[:60])
        versions.append((parts[1], start, end))
    return sorted(versions, key=lambda v: v[1])
