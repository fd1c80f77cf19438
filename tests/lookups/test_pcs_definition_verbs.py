"""A lay verb done to a body part reads as the root operations whose definitions begin with it
(pcs_definition_verbs).

ICD-10-PCS root operation definitions (section 0): Release "Freeing a body part from an abnormal physical
constraint ...", Division "Cutting into a body part ... in order to separate or transect a body part",
Excision "Cutting out or off, without replacement, a portion of a body part", Transfer "Moving, without taking
out, all or a portion of a body part to another location ..." (guideline B3.1a: the root operation is chosen by
its definition).
"""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_definition_verbs import HEADS
from bot.lookups.search import find_codes


def test_the_definitions_leading_verbs_and_particles_are_read() -> None:
    verbs, particles = HEADS["excision"]
    assert "cut" in verbs and particles == {"out", "off"}
    assert "cut" in HEADS["division"][0] and HEADS["division"][1] == {"into"}
    assert "free" in HEADS["release"][0]
    assert "move" in HEADS["reposition"][0] and "move" in HEADS["transfer"][0]
    # (an act done to a device, solid matter, fluid or material is not read by a verb alone; nor is a
    # definition that begins with no verb: Destruction's "Physical eradication")
    for operation in (
        "removal",
        "extirpation",
        "drainage",
        "insertion",
        "replacement",
        "destruction",
        "change",
    ):
        assert operation not in HEADS


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # Release, Tendon, Hand, Right (0LN7): "freed" is WordNet's "free, liberate, release"
        ("freed up scarred flexor tendons in the right hand, open", "0LN70ZZ"),
        # Release, Nerve, Median (01N5)
        ("right median nerve freed at the wrist, open", "01N50ZZ"),
        # Transfer, Skin, Chest (0HX5XZZ): "Moving ... to another location to take over the function"
        ("local skin flap moved on the chest", "0HX5XZZ"),
        # Division, Nerve, Sciatic (018F): "Cutting into ... to separate or transect"
        ("cutting the left sciatic nerve, open", "018F0ZZ"),
        # Excision, Joint, Knee, Right (0SBC), percutaneous endoscopic: to shave is to cut, "out" Excision's
        ("scope shaving out damaged cartilage of the right knee joint", "0SBC4ZZ"),
        # the operation's own verb, its noun the root operation's name: excise + -ion (Excision, Skin, Lower
        # Arm, Left), destroy -> destruction (Destruction, Nerve, Sciatic)
        ("excised a lesion of the left forearm skin", "0HBEXZZ"),
        ("destroyed the left sciatic nerve, percutaneous", "015F3ZZ"),
    ],
)
def test_a_definition_verb_reaches_the_root_operation(codebook: CodeBook, query: str, wanted: str) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted
    assert "read by definition" in hits[0].why


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        # a participle before its noun describes it: Fracture, patella, displaced (not a Reposition)
        ("displaced fracture of right patella subsequent encounter", "S82.001D"),
        # a clause of time: the pain, not a Transfer of a shoulder muscle
        ("pain when moving my right shoulder", "M25.511"),
        # a past form is done to its subject: the earring was ripped, no body part pulled out (Extraction)
        ("earring ripped through left earlobe", "S01.312A"),
        # a participle before its noun describes it: the fistula drains (not a Drainage done)
        ("draining anal fistula on exam", "K60.30"),
        # "is closed off": the state the part is in (read in the query as typed), not an Occlusion done
        ("my vagina is closed off and narrowed", "N89.5"),
    ],
)
def test_a_verb_describing_or_telling_when_is_no_procedure(
    codebook: CodeBook, query: str, wanted: str
) -> None:
    hits = find_codes(codebook, query, limit=5)
    assert hits[0].code == wanted
    assert not any(h.system == "ICD-10-PCS" for h in hits[:3] if "read by definition" in h.why)
