"""A service told by the first unit of its time: "acupuncture, first 15 minutes", "IV hydration first hour".

CPT counts a timed service's first unit apart from each additional one: a primary code for the "initial 15
minutes" or the "first hour", an add-on code "each additional 15 minutes" (CPT's add-on convention; the
HCPCS Level II descriptors that parallel them print the same words, "first 30 minutes", "each additional 20
minutes"). ICD-10-PCS has no axis of time and ICD-10-CM codes no service, so a query saying the first unit of
a service's time asks for the CPT code of the service, whatever its noun (bot.lookups.index.cpt_kinds reads a
person, a story, a finding or a reason first: those keep it a diagnosis).
"""

from __future__ import annotations

import re

_FIRST_UNIT = re.compile(
    r"\b(?:first|initial)\s+(?:\d+\s*(?:min|mins|minutes?|hours?|hrs?)\b|(?:one\s+)?hour\b)"
)


def says_first_unit(text: str) -> bool:
    """Whether the text says the first unit of a service's time ("first 15 minutes", "initial 30 min",
    "first hour")."""
    return bool(_FIRST_UNIT.search(text.lower()))
