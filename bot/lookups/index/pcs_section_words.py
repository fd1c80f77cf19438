"""The words of an ICD-10-PCS section's name, said in the query, are used by a code of that section.

The first character of an ICD-10-PCS code is its section, and the PCS Tables head each section by its name
("Mental Health", "Physical Rehabilitation and Diagnostic Audiology", "Measurement and Monitoring",
"Chiropractic"). A coder reading "crisis intervention session, mental health" finds Crisis Intervention in the
Index (GZ2ZZZZ) and reads "mental health" as the section the code is in, not as words left unexplained; the
title of a code of those sections never prints its section's name ("Crisis Intervention"), so the name is read
with the code. Medical and Surgical (0) and New Technology (X) are left out: their names' words ("surgical",
"new") are said of every kind of procedure and name no section a query asks for.
"""

from __future__ import annotations

from bot.lookups.index.words import content_stems

# Section character -> the section's name, as the ICD-10-PCS Tables print it (ancillary_sections reads its
# ancillary sections' names from here).
SECTIONS = {
    "1": "Obstetrics",
    "2": "Placement",
    "3": "Administration",
    "4": "Measurement and Monitoring",
    "5": "Extracorporeal or Systemic Assistance and Performance",
    "6": "Extracorporeal or Systemic Therapies",
    "7": "Osteopathic",
    "8": "Other Procedures",
    "9": "Chiropractic",
    "B": "Imaging",
    "C": "Nuclear Medicine",
    "D": "Radiation Therapy",
    "F": "Physical Rehabilitation and Diagnostic Audiology",
    "G": "Mental Health",
    "H": "Substance Abuse Treatment",
}
_STEMS = {char: content_stems(name) - content_stems("other") for char, name in SECTIONS.items()}


def used_section_words(code: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The query's words that name the section of a PCS code ("mental", "health" for GZ2ZZZZ)."""
    return _STEMS.get(code[:1].upper(), frozenset()) & query_stems if len(code) == 7 else frozenset()
