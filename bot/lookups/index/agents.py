"""The infectious agent beside the condition it causes, as a coder sequences them.

B95-B97 ("... as the cause of diseases classified elsewhere") are supplementary codes: the Tabular of the
condition says "Use additional code (B95-B97) to identify infectious agent" (N39.0, I33.0, the block L00-L08).
So a query naming a condition and its organism ("klebsiella endocarditis", "pyelonephritis due to proteus",
"strep cellulitis of face") is answered with the condition's code first and the organism's B code beside it,
when the condition's own code does not already name the organism (J15.0 "Pneumonia due to Klebsiella
pneumoniae" needs no B96.1). An organism's B code found first, its condition's path lost to it, gives way to the
condition read from the query's other words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from bot.lookups import derived
from bot.lookups.index.organisms import organism_forms, organism_kind
from bot.lookups.index.tree import IndexTree, Node
from bot.lookups.index.words import content_stems, stem

AGENT_BLOCK = ("B95", "B97")
_NOTE_MARKS = ("B95", "infectious agent", "identify organism")
_holders: dict[int, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}


def is_agent(code: str) -> bool:
    """Whether an ICD-10-CM code is an infectious agent as the cause of diseases classified elsewhere."""
    category = code.replace(".", "")[:3]
    return AGENT_BLOCK[0] <= category <= AGENT_BLOCK[1]


AgentNotes = tuple[frozenset[str], tuple[tuple[str, str], ...]]
# The derived table (bot.lookups.derived_tables) the data build stores them in (reading the notes: ~5 ms).
AGENT_NOTES = "agent_notes"


def _agent_notes(conn: sqlite3.Connection) -> AgentNotes:
    """The codes (no dot) and the blocks whose "Use additional code" note asks for the infectious agent
    (`build_agent_notes`, as the data build stored them), read once per connection."""
    found = _holders.get(id(conn))
    if found is None:
        try:
            found = derived.stored_or_built(
                conn, AGENT_NOTES, decode_agent_notes, lambda: build_agent_notes(conn)
            )
        except sqlite3.Error:
            found = (frozenset(), ())
        _holders[id(conn)] = found
    return found


def build_agent_notes(conn: sqlite3.Connection) -> AgentNotes:
    """The codes (no dot) and the blocks whose "Use additional code" note asks for the infectious agent."""
    rows = conn.execute(
        "SELECT code, text FROM notes WHERE system = 'cm' AND kind = 'use_additional'"
    ).fetchall()
    codes: set[str] = set()
    blocks: list[tuple[str, str]] = []
    for code, text in rows:
        if not any(mark.lower() in str(text).lower() for mark in _NOTE_MARKS):
            continue
        low, dash, high = str(code).partition("-")
        if dash:
            blocks.append((low, high))
        else:
            codes.add(str(code).replace(".", ""))
    return (frozenset(codes), tuple(blocks))


def encode_agent_notes(notes: AgentNotes) -> list[object]:
    return [sorted(notes[0]), [list(b) for b in notes[1]]]


def decode_agent_notes(stored: list[Any]) -> AgentNotes:
    codes, blocks = stored
    return (frozenset(str(c) for c in codes), tuple((str(low), str(high)) for low, high in blocks))


def asks_agent(conn: sqlite3.Connection, code: str) -> bool:
    """Whether the Tabular asks for the infectious agent beside this code (its own note, a parent's, or its
    block's)."""
    plain = code.replace(".", "")
    codes, blocks = _agent_notes(conn)
    if any(plain[:n] in codes for n in range(3, len(plain) + 1)):
        return True
    return any(low <= plain[:3] <= high for low, high in blocks)


def names_organism(conn: sqlite3.Connection, stems: Iterable[str]) -> bool:
    """Whether any of a query word's stems names an organism (a B95-B97 agent, a -coccus, a -virus)."""
    return any(organism_kind(conn, s) for s in stems)


def title_names(title: str, word: str, stems: Iterable[str]) -> bool:
    """Whether a code's title already names the organism a query word says (in any of its forms)."""
    said = content_stems(title)
    forms = {stem(f) for f in organism_forms(word)} | set(stems)
    return bool(said & forms)


CAUSE_LINE = frozenset(stem(w) for w in ["as", "cause", "of", "disease", "classified", "elsewhere"])


def agent_path(tree: IndexTree, stems: frozenset[str], said: frozenset[str]) -> list[Node]:
    """The Index path to an organism's B95-B97 code: its main term's own code ("Escherichia coli" B96.20) or
    its "as cause of disease classified elsewhere" line ("Streptococcus, as cause ..." B95.5), and below that
    a line the query names ("aureus" B95.61); [] when the organism has none."""
    for word in sorted(stems):
        for main in tree.nodes(list(tree.main_terms_holding(word))):
            if main.book != "cm" or not content_stems(main.term.split(",")[0]) & stems:
                continue
            if main.code and is_agent(main.code):
                return [main]
            for child in tree.children(main.id):
                if child.code and is_agent(child.code) and content_stems(child.term) <= CAUSE_LINE:
                    deeper = [
                        n
                        for n in tree.children(child.id)
                        if n.code
                        and is_agent(n.code)
                        and content_stems(n.term)
                        and content_stems(n.term) <= said
                    ]
                    return [main, child, *deeper[:1]]
    return []
