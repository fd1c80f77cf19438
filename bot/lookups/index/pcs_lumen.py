"""The approach a root operation done inside a lumen takes when the query names none: the way into that lumen.

ICD-10-PCS approach definitions: Percutaneous is "entry, by puncture or minor incision, of instrumentation
through the skin or mucous membrane and any other body layers necessary to reach the site of the procedure";
Via Natural or Artificial Opening is "entry of instrumentation through a natural or artificial external opening
to reach the site of the procedure". Some root operations are done from inside a tubular body part, so their
instrument enters where that lumen is entered, and a coder reads the approach from the body part when the note
says none:

1. Dilation ("expanding an orifice or the lumen of a tubular body part"): the balloon, bougie or sound is passed
   along the lumen. A lumen that opens to the outside (the airway, the digestive and urinary tracts, the
   eustachian tube, the lacrimal duct, the female genital tract) is entered by its own opening - the table shows
   it by offering Via Natural or Artificial Opening - so "balloon dilation of the left eustachian tube" is 097G7ZZ
   (a scope said makes it 8), not the table's first row, Open. A vessel has no opening to the outside and is
   entered by a needle puncture (bot.lookups.index.pcs_angioplasty).
2. Destruction inside the heart or a vessel (an ablation of the conduction tissue, an endovenous ablation of a
   saphenous vein): the energy is delivered by a catheter put in the vessel through the skin, Percutaneous
   ("radiofrequency ablation left great saphenous vein" -> 065Q3ZZ), as a device put in a vessel is (completion.
   VESSEL_INSERTIONS). An open ablation (a surgical maze) is said "open".
3. An ablation elsewhere (radiofrequency, microwave, cryoablation of a liver, kidney, lung or bone lesion, a
   nerve) is done by a probe put through the skin into the part - Percutaneous - unless the note says open or
   a scope; where the Destruction table offers the External approach (the skin, the eye, the mouth, the anus),
   the ablation may be done on the surface, and the table's own order stands.

The only lists are the PCS character values themselves (the root operations and the circulatory body systems)
and the word ablation's own stem.
"""

from __future__ import annotations

from collections.abc import Collection

MEDICAL_SURGICAL = "0"
DILATION = "7"
DESTRUCTION = "5"
NATURAL_OPENING = "7"
NATURAL_OPENING_ENDOSCOPIC = "8"
# Heart and great vessels, upper and lower arteries, upper and lower veins.
CIRCULATORY_SYSTEMS = frozenset("23456")
# The approach order for a lumen entered by its own opening: through it, with a scope through it, then by
# puncture, and only last by cutting.
APPROACHES_BY_OPENING = (NATURAL_OPENING, NATURAL_OPENING_ENDOSCOPIC, "3", "4", "0", "X")


def by_own_opening(table: str, offered: Collection[str]) -> bool:
    """Whether a table is a Dilation of a lumen that opens to the outside (it offers Via Natural or Artificial
    Opening), whose dilator goes in by that opening when no approach is said."""
    table = table.upper()
    return (
        len(table) >= 3
        and table[0] == MEDICAL_SURGICAL
        and table[2] == DILATION
        and NATURAL_OPENING in offered
    )


def ablated_by_catheter(table: str) -> bool:
    """Whether a table is a Destruction of the heart or a vessel, done through a catheter in its lumen."""
    table = table.upper()
    return (
        len(table) >= 3
        and table[0] == MEDICAL_SURGICAL
        and table[1] in CIRCULATORY_SYSTEMS
        and table[2] == DESTRUCTION
    )


EXTERNAL = "X"
ABLATION = "ablat"  # ablation, ablate, ablated, cryoablation, thermoablation


def ablated_by_probe(table: str, offered: Collection[str], query_stems: Collection[str]) -> bool:
    """Whether the query says an ablation and the table is a Destruction of a part reached only beneath the
    surface (no External approach offered): the probe goes in through the skin."""
    table = table.upper()
    return (
        len(table) >= 3
        and table[0] == MEDICAL_SURGICAL
        and table[2] == DESTRUCTION
        and EXTERNAL not in offered
        and any(ABLATION in s for s in query_stems)
    )
