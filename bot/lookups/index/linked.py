"""The Index's combination line for two conditions a query links ("acute on chronic diastolic CHF with HTN").

Guideline I.A.15: "with", "in" and "due to" in the Index link two conditions into one combination code. When a
query's best path codes one condition (Failure, heart, diastolic, acute and chronic -> I50.33) and its pair the
other (Hypertension -> I10), a line under either one's main term that goes through a connective subterm and
names the other condition ("Hypertension, with, heart failure (congestive)" -> I11.0) is the combination code:
the coder lists it first and the specific code beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.lookups.index.matching import PathMatch
from bot.lookups.index.tree import Node
from bot.lookups.index.words import content_stems, stem

CONNECTIVES = ("with", "in", "due to")
SAID_SHARE = 0.5  # the share of the words below the connective that the query must say
# Words that name no condition of their own: "in, cytomegalovirus disease" names no disease a query says by
# "HIV disease"; a stage's numbers are read against the query's apart (bot.lookups.index.ranges).
_WORD = re.compile(r"[a-z][a-z'-]*")
GENERIC_STEMS = frozenset(stem(w) for w in ["disease", "disorder", "condition", "other", "specified", "nec"])


def is_connective(node: Node) -> bool:
    """Whether an Index line is a connective subterm ("with", "in", "due to"), under which combinations stand."""
    term = node.term.strip().lower()
    return any(term == c or term.startswith(f"{c} (") for c in CONNECTIVES)


def condition_head(
    nodes: Sequence[Node], pertains: Callable[[str], Sequence[str]] | None = None
) -> tuple[tuple[frozenset[str], ...], ...]:
    """The words that name a condition on its own Index path, each tuple one way of naming it: the forms of its
    main term ("Failure, failed"), or, under a main term that names no condition of its own ("Disease",
    "Disorder"), each subterm below it down to the first link ("Disease, human immunodeficiency virus";
    "Disease, pulmonary, chronic obstructive"); () when none. Each word is the set of its stems: its own and
    those of the nouns an adjective pertains to (`pertains`: "pulmonary" is of the lung, the Index's "lung
    diseases")."""
    if not nodes or nodes[0].depth != 0:
        return ()
    texts = [f for f in nodes[0].term.split(",") if _naming(f)]
    if not texts:
        for node in nodes[1:]:
            if node.is_link or is_connective(node):
                break
            if _naming(node.term):
                texts.append(node.term)
    out: list[tuple[frozenset[str], ...]] = []
    for text in texts:
        words: list[frozenset[str]] = []
        for word in _WORD.findall(text.lower()):
            own = _naming(word)
            if not own:
                continue
            kin = {s for noun in (pertains(word) if pertains else ()) for s in _naming(noun)}
            words.append(own | kin)
        if words:
            out.append(tuple(words))
    return tuple(out)


def links(
    match: PathMatch,
    host: set[int],
    guest: set[int],
    said: frozenset[str],
    guest_stems: frozenset[str],
    head: Sequence[Sequence[frozenset[str]]] = (),
) -> bool:
    """Whether a path reaches through a connective a line naming the guest condition: it uses words of both
    (query word indices `host`, `guest`; the first line below the connective holds a guest word, one of
    `guest_stems`), the query says every word of the lines above the connective and most of
    the words below it.

    One Index path is one meaning: the lines below the connective name the guest condition itself, so they
    hold the words of one way its own path names it (`head`, condition_head; a word's other form counting) -
    a line sharing one word with it names another condition ("Cardiomyopathy, due to, cardiac glycogenosis"
    for a heart failure; "Pneumonia, in, virus" for HIV disease)."""
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
    if head and not any(all(any(_held(s, below) for s in word) for word in form) for form in head):
        return False
    return bool(below) and sum(1 for s in below if s in said) >= SAID_SHARE * len(below)


def _held(word_stem: str, stems: Sequence[str]) -> bool:
    """Whether a stem or another form of its word ("periodontitis" / "periodontal": the first five letters
    alike) is among the stems."""
    n = min(len(word_stem), 5)
    return word_stem in stems or (n >= 4 and any(s[:n] == word_stem[:n] and len(s) >= 4 for s in stems))


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
