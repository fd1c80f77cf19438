"""The Table of Drugs and Chemicals read as a table: the substance's row, then the indented row the story names.

A coder who has found a substance's row in the Table of Drugs and Chemicals reads the rows indented under it
before taking a column: they name the substance's source, form or use, and each has codes of its own
("Carbon, monoxide" T58.91, "... exhaust gas not in transit, motor vehicle" T58.01; "Nicotine NEC (insecticide)"
T60.2, "... not insecticide" T65.29; "Camphor" with no code of its own, "... insecticide" T60.2, "... medicinal"
T49.8). The story's words choose the indented row; the column and the seventh character stay the ones the
story chose (guideline I.C.19.e.5; the Table's columns). Three readings, each of the Table's own words:

- a row whose words the story says, each word by its stem or by what the story's thing is a kind of in WordNet
  ("CO poisoning from the car running in the garage": a car is a motor vehicle -> "motor vehicle, not in
  transit"); a row's qualifier after "not" ("not in transit") is no word the story must say;
- a row "not X" under a row whose modifiers say X ("Nicotine NEC (insecticide) (spray)"), when the
  story names the thing the substance came in and none of X's words nor the row's modifiers ("nicotine gum");
- a row "medicinal" when the story names a medicine's form (a cream, rub, drops, tablets: the general words a
  pharmacy sells a preparation by), under a row with no code of its own or a row of another use.

`said_row` returns the indented row the story chooses, or None (the row read stays).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.lookups.index.tree import Node
from bot.lookups.index.words import CONNECTORS, stem

# The forms a medicine is sold in (general language: a pharmacy's dosage forms), which tell a "medicinal" row.
MEDICINE_FORMS = frozenset(
    stem(w)
    for w in (
        "rub",
        "cream",
        "ointment",
        "salve",
        "lotion",
        "liniment",
        "balm",
        "gel",
        "drops",
        "eyedrops",
        "tablet",
        "tabs",
        "pill",
        "capsule",
        "caplet",
        "syrup",
        "elixir",
        "suppository",
        "lozenge",
        "medicine",
        "medication",
        "prescription",
    )
)
# A row's words that say nothing of the source, form or use (read past when a row's words are counted).
FILLERS = frozenset({"nec", "any", "other", "specified", "type", "not", "and", "or", "s"})
MEDICINAL = "medicinal"
# The Table's codes of toxic effects of substances chiefly non-medicinal as to source (T51-T65).
NONMEDICINAL_FIRST, NONMEDICINAL_LAST = "T51", "T65"
# The words of the harm or the taking, which name no product after a substance ("nicotine overdose").
HARM = re.compile(r"(?:overdos|poison|toxic|intox|ingest|inhal|overexpos|expos|od\b|od'd)")
MAX_ROWS = 120  # the indented rows read under one row (the Table's largest rows run to ~100)
BROADER_DEPTH = 4  # how far up WordNet a story's thing is read ("car" -> motor vehicle: 1)


@dataclass(frozen=True)
class Told:
    """The story's words as stems, the stems of what its things are kinds of, and whether it names the thing
    the substance came in."""

    stems: frozenset[str]
    kinds: frozenset[tuple[str, ...]]  # each kind's words as stems ("motor vehicle" -> motor, vehicl)
    product: bool


def told_story(
    text: str, substance: str, broader: Callable[[str], Iterable[str]], column_words: Iterable[str] = ()
) -> Told:
    """The story's words (the substance's own words and the column's left out), what WordNet files each of its
    things under (`broader`: the lemmas of a word's first noun sense's hypernyms), and whether a word is said
    right after the substance's name (its product: "nicotine gum", "camphor rub")."""
    words = re.findall(r"[a-z][a-z'-]*", text.lower())
    own = {stem(w) for w in re.findall(r"[a-z][a-z'-]*", substance.lower())}
    skip = own | {stem(w) for w in column_words} | {stem(w) for w in CONNECTORS}
    stems = frozenset(stem(w) for w in words if stem(w) not in skip)
    kinds: set[tuple[str, ...]] = set()
    for word in words:
        if stem(word) in skip or len(word) < 3:
            continue
        kinds.update(tuple(stem(w) for w in lemma.split()) for lemma in broader(word))
    product = False
    for i, word in enumerate(words[:-1]):
        if stem(word) in own and stem(words[i + 1]) not in skip and not HARM.match(words[i + 1]):
            product = True
    return Told(stems, frozenset(kinds), product)


def said_row(row: Node, below: Sequence[Node], told: Told, column: str) -> Node | None:
    """The row indented under `row` (its descendants `below`, in reading order) the story chooses, with a code
    in `column`; None when the story names none or two rows of different codes."""
    below = list(below)[:MAX_ROWS]
    best: tuple[int, int] = (0, 0)
    chosen: list[Node] = []
    for line in below:
        if not line.cell(column):
            continue
        said = _said_words(line, told)
        if said is None:
            continue
        rank = (said, line.depth)
        if rank > best:
            best, chosen = rank, [line]
        elif rank == best:
            chosen.append(line)
    if chosen and len({c.cell(column) for c in chosen}) == 1:
        return chosen[0]
    if chosen:
        return None
    return _other_use(row, below, told, column) or _medicinal_rows(row, below, told, column)


