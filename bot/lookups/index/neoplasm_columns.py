"""The Neoplasm Table's column read from the query's behaviour words as a coder reads them.

- "Carcinoma in situ", "ca in situ", "CIS of ...": the in situ column, whatever malignant word names the
  morphology beside it (Index: "Carcinoma-in-situ - see Neoplasm, in situ, by site"; "Adenocarcinoma-in-situ"):
  the carcinoma of "carcinoma in situ" is not a vote for the malignant primary column.
- "Behavior" / "behaviour" is the columns' own noun ("uncertain behavior", "unspecified behavior"): a Table line
  uses it without it choosing a column, so a site line is not outscored by an Index line printing the noun
  ("Tumor, stromal, gastric, uncertain behavior" for "putamen tumor, uncertain behavior").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.lookups.index.tree import Node
from bot.lookups.index.words import stem

TABLE = "neoplasm"
IN_SITU_COLUMN = "ca_in_situ"
IN_SITU_STEMS = frozenset(stem(w) for w in ("situ", "cis", "in-situ"))
TABLE_WORDS = frozenset(stem(w) for w in ("behavior", "behaviour", "behaviors", "behaviours"))


def in_situ_said(book: str, by_stem: Mapping[str, set[int]]) -> bool:
    """Whether the query says "in situ" (the in situ column overrides the malignant words naming it)."""
    return book == TABLE and any(s in by_stem for s in IN_SITU_STEMS)


def table_words(book: str, by_stem: Mapping[str, set[int]]) -> set[int]:
    """The query words a Neoplasm Table line uses without their choosing a column."""
    if book != TABLE:
        return set()
    return {i for s in TABLE_WORDS for i in by_stem.get(s, ())}


def sends_by_site(node: Node) -> bool:
    """Whether a line sends to the Table's site lines ("Tumor - see also Neoplasm, unspecified behavior, by
    site"): any word of the query not used yet may name the site there, so the walk does not drop the line for
    the few words it holds itself."""
    return node.book != TABLE and any(
        "by site" in ref for ref in (*node.see, *node.see_also) if ref.startswith("Neoplasm")
    )


# A finding's noun that, beside a statement of behaviour, names a neoplasm whose behaviour the pathology gave
# ("retrobulbar mass, uncertain behavior", "renal mass, behavior not known", "skin lesion path: uncertain
# behavior"): the Neoplasm Table's line of the site, not the Index's Mass or Lesion lines, which code a finding
# whose nature nobody has stated.
FINDING_NOUNS = frozenset(
    stem(w) for w in ("mass", "masses", "lesion", "lesions", "growth", "lump", "nodule")
)
# (not "uncertain" alone: "nodule of uncertain significance" is a finding, no neoplasm's behaviour)
BEHAVIOUR_STATED = frozenset(stem(w) for w in ("behavior", "behaviour", "situ", "borderline", "borderlin"))


def neoplasm_alternatives(words: Sequence[str]) -> dict[str, str]:
    """The finding nouns of a query that states a neoplasm's behaviour, each read also as "neoplasm"."""
    stems = [stem(w) for w in words]
    if not BEHAVIOUR_STATED.intersection(stems):
        return {}
    return {w: "neoplasm" for w, s in zip(words, stems, strict=True) if s in FINDING_NOUNS}


# "met to the liver", "met from a lung primary": a clinician's singular of "mets" (the verb "met" is followed by
# whom or what was met, never by "to the" or "from a" a site).
_MET = re.compile(r"\bmet\b(?=\s+(?:to|from)\b)")


def read_met(text: str) -> str:
    """The text with a metastasis written "met to" / "met from" said as "metastasis"."""
    return _MET.sub("metastasis", text) if "met" in text else text
