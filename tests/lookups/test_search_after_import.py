"""A long-running process (the Slack app, the console) answers from the data an import just loaded: every
cache built on the old data (the searcher, the index trees, the claim checks' tables, the book's coverage)
is rebuilt when the code database's data version moves, whether the import ran in this process or through
another connection."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import sqlite_utils

from bot.lookups.codebook import CodeBook
from bot.lookups.data_version import META_KEY, VersionReader
from bot.lookups.edits import check_claim
from bot.lookups.importer import import_file
from bot.lookups.schema import rebuild_search
from bot.lookups.search import find_codes

CPT_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "imports" / "cpt-sample.csv"
ROOT = Path(__file__).resolve().parents[2]
DOS = date(2026, 1, 5)


CPT_NOTICE = "import your licensed CPT file"
VISIT = "office visit established patient"


def rules(book: CodeBook, codes: list[str]) -> set[str]:
    return {f.rule for f in check_claim(book, codes, DOS).findings}


def test_an_import_in_this_process_is_seen_by_the_next_lookup_and_check(small_book: CodeBook) -> None:
    assert CPT_NOTICE in find_codes(small_book, VISIT).notice
    assert "not-found" in rules(small_book, ["E11.9", "99213"])
    import_file(small_book.path, CPT_SAMPLE, effective=date(2025, 1, 1))
    # no refresh(): the book, its searcher and the checks' tables notice the import themselves
    after = find_codes(small_book, VISIT)
    assert CPT_NOTICE not in after.notice and after[0].code == "99213"
    found = rules(small_book, ["E11.9", "99213"])
    assert "not-found" not in found and "dos-outside-data" in found  # CPT 2025 does not cover 2026-01-05


def _add_title(path: Path, code: str, title: str) -> None:
    """Another connection adds a HCPCS code and rebuilds the search tables, as an import does."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO codes (system, code, title, parent, kind, billable, current, release) "
            "VALUES ('hcpcs', ?, ?, '', 'code', 1, 1, 'test')",
            [code, title],
        )
        rebuild_search(sqlite_utils.Database(conn))
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_commit_through_another_connection_is_seen_by_the_next_lookup(small_book: CodeBook) -> None:
    # a made-up drug name one letter from a known one: corrected to it while no title holds it
    assert "spelling: adalimumax" in find_codes(small_book, "adalimumax")[0].why
    _add_title(small_book.path, "J9991", "Injection, adalimumax, 1 mg")
    assert [h.code for h in find_codes(small_book, "adalimumax")[:1]] == ["J9991"]


def test_an_import_by_another_process_is_seen_by_the_next_lookup(small_book: CodeBook) -> None:
    assert CPT_NOTICE in find_codes(small_book, VISIT).notice
    script = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from bot.lookups.importer import import_file;"
        "import_file(Path(sys.argv[1]), Path(sys.argv[2]), effective=date(2025, 1, 1))"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(small_book.path), str(CPT_SAMPLE)], check=True, cwd=ROOT
    )
    after = find_codes(small_book, VISIT)
    assert CPT_NOTICE not in after.notice and after[0].code == "99213"


def test_the_data_version_moves_with_every_rebuild_and_is_read_again_only_then(small_book: CodeBook) -> None:
    reader = VersionReader()
    db = small_book.db
    first = reader.read(db)
    assert first and first == reader.read(db) == small_book.data_version()
    _add_title(small_book.path, "J9992", "Injection, sample, 1 mg")
    second = reader.read(db)
    assert second not in ("", first)
    stored = db.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()[0]
    assert stored == second == small_book.data_version()


def test_a_rebuild_that_replaces_the_file_is_seen_by_the_next_lookup(
    small_book: CodeBook, tmp_path: Path
) -> None:
    # `codedesk data --rebuild` builds a new file and moves it over the path (os.replace): a connection
    # still open on the old file would answer from the old data until the process restarted.
    assert "spelling: adalimumax" in find_codes(small_book, "adalimumax")[0].why
    rebuilt = tmp_path / "rebuilt.sqlite"
    source = sqlite3.connect(str(small_book.path))
    target = sqlite3.connect(str(rebuilt))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    _add_title(rebuilt, "J9991", "Injection, adalimumax, 1 mg")
    os.replace(rebuilt, small_book.path)
    assert [h.code for h in find_codes(small_book, "adalimumax")[:1]] == ["J9991"]
    assert find_codes(small_book, "adalimumax")[0].code == "J9991"  # and stays on the new file
