"""A late effect of a condition that is not an injury -> the Index's "Sequelae (of)" line, the residual first.

Guideline I.B.10: a sequela is the residual effect left once the acute phase of a condition is over; "late
effect", "sequela", "old" and "years after" say it. Coding it takes two codes, "the condition or nature of the
sequela sequenced first, the sequela code sequenced second" (the residual told alone is the sequela code's
own answer when no residual is named). The Index files the sequela codes of conditions under "Sequelae (of)":
"encephalitis or encephalomyelitis (conditions in G04)" G09, "poliomyelitis (acute)" B91, "meningitis,
other or unspecified cause (conditions in G03)" G09, "hepatitis, viral" B94.2, "tuberculosis" B90.9,
"rickets" E64.3. The search reads "sequela" as an injury's 7th character and leaves the main term unread;
this reads the line an injury would never reach: the past condition's own code is looked up, and the
Sequelae line whose "(conditions in ...)" note holds that code, or whose words the condition says, answers.
An injury's sequela (7th character S) is the Tabular's, read elsewhere.

`read_sequela` splits the words into the past condition and the residual; `sequela_line` finds the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import content_stems

CUE = re.compile(r"\b(?:sequela|sequelae|late\s+effects?)\b")
_LATE = r"(?:late\s+effects?|sequela|sequelae)"
_PAST_WORDS = r"(?:(?:an?|the|his|her|my|their|old|prior|previous|past|remote|childhood)\s+)*"
_AGO = r"(?:\s+(?:(?:\d+|many|several|a\s+few)\s+)?(?:years?|yrs?)\s+ago|\s+as\s+an?\s+(?:child|kid|baby|infant))?"
# "seizures as a late effect of old encephalitis", "hemiparesis, sequela of meningitis".
_RESIDUAL_FIRST = re.compile(
    rf"^(?P<residual>[^,]+?)\s*,?\s+(?:as\s+(?:an?|the)\s+|is\s+an?\s+|(?:a|the)\s+)?{_LATE}\s+(?:of|from)\s+"
    rf"{_PAST_WORDS}(?P<past>[^,]+?){_AGO}$"
)
# "late effects of polio, leg weakness", "sequela of encephalitis".
_LATE_FIRST = re.compile(
    rf"^{_LATE}\s+(?:of\s+)?{_PAST_WORDS}(?P<past>[^,]+?){_AGO}(?:\s*,\s*(?:with\s+)?(?P<residual>[^,]+))?$"
)
# "hearing loss from meningitis years ago, sequela", "weakness after polio as a child, late effect".
_LATE_LAST = re.compile(
    rf"^(?:(?P<residual>[^,]+?)\s+(?:from|after|following|due\s+to|(?:\d+\s+|many\s+)?years?\s+after)\s+)?"
    rf"{_PAST_WORDS}(?P<past>[^,]+?){_AGO}\s*,?\s+{_LATE}$"
)
_CONDITIONS_IN = re.compile(r"\(conditions in ([A-Z]\d[\dA-Z]*)\)")
_CODE_TO = re.compile(r"\s*--\s*code to\b.*$")
_ASIDE = re.compile(r"\([^)]*\)")
DEPTH = 3  # Sequelae, a condition, its kind (meningitis, bacterial)


@dataclass(frozen=True)
class Sequela:
    past: str  # the condition that left it
    residual: str  # the residual named ("" when none)


def read_sequela(text: str) -> Sequela | None:
    """The past condition and the residual a lowercased query names, or None."""
    text = " ".join(text.replace(";", ",").split()).strip(" ,.")
    for pattern in (_RESIDUAL_FIRST, _LATE_FIRST, _LATE_LAST):
        found = pattern.match(text)
        if found:
            past = found.group("past").strip()
            residual = (found.group("residual") or "").strip()
            if past and not CUE.search(past) and not CUE.search(residual):
                return Sequela(past, residual)
    return None


def _alternatives(node: Node) -> list[frozenset[str]]:
    """The word sets a Sequelae line names ("encephalitis or encephalomyelitis": either one)."""
    term = _ASIDE.sub(" ", _CODE_TO.sub("", node.term))
    return [content_stems(part) for part in re.split(r"\s+or\s+|,\s*", term) if content_stems(part)]


def _covers(node: Node, condition: str) -> bool:
    """Whether a line's "(conditions in G04)" note holds the condition's code."""
    return any(condition.startswith(c.replace(".", "")) for c in _CONDITIONS_IN.findall(node.modifiers))


def sequela_line(tree: IndexTree, said: frozenset[str], condition: str) -> tuple[Node, ...] | None:
    """The path below "Sequelae (of)" whose note holds the condition's code (storage form) or whose words the
    condition says (`said`: the stems of its words and its code's title), ending at a code; None when none
    does or the line is an injury's ("code to injury with seventh character S")."""
    rows = tree.conn.execute(
        "SELECT id FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term = 'Sequelae'"
    ).fetchall()
    roots = [n for (i,) in rows if (n := tree.node(int(i))) is not None]
    best: tuple[int, tuple[Node, ...]] | None = None
    stack: list[tuple[Node, ...]] = [(root,) for root in roots]
    while stack:
        path = stack.pop()
        for child in tree.children(path[-1].id):
            if _CODE_TO.search(child.term) or child.see:
                continue
            names = max((len(a) for a in _alternatives(child) if a <= said), default=0)
            covered = _covers(child, condition)
            if not names and not covered:
                continue
            found = (*path, child)
            score = names + (10 if covered else 0) + len(found)
            if child.code and (best is None or score > best[0]):
                best = (score, found)
            if len(found) < DEPTH + 1:
                stack.append(found)
    return best[1] if best else None
