"""Fill the index tables of a new code database from the shipped index data (bot/lookups/data/index_*).

Every node of every book gets one global id (the book's number times a million plus its id in the book),
so a cross-reference from the Alphabetic Index into the Neoplasm Table is just another node id. Each node's
stems go into `index_words` keyed by its parent, which is how the matcher walks down: "the children of this
node that hold one of these words".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from functools import lru_cache

import sqlite_utils

from bot.lookups.index.words import content_stems, is_link, stems
from bot.lookups.schema import INDEX_TABLE_INDEXES, insert_rows, shipped_tsv

BOOKS = ("cm", "ext", "drug", "neoplasm", "pcs")
BOOK_NAMES = {
    "cm": "Index",
    "ext": "External Cause Index",
    "drug": "Drug Table",
    "neoplasm": "Neoplasm Table",
    "pcs": "PCS Index",
}
TABLE_COLUMNS = {
    "drug": (
        "poisoning_accidental",
        "poisoning_intentional_self_harm",
        "poisoning_assault",
        "poisoning_undetermined",
        "adverse_effect",
        "underdosing",
    ),
    "neoplasm": (
        "malignant_primary",
        "malignant_secondary",
        "ca_in_situ",
        "benign",
        "uncertain_behavior",
        "unspecified_behavior",
    ),
}
INDEX_FILES = (*(f"index_{book}.tsv.gz" for book in BOOKS), "index_refs.tsv.gz", "pcs_axes.tsv.gz")
LINK = "~link"  # the word under which a pure link subterm ("with", "due to") is filed
SPAN = 1_000_000


def global_id(book: str, local: int) -> int:
    return 0 if local == 0 else (BOOKS.index(book) + 1) * SPAN + local


def book_of(node: int) -> str:
    return BOOKS[node // SPAN - 1]


def pcs_use_lines(conn: sqlite3.Connection, word: str) -> Iterator[tuple[str, str]]:
    """The PCS Index main terms holding a word that carry "use" lines (the Device and Body Part Keys), each
    with the value it gives as the key prints it, with the body system or table it is used in ("Endotracheal
    tube" -> "Intraluminal Device, Endotracheal Airway in Respiratory System")."""
    low = (BOOKS.index("pcs") + 1) * SPAN  # the PCS Index's node ids (global_id)
    for term, reference in conn.execute(
        "SELECT n.term, r.reference FROM index_words w JOIN index_nodes n ON n.id = w.node "
        "JOIN index_refs r ON r.node = w.node AND r.kind = 'use' "
        "WHERE w.word = ? AND w.parent = 0 AND w.node > ? AND w.node < ?",
        [word, low, low + SPAN],
    ):
        yield str(term), str(reference).split("=")[0]


def pcs_use_values(conn: sqlite3.Connection, word: str) -> Iterator[tuple[str, str]]:
    """`pcs_use_lines` without the table or body system a value is used in ("Achilles tendon" -> "Lower Leg
    Tendon, Right")."""
    for term, value in pcs_use_lines(conn, word):
        yield term, value.rsplit(" in ", 1)[0] if " in " in value else value


def load_index_tables(db: sqlite_utils.Database, with_references: bool = True) -> None:
    for book in BOOKS:
        insert_rows(db, "index_nodes", _nodes(book))
    conn = db.conn
    conn.executemany(
        "INSERT INTO index_words (word, parent, node, essential) VALUES (?, ?, ?, ?)",
        _words(conn.execute("SELECT id, parent, term, modifiers FROM index_nodes")),
    )
    if with_references:  # resolved at build time (scripts/build_index_data.py)
        insert_rows(
            db,
            "index_refs",
            (
                {
                    "node": int(r["node"]),
                    "kind": r["kind"],
                    "seq": int(r["seq"]),
                    "reference": r["reference"],
                    "target": int(r["target"]),
                    "book": r["book"],
                    "col": r["column"],
                    "open": r["open"],
                    "code": r["code"],
                    "qualifier": r["qualifier"],
                    "unresolved": r["unresolved"],
                }
                for r in shipped_tsv("index_refs.tsv.gz")
            ),
        )
    _indexes(conn)
    conn.execute(
        "INSERT INTO index_word_counts (word, count) SELECT word, count(*) FROM index_words GROUP BY word"
    )
    insert_rows(
        db,
        "pcs_axes",
        (
            {"tbl": r["table"], "position": int(r["position"]), "char": r["char"], "meaning": r["meaning"]}
            for r in shipped_tsv("pcs_axes.tsv.gz")
        ),
    )


def _nodes(book: str) -> Iterator[dict[str, object]]:
    """The book's rows with their depth and `last`, the id of their last descendant (ids are in reading
    order, so a node's subtree is the id range node..last)."""
    depth: dict[int, int] = {0: -1}
    columns = TABLE_COLUMNS.get(book, ())
    rows: list[dict[str, object]] = []
    open_nodes: list[dict[str, object]] = []
    for r in shipped_tsv(f"index_{book}.tsv.gz"):
        local, parent = int(r["id"]), int(r["parent"])
        depth[local] = depth[parent] + 1
        node: dict[str, object] = {
            "id": global_id(book, local),
            "book": book,
            "parent": global_id(book, parent),
            "depth": depth[local],
            "last": global_id(book, local),
            "term": r["term"],
            "modifiers": r.get("modifiers", ""),
            "code": r["code"],
            "see": r["see"],
            "see_also": r.get("see_also") or r.get("use", ""),
            "cells": "|".join(r[c] for c in columns),
        }
        while open_nodes and int(open_nodes[-1]["depth"]) >= depth[local]:  # type: ignore[call-overload]
            open_nodes.pop()
        for ancestor in open_nodes:
            ancestor["last"] = node["id"]
        open_nodes.append(node)
        rows.append(node)
    yield from rows


def _indexes(conn: sqlite3.Connection) -> None:
    for statement in INDEX_TABLE_INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)


def _words(rows: Iterator[tuple[int, int, str, str]]) -> Iterator[tuple[str, int, int, int]]:
    for node, parent, term, modifiers in rows:
        for word, essential in _term_words(term, modifiers):
            yield word, parent, node, essential


@lru_cache(maxsize=32_768)  # (the data build reads ~120,000 lines: unbounded, kept them all for good)
def _term_words(term: str, modifiers: str) -> tuple[tuple[str, int], ...]:
    if is_link(term):
        return ((LINK, 1),)
    essential = content_stems(term) or frozenset(stems(term))
    optional = content_stems(modifiers) - essential
    return (*((w, 1) for w in sorted(essential)), *((w, 0) for w in sorted(optional)))
