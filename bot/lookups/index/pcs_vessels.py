"""A clot taken out of a vessel is taken out of an artery unless the query says a vein.

ICD-10-PCS codes an embolectomy or a thrombectomy to Extirpation (the PCS Index: "Embolectomy - see
Extirpation", "Thrombectomy - see Extirpation") of the vessel the clot is in, and the Index holds the vessels
below the grouping lines "Artery" and "Vein" ("Extirpation, Artery, Femoral, Right 04CK"). The chart names the
vessel by its place alone ("right femoral thrombectomy", "left popliteal embolectomy", "brachial
embolectomy"), and the same place words meet other lines below Extirpation ("Femoral Shaft", "Nerve,
Femoral", "Brachial Plexus"), where no clot lies. An embolus lodges in an artery (it travels with the blood
until a narrowing artery stops it), and a thrombectomy named by a limb's vessel without "vein" is the
arterial one a surgeon does for an acute ischemic limb; a venous thrombectomy says its vein ("femoral vein",
"venous", "DVT"). So the clot-removal word is also read as "artery" in the PCS Index walk and the table
completion, unless the query names a vein.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.lookups.index.words import stem

CLOT_TAKING = frozenset(
    stem(w) for w in ("embolectomy", "thrombectomy", "thromboembolectomy", "embolectomies", "thrombectomies")
)
# A vessel said ("femoral artery", "femoral vein", "venous") or a line holding the clot itself (an AV graft or
# fistula) leaves the walk to the query's own words.
VESSEL_SAID = frozenset(
    stem(w)
    for w in ("artery", "arteries", "arterial", "vein", "veins", "venous", "dvt", "sinus", "graft", "fistula")
)
ARTERY = ["artery"]


def clot_vessel_words(words: Sequence[str]) -> dict[str, list[str]]:
    """The query's embolectomy or thrombectomy word read as "artery" when the query names no vessel of its
    own (an artery, a vein, a graft or a fistula); nothing otherwise."""
    said = {stem(w) for w in words}
    if not said & CLOT_TAKING or said & VESSEL_SAID:
        return {}
    return {w: ARTERY for w in words if stem(w) in CLOT_TAKING}
