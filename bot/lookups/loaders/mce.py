"""CMS Medicare Code Editor master tables: validity spans and edit flags per code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.lookups.loaders.common import numbered_lines, parse_yyyymmdd
from bot.lookups.loaders.errors import LoaderError


@dataclass(frozen=True)
class ValiditySpan:
    code: str
    start: date
    end: date | None
    flags: frozenset[str]


def load_mce_master(path: str | Path) -> list[ValiditySpan]:
    spans: list[ValiditySpan] = []
    for number, line in numbered_lines(path):
        if number == 1 and line.startswith("code"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].isalnum():
            raise LoaderError(
                path, number, "4 tab-separated columns: code, start_date, end_date, flags", line[:60]
            )
        start = parse_yyyymmdd(parts[1], path, number)
        if start is None:
            raise LoaderError(path, number, "a start date (YYYYMMDD)", parts[1])
        flags = frozenset(f for f in parts[3].split("|") if f)
        spans.append(ValiditySpan(parts[0], start, parse_yyyymmdd(parts[2], path, number), flags))
    if not spans:
        raise LoaderError(path, None, "MCE master rows", "none")
    return spans
