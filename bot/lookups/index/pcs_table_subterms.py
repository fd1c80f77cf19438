"""A PCS Index line that sends on only by subterms naming tables: the subterm whose table holds the body part said.

Some lines of the ICD-10-PCS Index print no code and no reference of their own; each subterm below them sends to
a table by a kind the query seldom says: "Crushing, nerve - Cranial see Destruction, Central Nervous System and
Cranial Nerves 005; Peripheral see Destruction, Peripheral Nervous System 015", "Denervation - Cranial nerve ...;
Peripheral nerve ...", "Synovectomy - Lower joint see Excision, Lower Joints 0SB; Upper joint ... 0RB". A coder
reading "phrenic nerve crush" does not need the query to say "peripheral": the phrenic nerve is a body part
value of table 015 and of no table 005, so Peripheral is the subterm, and the table is completed by the body part
said (0152). Here, when a path ends at such a line with words of the query left, the subterms whose table's
body part values (the fourth character's meanings) hold a word left are followed, their own words counted as
unsaid; a subterm the query says is walked as it is (then nothing is read here).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.lookups.index.tree import IndexTree, Node, Reference
from bot.lookups.index.words import content_stems

TableSubterm = tuple[Node, Reference]
# The Medical and Surgical section, whose tables are by body system: a subterm sending to one names the system
# the body part is in. (Subterms sending to other sections name a kind of study or service: "Guidance,
# catheter placement - EKG; Fluoroscopy; Ultrasound", which the body part said does not choose.)
MEDICAL_AND_SURGICAL = "0"


def _table_subterms(tree: IndexTree, line: Node) -> tuple[TableSubterm, ...]:
    """The subterms of a line when every one of them is a last line sending to a Medical and Surgical table by
    "see" (one reference each), with that reference; () otherwise (kept per tree)."""
    key = ("pcs table subterms", line.id)
    kept = tree.memo.get(key)
    if isinstance(kept, tuple):
        return kept
    found: list[TableSubterm] = []
    children = tree.children(line.id) if line.last > line.id else []
    for child in children:
        if child.code or child.last > child.id:
            found = []
            break
        references = [r for r in tree.references(child.id) if r.kind == "see"]
        if len(references) != 1 or not references[0].code.startswith(MEDICAL_AND_SURGICAL):
            found = []
            break
        found.append((child, references[0]))
    out = tuple(found) if len(found) > 1 else ()
    tree.memo[key] = out
    return out


def table_subterms(
    tree: IndexTree, line: Node, covered: set[int], by_stem: Mapping[str, set[int]]
) -> list[TableSubterm]:
    """The subterms of `line` to follow for the query's words not yet read (`covered`: the words the path used):
    those whose table holds a body part word left, when the line's subterms all send to tables and the query
    says none of them."""
    subterms = _table_subterms(tree, line)
    if not subterms:
        return []
    said = frozenset(by_stem)
    if any(content_stems(child.term) & said for child, _ in subterms):
        return []  # (a subterm said is walked as it is)
    left = frozenset(s for s, held in by_stem.items() if held and not held <= covered)
    return [(child, ref) for child, ref in subterms if tree.table_parts(ref.code) & left]
