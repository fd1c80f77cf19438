"""A drug taken long term -> the Long-term (current) drug therapy line of its class, as the Tabular names it.

A coder who reads "on plavix long term" or "takes ibuprofen daily" turns to the Index's main term Long-term
(current) (prophylactic) drug therapy (use of) and picks the line of the drug's class (guideline I.C.21.c.3).
The class is what the Table of Drugs and Chemicals codes the drug as, and the Tabular title of that code says
it in words: clopidogrel is coded as the antithrombotic drugs (T45.52-, "... underdosing of antithrombotic
drugs") -> "antithrombotics" (Z79.02); ibuprofen as the other nonsteroidal anti-inflammatory drugs (T39.3-)
-> "anti-inflammatory, non-steroidal" (Z79.1); apixaban, which the Table lacks, through the class the
vocabulary reads it as (Anticoagulant, T45.51-) -> "anticoagulants" (Z79.01). The deepest level of the code
whose title holds every word of some line decides; a title that names lines of two codes ("insulin and oral
hypoglycemic [antidiabetic] drugs") decides nothing, and the Index's own lines (a drug named on a line) stay.
"""

from __future__ import annotations

import re

from bot.lookups.index.reasons import LONG_TERM_MAIN, _drug_node
from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import content_stems

# Words of a Long-term line that say no class ("drug, specified NEC", "agent"): not asked of a title.
_NO_CLASS = frozenset({"drug", "agent", "unspecifi", "therapy", "use", "current"})
_DRUG_CODE = re.compile(r"^T(?:3[6-9]|4[0-9]|50)")


def _class_stems(text: str) -> frozenset[str]:
    """The stems of a class's words, hyphens closed up ("non-steroidal" / "nonsteroidal" meet)."""
    return content_stems(text.lower().replace("-", "")) - _NO_CLASS


def _lines(tree: IndexTree) -> tuple[tuple[frozenset[str], str, tuple[str, ...]], ...]:
    """Each coded line under Long-term drug therapy: its class stems, its code and its words as the Index
    writes them (a subterm's words after its parent's: "steroids, systemic")."""
    key = ("long-term-lines",)
    found = tree.memo.get(key)
    if isinstance(found, tuple):
        return found
    rows = tree.conn.execute(
        "SELECT n.id, n.term, n.code FROM index_nodes n JOIN index_nodes m ON n.parent = m.id "
        "WHERE m.book = 'cm' AND m.depth = 0 AND m.term = ?",
        [LONG_TERM_MAIN],
    ).fetchall()
    lines: list[tuple[frozenset[str], str, tuple[str, ...]]] = []
    for node_id, term, code in rows:
        said = [str(term)]
        subs = tree.conn.execute("SELECT term, code FROM index_nodes WHERE parent = ?", [node_id]).fetchall()
        told = [(said, str(code or ""))] + [([*said, str(t)], str(c or "")) for t, c in subs]
        for words, line_code in told:
            stems = _class_stems(" ".join(words))
            if line_code and stems:
                text = " ".join(words).replace(",", " ").lower()
                lines.append((stems, line_code, tuple(text.split())))
    found = tuple(lines)
    tree.memo[key] = found
    return found


def long_term_line(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The words of the one Long-term drug therapy line whose class the Tabular title of the drug's Drug Table
    code names, or () when none does or the title names more than one code's line."""
    key = ("long-term-line", word)
    found = tree.memo.get(key)
    if isinstance(found, tuple):
        return found
    found = ()
    node = _drug_node(tree, word) if len(word) >= 4 and word.replace("-", "").isalpha() else None
    code = next((c for c in node.cells if c), "") if node is not None else ""
    code = code.replace(".", "").rstrip("-").upper()
    if _DRUG_CODE.match(code):
        lines = _lines(tree)
        for size in range(
            len(code) - 1, 2, -1
        ):  # "T45521": T4552, T455, T45 (the 6th character is the intent)
            row = tree.conn.execute(
                "SELECT title FROM codes WHERE system = 'cm' AND code = ?", [code[:size]]
            ).fetchone()
            if row is None:
                continue
            title = _class_stems(str(row[0]))
            named = [(line_code, words) for stems, line_code, words in lines if stems <= title]
            if named:
                if len({c for c, _ in named}) == 1:
                    found = min((w for _, w in named), key=len)
                break
    tree.memo[key] = found
    return found
