"""The Index's combination line for two conditions a query links ("acute on chronic diastolic CHF with HTN").

Guideline I.A.15: "with", "in" and "due to" in the Index link two conditions into one combination code. When a
query's best path codes one condition (Failure, heart, diastolic, acute and chronic -> I50.33) and its pair the
other (Hypertension -> I10), a line under either one's main term that goes through a connective subterm and
names the other condition ("Hypertension, with, heart failure (congestive)" -> I11.0) is the combination code:
the coder lists it first and the specific code beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.matching import PathMatch
from bot.lookups.index.tree import Node
from bot.lookups.index.words import content_stems, stem

CONNECTIVES = ("with", "in", "due to")
SAID_SHARE = 0.5  # the share of the words below the connective that the query must say
# Words that name no condition of their own: "in, cytomegalovirus disease" names no disease a query says by
# "HIV disease"; a stage's numbers are read against the query's apart (bot.lookups.index.ranges).
GENERIC_STEMS = frozenset(stem(w) for w in ["disease", "disorder", "condition", "other", "specified", "nec"])


def is_connective(node: Node) -> bool:
    """Whether an Index line is a connective subterm ("with", "in", "due to"), under which combinations stand."""
    term = node.term.strip().lower()
    return any(term == c or term.startswith(f"{c} (") for c in CONNECTIVES)


def links(
    match: PathMatch, host: set[int], guest: set[int], said: frozenset[str], guest_stems: frozenset[str]
) -> bool:
    """Whether a path reaches through a connective a line naming the guest condition: it uses words of both
    (query word indices `host`, `guest`; the first line below the connective holds a guest word, one of
    `guest_stems`), the query says every word of the lines above the connective and most of
    the words below it."""
    at = next((i for i, n in enumerate(match.nodes) if i > 0 and is_connective(n)), None)
    if at is None or not match.covered & host or not match.covered & guest:
        return False
    above = {s for n in match.nodes[1:at] for s in content_stems(n.term)}
    if above - said:
        return False  # "Hypertension, heart, with, kidney disease" for a query naming no heart disease
    if at + 1 >= len(match.nodes) or not _naming(match.nodes[at + 1].term) & guest_stems:
        return (
            False  # "Failure, heart, with, decompensation, systolic": the line below names no other condition
        )
    below = [s for n in match.nodes[at + 1 :] for s in _naming(n.term)]
    return bool(below) and sum(1 for s in below if s in said) >= SAID_SHARE * len(below)


def _naming(term: str) -> frozenset[str]:
    return frozenset(s for s in content_stems(term) if not s.isdigit() and s not in GENERIC_STEMS)


def already_linked(nodes: Sequence[Node]) -> bool:
    """Whether a path already goes through a connective ("Hypertension, cardiorenal, with heart failure, with
    stage 5 ..."): the first answer is a combination code."""
    return any(
        is_connective(n) or any(n.term.strip().lower().startswith(f"{c} ") for c in CONNECTIVES)
        for n in nodes[1:]
    )


def hosts(nodes: Sequence[Node]) -> list[Node]:
    """The main term of a path, where its condition's combination lines stand."""
    return [nodes[0]] if nodes and nodes[0].depth == 0 else []
