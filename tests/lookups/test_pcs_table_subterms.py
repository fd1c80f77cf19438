"""A PCS Index line sending on only by subterms naming tables reads the subterm whose table holds the body
part said (pcs_table_subterms).

"Crushing, nerve - Cranial see Destruction, Central Nervous System and Cranial Nerves 005; Peripheral see
Destruction, Peripheral Nervous System 015": a coder reading "phrenic nerve crush" takes Peripheral, because the
Phrenic Nerve is a body part value of table 015 and of no table 005.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # "Crushing, nerve - Peripheral see Destruction, Peripheral Nervous System 015": the Phrenic Nerve is a
        # body part value of 015, not of 005 (the Cranial subterm's table)
        ("phrenic nerve crush, open", "01520ZZ"),
        # "Synovectomy - Upper joint see Excision, Upper Joints 0RB": the Left Elbow Joint is a body part value
        # of 0RB, not of 0SB (the Lower joint subterm's table)
        ("synovectomy of the left elbow, open", "0RBM0ZZ"),
        # "Evisceration - Eyeball see Resection, Eye 08T" (the subterm adding no word unsaid, before
        # "Eyeball with prosthetic implant see Replacement, Eye 08R")
        ("evisceration of the left eye contents, no implant", "08T1XZZ"),
    ],
)
def test_the_subterm_whose_table_holds_the_body_part(codebook: CodeBook, query: str, wanted: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted


def test_subterms_naming_a_kind_of_study_are_not_chosen_by_the_body_part(codebook: CodeBook) -> None:
    # "Guidance, catheter placement - EKG see Measurement 4A0; Fluoroscopy see Fluoroscopy, Veins B51;
    # Ultrasound see Ultrasonography, Veins B54": a kind of guidance, not a body system; a vein said does not
    # make the placement a fluoroscopy
    hits = find_codes(codebook, "PICC placement right basilic vein", limit=10)
    assert not any("Guidance, catheter placement" in h.why for h in hits)
