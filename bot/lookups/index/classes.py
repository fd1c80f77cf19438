"""A "with" line that names a class the other condition belongs to: "COPD with pneumonia".

The Index's "Disease, pulmonary, chronic obstructive, with" lists "acute lower respiratory infection J44.0", not
pneumonia; J44.0's Tabular says "Code also to identify the infection". A coder knows pneumonia is a lower
respiratory infection; the Index says so itself: the class's main term (Infection) has a line reaching the other
condition's code and sends to it ("Infection, lung - see also Pneumonia J18.9"). So for a query linking X and Y whose best paths
code them apart, `class_line` finds the line under X's "with" whose class holds Y: its code comes first and Y's
code beside it (the pair the Tabular's note asks for).

A line of the class's own that the query names Y by ("Infection, urinary tract" for "UTI") is Y itself, not a
member reached through the class: it counts only when its words are the "with" line's own words.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import content_stems, stem

MAX_WITH_LINES = 40  # the lines under one "with" looked at
MAX_CLASS_LINES = 3000  # the lines of a class's main term looked at
SENDING_KEPT = 2000  # main terms whose sending lines are kept (_sending_lines)
_SENDING = "class sending lines"  # their key in the tree's memo


def _same_code(index_code: str, code: str) -> bool:
    """Whether an Index line's code (maybe with a dash, "J18.-") leads to this complete code."""
    printed = index_code.replace(".", "").rstrip("-")
    return bool(printed) and code.replace(".", "").startswith(printed)


def class_line(
    tree: IndexTree, path: Sequence[Node], other_code: str, other_stems: frozenset[str]
) -> tuple[Node, Node] | None:
    """(the "with" line under the path naming the class, the class's line reaching `other_code`), or None.
    `other_stems`: the words the query named the other condition by."""
    for node in reversed(path):
        if node.book != "cm":
            return None
        for link in tree.children(node.id):
            if not link.term.strip().lower().startswith("with"):
                continue
            for line in lines_below(tree, link, MAX_WITH_LINES):
                between = tree.path(line.id)[link.depth + 1 : -1]
                if any(n.code or n.is_link for n in between):
                    continue  # under another condition the query did not name ("with, bronchitis, with")
                member = _member(tree, line, other_code, other_stems)
                if member is not None:
                    return line, member
    return None


def _member(tree: IndexTree, line: Node, code: str, other_stems: frozenset[str]) -> Node | None:
    """The line of a main term named by a word of the "with" line ("infection") reaching the code."""
    said = content_stems(line.term)
    for _, main_id, _, _ in tree.matches([0], said):
        main = tree.node(main_id)
        if main is None or main.book != "cm":
            continue
        head = stem(main.term.split(",")[0].split("(")[0].strip())
        if head not in said or head in other_stems:
            continue  # (a class the query names the other condition by is no class it belongs to)
        # (the class's line sends to the condition's own main term: "see also Pneumonia")
        for member in _sending_lines(tree, main):
            if not _same_code(member.code, code):
                continue
            own = content_stems(member.term)
            if own <= said or not own & other_stems:
                return member
    return None


def _sending_lines(tree: IndexTree, main: Node) -> tuple[Node, ...]:
    """The lines with a code below a class's main term (the first MAX_CLASS_LINES) that send elsewhere ("see",
    "see also"), kept per main term: a query's "with" lines ask the same main terms (Disease, Infection) for
    each line, and the thousands of lines below them are read once, not once a line (bounded, SENDING_KEPT)."""
    kept = tree.memo.get(_SENDING)
    if not isinstance(kept, dict):
        kept = tree.memo[_SENDING] = {}
    found = kept.get(main.id)
    if found is None:
        found = tuple(n for n in lines_below(tree, main, MAX_CLASS_LINES) if n.see or n.see_also)
        if len(kept) >= SENDING_KEPT:
            kept.clear()
        kept[main.id] = found
    return found


def lines_below(tree: IndexTree, top: Node, most: int) -> list[Node]:
    """The lines with a code below a line (its subtree is the id range after it)."""
    rows = tree.conn.execute(
        "SELECT id FROM index_nodes WHERE id > ? AND id <= ? AND code != '' LIMIT ?",
        [top.id, top.last, most],
    ).fetchall()
    return tree.nodes([int(r[0]) for r in rows])
