"""Speed work that must change no answer (issue #10, round 25): one WordNet reader per connection shared by
every reading (bot.lookups.wordnet.reader), and the process's first substance-use and PCS-administration tables
worked out with each line read once - the same tables as a plain read of every line gives."""

from __future__ import annotations

import re
import sqlite3

from bot.lookups.codebook import CodeBook
from bot.lookups.index import lay_nouns, pcs_anastomosis, pcs_substance_sites
from bot.lookups.index.activity_kinds import ActivityLine, activity_lines
from bot.lookups.index.pcs_substance_sites import _site_of, _values
from bot.lookups.index.substance_use import _CATEGORY, _MAINS, _class_word, _key, substance_classes
from bot.lookups.index.words import content_stems
from bot.lookups.index.z_lines import ZLines
from bot.lookups.search import searcher_for
from bot.lookups.wordnet import READERS, WordNet, reader


def test_every_reading_asks_the_connections_one_wordnet_reader(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    shared = reader(conn)
    assert isinstance(shared, WordNet) and reader(conn) is shared
    assert lay_nouns._wordnet(conn) is shared
    assert pcs_anastomosis._wordnet(conn, {}) is shared
    assert pcs_substance_sites._wordnet(conn, {}) is shared
    assert ZLines(conn).words.wordnet is shared
    assert searcher_for(codebook).wordnet() is shared
    # a word read by one reading is not read from the database again by another
    shared.senses("iguana")
    asked: list[str] = []

    def counted(sql: str, params: object = ()) -> sqlite3.Cursor:
        asked.append(sql)
        return conn.execute(sql, params)  # type: ignore[arg-type]

    shared._execute = counted
    try:
        assert lay_nouns._wordnet(conn).senses("iguana")[0].kind == "noun.animal"
        assert asked == []
    finally:
        shared._execute = conn.execute


def test_another_connection_has_its_own_reader_and_old_ones_are_let_go() -> None:
    conns = [sqlite3.connect(":memory:") for _ in range(READERS + 2)]
    readers = [reader(c) for c in conns]
    assert len({id(r) for r in readers}) == len(conns)
    assert reader(conns[-1]) is readers[-1]
    assert reader(conns[0]) is not readers[0]  # dropped past READERS connections, made again
    assert reader(conns[0]).senses("iguana") == ()  # a database without the tables knows no word


def _plain_substance_words(conn: sqlite3.Connection) -> dict[str, str]:
    """The substance words read as before the lines were read once: every see-reference followed anew."""
    mains = {
        str(t): int(i)
        for i, t in conn.execute(
            "SELECT id, term FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term IN (?, ?, ?)", _MAINS
        )
    }

    def children(node: int) -> list[tuple[int, str, str, str]]:
        return [
            (int(i), str(t), str(c), str(s))
            for i, t, c, s in conn.execute(
                "SELECT id, term, code, see FROM index_nodes WHERE parent = ?", (node,)
            )
        ]

    def followed(see: str) -> str:
        node, code = mains.get(see.split(",")[0].strip()), ""
        for part in [p.strip().lower() for p in see.split(",")][1:]:
            if node is None:
                return ""
            match = [
                c for c in children(node) if " ".join(_key(c[1])[:1]).startswith(part.removesuffix(" nec"))
            ]
            if not match:
                return ""
            node, code = match[0][0], match[0][2]
        return code

    words: dict[str, str] = {}
    for node in mains.values():
        kids = children(node)
        drug = [k for k in kids if k[1] == "drug"]
        for _, term, code, see in kids + (children(drug[0][0]) if drug else []):
            category = (code or followed(see))[:3]
            if _CATEGORY.match(category):
                for key in _key(term):
                    words.setdefault(key, category)
    for code, title in conn.execute(
        "SELECT code, title FROM codes WHERE system = 'cm' AND kind = 'category' AND code BETWEEN 'F10' AND 'F18'"
    ):
        words.setdefault(_class_word(str(title)), str(code))
    return words


def test_substance_classes_are_those_every_line_read_anew_gives(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    classes = substance_classes(conn)
    assert list(classes.words.items()) == list(_plain_substance_words(conn).items())
    assert classes.words["heroin"] == "F11" and classes.words["alcohol"] == "F10"


def test_administration_sites_are_those_every_table_row_gives(codebook: CodeBook) -> None:
    conn = codebook.db.conn
    sites: dict[frozenset[str], set[str]] = {}
    for table, meaning in conn.execute(
        "SELECT DISTINCT tbl, meaning FROM pcs_axes WHERE position = 4 AND tbl LIKE '0%'"
    ):
        words = [
            w for w in re.findall(r"[a-z]+", str(meaning).lower()) if w not in {"right", "left", "bilateral"}
        ]
        stems = frozenset(content_stems(" ".join(words)))
        if stems and len(stems) <= pcs_substance_sites.MAX_WORDS:
            sites.setdefault(stems, set()).add(_site_of(str(table)[1], " ".join(words)))
    for (meaning,) in conn.execute("SELECT meaning FROM pcs_axes WHERE tbl = '3E0' AND position = 4"):
        sites[frozenset(content_stems(str(meaning)))] = {str(meaning)}
    plain = tuple((stems, next(iter(s))) for stems, s in sites.items() if len(s) == 1 and "" not in s)
    assert _values(conn, {}) == plain
    assert any(site == "Peripheral Nerves and Plexi" for _, site in plain)


def test_activity_lines_are_those_the_whole_book_gives(codebook: CodeBook) -> None:
    execute = codebook.db.conn.execute
    rows = execute(
        "SELECT id, parent, depth, term, code FROM index_nodes WHERE book = 'ext' ORDER BY id"
    ).fetchall()
    top = next(r[0] for r in rows if r[2] == 0 and r[3].lower().startswith("activity"))
    terms: dict[int, str] = {top: ""}
    whole: list[ActivityLine] = []
    for node, parent, _, term, code in rows:
        if parent in terms:
            terms[node] = f"{terms[parent]}, {term}".strip(", ")
            if code:
                whole.append(ActivityLine(terms[node], code))
    assert activity_lines(execute) == whole and len(whole) > 100


def test_the_searcher_asks_for_the_connections_reader_after_an_old_one_is_let_go(codebook: CodeBook) -> None:
    # a searcher that held its reader kept one the registry had dropped, beside the connection's new one
    searcher = searcher_for(codebook)
    searcher.wordnet()
    others = [sqlite3.connect(":memory:") for _ in range(READERS + 1)]
    for other in others:
        reader(other)
    assert searcher.wordnet() is reader(codebook.db.conn)
