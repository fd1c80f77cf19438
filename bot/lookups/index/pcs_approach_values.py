"""Every approach character of a table named by its official value, whatever the titles let the data build read.

ICD-10-PCS gives the fifth character one set of values across the sections whose fifth character is the
approach (Medical and Surgical, Obstetrics, Placement, Administration, Measurement and Monitoring, Osteopathic,
Other Procedures, Chiropractic, New Technology): 0 Open, 3 Percutaneous, 4 Percutaneous Endoscopic, 7 Via Natural
or Artificial Opening, 8 Via Natural or Artificial Opening Endoscopic, F Via Natural or Artificial Opening With
Percutaneous Endoscopic Assistance, X External (the approach definitions). The table axes the data build reads
from the code titles leave some of them unnamed (a blank meaning: "Extraction of Upper Tooth, Single, External
Approach" gave 0CD's X none) or out (0B1 has no row for its 8, "Bypass Trachea to Esophagus ... Via Natural or
Artificial Opening Endoscopic"). An approach with no name costs nothing in the completion where every named one
the query does not say costs a point, so the unnamed one came first whenever the query named no approach
("tracheostomy" -> 0B118D6, the Via Natural or Artificial Opening Endoscopic bypass to the esophagus). Here each
such character gets its official name, so every approach is weighed alike.
"""

from __future__ import annotations

from collections.abc import Iterable

APPROACH = 5
APPROACH_NAMES = {
    "0": "Open",
    "3": "Percutaneous",
    "4": "Percutaneous Endoscopic",
    "7": "Via Natural or Artificial Opening",
    "8": "Via Natural or Artificial Opening Endoscopic",
    "F": "Via Natural or Artificial Opening With Percutaneous Endoscopic Assistance",
    "X": "External",
}


def named_approaches(
    meanings: dict[tuple[int, str], str], codes: Iterable[str], sections: frozenset[str]
) -> dict[tuple[int, str], str]:
    """`meanings` with each approach character its codes use named by the official value where the table's
    axes leave it blank or out (a new dict only when one is added; the sections whose fifth character is the
    approach only)."""
    added: dict[tuple[int, str], str] = {}
    for code in codes:
        if len(code) < APPROACH or code[0] not in sections:
            continue
        key = (APPROACH, code[APPROACH - 1])
        if key not in added and not meanings.get(key) and key[1] in APPROACH_NAMES:
            added[key] = APPROACH_NAMES[key[1]]
    return {**meanings, **added} if added else meanings
