"""CMS HCPCS Level II annual file (fixed 320-character records, Latin-1): codes, titles, dates.

A procedure's long description may continue over several records (record id 4, or 8 for modifiers); those
are joined. Modifiers (record ids 7/8) are kept apart from codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.lookups.loaders.common import numbered_lines, parse_yyyymmdd
from bot.lookups.loaders.errors import LoaderError


@dataclass
class HcpcsRow:
    code: str
    long_title: str
    short_title: str
    added: date | None
    action_effective: date | None
    terminated: date | None
    action: str
    modifier: bool
    betos: str = ""  # the Berenson-Eggers Type of Service group (columns 257-259; the layout's BETOS_TB)


def load_hcpcs(path: str | Path) -> list[HcpcsRow]:
    rows: list[HcpcsRow] = []
    started = False
    for number, line in numbered_lines(path, "latin-1"):
        record = line.ljust(320)
        rec_id = record[10]
        code = record[0:5].strip()
        looks_like_record = rec_id in "3478" and code.isalnum() and record[5:10].isdigit()
        if not looks_like_record:
            if started and line.strip():
                raise LoaderError(
                    path,
                    number,
                    "a 320-character HCPCS record (code in columns 1-5, sequence 6-10, record id 3/4/7/8 "
                    "in column 11)",
                    line[:40],
                )
            continue  # the disclaimer lines before the first record
        started = True
        if rec_id in "37" and len(line) < 293:
            raise LoaderError(
                path, number, "a complete 320-character HCPCS record (the file may be truncated)", line[:40]
            )
        text = record[11:91].strip()
        if rec_id in "48":
            if not rows or rows[-1].code != code:
                raise LoaderError(path, number, "a continuation record after its first record", code)
            rows[-1].long_title = f"{rows[-1].long_title} {text}".strip()
            continue
        modifier = rec_id == "7"
        rows.append(
            HcpcsRow(
                code=code,
                long_title=text,
                short_title=record[91:119].strip(),
                added=parse_yyyymmdd(record[268:276], path, number),
                action_effective=parse_yyyymmdd(record[276:284], path, number),
                terminated=parse_yyyymmdd(record[284:292], path, number),
                action=record[292].strip(),
                modifier=modifier,
                betos=record[256:259].strip(),
            )
        )
    if not rows:
        raise LoaderError(path, None, "HCPCS records of 320 characters", "none")
    return rows