def _medicinal_rows(row: Node, below: Sequence[Node], told: Told, column: str) -> Node | None:
    """The substance's medicinal rows when the story names a medicine's form ("too many lithium pills") under a
    row whose own code is a toxic effect of a non-medicinal substance (T51-T65: "Lithium" T56.89-) and prints
    no "medicinal" row of its own: its indented rows coded as a drug (T36-T50: "gluconate", "salts (carbonate)"
    T43.59-), when they all share one code (guideline I.C.19.e.5.b: a drug taken is coded by its Table line)."""
    own = row.cell(column)
    if not told.stems & MEDICINE_FORMS or not own or not NONMEDICINAL_FIRST <= own[:3] <= NONMEDICINAL_LAST:
        return None
    drugs = [
        line
        for line in below
        if line.parent == row.id and line.cell(column) and line.cell(column)[:3] < NONMEDICINAL_FIRST
    ]
    if drugs and len({line.cell(column) for line in drugs}) == 1:
        return drugs[0]
    return None


def _said_words(line: Node, told: Told) -> int | None:
    """How many of a row's own words the story says (at least half of them, one at least), or None."""
    head = line.term.lower().split(",")[0]
    head = re.split(r"\bnot\b", head)[0] if not head.startswith(("not ", "non")) else ""
    words = [w for w in re.findall(r"[a-z][a-z'-]*", head) if w not in FILLERS and w not in CONNECTORS]
    if not words:
        return None
    stems = [stem(w) for w in words]
    if tuple(stems) in told.kinds:
        return len(stems)  # the row's words are what the story's thing is ("motor vehicle" for a car)
    said = sum(1 for s in stems if s in told.stems)
    if stems == [stem(MEDICINAL)] and told.stems & MEDICINE_FORMS:
        said = 1
    return said if said and said * 2 >= len(stems) else None


def _other_use(row: Node, below: Sequence[Node], told: Told, column: str) -> Node | None:
    """A child "not X" / "nonX" when the story names the thing the substance came in and says neither X nor
    the row's own modifiers (the use the row's line is)."""
    if not told.product or told.stems & MEDICINE_FORMS:
        return None
    uses = {stem(w) for w in re.findall(r"[a-z][a-z'-]*", row.modifiers.lower())}
    for line in below:
        if line.parent != row.id or not line.cell(column):
            continue
        term = line.term.lower()
        if not term.startswith("not "):
            continue
        other = {stem(w) for w in re.findall(r"[a-z][a-z'-]*", term[4:]) if w not in FILLERS}
        kinds = {s for kind in told.kinds for s in kind}
        if other and not (other | uses) & (told.stems | kinds):
            return line
    return None


DRUG_TABLE = "Drug Table: "
SEE_TABLE = "Table of Drugs and Chemicals, "


def table_path(why: str, labels: dict[str, str]) -> tuple[str, str] | None:
    """The Table row's path and the column's key an answer's "why" cites ("Drug Table: Carbon, monoxide,
    poisoning, accidental (unintentional) -> T58.91" -> ("Carbon, monoxide", "poisoning_accidental"); after
    a "see" reference, the row it sends to: "Fumes, carbon monoxide -> see Carbon, monoxide, ..."), or None
    when it cites no Drug Table row."""
    if DRUG_TABLE not in why and SEE_TABLE.rstrip(", ") not in why:
        return None
    for cited in why.split(" -> "):
        cited = cited.rpartition(DRUG_TABLE)[2].removeprefix("see ").removeprefix(SEE_TABLE)
        for column, label in labels.items():
            if cited.endswith(f", {label}"):
                return cited[: -len(label) - 2], column
    return None


def row_of_path(
    path: str, mains: Callable[[str], Sequence[Node]], children: Callable[[int], Sequence[Node]]
) -> Node | None:
    """The Table row a path names ("Fish, noxious, nonbacterial, scombroid"): a main term, then each indented
    row under it, each read as the longest run of the path's comma parts that names a row."""
    parts = path.split(", ")
    for size in range(len(parts), 0, -1):
        for main in mains(", ".join(parts[:size])):
            found = _walk(main, parts[size:], children)
            if found is not None:
                return found
    return None


def _walk(node: Node, parts: list[str], children: Callable[[int], Sequence[Node]]) -> Node | None:
    if not parts:
        return node
    below = children(node.id)
    for size in range(len(parts), 0, -1):
        term = ", ".join(parts[:size])
        for child in below:
            if child.term == term:
                found = _walk(child, parts[size:], children)
                if found is not None:
                    return found
    return None
