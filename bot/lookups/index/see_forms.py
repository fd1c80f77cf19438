"""A word the Index sends to another form of itself, read as that form inside any path.

"Embolus - see Embolism", "Thrombus - see Thrombosis", "Aspergillus - see Aspergillosis": a main term with no
code and no line of its own whose one reference is another word of the same root. The Index prints the
subterms under the form it sends to ("Infarct, cerebral, due to, embolism"), so a query saying the other form
("stroke from embolus to left MCA") is read as saying that one wherever a path names it - the way a coder who
looked the word up and followed the reference reads the rest of the chart line. Only references sharing the
word's first letters (its root) are read so: "Ache - see Pain" is another word, not another form.
"""

from __future__ import annotations

import sqlite3

SAME_ROOT = 5  # letters a word and the form it is sent to share
_KEY = "see_forms"
_SQL = (
    "SELECT n.term, n.see FROM index_nodes n WHERE n.book = 'cm' AND n.depth = 0 AND n.code = '' "
    "AND n.see != '' AND n.see NOT LIKE '%,%' AND n.see NOT LIKE '% %' AND n.term NOT LIKE '% %' "
    "AND n.term NOT LIKE '%,%' AND NOT EXISTS (SELECT 1 FROM index_nodes c WHERE c.parent = n.id)"
)


def see_forms(conn: sqlite3.Connection, memo: dict[object, object]) -> dict[str, str]:
    """Each such main term (lower case) and the form it sends to, read once per database."""
    kept = memo.get(_KEY)
    if isinstance(kept, dict):
        return kept
    forms = {
        term.lower(): see.lower()
        for term, see in conn.execute(_SQL).fetchall()
        if term[:SAME_ROOT].lower() == see[:SAME_ROOT].lower() and term.lower() != see.lower()
    }
    memo[_KEY] = forms
    return forms
