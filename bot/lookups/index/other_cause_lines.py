"""An Index line that names a cause of its own, not the drug the query names.

The Index prints some conditions with their cause compounded into the subterm: "Deafness, noise-induced"
(H83.3-), "Bronchospasm, exercise induced", "Pancreatitis, acute, alcohol induced". A drug named as the
cause of a condition ("hearing loss from gentamicin") reads the condition's drug lines ("Deafness,
ototoxic", "Hypotension, drug-induced": guideline I.C.19.e.5.a, the nature of the adverse effect first), and
the drug's link word "induced" (bot.lookups.index.reasons.CAUSED_WORDS) may not stand for another cause the
line names and the query does not say: noise is no drug.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable

from bot.lookups.index.words import stem

# "<cause>-induced" / "<cause> induced" as the Index prints it
_COMPOUND = re.compile(r"(?i)\b([a-z]+)[- ]induced\b")


def names_other_cause(
    terms: Iterable[str],
    said: Container[str],
    drug_words: Container[str],
    is_drug: Callable[[str], bool] = lambda word: False,
) -> bool:
    """Whether a path's line terms name a cause "<x>-induced" whose word the query does not say (`said`:
    the stems of the query's words and their readings) and that is no word of a drug (`drug_words`: "drug",
    "medication"; `is_drug`: a drug of the Table of Drugs and Chemicals, "corticosteroid-induced")."""
    for term in terms:
        for cause in _COMPOUND.findall(term):
            word = cause.lower()
            if word in drug_words or stem(word) in said or is_drug(word):
                continue
            return True
    return False
