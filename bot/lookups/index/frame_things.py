"""A thing said beside a frame that lists things (Contact (with), Exposure (to)), found among that main term's
subterms by what it is a kind of, when no Z line names the thing itself.

A situation sentence says the frame by its own words ("lives near a nickel smelter", "breathes fumes from the
plant next door": the patient is near, breathes - the Index's Contact (with) / Exposure (to), read by
bot.lookups.index.z_lines) and names the thing, where the Index lists the thing's kind: nickel is a metal
("Contact, hazardous metals NEC" Z77.018). A coder goes to the main term and reads down its subterms for the
kind. The kind is WordNet's, read the way a reached line's subterms are read (bot.lookups.index.subterm_kinds:
the nearest kind first, the most specific line, broad kinds naming none); the answer is kept only when the
line found codes in Z (guideline I.C.21.c.1: contact with and suspected exposure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lookups.index.subterm_kinds import kind_line, names_thing
from bot.lookups.index.tree import IndexTree
from bot.lookups.wordnet import WordNet

# The frames whose subterms are things, each the stem the Z-line reader says it by and its main term.
THING_FRAMES: dict[str, str] = {"contact": "Contact", "exposur": "Exposure"}
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class FrameThing:
    """The line found: its code, its path as printed and the word it was found for."""

    code: str
    path: str
    word: str


def frame_thing(
    tree: IndexTree, wordnet: WordNet, lowered: str, frames: frozenset[str], told: frozenset[str]
) -> FrameThing | None:
    """The Z line below a said thing frame naming the nearest kind of a thing the sentence names (`told`:
    the sentence's own words, story words aside), or None."""
    mains = [THING_FRAMES[f] for f in sorted(frames) if f in THING_FRAMES]
    if not mains:
        return None
    best: tuple[int, FrameThing] | None = None
    for main in mains:
        node_id = tree.conn.execute(
            "SELECT id FROM index_nodes WHERE term = ? AND book = 'cm' AND depth = 0 LIMIT 1", [main]
        ).fetchone()
        node = tree.node(int(node_id[0])) if node_id else None
        if node is None:
            continue
        for word in dict.fromkeys(_WORD.findall(lowered)):
            if word not in told or not names_thing(wordnet, word):
                continue
            found = kind_line(tree, wordnet, node, word)
            code = found.lines[-1].code.replace(".", "") if found else ""
            if found is None or not code.startswith("Z"):
                continue
            path = ", ".join([main, *(n.term for n in found.lines)])
            if best is None or found.steps < best[0]:
                best = (found.steps, FrameThing(found.lines[-1].code, path, word))
    return best[1] if best else None
