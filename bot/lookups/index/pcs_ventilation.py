"""A ventilator said with how long it ran is the procedure Respiratory Ventilation, not a dependence status.

ICD-10-PCS codes mechanical ventilation by its consecutive duration (5A19: "Less than 24", "24-96", "Greater
than 96 Consecutive Hours"), and the chart says it in the ward's words: "on the vent 36 hours", "vent for 5
days", "vent support 3 days", "ventilated for 30 hours". A count of hours or days the machine ran is the
episode a coder codes (Performance, Respiratory), where "on the vent" alone, "vent dependent" or "on home vent"
is the patient's reliance on it (Dependence, on, ventilator Z99.11; bot.lookups.index.circumstances). So,
when the ventilator's word is said with a counted duration, it is read as the PCS Index's "Mechanical
ventilation" and the duration kept for the table's range (bot.lookups.index.completion.said_hours).
"""

from __future__ import annotations

import re

# The ventilator's words: "on the vent", "vent support", "mechanically ventilated", "on ventilator".
VENTILATOR = re.compile(
    r"\b(?:(?:on|placed\s+on|kept\s+on)\s+(?:the\s+|a\s+)?)?(?:mechanical(?:ly)?\s+)?"
    r"(?:vent|ventilator|ventilated|ventilation)(?:\s+support)?\b"
)
# A duration counted in hours or days (the 5A19 ranges).
DURATION = re.compile(r"\b\d+\s*(?:hours?|hrs?|days?)\b")
# Reliance on the machine, at home or for good (the status, left to the dependence reading), or a condition the
# ventilator brought ("ventilator associated pneumonia after 3 days on the vent", "failed to wean"): no episode.
RELIANCE = re.compile(
    r"\b(?:dependen\w*|home|chronic\w*|status|baseline|24/7|trach\w*\s+collar|associated|pneumonia|vap|"
    r"wean\w*|complication|malfunction|failure|injury|barotrauma|history|hx)\b"
)


def read_ventilation(text: str) -> str:
    """The query with a ventilator said beside a counted duration read as "mechanical ventilation" ("vent for
    5 days" -> "mechanical ventilation 5 days"); the query as it was otherwise."""
    lowered = text.lower()
    if not DURATION.search(lowered) or RELIANCE.search(lowered):
        return text
    found = VENTILATOR.search(lowered)
    if found is None or found.group(0) == "mechanical ventilation":
        return text
    # ("for 5 days" is how long, no purpose an item is named for: the "for" goes)
    rest = re.sub(r"^\s+for\b", "", text[found.end() :])
    return f"{text[: found.start()]}mechanical ventilation{rest}"
