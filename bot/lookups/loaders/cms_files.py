"""CMS code files: the ICD-10-CM/PCS order file (fixed width) and the plain `code title` codes files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.lookups.loaders.common import numbered_lines
from bot.lookups.loaders.errors import LoaderError

_ORDER = re.compile(r"^(\d{5}) ([0-9A-Z]{3,7}) *([01]) (.{60}) (.+)$")
_CODE_TITLE = re.compile(r"^([0-9A-Z]{3,7})\s+(\S.*)$")
_CSV_CODE_TITLE = re.compile(r'^"?([0-9A-Z]{3,7})"?,"?(.+?)"?$')


@dataclass(frozen=True)
class CodeRow:
    code: str
    title: str
    billable: bool
    short_title: str = ""


def load_order_file(path: str | Path) -> list[CodeRow]:
    """CMS order file: `order code header/billable short-title long-title` in fixed columns."""
    rows: list[CodeRow] = []
    for number, line in numbered_lines(path, "latin-1"):
        if not line.strip():
            continue
        m = _ORDER.match(line)
        if not m:
            raise LoaderError(
                path,
                number,
                "a CMS order-file record: 5-digit order number, code, 0/1 billable flag, 60-character "
                "short title, long title",
                line[:60],
            )
        rows.append(CodeRow(m.group(2), m.group(5).strip(), m.group(3) == "1", m.group(4).strip()))
    if not rows:
        raise LoaderError(path, None, "at least one order-file record", "an empty file")
    return rows


def load_codes_file(path: str | Path) -> list[CodeRow]:
    """CMS codes file (`CODE title` a line) or a two-column CSV (`code,"title"`): billable codes only."""
    rows: list[CodeRow] = []
    for number, line in numbered_lines(path, "latin-1"):
        if not line.strip() or (number == 1 and line.lower().startswith(("code", '"code'))):
            continue
        m = _CODE_TITLE.match(line) if "," not in line[:10] else _CSV_CODE_TITLE.match(line)
        if not m:
            raise LoaderError(path, number, "a code (3-7 letters/digits) followed by its title", line[:60])
        rows.append(CodeRow(m.group(1), m.group(2).strip().replace('""', '"'), True))
    if not rows:
        raise LoaderError(path, None, "at least one `code title` line", "an empty file")
    return rows
