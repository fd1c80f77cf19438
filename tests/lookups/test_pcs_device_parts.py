"""A device put in, taken out or changed with no body part said, its kind, and a body part written as one word.

- pcs_device_parts: the Index's device main term lists the body parts each device operation is done in
  ("Contraceptive Device - Removal of device from - Subcutaneous Tissue and Fascia ...; Uterus and Cervix 0UPD");
  the Device Key names the body system a device's common name is used in ("Intrauterine device (IUD) - use
  Contraceptive Device in Female Reproductive System"), which leaves one body part.
- pcs_device_kinds: "Endotracheal tube - use Intraluminal Device, Endotracheal Airway in Respiratory System": the
  kind after the comma is the device value where the table offers it (0BH: Endotracheal Airway, E).
- pcs_value_words: "Toe Nail", "Finger Nail" are body part values English writes as one word.
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.search import find_codes


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # Device Key "Intrauterine device (IUD) - use Contraceptive Device in Female Reproductive System";
        # "Contraceptive Device, Removal of device from": of its body parts only Uterus and Cervix (0UPD) is
        # in that body system (the others are Subcutaneous Tissue and Fascia, 0JP); the hysteroscope is Via
        # Natural or Artificial Opening Endoscopic
        ("hysteroscopic removal of intrauterine device", "0UPD8HZ"),
        # Device Key "Endotracheal tube (cuffed)(double-lumen) - use Intraluminal Device, Endotracheal Airway":
        # table 0BH offers both Intraluminal Device (D) and Endotracheal Airway (E); the kind is the value
        ("endotracheal tube placed", "0BH17EZ"),
        # "Excision, Skin and Nails" body part value "Toe Nail" (0HBR), "Finger Nail" (0HBQ): the closed compound
        ("excision of left toenail", "0HBRXZZ"),
        ("excision of fingernail", "0HBQXZZ"),
    ],
)
def test_device_and_body_part_read_from_the_pcs_index(codebook: CodeBook, query: str, wanted: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted


def test_a_visit_for_a_device_taken_out_keeps_its_encounter_code(codebook: CodeBook) -> None:
    # "Removal (from) (of) ... intrauterine contraceptive device Z30.432": a visit told by its reason only is
    # the encounter (the device's PCS line is read only where the procedure wins on its own)
    hits = find_codes(codebook, "IUD removal", limit=5)
    assert hits[0].code == "Z30.432"


def test_a_device_named_with_its_operation_reaches_the_device_code(codebook: CodeBook) -> None:
    # A device the Device Key names ("Intrauterine device (IUD)") with a root operation said ("removal"): the
    # PCS Index is walked apart, so the encounter's path does not bound the device's line away
    # ("Contraceptive Device, Removal of device from, Uterus and Cervix"): the procedure is among the answers
    # beside the visit's reason (Z30.432)
    hits = find_codes(codebook, "removal of intrauterine device with ring forceps", limit=5)
    assert "0UPDXHZ" in [h.code for h in hits]
