"""The one error every loader raises for a file that is not what it should be."""

from __future__ import annotations

from pathlib import Path


class LoaderError(ValueError):
    """A source file is not in the expected format: names the file, the line and what was expected."""

    def __init__(self, path: str | Path, line: int | None, expected: str, found: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.expected = expected
        self.found = found
        where = f"{Path(path).name}, line {line}" if line else Path(path).name
        detail = f"; found {found!r}" if found else ""
        super().__init__(f"{where}: expected {expected}{detail}")
