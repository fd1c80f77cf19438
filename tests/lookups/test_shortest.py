"""DocumentSizes.shortest answers what SQLite's `ORDER BY length(text) LIMIT n` over an FTS match does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.schema import SCHEMA
from bot.lookups.shortest import COLUMNS, DocumentSizes, store_sizes
from storage.db import connect

ORDERED = (
    f"SELECT {COLUMNS} FROM search WHERE search MATCH ? AND system IN ({{systems}}) "
    "ORDER BY length(text) LIMIT ?"
)


def _insert(db: object, rows: list[tuple[str, str]]) -> None:
    for rowid, (text, system) in enumerate(rows, start=1):
        db.execute(  # type: ignore[attr-defined]
            f"INSERT INTO search (rowid, {COLUMNS}) VALUES (?, ?, '', ?, 'X1', 'title', ?, 1, ?)",
            [rowid, text, system, text, text],
        )


@pytest.fixture
def db(tmp_path: Path) -> object:
    database = connect(tmp_path / "search.sqlite")
    database.conn.executescript(SCHEMA)
    # Equal lengths in several systems, so the order of ties and the system filter both count.
    _insert(
        database,
        [(f"pain {word}", system) for word in ("leg", "arm", "ear", "toe", "hip") for system in ("cm", "pcs")]
        + [("pain", "hcpcs"), ("chest pain on breathing", "cm"), ("pain of the lower back", "pcs")]
        + [("low back pain", "cm"), ("knee", "cm")],
    )
    return database


@pytest.mark.parametrize(
    ("match", "systems", "limit"),
    [
        ('"pain"', ("cm", "pcs", "hcpcs"), 200),
        ('"pain"', ("cm",), 200),
        ('"pain"', ("pcs", "hcpcs"), 3),
        ('"pain" OR "knee"', ("cm", "pcs", "hcpcs"), 5),
        ('"back" AND "pain"', ("cm", "pcs"), 200),
        ('"nothing"', ("cm",), 200),
    ],
)
def test_the_order_is_sqlites(db: object, match: str, systems: tuple[str, ...], limit: int) -> None:
    listed = ",".join(f"'{s}'" for s in systems)
    expected = [
        tuple(r)
        for r in db.execute(ORDERED.format(systems=listed), [match, limit]).fetchall()  # type: ignore[attr-defined]
    ]
    assert DocumentSizes(db).shortest(match, systems, limit) == expected


def test_a_change_to_the_table_is_seen(db: object, tmp_path: Path) -> None:
    """Another connection rebuilding the table (an import) gives rowids other documents: what was read is dropped."""
    sizes = DocumentSizes(db)
    assert [r[0] for r in sizes.shortest('"pain"', ("cm",), 2)] == ["pain leg", "pain arm"]
    other = connect(tmp_path / "search.sqlite")
    other.execute("DELETE FROM search")
    _insert(other, [("knee pain after a long fall", "cm"), ("knee", "pcs"), ("sore knee", "cm")])
    other.conn.commit()
    assert [r[0] for r in sizes.shortest('"knee"', ("cm",), 5)] == [
        "sore knee",
        "knee pain after a long fall",
    ]


def test_rows_kept_between_lookups_are_what_sqlite_reads(db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows kept (bounded: dropped when full) are the ones a fresh read gives, in the same order."""
    monkeypatch.setattr("bot.lookups.shortest.KEPT_ROWS", 4)
    sizes = DocumentSizes(db)
    for match, limit in [
        ('"pain"', 3),
        ('"pain"', 5),
        ('"pain"', 200),
        ('"back" AND "pain"', 200),
        ('"pain"', 5),
    ]:
        expected = [
            tuple(r)
            for r in db.execute(ORDERED.format(systems="'cm','pcs'"), [match, limit]).fetchall()  # type: ignore[attr-defined]
        ]
        assert sizes.shortest(match, ("cm", "pcs"), limit) == expected


@pytest.mark.parametrize(
    ("match", "systems", "limit"),
    [('"pain"', ("cm",), 200), ('"pain"', ("pcs", "hcpcs"), 3), ('"pain" OR "knee"', ("hcpcs",), 5)],
)
def test_the_first_found_over_the_systems_runs_are_sqlites(
    db: object, match: str, systems: tuple[str, ...], limit: int
) -> None:
    """Read over the rowid runs of the systems asked (the data build stores them), the first documents found
    are those `system IN (...) LIMIT n` gives, in the same order."""
    from bot.lookups.schema import SEARCH_RUNS_KEY, search_system_runs

    conn = db.conn  # type: ignore[attr-defined]
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [SEARCH_RUNS_KEY, search_system_runs(conn)])
    listed = ",".join(f"'{s}'" for s in systems)
    sql = f"SELECT {COLUMNS} FROM search WHERE search MATCH ? AND system IN ({listed}) LIMIT ?"
    expected = [tuple(r) for r in conn.execute(sql, [match, limit]).fetchall()]
    sizes = DocumentSizes(db)
    runs = sizes.runs_of(frozenset(systems))
    assert runs
    assert sizes.first_in_runs(match, runs, limit) == expected
    assert sizes.runs_of(frozenset({"cm", "pcs", "hcpcs"})) is None  # every system: the plain query


