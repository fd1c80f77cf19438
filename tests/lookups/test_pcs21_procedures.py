"""Procedures of round 21 (issue #10): a PCS Index reference printing a table names a body system
(pcs_body_systems); a dislocation reduced is the Reposition of its joint (pcs_joints); a spinal fusion's levels
count its joints and its initials say the column (pcs_spine); a stoma is a Bypass to Cutaneous (pcs_stoma); a clot is in an artery unless
a vein is said (pcs_vessels); a skin graft's source and thickness (pcs_grafts)."""

from __future__ import annotations

import pytest

from bot.lookups.codebook import CodeBook
from bot.lookups.index.pcs_spine import fusion_level_words
from bot.lookups.search import find_codes


def _first(codebook: CodeBook, query: str) -> str:
    hits = find_codes(codebook, query, limit=3)
    return hits[0].code if hits else ""


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Endarterectomy - see Extirpation, Upper Arteries 03C / Lower Arteries 04C": the table's body part
        # row the query names, not the catch-all line "Extirpation, Artery, Upper 03CY".
        ("open left femoral endarterectomy", "04CL0ZZ"),
        ("left popliteal endarterectomy", "04CN0ZZ"),
        ("endarterectomy right internal carotid artery", "03CK0ZZ"),
    ],
)
def test_a_reference_printing_a_table_is_completed_from_the_table(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Reduction, Dislocation - see Reposition": the joint's line is below "Joint", which no chart says.
        ("closed reduction left elbow dislocation", "0RSMXZZ"),
        ("closed reduction right shoulder dislocation", "0RSJXZZ"),
        ("left knee dislocation", "S83.105A"),  # the injury alone stays the injury
    ],
)
def test_a_dislocation_reduced_is_the_reposition_of_its_joint(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


def test_fusion_levels_count_the_joints_and_name_the_region() -> None:
    assert fusion_level_words(["lumbar", "fusion", "l2-l5"]) == {
        "l2-l5": ["lumbar", "vertebral", "2", "more"]
    }
    assert fusion_level_words(["fusion", "t2", "to", "t11"]) == {"t2": ["thoracic", "vertebral", "8", "more"]}
    assert fusion_level_words(["fusion", "c7-t1"]) == {"c7-t1": ["cervicothoracic", "vertebral"]}
    assert fusion_level_words(["laminectomy", "l4-l5"]) == {}  # no fusion said
    plif = fusion_level_words(["fusion", "lumbar", "interbody", "l4-5"], ["plif"])
    assert plif["interbody"] == ["anterior", "column"] and plif["fusion"] == ["posterior"]


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("lumbar fusion L2-L5 posterior with allograft", "0SG10K1"),  # three joints; another's bone
        ("cervical fusion C4-C6 anterior with cage", "0RG20A0"),  # two joints; the cage
        ("thoracic fusion T2-T11 posterior", "0RG80J1"),  # nine joints
        ("TLIF L3-L5", "0SG10AJ"),  # from behind, the anterior column
        ("lumbar fusion L5-S1 with autograft posterior", "0SG3071"),
    ],
)
def test_a_spinal_fusion_is_coded_by_its_levels_device_and_column(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # "Colostomy - see Bypass, Gastrointestinal System 0D1": the stoma ends at the skin, not in the organ.
        ("open end colostomy sigmoid", "0D1N0Z4"),
        ("loop colostomy transverse colon", "0D1L0Z4"),
        ("cutaneous ureterostomy right open", "0T160ZD"),
    ],
)
def test_a_stoma_made_from_one_organ_is_a_bypass_to_the_skin(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # An image-guided procedure is done through a needle or catheter; an external fixator's pins through
        # the skin: Percutaneous, not the Open row the table lists first.
        ("CT guided drainage of pelvic abscess with drain", "0W9J30Z"),
        ("external fixator placed on left femoral shaft", "0QH935Z"),
    ],
)
def test_an_image_guided_procedure_is_percutaneous(codebook: CodeBook, query: str, want: str) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # A device the query does not choose between: the plainest title ("with Synthetic Substitute").
        ("right total hip replacement uncemented", "0SR90JA"),
        ("right total hip arthroplasty cemented", "0SR90J9"),
    ],
)
def test_a_device_not_said_is_the_plainest(codebook: CodeBook, query: str, want: str) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # The clot is in the artery the place names ("Extirpation, Artery, Brachial"), not the Brachial Plexus.
        ("right brachial embolectomy", "03C70ZZ"),
        ("left popliteal embolectomy", "04CN0ZZ"),
        ("thrombectomy left femoral vein", "06CN0ZZ"),  # a vein said keeps its vein
        # Solid matter stuck in a passage is taken out: Extirpation, not the Removal of a device.
        ("EGD with removal of coin from esophagus", "0DC58ZZ"),
    ],
)
def test_matter_taken_out_of_a_vessel_or_a_passage(codebook: CodeBook, query: str, want: str) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # The patient's own skin, partial thickness when split; another source said is its own device.
        ("split thickness skin autograft to right upper leg", "0HRHX74"),
        ("full thickness skin graft to face", "0HR1X73"),
        ("skin graft right thigh with cadaver allograft", "0HRHXK3"),
    ],
)
def test_a_skin_graft_is_autologous_and_split_is_partial_thickness(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


def test_a_short_combining_form_is_read_with_the_suffix_letters_its_root_row_holds(
    codebook: CodeBook,
) -> None:
    # "vasect" (root: vas deferens): "vas" alone is too short a form to be a root row of its own.
    assert _first(codebook, "vasectomy bilateral") == "0VBQ0ZZ"


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # A PCS Index main term printing its own code is a procedure asked for by name, beside the reason
        # and a word the reading does not use.
        ("adult circumcision for phimosis", "0VTTXZZ"),
        ("mediastinoscopy for lymphoma staging", "0WJC4ZZ"),
    ],
)
def test_a_main_term_with_its_own_code_is_a_procedure_asked_for(
    codebook: CodeBook, query: str, want: str
) -> None:
    assert _first(codebook, query) == want


@pytest.mark.parametrize(
    ("query", "want"),
    [
        # The chart's forearm, thigh, calf: the tables' Lower Arm, Upper Leg, Lower Leg.
        ("split thickness skin graft to left forearm, own skin", "0HREX74"),
        ("punch biopsy skin right forearm", "0HBDXZX"),
    ],
)
def test_a_limb_segment_said_by_its_everyday_name(codebook: CodeBook, query: str, want: str) -> None:
    assert _first(codebook, query) == want
