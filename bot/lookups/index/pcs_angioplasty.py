"""An angioplasty as a coder codes it: through a catheter, and with a plain balloon unless a coating is said.

1. Dilation of a heart or great vessel, an upper or lower artery or vein (tables 027, 037, 047, 057, 067) is
   done through a catheter put in the vessel by a needle puncture ("balloon angioplasty of the left
   superficial femoral artery", "venoplasty of the brachiocephalic vein"): with no approach said, the
   approach is Percutaneous, as for a device put in a vessel (completion.VESSEL_INSERTIONS). An open
   dilation is said "open".
2. Every angioplasty dilates with a balloon: the word "balloon" names the Dilation, not its qualifier. The
   qualifier "Drug-Coated Balloon" is said by its coating ("drug-coated balloon", "DCB", "paclitaxel-coated");
   a "balloon angioplasty" with no coating said is No Qualifier.
"""

from __future__ import annotations

from bot.lookups.index.words import stem

# Dilation (7) of the vessels of Medical and Surgical: heart and great vessels, upper and lower arteries and veins.
ENDOVASCULAR_TABLES = frozenset({"027", "037", "047", "057", "067"})
DILATION = "7"
BALLOON = stem("balloon")


def endovascular(table: str) -> bool:
    """Whether a table's procedures are done through a catheter in the vessel (read Percutaneous first)."""
    return table[:3].upper() in ENDOVASCULAR_TABLES


def balloon_unsaid(table: str, position: int, hit: set[str] | frozenset[str]) -> bool:
    """Whether a Dilation qualifier is matched by the word "balloon" alone (the tool of every dilation, which
    says no coating)."""
    return (
        position == 7
        and len(table) >= 3
        and table[0] == "0"
        and table[2] == DILATION
        and set(hit) == {BALLOON}
    )
