"""Patient identifiers for the PHI tests, each with the part that identifies someone (what a leak scan looks for).

The values are made up and differ from the examples in the PHI guard's own messages ("123-45-6789 pattern"),
so a scan that finds them found user data, not the app's explanation of what it refused.
"""

from __future__ import annotations

import re

# (text as typed, the identifying part)
IDENTIFIERS: tuple[tuple[str, str], ...] = (
    ("SSN 219-09-9999", "219-09-9999"),
    ("078-05-1120", "078-05-1120"),
    ("ssn: 536 22 8726", "536 22 8726"),
    ("Social Security No. 432-11-8765", "432-11-8765"),
    ("DOB 07/14/1958", "07/14/1958"),
    ("D.O.B. 7/14/58", "7/14/58"),
    ("born 1958-07-14", "1958-07-14"),
    ("date of birth: July 14, 1958", "July 14, 1958"),
    ("birthdate 14 Jul 1958", "14 Jul 1958"),
    ("(617) 555-0143", "555-0143"),
    ("617.555.0143", "617.555.0143"),
    ("+1 617 555 0143", "617 555 0143"),
    ("call 6175550143", "6175550143"),
    ("maria.gonzalez@example.org", "maria.gonzalez@example.org"),
    ("jdoe1958@mail.example.com", "jdoe1958@mail.example.com"),
    ("742 Evergreen Terrace", "742 Evergreen Terrace"),
    ("1600 Pennsylvania Avenue", "1600 Pennsylvania Avenue"),
    ("PO Box 4471", "Box 4471"),
    ("lives at 12 N Elm St.", "12 N Elm St"),
    ("MRN 00482915", "00482915"),
    ("MRN: A77321", "A77321"),
    ("MR# 5566778", "5566778"),
    ("medical record number 99120034", "99120034"),
    ("patient Maria Gonzalez", "Maria Gonzalez"),
    ("Pt: Henry Whitfield", "Henry Whitfield"),
    ("Patient name: Lucia Moreno", "Lucia Moreno"),
    ("Mrs. Whitfield", "Whitfield"),
    ("Mr. Okonkwo", "Okonkwo"),
)

# Names in running text with no label the guard keys on ("patient", "Mr.", "name:").
NAMES_IN_PROSE: tuple[tuple[str, str], ...] = (
    ("the patient, Maria Gonzalez, was seen", "Maria Gonzalez"),
    ("pt maria gonzalez", "maria gonzalez"),
    ("spoke with the patient's wife Anna Whitfield", "Anna Whitfield"),
    ("Maria Gonzalez was admitted on 11/02", "Maria Gonzalez"),
)

NEEDLES: tuple[str, ...] = tuple(needle for _, needle in IDENTIFIERS + NAMES_IN_PROSE)
TOKEN = re.compile(r"\b(?:xox[abpre]|xapp)-[A-Za-z0-9-]+")


def in_sentence(identifier: str) -> str:
    """The identifier inside ordinary clinical text, as someone would paste it."""
    return f"Please review the anemia work-up, {identifier}; Hgb 7.1 g/dL on day 2."


def found_needles(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]
