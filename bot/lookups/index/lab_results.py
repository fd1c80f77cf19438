"""A laboratory result said as a direction and an analyte ("elevated lipase", "lymphocyte count low", "high
amylase"), read the way a coder works the Index when it has no line for the direction itself.

The Index lists some results under Elevated ("Elevated, troponin", "Elevated, C-reactive protein"); most it
lists as the analyte under Abnormal ("Abnormal, serum level (of), lipase" R74.8; "Abnormal, urine
(constituents), ketones") or a low one under Decrease(d) ("Decrease(d), lymphocytes" D72.810). A coder who
finds no "Elevated, lipase" turns to those main terms. The direction word is given their words as
alternatives, and only beside a word one of those main terms holds, so "low back pain", "high school" or
"decreased appetite" keep their plain meaning; the Elevated line, where there is one, still holds the words
with fewer unsaid and comes first.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.tree import IndexTree
from bot.lookups.index.words import content_stems, stem

UP = frozenset({"elevated", "elevation", "high", "raised", "increased", "rising", "up"})
DOWN = frozenset({"low", "decreased", "reduced", "depressed", "down"})
# The other main terms a coder reads a direction under, in the Index's words.
READ_UNDER: dict[str, tuple[str, ...]] = {"up": ("abnormal",), "down": ("decrease", "abnormal")}
MAIN_TERMS = {"abnormal": "Abnormal, abnormality, abnormalities", "decrease": "Decrease"}
# A line saying the other direction ("Abnormal, increase in appetite") is no reading of a low result.
OPPOSITE = {
    "up": frozenset({"decrease", "decreas", "low", "reduc", "reduced"}),
    "down": frozenset({"increase", "increas", "elevat", "elevated", "high", "excess"}),
}
NEAR = 2  # the analyte is said within this many words of the direction ("lymphocyte count low")
# Words of a result line that name no analyte ("count", "level", "on", "cbc").
_NO_ANALYTE = frozenset(
    {
        "count",
        "counts",
        "level",
        "levels",
        "value",
        "values",
        "on",
        "the",
        "a",
        "serum",
        "blood",
        "cbc",
        "bmp",
    }
    | {"cmp", "labs", "lab", "result", "results", "test", "tests", "of", "in", "is", "was", "very", "mildly"}
)


def _holds(tree: IndexTree, main: str, word: str, way: str) -> bool:
    """Whether a line below the main term says the word (its stem) and not the other direction, looked up
    once per word."""
    key = ("result-analyte", main, word, way)
    found = tree.memo.get(key)
    if isinstance(found, bool):
        return found
    row = tree.conn.execute(
        "SELECT id FROM index_nodes WHERE book = 'cm' AND depth = 0 AND term = ?", [MAIN_TERMS[main]]
    ).fetchone()
    node = tree.node(int(row[0])) if row else None
    lines = tree.within(node, [stem(word)], limit=20) if node is not None else []
    found = any(not content_stems(tree.path_text(line)) & OPPOSITE[way] for line, _, _ in lines)
    tree.memo[key] = found
    return found


def result_alternatives(tree: IndexTree, words: Sequence[str]) -> dict[str, list[str]]:
    """{direction word: the main terms it is also read under} for each direction said beside an analyte
    those main terms hold ("elevated lipase": {"elevated": ["abnormal"]})."""
    out: dict[str, list[str]] = {}
    for i, word in enumerate(words):
        way = "up" if word in UP else "down" if word in DOWN else ""
        if not way:
            continue
        near = [
            w for w in [*words[i + 1 : i + 1 + NEAR], *words[max(0, i - NEAR) : i]] if w not in _NO_ANALYTE
        ]
        near = [w for w in near if w.isalpha() and len(w) > 2 and w not in UP | DOWN]
        mains = [m for m in READ_UNDER[way] if any(_holds(tree, m, w, way) for w in near)]
        if mains:
            out[word] = mains
    return out
