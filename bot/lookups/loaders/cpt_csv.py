"""A licensed CPT file supplied by the user as CSV: `code,description` (header optional). Never bundled."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from bot.lookups.loaders.cms_files import CodeRow
from bot.lookups.loaders.common import open_text
from bot.lookups.loaders.errors import LoaderError

_CPT = re.compile(r"^[0-9]{4}[0-9FTU]$")


def load_cpt_csv(path: str | Path) -> list[CodeRow]:
    rows: list[CodeRow] = []
    with open_text(path) as handle:
        reader = csv.reader(handle)
        for record in reader:
            line = reader.line_num
            if not record or not "".join(record).strip():
                continue
            if line == 1 and record[0].strip().lower() in {"code", "cpt", "cpt code"}:
                continue
            if len(record) < 2 or not _CPT.match(record[0].strip().upper()) or not record[1].strip():
                raise LoaderError(
                    path,
                    line,
                    "`code,description` with a 5-character CPT code (5 digits, or 4 digits + F/T/U)",
                    ",".join(record)[:60],
                )
            rows.append(CodeRow(record[0].strip().upper(), record[1].strip(), True))
    if not rows:
        raise LoaderError(path, None, "CPT rows `code,description`", "an empty file")
    return rows
