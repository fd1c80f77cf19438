"""The eye's side said the way eye charts say it: OD (oculus dexter) the right eye, OS (oculus sinister) the
left eye, OU (oculus uterque) both eyes. "phaco with lens implant OS" is the Left Lens. These abbreviations
name an eye's side only, so they are read as right / left / bilateral only in the tables whose body parts are
the eye's (ICD-10-PCS body system 8, Eye, in Medical and Surgical and in Imaging), where "OD" is no overdose.
"""

from __future__ import annotations

from bot.lookups.index.words import stem

EYE_TABLES = ("08", "B8")  # Medical and Surgical, Eye; Imaging, Eye
EYE_SIDES = {stem("od"): stem("right"), stem("os"): stem("left"), stem("ou"): stem("bilateral")}


def eye_sides(table: str, query_stems: frozenset[str]) -> frozenset[str]:
    """The side stems an eye table's query says by OD / OS / OU (nothing in any other table)."""
    if not table.upper().startswith(EYE_TABLES):
        return frozenset()
    return frozenset(side for word, side in EYE_SIDES.items() if word in query_stems)
