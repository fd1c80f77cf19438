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

Before the Drug Table, the Tabular's own word: a Z79 code whose inclusion term names the drug ("Long term
(current) use of methotrexate" under Z79.631, "... leuprolide acetate (leuprorelin) (Lupron)" under Z79.818)
is the drug's class, whatever the Table codes it as (methotrexate's T45.1X- title, "antineoplastic and
immunosuppressive drugs", would say the immunosuppressant lines). Its line is the Long-term line of that code
sharing most words with the code's title ("antimetabolite agent" for Z79.631).

A drug neither names is read by its name's stem (bot.lookups.index.drug_stems: "alendronate" ->
bisphosphonates, Z79.83).
"""

from __future__ import annotations

import re

from bot.lookups.index.drug_stems import stem_class
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


_INCLUSION_LEAD = re.compile(r"^long term \(current\) use of\s+", re.IGNORECASE)


def _included_drugs(tree: IndexTree) -> dict[str, str]:
    """Each one-word drug a Z79 inclusion term names, its own name or a name in parentheses ("methotrexate",
    "leuprorelin", "lupron"), and the code it is included under."""
    key = ("long-term-inclusions",)
    found = tree.memo.get(key)
    if isinstance(found, dict):
        return found
    drugs: dict[str, str] = {}
    rows = tree.conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND code LIKE 'Z79%' AND kind = 'inclusion'"
    ).fetchall()
    for code, text in rows:
        said = _INCLUSION_LEAD.sub("", str(text)).lower()
        if said == str(text).lower():
            continue
        names = [said.split(" (")[0], *re.findall(r"\(([^()]+)\)", said)]
        for name in names:
            if re.fullmatch(r"[a-z][a-z-]{3,}", name) and not name.endswith("s"):  # a class is plural
                drugs.setdefault(name, str(code))
    tree.memo[key] = drugs
    return drugs


def _included_line(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The words of the Long-term line of the Z79 code whose inclusion term names the drug, or ()."""
    code = _included_drugs(tree).get(word, "")
    if not code:
        return ()
    row = tree.conn.execute("SELECT title FROM codes WHERE system = 'cm' AND code = ?", [code]).fetchone()
    title = _class_stems(str(row[0])) if row else frozenset()
    dotted = f"{code[:3]}.{code[3:]}"
    lines = [(stems, words) for stems, line_code, words in _lines(tree) if line_code == dotted]
    if not lines or any(word in words for _, words in lines):
        return ()  # (the Index's own line names the drug: "Long-term drug therapy, mycophenolate")
    return max(lines, key=lambda line: (len(line[0] & title), -len(line[1])))[1]


def long_term_line(tree: IndexTree, word: str) -> tuple[str, ...]:
    """The words of the one Long-term drug therapy line whose class the Tabular title of the drug's Drug Table
    code names, or () when none does or the title names more than one code's line."""
    key = ("long-term-line", word)
    found = tree.memo.get(key)
    if isinstance(found, tuple):
        return found
    found = _included_line(tree, word)
    node = (
        _drug_node(tree, word) if not found and len(word) >= 4 and word.replace("-", "").isalpha() else None
    )
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
    if not found and node is None:
        by_stem = stem_class(word)
        wanted = _class_stems(" ".join(by_stem)) if by_stem else frozenset()
        found = next((words for stems, _, words in _lines(tree) if wanted and stems == wanted), ())
    tree.memo[key] = found
    return found
