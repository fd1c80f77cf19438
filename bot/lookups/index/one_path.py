"""Whether one Index path holds a set of words: the unit of meaning a coder reads.

A coder reads the Index one path at a time: a main term, one subterm under it, one sub-subterm under that
("Diabetes, type 1, with, chronic kidney disease"). Words on sibling branches of one main term do not support
each other ("Fibrillation, atrial" and "Fibrillation, ventricular" are two paths), and a "with" subterm links
the condition on its own path only. So two words "belong together" in the Index when some line holds one of
them and the same line, one of its ancestors or one line of a single chain of its descendants holds the other.

`on_one_path` asks that of any number of words: some line, its ancestors and one chain of its descendants hold
every word. The rarest word's lines are the candidates (a bounded number of them), each line's ancestors are
read from the tree (their ids against the other words' postings), and the words left are looked for in the
line's subtree, a chain at a time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol

# The rarest word's lines tried (a word in more lines than this is too common to anchor a reading on alone),
# and the descendants tried as the end of a chain when two or more words are left below a line.
MOST_LINES = 300
MOST_CHAINS = 60


class _Node(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def last(self) -> int: ...


class _Tree(Protocol):
    def lines_holding(self, word: str) -> Sequence[int]: ...

    def node(self, node_id: int) -> _Node | None: ...

    def path(self, node_id: int) -> Sequence[_Node]: ...


def _holds(lines: Sequence[int], node_id: int) -> bool:
    at = bisect_left(lines, node_id)
    return at < len(lines) and lines[at] == node_id


def _ancestry(tree: _Tree, node_id: int, stop: int = 0) -> list[int]:
    """The ids of a line and its ancestors below `stop` (all of them when `stop` is not one: the tree's path)."""
    ids = [n.id for n in tree.path(node_id)]
    return ids[ids.index(stop) + 1 :] if stop in ids else ids


def on_one_path(tree: _Tree, stems: Iterable[str]) -> bool:
    """Whether one Index path (a line, its ancestors and one chain of its descendants) holds every stem."""
    wanted = sorted(set(stems))
    if not wanted:
        return False
    lines = {w: tree.lines_holding(w) for w in wanted}
    if any(not held for held in lines.values()):
        return False
    if len(wanted) == 1:
        return True
    rarest = min(wanted, key=lambda w: (len(lines[w]), w))
    others = [w for w in wanted if w != rarest]
    for line_id in lines[rarest][:MOST_LINES]:
        above = _ancestry(tree, line_id)
        left = [w for w in others if not any(_holds(lines[w], a) for a in above)]
        if not left:
            return True
        line = tree.node(line_id)
        if line is None or line.last <= line.id:
            continue
        below: dict[str, Sequence[int]] = {}
        for word in left:
            held = lines[word]
            below[word] = held[bisect_right(held, line.id) : bisect_right(held, line.last)]
        if any(not ids for ids in below.values()):
            continue
        if len(left) == 1:
            return True
        # two or more words below: one descendant's chain up to the line must hold them all
        ends = sorted({i for ids in below.values() for i in ids}, reverse=True)[:MOST_CHAINS]
        for end in ends:
            chain = _ancestry(tree, end, stop=line.id)
            if all(any(_holds(lines[w], c) for c in chain) for w in left):
                return True
    return False
