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


def missing_file(path: Path) -> str:
    """Why `path` cannot be read as a file, in the words of the person who named it."""
    if path.is_dir():
        return "a folder, not a file"
    if path.exists():
        return "not a regular file"
    return "no such file"


def line_shape(line: str) -> str:
    """A line described by its shape only: an unrecognised file may hold anything (a password hash, a patient's
    name), so an error never quotes it."""
    fields = max(len(line.split("\t")), len(line.split(",")), len(line.split("|")))
    columns = f", {fields} fields" if fields > 1 else ""
    return f"a first line of {len(line)} characters{columns} (not shown)"
