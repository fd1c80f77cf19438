"""Small pieces every loader shares: opening plain or gzip files, code normalisation, dates."""

from __future__ import annotations

import contextlib
import gzip
import io
from collections.abc import Callable, Iterator
from contextvars import ContextVar
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


Progress = Callable[[str], None]
PROGRESS_EVERY = 20_000  # lines between progress reports
_progress: ContextVar[Progress | None] = ContextVar("loader_progress", default=None)


@contextlib.contextmanager
def reporting_progress(progress: Progress | None) -> Iterator[None]:
    """While active, loaders report how far they have read a large file through `progress`."""
    token = _progress.set(progress)
    try:
        yield
    finally:
        _progress.reset(token)


def numbered_lines(path: str | Path, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Yield (line number, line without its CR/LF); decoding errors become a LoaderError at that line."""
    report = _progress.get()
    with open_text(path, encoding) as handle:
        number = 0
        while True:
            number += 1
            if report is not None and number % PROGRESS_EVERY == 0:
                report(f"{Path(path).name}: {number:,} lines read")
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
