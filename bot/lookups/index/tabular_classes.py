"""A "with" line that names the Tabular class the other condition is coded in: "T2DM with periodontitis".

Guideline I.A.15: a condition listed under "with" in the Index is presumed linked to the main term's. The
Index lists classes, not every member: "Diabetes, with, periodontal disease" (E11.630), "..., mononeuropathy"
(E11.41), "Disease, pulmonary, chronic obstructive, with, acute lower respiratory infection" (J44.0). A coder
knows periodontitis is a periodontal disease because the Tabular files it there: K05.3- Chronic periodontitis
stands in category K05 "Gingivitis and periodontal diseases"; carpal tunnel syndrome (G56.0-) in G56
"Mononeuropathies of upper limb"; acute bronchitis (J20.9) in block J20-J22 "Other acute lower respiratory
infections". So a "with" line whose words are all words of a title the other condition's code stands under
(its subcategory, category, block, chapter) names its class: the nearest such title wins.

A title joining two classes ("Gingivitis and periodontal diseases") gives the member the class its own title
shares words with (chronic gingivitis is gingivitis, not a periodontal disease).

A body system's catch-all line ("Diabetes, with, ophthalmic complication NEC" E11.39) names a chapter by its
adjective (ophthalmic: "Diseases of the eye and adnexa"). It holds a condition the Index does not list only
when the chart says one caused the other (I.A.15: "with" presumes the link for listed conditions only), so
it is read only when the query states the cause (`stated`: "glaucoma due to diabetes", "secondary to"), not
for "with" or "and" ("type 2 diabetes with migraine" is two codes). The circulatory system's catch-all is
not read: hypertension or coronary disease told beside diabetes is coded apart unless the provider links
them, and its chapter holds too much.

A condition in pregnancy ("hypothyroidism in pregnancy, 2nd trimester", "asthma complicating pregnancy") is
presumed to complicate it (guideline I.C.15.a.1): "Pregnancy, complicated by" lists body systems, not every
condition ("endocrine diseases NEC O99.28-", "respiratory condition O99.51-", "nervous system condition
O99.35-"), and the condition's own code goes beside the chapter 15 code (`pregnancy_line`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from bot.lookups.index.classes import lines_below
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import content_stems, stem

MAX_WITH_LINES = 300  # the lines under one "with" looked at
MAX_LINKED_LINES = 1000  # the lines under "Pregnancy, complicated by" looked at
MAX_LEVELS = 6  # the Tabular titles above a code read (subcategories, category, block, chapter)
# Words naming no class of their own ("other disease", "complication").
GENERIC = frozenset(
    stem(w)
    for w in [
        "disease",
        "diseases",
        "disorder",
        "condition",
        "other",
        "specified",
        "unspecified",
        "complication",
    ]
)
GENERIC |= frozenset({"complicat", "diseas", "disord"})
# A body system's catch-all line, by its adjective, and the chapter word it names.
SYSTEM_WORDS = {
    stem("ophthalmic"): "eye",
    stem("neurologic"): "nervous",
    stem("neurological"): "nervous",
    stem("skin"): "skin",
    stem("oral"): "oral",
    stem("kidney"): "kidney",
    stem("renal"): "kidney",
}
_CATCH_ALL = re.compile(r"(?i)\bNEC\b")
_CAUSE = re.compile(
    r"(?<![a-z0-9])(?:due\s+to|secondary\s+to|sec\s+to|d/t|2/2|caused\s+by|because\s+of|from|result(?:s|ing)?\s+of)"
    r"(?![a-z0-9])"
)
_TITLES = "tabular class titles"  # their key in the tree's memo
TITLES_KEPT = 4000


def states_link(text: str) -> bool:
    """Whether a query says one condition caused the other ("due to", "secondary to", "from"), not only that
    they are present together ("with", "and")."""
    return bool(_CAUSE.search(text.lower()))


def tabular_class_line(
    tree: IndexTree,
    path: Sequence[Node],
    other_code: str,
    stated: bool,
    link: str = "with",
    said: frozenset[str] = frozenset(),
) -> tuple[Node, str] | None:
    """(the "with" line under the path that names the Tabular class of `other_code`, that class's title), or
    None. `stated`: the query states the cause, so a body system's catch-all line may be read; `link`: the
    connective line the class lines stand under ("with"; "complicated by", whose system lines are presumed);
    `said`: the query's stems - a line of its own the query names ("smoking in pregnancy": "Pregnancy,
    complicated by, smoking") is the Index's answer, given with no class title, and no class line is looked
    for."""
    levels = _class_titles(tree.conn, tree.memo, other_code)
    if not levels:
        return None
    best: tuple[tuple[int, int], Node, str] | None = None
    connective, presumed = link, link != "with"
    broadest = frozenset(s for stems, _ in levels for s in stems)  # every class the code stands in
    for node in reversed(path):
        if node.book != "cm":
            return None
        for under in tree.children(node.id):
            if under.term.strip().lower() != connective:
                continue
            for line in lines_below(tree, under, MAX_LINKED_LINES if presumed else MAX_WITH_LINES):
                lines = tree.path(line.id)[under.depth + 1 :]
                # A line under another coded line is under another condition the query did not name ("with,
                # coma due to, ...") - unless that line is itself a class the code stands in ("Pregnancy,
                # complicated by, infection, protozoal disease" for malaria, a protozoal disease in the
                # chapter of infectious diseases): then the path names the code's classes, broadest first.
                above = lines[:-1]
                nested = any(n.code or n.is_link for n in above)
                if nested and not all(
                    not n.is_link and _in_class(content_stems(n.term) - GENERIC, broadest) for n in above
                ):
                    continue
                own = content_stems(line.term) - GENERIC
                if said and own and own <= said and line.depth == under.depth + 1:
                    # (no class title: the query's own words name the line; a line below it may name the
                    # class more closely - "diabetes" for a type 2: "pre-existing, type 2")
                    for stems, _ in levels:
                        closer = _closer_line(tree, line, stems)
                        if closer is not line:
                            return closer, ""
                    return line, ""
                catch_all = bool(_CATCH_ALL.search(line.term))
                ranges = noted_ranges(line.modifiers)
                if ranges:
                    # "viral diseases (conditions in A80-B09, B25-B34)": the line's own note says which codes
                    # it holds - the class, whatever the block's title words (varicella's block is of "skin"
                    # lesions; its code stands in A80-B09)
                    if not in_ranges(other_code, ranges):
                        continue
                    key = (-1, 0)
                    if best is None or key < best[0]:
                        best = (key, line, _class_title(levels))
                    continue
                naming = frozenset(s for n in lines for s in content_stems(n.term)) - GENERIC
                if catch_all and not presumed:
                    if not stated or not naming or not naming <= SYSTEM_WORDS.keys():
                        continue
                    naming = frozenset(SYSTEM_WORDS[s] for s in naming)
                if not naming:
                    continue
                for rank, (stems, title) in enumerate(levels):
                    if (
                        naming <= stems
                        or (
                            # (nested: the line's own words name this class, the lines above it this one or a
                            # broader one)
                            nested
                            and rank < len(levels) - 1  # (a chapter is too broad a class to name a line by)
                            and _in_class(content_stems(line.term) - GENERIC, stems)
                            and _in_class(naming, frozenset(s for held, _ in levels[rank:] for s in held))
                        )
                    ):
                        key = (int(catch_all), rank)
                        if best is None or key < best[0]:
                            best = (key, _closer_line(tree, line, stems), title)
                        break
        if best is not None:
            return best[1], best[2]
    return None


_RANGE = re.compile(r"\b([A-Z]\d{2})(?:\.\w+)?(?:\s*-\s*([A-Z]\d{2})(?:\.\w+)?)?")
_RANGE_NOTE = re.compile(r"\((?:any\s+)?conditions?\s+(?:in|is)\s+(?:categories\s+)?([^)]*)\)", re.IGNORECASE)


def noted_ranges(modifiers: str) -> tuple[tuple[str, str], ...]:
    """The categories an Index line's note says it holds ("(conditions in A80-B09, B25-B34)" -> (A80, B09),
    (B25, B34)); none when the line has no such note."""
    note = _RANGE_NOTE.search(modifiers or "")
    if note is None:
        return ()
    return tuple((lo, hi or lo) for lo, hi in _RANGE.findall(note.group(1)))


def in_ranges(code: str, ranges: Sequence[tuple[str, str]]) -> bool:
    category = code.replace(".", "").upper()[:3]
    return any(lo <= category <= hi for lo, hi in ranges)


CLASS_ROOT = 5  # the least shared beginning of a line's stem and a class title's ("infect", "infectious")


def _in_class(naming: frozenset[str], stems: frozenset[str]) -> bool:
    """Whether every stem a line names is a word of the class titles' stems, or shares its beginning with
    one in another form ("infection" and "Certain infectious and parasitic diseases")."""
    return bool(naming) and all(
        n in stems
        or any(
            len(n) >= CLASS_ROOT and len(s) >= CLASS_ROOT and (s.startswith(n) or n.startswith(s))
            for s in stems
        )
        for n in naming
    )


def _class_title(levels: Sequence[tuple[frozenset[str], str]]) -> str:
    return levels[-1][1] if levels else ""


MAX_CLOSER_LINES = 40  # the lines below a class line looked at for one naming the class more closely


def _closer_line(tree: IndexTree, line: Node, class_stems: frozenset[str]) -> Node:
    """The line below a class line that names what the class title says beyond it ("Pregnancy, complicated
    by, diabetes" O24.91- for a Type 1 diabetes mellitus: its "pre-existing, type 1" O24.01-), or the line."""
    said = content_stems(f"{line.term} {line.modifiers}")
    beyond = class_stems - said - GENERIC
    if not beyond:
        return line
    for below in lines_below(tree, line, MAX_CLOSER_LINES):
        path = tree.path(below.id)[line.depth + 1 :]
        if beyond <= frozenset(s for n in path for s in content_stems(f"{n.term} {n.modifiers}")):
            return below
    return line


PREGNANCY = "Pregnancy, complicated by"
# The words that tell the pregnancy and its stage, not the condition complicating it.
_PREGNANCY_WORDS = re.compile(
    r"(?i)\b(?:in|during|complicating|complicated\s+by|of|with|at|on|while|whilst|when|and|but|currently|"
    r"pregnan(?:t|cy)|gravid|g\d+p?\d*|"
    r"(?:first|second|third|1st|2nd|3rd)\s+(?:trimester|tri)|trimester|tri|\d{1,2}\s*(?:weeks?|wks?|w)|"
    r"pre-?existing|preexisting|iup|weeks?|gestation|diagnosed|noted|found)\b"
)
# ("trimester" and "gestation" tell a pregnancy as "pregnant" does: "PE diagnosed at 22 weeks gestation")
PREGNANCY_CUE = re.compile(r"(?i)\b(?:pregnan|complicating\b|gravid|trimesters?\b|gestation\b)")


def pregnancy_condition(text: str) -> str:
    """The words of a pregnancy query that name the condition complicating it ("hypothyroid in pregnancy
    2nd trimester" -> "hypothyroid")."""
    return " ".join(_PREGNANCY_WORDS.sub(" ", text).replace(",", " ").split())


def pregnancy_line(
    tree: IndexTree, condition_code: str, said: frozenset[str] = frozenset()
) -> tuple[Node, str] | None:
    """The "Pregnancy, complicated by" line naming the Tabular class (chapter or block) a condition's code
    stands in, and that class's title; None for a chapter 15 or status code."""
    if condition_code[:1] in {"O", "Z", "R"}:
        return None
    host = tree.resolve(PREGNANCY, "cm").node
    if not host:
        return None
    node = tree.node(host)
    if node is None or node.parent == 0:
        return None
    parent = tree.node(node.parent)
    return tabular_class_line(tree, [parent] if parent else [], condition_code, True, "complicated by", said)


def _class_titles(
    conn: sqlite3.Connection, memo: dict[object, object], code: str
) -> tuple[tuple[frozenset[str], str], ...]:
    """The stems and titles above a code in the Tabular, nearest first, kept per code."""
    kept = memo.get(_TITLES)
    if not isinstance(kept, dict):
        kept = memo[_TITLES] = {}
    found = kept.get(code)
    if found is None:
        found = _read_titles(conn, code.replace(".", ""))
        if len(kept) >= TITLES_KEPT:
            kept.clear()
        kept[code] = found
    return found


def _read_titles(conn: sqlite3.Connection, code: str) -> tuple[tuple[frozenset[str], str], ...]:
    titles: list[str] = []
    row = conn.execute("SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [code]).fetchone()
    if row is None:
        return ()
    own = content_stems(row[0]) - GENERIC
    parent = row[1]
    while parent and len(titles) < MAX_LEVELS:
        row = conn.execute(
            "SELECT title, parent FROM codes WHERE system = 'cm' AND code = ?", [parent]
        ).fetchone()
        if row is None:
            break
        titles.append(re.sub(r"\s*\([A-Z][0-9][0-9A-Z.]*-[A-Z][0-9][0-9A-Z.]*\)\s*$", "", row[0]))
        parent = row[1]
    out: list[tuple[frozenset[str], str]] = []
    nearer = set(own)
    for title in titles:
        out.append((_class_of(title, frozenset(nearer)), title))
        nearer |= content_stems(title) - GENERIC
    return tuple(out)


def _class_of(title: str, nearer: frozenset[str]) -> frozenset[str]:
    """The stems of the class a title gives a member: of the part its nearer titles share words with when
    the title joins classes by "and" ("Gingivitis and periodontal diseases" for chronic gingivitis)."""
    parts = [p for p in re.split(r"\s+and\s+|,\s*", title) if p.strip()]
    if len(parts) > 1:
        shared = [p for p in parts if (content_stems(p) - GENERIC) & nearer]
        if shared:
            return frozenset(s for p in shared for s in content_stems(p))
    return content_stems(title)
