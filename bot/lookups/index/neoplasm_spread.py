"""Where a cancer spread from and to: each site its own Neoplasm Table line, in the column its preposition says.

The Alphabetic Index reads the words of a spread itself:

    Metastasis, metastatic
        cancer
            from specified site - see Neoplasm, malignant, by site
            to specified site - see Neoplasm, secondary, by site
        spread (to) - see Neoplasm, secondary, by site

so "colon cancer metastatic to liver" is two sites of the Table: the colon (malignant, primary: C18.9) and the
liver (secondary: C78.7); "liver mets from colon cancer" is the same two, told the other way round. Guideline
I.C.2 codes each site in its own column; the site told first is the neoplasm the query is about, listed first,
the other beside it. A clause with no preposition takes its own behaviour words ("peritoneal metastases":
secondary; "ovarian primary", "lung cancer": malignant, primary).

`spread_prepositions` reads the prepositions and their columns from the Index; `spread_clauses` splits a
query's words at them into the clauses that may each name a site, with the column each one takes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.lookups.index.matching import COLUMN_STEMS, PathMatch
from bot.lookups.index.tree import IndexTree, Node, main_term
from bot.lookups.index.words import content_stems, stem

TABLE = "neoplasm"
SECONDARY = "malignant_secondary"
PRIMARY = "malignant_primary"
# The column words, and the Table's own main term ("malignant neoplasm colon": the site is the colon)
BEHAVIOUR = frozenset(s for stems in COLUMN_STEMS[TABLE].values() for s in stems) | {TABLE, stem(TABLE)}
SPREAD_STEMS = COLUMN_STEMS[TABLE][SECONDARY]  # metastatic, metastases, secondary, spread
_SPREAD_PREFIXES = tuple(sorted(SPREAD_STEMS))
METASTASIS = "metasta"  # the forms of the Index's main term "Metastasis, metastatic"
MALIGNANCY = COLUMN_STEMS[TABLE][PRIMARY] | {TABLE, stem(TABLE)}
# Notation between two clauses of one query ("metastatic disease to brain, lung primary").
CLAUSE_MARKS = frozenset({",", ";", "with", "and"})
_MEMO_KEY = "neoplasm_spread_prepositions"
NOT_SITE = frozenset({"nec", "NEC"})  # "brain NEC": the line's form is "brain"
_PARENS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class SiteClause:
    words: tuple[str, ...]  # the clause's words, behaviour words left out (the site's words)
    column: str  # the Neoplasm Table column the clause's preposition or behaviour words choose
    said: tuple[str, ...]  # every word of the clause as said (for the Tabular: "left", "upper")
    introduced: bool = False  # named after a preposition of the Index's Metastasis lines ("to", "from")


def spread_prepositions(tree: IndexTree) -> dict[str, str]:
    """The prepositions the Index's "Metastasis, metastatic" lines read and the Table column each leads to:
    {"from": "malignant_primary", "to": "malignant_secondary", "in": ...} (kept in the tree's memo)."""
    found = tree.memo.get(_MEMO_KEY)
    if isinstance(found, dict):
        return found
    read: dict[str, str] = {}
    head = main_term(tree, "cm", "metastasis")
    stack = list(tree.children(head)) if head else []
    while stack:
        node = stack.pop()
        stack.extend(tree.children(node.id))
        if not node.see:
            continue
        reference = tree.resolve(node.see[0], "cm")
        if reference.book != TABLE or not reference.column:
            continue
        # "from specified site", "to specified site"; "spread (to)", "deposits (in)"
        first = node.term.split()[0].lower()
        said = [first] if first in {"from", "to", "in"} else []
        said += [m.strip("() ").lower() for m in node.modifiers.split(",") if m.strip("() ")]
        for word in said:
            if word in {"from", "to", "in"}:
                read.setdefault(word, reference.column)
    tree.memo[_MEMO_KEY] = read
    return read


def _column_of(words: Sequence[str]) -> str:
    """The column a clause's own behaviour words choose: a spread word says secondary (it outvotes the
    "cancer" of "metastatic cancer"); else a malignancy or "primary" word says malignant, primary."""
    stems = {stem(w) for w in words} | set(words)
    if any(_spread(w) for w in words):
        return SECONDARY
    if stems & COLUMN_STEMS[TABLE][PRIMARY]:
        return PRIMARY
    return ""


def spread_clauses(words: Sequence[str], prepositions: dict[str, str]) -> list[SiteClause]:
    """The clauses of a query that may each name a site, each with its column; [] when the query says no
    spread word (`tells_spread` decides, once the clauses naming no Table site are left out).

    "liver mets from colon cancer" -> (liver; secondary), (colon; primary);
    "colon cancer metastatic to liver" -> (colon; primary), (liver; secondary)."""
    if not any(_spread(w) for w in words) or not any(_neoplasm(w) for w in words):
        return []  # ("secondary hyperparathyroidism from CKD": no neoplasm told)
    clauses: list[tuple[list[str], str]] = []
    current: list[str] = []
    column = ""
    for i, word in enumerate(words):
        bare = word.strip(",;")
        if bare in prepositions and i and _after_spread(words[:i]):
            if prepositions[bare] == SECONDARY:
                # "colon cancer metastatic | to liver", "metastatic ovarian cancer | to omentum": the spread
                # word is the preposition's, not the colon's ("liver mets | from colon cancer": the liver's)
                current = [w for w in current if not _spread(w)]
            clauses.append((current, column))
            current, column = [], prepositions[bare]
            continue
        if bare in CLAUSE_MARKS or word in CLAUSE_MARKS:
            clauses.append((current, column))
            current, column = [], ""
            continue
        if bare:
            current.append(bare)
        if word.endswith((",", ";")):
            clauses.append((current, column))
            current, column = [], ""
    clauses.append((current, column))
    out: list[SiteClause] = []
    for said, preset in clauses:
        own = _column_of(said)
        if preset and own and own != preset and len(said) > 1:
            # "metastatic disease to brain lung primary" (the comma lost): the preposition takes its first
            # word, the rest is a clause of its own behaviour word
            out += _clause(said[:1], preset, True)
            out += _clause(said[1:], own, False)
            continue
        cut = _spread_end(said)
        if not preset and cut and own == SECONDARY and _column_of(said[cut:]) == PRIMARY:
            # "diffuse peritoneal metastases ovarian primary" (the comma lost): a site, its spread word,
            # then another site with its own behaviour word
            out += _clause(said[:cut], SECONDARY, False)
            out += _clause(said[cut:], PRIMARY, False)
            continue
        out += _clause(said, preset or own, bool(preset))
    return out


def _spread(word: str) -> bool:
    """A spread word: a form of the Table's secondary column words ("metastasis", "metastases", "mets" read
    by the vocabulary, "spreading")."""
    return stem(word) in SPREAD_STEMS or word.startswith(_SPREAD_PREFIXES)


def _neoplasm(word: str) -> bool:
    """A word telling a neoplasm: the Index's Metastasis main term's ("metastatic", "metastases"), the Table's
    own, or a malignancy's column word ("cancer", "carcinoma", "malignant")."""
    return word.startswith(METASTASIS) or stem(word) in MALIGNANCY or word in MALIGNANCY


def _spread_end(said: Sequence[str]) -> int:
    """Where the spread words after a clause's first site word end (0: no site word before them)."""
    for i, word in enumerate(said):
        if _spread(word):
            if not any(stem(w) not in BEHAVIOUR and w not in BEHAVIOUR for w in said[:i]):
                return 0
            end = i
            while end < len(said) and _spread(said[end]):
                end += 1
            return end
    return 0


def tells_spread(clauses: Sequence[SiteClause]) -> bool:
    """Whether clauses (those naming a Table site) tell a spread: two sites in two columns, or a site a
    preposition of the Index's Metastasis lines introduced ("metastatic disease to the cul-de-sac")."""
    return bool(clauses) and (len({c.column for c in clauses}) > 1 or any(c.introduced for c in clauses))


def _clause(said: Sequence[str], column: str, introduced: bool) -> list[SiteClause]:
    site = tuple(w for w in said if stem(w) not in BEHAVIOUR and w not in BEHAVIOUR and not _spread(w))
    return [SiteClause(site, column, tuple(said), introduced)] if site and column else []


def _after_spread(before: Sequence[str]) -> bool:
    """Whether the words before a preposition end in a spread word ("mets", "metastatic disease", "spread")
    or a clause naming one: "liver mets | from colon cancer", "metastatic disease | to brain"."""
    for word in reversed(before):
        bare = word.strip(",;")
        if _spread(bare):
            return True
        if word.endswith((",", ";")) or bare in CLAUSE_MARKS:
            return False
    return False


def table_line(tree: IndexTree, phrase: str) -> int | None:
    """The Neoplasm Table's site line printing `phrase` as a form of its own, the line's first form (its
    notation "NEC" aside: "brain NEC" for brain) before a later one ("hippocampus, brain" names the
    hippocampus); a line sending on ("nasal - see Neoplasm, nose") gives the line it names. None: no line."""
    key = ("neoplasm_table_line", phrase)
    if key in tree.memo:
        return tree.memo[key]  # type: ignore[return-value]
    found = _table_line(tree, phrase)
    tree.memo[key] = found
    return found


def _table_line(tree: IndexTree, phrase: str) -> int | None:
    wanted = " ".join(_PARENS.sub(" ", phrase).lower().split())
    stems = content_stems(wanted)
    table = main_term(tree, TABLE, TABLE)
    if not stems or not table:
        return None
    best: tuple[int, int] | None = None
    for _, node_id, _, _ in tree.matches([table], stems):
        node = tree.node(node_id)
        if node is None or node.book != TABLE:
            continue
        forms = [" ".join(w for w in f.lower().split() if w != "nec") for f in _forms(node.term)]
        rank = 0 if forms[0] == wanted else 1 if wanted in forms else None
        if rank is not None and (best is None or (rank, node_id) < best):
            best = (rank, node_id)
    if best is None:
        return None
    node = tree.node(best[1])
    if node is not None and node.see and not node.cells:
        reference = tree.resolve(node.see[0], "cm")
        return reference.node if reference.book == TABLE and reference.resolved and reference.node else None
    return best[1]


def _forms(term: str) -> list[str]:
    return [f.strip() for f in _PARENS.sub(" ", term).split(",") if f.strip()] or [term]


def named_site_line(
    tree: IndexTree, site: Sequence[str], alternatives: Mapping[str, Sequence[str]], whole: bool = True
) -> list[PathMatch]:
    """The Neoplasm Table line a clause's site words name as the Table prints it ("colon", "lung",
    "cul-de-sac"; "ovarian" by its noun, ovary; `table_line`): the whole site (`whole`), else each word from
    the last: [] when none names a line. Its code is read in a column by the caller."""
    words = [w for w in site if content_stems(w)]
    phrases = [(" ".join(words), words)] if len(words) > 1 and whole else []
    for word in reversed(words if len(words) == 1 or not whole else []):
        phrases += [(word, [word]), *((a, [word]) for a in alternatives.get(word, ()) if " " not in a)]
    for phrase, said in phrases:
        line = table_line(tree, phrase)
        nodes = tuple(tree.path(line)) if line else ()
        if len(nodes) < 2 or not nodes[-1].cells:
            continue
        covered = frozenset(i for i, w in enumerate(site) if w in said)
        return [PathMatch(nodes, nodes[-1].code, TABLE, covered, 0.0, said=float(len(said)))]
    return []


def names_other_line(tree: IndexTree, node: Node, said: frozenset[str]) -> bool:
    """Whether a Table line "A, B" is named by the query only through a later form B that is a site line of
    its own ("calyx, renal" for "renal": the Table's "renal" line, C64.-; "hippocampus, brain": "brain NEC"),
    not by A: the query names that other site, not this one. A form of the same line ("anus, anal",
    "nose, nasal" - "nasal" sends to it) is no other site."""
    if node.book != TABLE or node.depth == 0 or "," not in node.term:
        return False
    forms = _forms(node.term)
    if content_stems(forms[0]) & said:
        return False
    for form in forms[1:]:
        if content_stems(form) & said:
            other = table_line(tree, form)
            if other is not None and other != node.id and not _under_said_site(tree, node, said):
                return True
    return False


def _under_said_site(tree: IndexTree, node: Node, said: frozenset[str]) -> bool:
    """Whether a Table line lies under a site line the query says ("lymph, gland, inguina, inguinal" for
    "inguinal lymph nodes": the gland's part, not the Table's own "inguinal" region)."""
    return any(
        content_stems(_PARENS.sub(" ", n.term)) & said for n in tree.path(node.id)[1:-1] if n.book == TABLE
    )
