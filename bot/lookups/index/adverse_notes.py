"""The code of a category the Tabular marks as a drug's adverse effect.

The Tabular List marks the codes of a condition caused by a drug with the note "Use additional code for
adverse effect, if applicable, to identify drug (T36-T50 with fifth or sixth character 5)": Ototoxic hearing
loss H91.0-, Hemorrhagic disorder due to extrinsic circulating anticoagulants D68.32, Drug-induced
hypotension I95.2, Hypothyroidism due to medicaments E03.2. A coder who finds a condition in its category
(Unspecified hearing loss H91.9-, Coagulation defect, unspecified D68.9) and reads that the query tells it
as the adverse effect of a drug taken correctly codes the category's marked code (guideline I.C.19.e.5.a:
the nature of the adverse effect first, then the drug's T code), whatever word the query used for the drug
link ("from", "due to", "after").

`noted_in_category` reads the marks from the notes table: a category whose one code below it carries the
note (the category itself not: "Migraine" G43 as a whole takes the note, so no code of it is the drug's).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from bot.lookups.index.tree import IndexTree

# A note's drug codes: "(T36-T50 with fifth or sixth character 5)" (any drug), "(T45.515, T45.525)",
# "(T39.0-, with sixth character 5)" (salicylates only: Reye's syndrome G93.7).
_ANY_DRUG = "T36-T50"
_CODE = re.compile(r"\bT\d{2}(?:\.[0-9A-Z]+)?")
_kept: dict[int, dict[str, tuple[str, ...]]] = {}


def adverse_noted(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """The undotted codes whose Tabular notes ask for the drug's adverse-effect code beside them (about a
    hundred), each with the T-code beginnings its note names (() when any drug, T36-T50), read once per
    connection."""
    found = _kept.get(id(conn))
    if found is None:
        rows = conn.execute(
            "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'use_additional' "
            "AND text LIKE '%adverse effect%' AND code NOT LIKE 'T%'"
        )
        found = {}
        for code, text in rows:
            named = () if _ANY_DRUG in text else tuple(c.replace(".", "") for c in _CODE.findall(text))
            found[str(code)] = named
        _kept[id(conn)] = found
    return found


def noted_in_category(conn: sqlite3.Connection, code: str, drug_code: str) -> str:
    """The one code (undotted, maybe a subcategory) of `code`'s category whose Tabular note marks it as a
    drug's adverse effect, for the drug whose adverse-effect code is `drug_code` (the note's codes hold it),
    or "" when the code is marked itself (or under a marked code), the category as a whole is marked, or
    it holds no such code or several."""
    plain = code.replace(".", "").rstrip("-")
    noted = adverse_noted(conn)
    if any(plain.startswith(n) for n in noted):
        return ""
    category = plain[:3]
    below = [n for n in noted if n.startswith(category) and len(n) > 3]
    if len(below) != 1:
        return ""
    named = noted[below[0]]
    drug = drug_code.replace(".", "")
    return below[0] if not named or any(drug.startswith(c) for c in named) else ""


# The drug-cause words of a marked code's title ("Drug-induced", "Ototoxic", "due to drugs and toxins").
_CAUSE_TAIL = re.compile(r"(?i)\s*\b(?:due to|secondary to|induced by|related to)\b.*$")
_CAUSE_WORD = re.compile(r"(?i)^(?:drugs?|drug-induced|induced|medicaments?|toxic|ototoxic|secondary)$")
_SIDE_TAIL = re.compile(r"(?i),\s*(?:unspecified|right|left|bilateral)\s+\w+.*$")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def names_drugs(conn: sqlite3.Connection, marked: str) -> bool:
    """Whether `marked`'s note names particular drugs' codes ("(T45.515, T45.525)"), not any drug (T36-T50)."""
    return bool(adverse_noted(conn).get(marked.replace(".", "")))


def stands_for(condition_title: str, marked_title: str, drug_named: bool = False) -> bool:
    """Whether a category's marked code (`marked_title`, "Ototoxic hearing loss, bilateral") is the drug-caused
    form of the condition the query's Index line found (`condition_title`, "Unspecified hearing loss,
    bilateral"): the condition's code is the category's unspecified one (its side said apart), the marked
    title names the drug cause ("drug-induced", "toxic", "due to drugs"), and said without that cause it names
    no word the condition's title does not. The note marks a code as a drug's effect (guideline I.C.19.e.5.a
    codes the nature of the adverse effect first), not every condition of its category: Bradycardia R00.1 is
    not a drug-caused Tachycardia R00.0, Drug rash with eosinophilia D72.12 not a drug-caused Basophilia
    D72.824, Secondary sideroblastic anemia D64.2 not a drug-caused Anemia D64.9. A note naming the drug's own
    codes (`drug_named`: D68.32's "(T45.515, T45.525)", the anticoagulants) makes its code that drug's
    condition of the category whatever its words ("Coagulation defect, unspecified" D68.9 -> D68.32)."""
    condition = _SIDE_TAIL.sub("", condition_title).lower()
    marked = _SIDE_TAIL.sub("", marked_title).lower()
    if not re.search(r"\bunspecified\b", condition):
        return False
    if drug_named:
        return True
    bare = _CAUSE_TAIL.sub("", marked)
    words = [w for w in _WORD.findall(bare) if not _CAUSE_WORD.match(w)]
    if bare == marked and len(words) == len(_WORD.findall(bare)):
        return False  # (the title names no drug cause: "Bradycardia, unspecified")
    said = set(_WORD.findall(condition))
    return bool(words) and all(w in said or w in ("and", "of", "or") for w in words)


_LINK_LINE = re.compile(r"(?i)^(?:due to|with|in|of|by|from|secondary to|caused by|following|NEC|NOS)$")
_DRUG_LINE = re.compile(r"(?i)\b(?:drugs?|medicaments?|medicinal|induced|medication)\b")


def skips_a_condition(path: str, said: frozenset[str], stems_of: Callable[[str], frozenset[str]]) -> bool:
    """Whether an Index path to a drug-cause line ("Anemia, aplastic, drug-induced") walks through a subterm
    no word of which the query said (`said`: the stems the query and its readings give): "Syndrome,
    Cushing's, due to, drugs" E24.2 is the drug-induced Cushing's syndrome, no reading of "serotonin syndrome
    from trazodone"; the subterms between a main term and its drug line each name what the adverse effect
    is, and its nature is coded first (guideline I.C.19.e.5.a) only as said."""
    lines = [t.strip() for t in path.removeprefix("Index: ").split(" -> ")[0].split(",")]
    for line in lines[1:]:
        if not line or _LINK_LINE.match(line) or _DRUG_LINE.search(line):
            continue
        stems = stems_of(line)
        if stems and not stems & said:
            return True
    return False


_DRUG_CHILD = re.compile(r"(?i)^(?:drug[- ]induced|due\s+to\s+drugs?|drugs?|medicaments?)(?:\s+nec)?$")
_LINES_TO = ("drug-cause lines by code",)  # the tree's memo key (a table read whole: kept)


def drug_lines_to(tree: IndexTree, code: str) -> tuple[str, ...]:
    """The words of the Index lines above each drug-cause line coded `code` (dotted, as printed): "Disorder,
    adrenogenital" for "Disorder, adrenogenital, drug-induced E25.8" - what the Index itself calls the
    condition a drug caused that the code stands for. Read once per tree (a few hundred lines)."""
    found = tree.memo.get(_LINES_TO)
    if not isinstance(found, dict):
        built: dict[str, list[str]] = {}
        rows = tree.conn.execute(
            "SELECT id, code, term FROM index_nodes WHERE book = 'cm' AND code != '' "
            "AND (term LIKE '%drug%' OR term LIKE '%medicament%')"
        ).fetchall()
        for node_id, line_code, term in rows:
            if _DRUG_CHILD.match(" ".join(str(term).split())):
                above = [n.term for n in tree.path(int(node_id))[:-1] if not _LINK_LINE.match(n.term.strip())]
                built.setdefault(str(line_code), []).append(", ".join(above))
        found = {c: tuple(paths) for c, paths in built.items()}
        tree.memo[_LINES_TO] = found
    lines = found.get(code, ())
    assert isinstance(lines, tuple)
    return lines
