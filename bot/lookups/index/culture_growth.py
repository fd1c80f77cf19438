"""A culture or swab told as growing an organism -> the Index's "Positive, culture, <site>" line (carrier lines).

The Index lists a positive culture by its specimen under Positive, culture ("nose", "throat scrapings",
"sputum", "urine" ...), and below "nose" the organism a carrier grows: "Positive, culture, nose,
staphylococcus" Z22.321, "..., Methicillin resistant" Z22.322 (the carrier of the organism, guideline
I.C.21.c.3). Labs and nurses tell the result with a verb: "nose swab grew MRSA, no infection", "nasal screen
positive for staph", "nares cx + MRSA". `read_growth` says such a sentence in the Index's words ("positive
culture nose MRSA"); the search keeps the reading only when a carrier (Z22) line answers it, so a culture told
beside an infection keeps its own reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GREW = re.compile(
    r"^(?P<before>.*?)\b(?P<site>[a-z]+)\s+(?:swab|culture|cx|screen|screening|pcr)\s+(?:was\s+|is\s+|came\s+back\s+)?"
    r"(?:grew|grows|growing|positive\s+for|pos\s+for|\+\s*for|\+|showed|shows|with)\s+(?P<what>.+)$"
)
# The specimen's everyday names, as the Index's "Positive, culture" subterm (a word of notation: nares are nose)
_SITES = {"nares": "nose", "nasal": "nose", "nose": "nose", "nostril": "nose"}


def may_read_growth(text: str) -> bool:
    """A cheap test of the words."""
    return re.search(r"\b(?:swab|culture|cx|screen|screening|pcr)\b", text.lower()) is not None


@dataclass(frozen=True)
class Growth:
    """A culture's growth in the Index's words, and the specimen it was taken from."""

    text: str
    site: str

    def used_by(self, code: str, why: str) -> bool:
        """Whether an answer is a carrier line reached through this specimen's Positive, culture line."""
        path = why.split(" -> ")[0].lower()
        return code.startswith("Z22") and f"culture, {self.site}" in path


def read_growth(text: str) -> Growth | None:
    """The sentence in the Index's words ("positive culture nose MRSA, no infection"), or None."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    grew = _GREW.match(low)
    if grew is None:
        return None
    site = _SITES.get(grew.group("site"), grew.group("site"))
    return Growth(f"{grew.group('before')}positive culture {site} {grew.group('what')}".strip(), site)
