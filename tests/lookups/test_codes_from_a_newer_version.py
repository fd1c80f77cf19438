"""A code database built by a newer CodeDesk is left as it is, with one line saying what to do.

Two versions sharing one code database (a rolling upgrade, a laptop with two installs) used to rebuild it back
and forth: each start of the other version replaced the file the running one read, twenty seconds of build
each time. An older version now refuses the newer file instead; a newer version still rebuilds an older one.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import time
from pathlib import Path

import pytest

from bot.cli import main, preparing_codes
from bot.lookups.codebook import BuiltBy, CodeBook, CodesTooNew, built_by, needs_building, prepare, this_build


def _stamp(path: Path, version: str, through: str | None) -> None:
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'shipped_version'", [version])
        if through is None:
            conn.execute("DELETE FROM meta WHERE key = 'shipped_through'")
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('shipped_through', ?)", [through])
    conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def newer(small_book: CodeBook) -> Path:
    """The small code database as a CodeDesk one database format ahead of this one would have left it."""
    ours = this_build()
    assert ours.format is not None
    _stamp(small_book.path, f"{ours.format + 1}-0123456789abcdef", ours.through)
    return small_book.path


def test_a_fresh_database_records_what_built_it(codebook: CodeBook) -> None:
    assert built_by(codebook.path) == this_build()
    assert this_build().through == "2027-09-30"  # the latest end in release.json's covers (CM and PCS FY2027)
    assert not needs_building(codebook.path)


def test_a_newer_format_is_refused_and_the_file_left_untouched(newer: Path) -> None:
    before = _digest(newer)
    with pytest.raises(CodesTooNew) as raised:
        prepare(newer)
    message = str(raised.value)
    ours = this_build()
    assert str(newer) in message and f"database format {ours.format + 1}" in message  # type: ignore[operator]
    assert f"reads format {ours.format}" in message and "codedesk data --rebuild" in message
    assert _digest(newer) == before
    assert not needs_building(newer)  # so the CLI does not announce a rebuild it will not do


def test_the_same_format_with_later_data_is_refused(small_book: CodeBook) -> None:
    ours = this_build()
    _stamp(small_book.path, f"{ours.format}-fedcba9876543210", "2028-09-30")
    with pytest.raises(
        CodesTooNew, match="code data through 2028-09-30; this CodeDesk's data ends 2027-09-30"
    ):
        prepare(small_book.path)


@pytest.mark.parametrize(
    ("found", "newer"),
    [
        (BuiltBy("20-aaaa", "2026-09-30"), True),  # a higher format, whatever its data
        (BuiltBy("18-aaaa", "2029-09-30"), False),  # a lower format is rebuilt, whatever its data
        (BuiltBy("19-aaaa", "2027-10-31"), True),  # same format, later data
        (BuiltBy("19-aaaa", "2027-09-30"), False),  # same format and data end: a development build; rebuilt
        (BuiltBy("19-aaaa", ""), False),  # built before the data end was recorded
        (BuiltBy("junk", "2030-01-01"), True),  # no readable format: the data end decides
    ],
)
def test_which_builds_count_as_newer(found: BuiltBy, newer: bool) -> None:
    assert found.newer_than(BuiltBy("19-bbbb", "2027-09-30")) is newer


def test_an_older_database_is_rebuilt_for_this_version_and_the_command_line_says_so(
    small_book: CodeBook,
) -> None:
    """A format behind this one (here: one built before the data end was recorded) is rebuilt, as before; the
    rebuild itself is the `--rebuild` test's below (a full build, twenty seconds, is paid once)."""
    ours = this_build()
    _stamp(small_book.path, f"{ours.format - 1}-0123456789abcdef", None)  # type: ignore[operator]
    assert built_by(small_book.path) == BuiltBy(f"{ours.format - 1}-0123456789abcdef", "")  # type: ignore[operator]
    assert needs_building(small_book.path)
    err = io.StringIO()
    with preparing_codes(small_book.path, err):
        pass
    assert err.getvalue().startswith(f"Rebuilding the code database at {small_book.path} for this version")


def test_the_command_line_says_so_in_one_line_and_exits_non_zero(
    newer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CODEDESK_CODES_DB", str(newer))
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "app.sqlite"))
    before = _digest(newer)
    status = main(["lookup", "heart attack"], io.StringIO())
    err = capsys.readouterr().err
    assert status != 0
    assert "was built by a newer CodeDesk" in err and "Traceback" not in err and "Rebuilding" not in err
    assert "cannot open" not in err  # the line is the reason itself, not wrapped in a generic one
    assert _digest(newer) == before


def test_rebuild_on_the_command_line_takes_the_file_for_this_version_and_clears_abandoned_builds(
    newer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CODEDESK_CODES_DB", str(newer))
    monkeypatch.setenv("CODEDESK_DB", str(tmp_path / "app.sqlite"))
    # a build killed by a signal two hours ago left its temporary file; one started a minute ago is building
    abandoned = newer.with_name(f".{newer.name}.999999.building")
    building = newer.with_name(f".{newer.name}.999998.building")
    for temp, age in ((abandoned, 7200), (building, 60)):
        temp.write_bytes(b"half a database")
        os.utime(temp, (time.time() - age, time.time() - age))
    assert main(["data", "--rebuild"], io.StringIO()) == 0
    assert built_by(newer) == this_build()
    assert not abandoned.exists() and building.exists()