def test_a_term_matching_more_than_most_documents_says_so_and_is_remembered(db: object) -> None:
    # (the title search's "any of the words" reading: a term alone past the bound makes its OR query pass it)
    sizes = DocumentSizes(db)
    assert sizes.more_than('"pain"', 5) and not sizes.more_than('"pain"', 20)
    assert sizes.more_than('"knee"', 0)  # one document: more than none
    assert not sizes.more_than('"elbow"', 0)
    for term, most in (('"pain"', 5), ('"pain" OR "knee"', 11), ('"back"*', 1)):
        whole = len(sizes.matching(term))
        assert sizes.more_than(term, most) == (whole > most), term
    assert not sizes.more_than('"knee"', 1)
    # Another connection's commit changes the data (an import rebuilds the search table): counted again.
    path = next(str(row[2]) for row in db.execute("PRAGMA database_list"))  # type: ignore[attr-defined]
    other = sqlite3.connect(path)
    other.execute("INSERT INTO search (rowid, text) VALUES (99, 'knee knee')")
    other.commit()
    other.close()
    assert sizes.more_than('"knee"', 1)


def _measured(db: object) -> DocumentSizes:
    """Sizes measured document by document, as in a database the build stored none in."""
    sizes = DocumentSizes(db)
    sizes._check_version()
    sizes._stored_read = True  # (the stored arrays not looked for)
    rowids = [int(r) for (r,) in db.execute("SELECT rowid FROM search")]  # type: ignore[attr-defined]
    sizes._measure(rowids)
    return sizes


def test_the_stored_sizes_are_the_ones_measured(db: object) -> None:
    """The data build's arrays (store_sizes) hold, rowid by rowid, the length and system a search measures."""
    store_sizes(db.conn)  # type: ignore[attr-defined]
    stored = DocumentSizes(db)
    stored._check_version()
    stored._read_stored()
    assert stored._systems  # read, not measured
    measured = _measured(db)
    assert list(stored._length) == list(measured._length)
    assert [stored._systems[n] for n in stored._system[1:]] == [
        measured._systems[n] for n in measured._system[1:]
    ]
    for match, systems, limit in [
        ('"pain"', ("cm", "pcs", "hcpcs"), 200),
        ('"pain"', ("pcs", "hcpcs"), 3),
        ('"pain" OR "knee"', ("cm", "pcs", "hcpcs"), 5),
    ]:
        listed = ",".join(f"'{s}'" for s in systems)
        expected = [tuple(r) for r in db.execute(ORDERED.format(systems=listed), [match, limit]).fetchall()]  # type: ignore[attr-defined]
        assert DocumentSizes(db).shortest(match, systems, limit) == expected


def test_stored_sizes_that_do_not_cover_the_table_are_not_used(db: object) -> None:
    store_sizes(db.conn)  # type: ignore[attr-defined]
    db.execute(  # type: ignore[attr-defined]
        f"INSERT INTO search (rowid, {COLUMNS}) VALUES (40, 'pain', '', 'cm', 'X1', 'title', 'pain', 1, 'pain')"
    )
    sizes = DocumentSizes(db)
    sizes._check_version()
    sizes._read_stored()
    assert not sizes._systems  # (stored for the first 15 documents; the table now holds rowid 40)
    expected = [tuple(r) for r in db.execute(ORDERED.format(systems="'cm'"), ['"pain"', 200]).fetchall()]  # type: ignore[attr-defined]
    assert DocumentSizes(db).shortest('"pain"', ("cm",), 200) == expected


def test_the_code_database_stores_every_documents_size(codebook: CodeBook) -> None:
    stored = DocumentSizes(codebook.db)
    stored._check_version()
    stored._read_stored()
    last = codebook.db.execute("SELECT max(rowid) FROM search").fetchone()[0]
    assert len(stored._length) == last + 1 and set(stored._systems) == {"cm", "pcs", "hcpcs"}
    for rowid, length, system in codebook.db.execute(
        "SELECT rowid, length(text), system FROM search WHERE rowid % 997 = 1"
    ):
        assert stored._length[rowid] == length and stored._systems[stored._system[rowid]] == system
