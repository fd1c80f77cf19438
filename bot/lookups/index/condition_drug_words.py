"""A Drug Table substance said as a word of the condition a drug caused, not as the drug.

"serotonin syndrome from trazodone": serotonin is a Table substance, but the Index prints it as the
condition's own subterm ("Syndrome, serotonin" G90.81); the drug is the one the cause link names
(trazodone). Guideline I.C.19.e.5.a codes the nature of the adverse effect first - here its own Index line -
so the word before the link that shares an Index line with the condition word beside it reads as the
condition, and only the drug after the link is the cause ("Syndrome, Cushing's, due to, drugs" E24.2 is no
reading of it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.lookups.index.words import stem

# The links a condition's clause ends at, the cause after them ("X from D", "X due to D", "X after D").
CAUSE_LINKS = frozenset(["from", "after", "due", "caused", "secondary", "following", "because"])


def condition_words(
    words: Sequence[str], is_drug: Callable[[str], bool], share_line: Callable[[str, str], bool]
) -> frozenset[int]:
    """The positions of drug words said in the condition's clause (before its cause link) that share an Index
    line with the word after them ("serotonin syndrome"), when a drug is also said after the link."""
    link = next((i for i, w in enumerate(words) if w in CAUSE_LINKS), None)
    if link is None or not any(is_drug(w) for w in words[link + 1 :]):
        return frozenset()
    return frozenset(
        i for i in range(link - 1) if is_drug(words[i]) and share_line(stem(words[i]), stem(words[i + 1]))
    )
