"""Small pieces every loader shares: opening plain or gzip files, code normalisation, dates."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

from bot.lookups.loaders.errors import LoaderError


def open_text(path: str | Path, encoding: str = "utf-8") -> IO[str]:
    """Open a text file that may be gzip-compressed (by magic bytes, not by name)."""
    p = Path(path)
    with p.open("rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(p, "rb"), encoding=encoding, newline="")
    return p.open(encoding=encoding, newline="")


def numbered_lines(path: str | Path, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Yield (line number, line without its CR/LF); decoding errors become a LoaderError at that line."""
    with open_text(path, encoding) as handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                raise LoaderError(path, number, f"text in {encoding}", str(exc)) from exc
            if not line:
                return
            yield number, line.rstrip("\r\n")


def parse_yyyymmdd(text: str, path: str | Path, line: int) -> date | None:
    text = text.strip()
    if not text or text == "00000000":
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise LoaderError(path, line, "a date as YYYYMMDD", text) from exc
