"""A subterm that names the cause of a condition is no qualifier a coder may pass over.

The Alphabetic Index lets a coder skip a subterm the record does not support only when it is a nonessential
qualifier of the main term; a subterm naming what caused the condition ("Psychosis, alcoholic, with,
dementia"; "Gout, drug-induced"; "Neuropathy, due to radiation") changes the code to another category, and
is taken only when the record names that cause (guideline I.A.14, "code assignment is based on the
provider's documentation"). So a path that walks through such a subterm without a word of the query using it
("dementia with psychosis" -> F10.97, alcohol-induced, alcohol never said) costs as much as a query word left
unread, and the line the query does say ("Dementia, with, psychotic disturbance" F03.92) comes first.

`names_cause` tells such a subterm by the words the Index prints its causes with: an "-induced" compound,
alcohol as the adjective or noun of the line, "toxic", and a "due to X" / "secondary to X" line that names its
X (the bare "due to" is a link, passed through). A bare "drug" line is no such word: under "Resistance, to" it
is what the organism resists. A cause printed
after a comma on the condition's own line ("Ascites, due to, cirrhosis, alcoholic") is no other name of the
condition, as "Diabetes, diabetic" is: `unsaid_causes` finds it, and it costs the same when unsaid.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CAUSE = re.compile(
    r"^(?:(?:due\s+to|secondary\s+to|caused\s+by|induced\s+by|from)\s+\S|"
    r"(?:alcohol|alcoholic|alcohol-induced|alcohol\s+induced|drug-induced|drug\s+induced|induced|toxic)(?:\s+nec)?$)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def names_cause(term: str) -> bool:
    """Whether an Index subterm names the cause of its condition ("alcoholic", "drug-induced", "due to
    drugs", "secondary to hypertension"), not a qualifier ("acute", "with, dementia", "due to" alone)."""
    return bool(_CAUSE.match(" ".join(term.split())))


@lru_cache(maxsize=4096)
def unsaid_causes(term: str) -> tuple[str, ...]:
    """The forms after the first of a subterm printed with commas that name a cause and are no other form of
    the first ("cirrhosis, alcoholic": alcoholic; "alcohol, alcoholic" names one thing twice: none)."""
    forms = [" ".join(f.split()) for f in term.split(",")]
    first = forms[0].lower()
    return tuple(f for f in forms[1:] if names_cause(f) and not f.lower().startswith(first[:4]))
