"""The PCS Index's one-word procedure main terms with the body parts of the tables they lead to: the ground
truth of the generated checks that a procedure word is read as the right body part (test_pcs_roots,
test_pcs_form_nouns)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from bot.lookups.index.vocabulary import PROCEDURE_SUFFIX
from bot.lookups.index.words import content_stems


def procedure_words_and_parts(conn: sqlite3.Connection) -> Iterator[tuple[str, list[frozenset[str]]]]:
    """Each one-word PCS Index main term that is a procedure word (lower case) and the stems of every body
    part value of the tables (or table rows) its references lead to; terms leading to no body part are left
    out."""
    terms = conn.execute(
        "SELECT n.term, group_concat(r.code, ' ') FROM index_nodes n JOIN index_refs r ON r.node = n.id "
        "WHERE n.book = 'pcs' AND n.depth = 0 AND n.term NOT LIKE '% %' AND r.code LIKE '0%' GROUP BY n.id"
    ).fetchall()
    for term, codes in terms:
        word = str(term).lower()
        if not PROCEDURE_SUFFIX.search(word):
            continue
        parts: list[frozenset[str]] = []
        for code in str(codes).split():
            sql = "SELECT meaning FROM pcs_axes WHERE tbl = ? AND position = 4"
            args = [code[:3]] + ([code[3]] if len(code) > 3 else [])
            sql += " AND char = ?" if len(code) > 3 else ""
            parts += [content_stems(str(m)) for (m,) in conn.execute(sql, args)]
        if parts:
            yield word, parts
